#include "language.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <algorithm>
#include <memory>

namespace bb {
namespace {

const QString kResourceDir = QStringLiteral(":/i18n");
const QString kSettingsKey = QStringLiteral("ui/language");

QString appCatalogue(const QString &code)
{
    return kResourceDir + QStringLiteral("/balancebench_%1.qm").arg(code);
}

QString nativeName(const QString &code)
{
    // CLDR names English after a territory ("American English"); the menu wants the language.
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    const QString name = QLocale(code).nativeLanguageName();
    return name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1);
}

struct Installed {
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
    QString code;
};

Installed &installed()
{
    static Installed i;
    return i;
}

void uninstall(std::unique_ptr<QTranslator> &t)
{
    if (t)
        QCoreApplication::removeTranslator(t.get());
    t.reset();
}

} // namespace

QList<Language> availableLanguages()
{
    QList<Language> out;
    const QStringList files = QDir(kResourceDir).entryList({QStringLiteral("balancebench_*.qm")}, QDir::Files);
    for (const QString &f : files) {
        const QString code = f.mid(int(qstrlen("balancebench_"))).chopped(3);
        out.append({code, nativeName(code)});
    }
    std::sort(out.begin(), out.end(), [](const Language &a, const Language &b) {
        const bool aEn = a.code == QLatin1String("en"), bEn = b.code == QLatin1String("en");
        return aEn != bEn ? aEn : a.code < b.code;
    });
    return out;
}

QString savedLanguage()
{
    return QSettings().value(kSettingsKey).toString();
}

void saveLanguage(const QString &code)
{
    QSettings().setValue(kSettingsKey, code);
}

QString resolveLanguage(const QString &code)
{
    const QList<Language> languages = availableLanguages();
    auto available = [&languages](const QString &c) {
        return std::any_of(languages.begin(), languages.end(), [&c](const Language &l) { return l.code == c; });
    };
    if (!code.isEmpty() && available(code))
        return code;
    // uiLanguages() lists BCP 47 names ("de-CH", "de", "en-US"); the catalogues are per language.
    for (const QString &ui : QLocale::system().uiLanguages()) {
        const QString language = ui.section(QLatin1Char('-'), 0, 0).toLower();
        if (available(language))
            return language;
    }
    return QStringLiteral("en");
}

QString installTranslators(const QString &code)
{
    Installed &i = installed();
    uninstall(i.app);
    uninstall(i.qt);
    const QString language = resolveLanguage(code);
    if (!code.isEmpty() && language != code)
        logger()->warn("no translation for language '{}'; using '{}'", toStd(code), toStd(language));

    auto app = std::make_unique<QTranslator>();
    if (app->load(appCatalogue(language)) && QCoreApplication::installTranslator(app.get()))
        i.app = std::move(app);
    else
        logger()->warn("cannot load the {} translation", toStd(language));

    // Qt's own strings (dialog buttons, file dialogs, context menus of text fields) are English
    // in the source, so English needs no catalogue.
    if (language != QLatin1String("en")) {
        const QString dir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_") + language, dir) && QCoreApplication::installTranslator(qt.get()))
            i.qt = std::move(qt);
        else
            logger()->info("no qtbase_{}.qm in {}: Qt's standard texts stay English", toStd(language), toStd(dir));
    }
    i.code = language;
    return language;
}

QString installedLanguage()
{
    return installed().code;
}

QString translateInto(const QString &code, const char *context, const char *sourceText)
{
    QTranslator t;
    QString text;
    if (t.load(appCatalogue(resolveLanguage(code))))
        text = t.translate(context, sourceText);
    return text.isEmpty() ? QString::fromUtf8(sourceText) : text;
}

} // namespace bb
