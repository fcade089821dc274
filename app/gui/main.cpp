// balancebench: the desktop workbench. Thin: application setup, logging, arguments.

#include "icons.h"
#include "language.h"
#include "logging.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>
#include <QTimer>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace {

void setUpLogging()
{
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs");
    if (QDir().mkpath(dir)) {
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                (dir + QStringLiteral("/balancebench.log")).toStdString(), 5 * 1024 * 1024, 3));
        } catch (const spdlog::spdlog_ex &) {
            // Logging to a file is a convenience; stderr still works.
        }
    }
    auto log = std::make_shared<spdlog::logger>("bb", sinks.begin(), sinks.end());
    log->set_level(qEnvironmentVariableIsSet("BB_DEBUG") ? spdlog::level::debug : spdlog::level::info);
    log->flush_on(spdlog::level::warn);
    bb::installLogger(log);
}

// The value of --language CODE / --language=CODE, read before the parser exists so that its
// own help text is already in that language.
QString languageArgument(const QStringList &args)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--language") && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(QLatin1String("--language=")))
            return args[i].section(QLatin1Char('='), 1);
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BalanceBench"));
    QApplication::setOrganizationDomain(QStringLiteral("balancebench.org"));
    QApplication::setApplicationName(QStringLiteral("balancebench"));
    QApplication::setApplicationDisplayName(QStringLiteral("BalanceBench"));
    QApplication::setApplicationVersion(QStringLiteral(BB_VERSION));
    QApplication::setWindowIcon(bb::appIcon());
    setUpLogging();
    // Before any text is made, the argument help included. --language applies to this run only.
    const QString language = languageArgument(QApplication::arguments());
    bb::installTranslators(language.isEmpty() ? bb::savedLanguage() : language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Workbench for imbalanced image datasets."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("DATASET|PROJECT"),
                                 QApplication::translate("main", "A dataset folder or a project file to open."),
                                 QStringLiteral("[DATASET|PROJECT]"));
    QCommandLineOption theme(QStringLiteral("theme"), QApplication::translate("main", "light or dark."),
                             QStringLiteral("THEME"));
    parser.addOption(theme);
    QStringList codes;
    for (const bb::Language &l : bb::availableLanguages())
        codes.append(l.code);
    QCommandLineOption languageOption(QStringLiteral("language"),
                                      QApplication::translate("main", "User-interface language for this run (%1); "
                                                                      "by default the one chosen in View ▸ Language.")
                                          .arg(codes.join(QStringLiteral(", "))),
                                      QStringLiteral("CODE"));
    parser.addOption(languageOption);
    parser.process(app);

    bb::MainWindow window;
    if (parser.isSet(theme))
        window.setTheme(bb::themeFromString(parser.value(theme)));
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        const QString path = args.first();
        QTimer::singleShot(0, &window, [&window, path] { window.openPath(path); });
    }
    return app.exec();
}
