#include "cliutil.h"

#include <QCoreApplication>
#include <QTextStream>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace bb::cli {
namespace {

std::atomic<JobControl *> g_activeJob{nullptr};
std::atomic<bool> g_interrupted{false}; // sticky: a Ctrl-C between two jobs is not lost
std::atomic<int> g_signal{0};             // the first signal that stopped a job
int g_stdoutErrno = 0;                    // the first failed write to stdout (full disk, closed)
bool g_stdoutClosed = false;              // started with fd 1 closed (now /dev/null, see guardStandardStreams)

extern "C" void onSigint(int sig)
{
    int none = 0;
    g_signal.compare_exchange_strong(none, sig);
    g_interrupted.store(true);
    if (JobControl *job = g_activeJob.load())
        job->cancel();
}

} // namespace

bool interrupted()
{
    return g_interrupted.load();
}

QString interruptionCause()
{
    switch (g_signal.load()) {
    case SIGINT:
        return QStringLiteral("SIGINT (Ctrl-C)");
    case SIGTERM:
        return QStringLiteral("SIGTERM (sent by another process: kill, a service manager, a job scheduler)");
    default:
        return {};
    }
}

void printError(const QString &message)
{
    std::fprintf(stderr, "balancebench-cli: error: %s\n", message.toUtf8().constData());
    std::fflush(stderr);
}

void printWarning(const QString &message)
{
    std::fprintf(stderr, "balancebench-cli: warning: %s\n", message.toUtf8().constData());
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    if (g_stdoutClosed && g_stdoutErrno == 0)
        g_stdoutErrno = EBADF;
    const QByteArray utf8 = text.toUtf8();
    errno = 0;
    bool ok = std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout) == size_t(utf8.size());
    if (!text.endsWith(QLatin1Char('\n')))
        ok = std::fputc('\n', stdout) != EOF && ok;
    ok = std::fflush(stdout) == 0 && ok;
    if (!ok && g_stdoutErrno == 0)
        g_stdoutErrno = errno ? errno : EIO;
}

void guardStandardStreams()
{
    // A closed fd 0, 1 or 2 would be handed to the next file opened (a model, a report being
    // written), and output meant for the terminal would go into it.
    for (int fd = 0; fd <= 2; ++fd) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        const int nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (nul >= 0 && nul != fd) {
            dup2(nul, fd);
            close(nul);
        }
        if (fd == 1)
            g_stdoutClosed = true;
    }
}

int finishOutput(int rc)
{
    errno = 0;
    if ((std::fflush(stdout) != 0 || std::ferror(stdout)) && g_stdoutErrno == 0)
        g_stdoutErrno = errno ? errno : EIO;
    if (g_stdoutErrno == 0)
        return rc;
    printError(QStringLiteral("cannot write the output to standard output: %1").arg(QString::fromLocal8Bit(std::strerror(g_stdoutErrno))));
    return rc == ExitOk ? ExitFailure : rc;
}

void printJson(const QJsonDocument &doc)
{
    printOut(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

int parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &description,
                 int minPositional, int maxPositional)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("cli", "Show help for this command."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser names the executable's path; show "balancebench-cli <command>".
        const qsizetype eol = text.indexOf(QLatin1Char('\n'));
        QString usage = text.left(eol);
        const qsizetype opts = usage.indexOf(QLatin1String(" [options]"));
        usage = QStringLiteral("Usage: balancebench-cli %1%2").arg(args.value(0), opts >= 0 ? usage.mid(opts) : QString());
        text = usage + text.mid(eol);
        printOut(text);
        return ExitOk;
    }
    const int n = int(parser.positionalArguments().size());
    if (n < minPositional) {
        printError(QCoreApplication::translate("cli", "%1: missing argument (see '%1 --help')").arg(args.value(0)));
        return ExitUsage;
    }
    if (maxPositional >= 0 && n > maxPositional) {
        printError(QCoreApplication::translate("cli", "%1: unexpected argument '%2'")
                       .arg(args.value(0), parser.positionalArguments().value(maxPositional)));
        return ExitUsage;
    }
    return -1;
}

namespace {

// Reads option `name` as a number in [min, max]; `parse` converts the text (false = not a number).
template<typename T, typename Parse>
bool optionNumber(const QCommandLineParser &parser, const QString &name, T &out, T min, T max, const char *expected, Parse parse)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const T v = parse(parser.value(name), &ok);
    if (!ok || !(v >= min && v <= max)) {
        printError(QCoreApplication::translate("cli", expected).arg(name).arg(min).arg(max).arg(parser.value(name)));
        return false;
    }
    out = v;
    return true;
}

} // namespace

bool optionInt(const QCommandLineParser &parser, const QString &name, qint64 &out, qint64 min, qint64 max)
{
    return optionNumber(parser, name, out, min, max, QT_TRANSLATE_NOOP("cli", "--%1: expected an integer in [%2, %3], got '%4'"),
                        [](const QString &t, bool *ok) { return t.toLongLong(ok); });
}

bool optionDouble(const QCommandLineParser &parser, const QString &name, double &out, double min, double max)
{
    return optionNumber(parser, name, out, min, max, QT_TRANSLATE_NOOP("cli", "--%1: expected a number in [%2, %3], got '%4'"),
                        [](const QString &t, bool *ok) { return t.toDouble(ok); });
}

bool optionOnOff(const QCommandLineParser &parser, const QString &name, std::optional<bool> &out)
{
    if (!parser.isSet(name))
        return true;
    const QString v = parser.value(name).toLower();
    if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("1")) {
        out = true;
        return true;
    }
    if (v == QLatin1String("off") || v == QLatin1String("false") || v == QLatin1String("0")) {
        out = false;
        return true;
    }
    printError(QCoreApplication::translate("cli", "--%1: expected on or off, got '%2'").arg(name, parser.value(name)));
    return false;
}

TerminalJob::TerminalJob(QString label, bool quiet) : m_label(std::move(label))
{
    m_tty = !quiet && isatty(STDERR_FILENO);
    m_control.setProgressCallback([this](const Progress &p) { draw(p); }, 100);
    g_activeJob.store(&m_control);
    std::signal(SIGINT, onSigint);
    std::signal(SIGTERM, onSigint);
    if (g_interrupted.load())
        m_control.cancel();
}

TerminalJob::~TerminalJob()
{
    finish();
    g_activeJob.store(nullptr);
    // The handler stays installed (it only sets flags), so a Ctrl-C between two jobs is
    // remembered and the next job starts cancelled.
}

void TerminalJob::finish()
{
    if (m_drawn) {
        std::fputc('\n', stderr);
        std::fflush(stderr);
        m_drawn = false;
    }
}

void TerminalJob::draw(const Progress &p)
{
    if (!m_tty)
        return;
    const int width = 30;
    QString bar;
    if (p.total > 0) {
        const double frac = std::min(1.0, double(p.done) / double(p.total));
        const int filled = int(frac * width);
        bar = QStringLiteral("[%1%2] %3/%4")
                  .arg(QString(filled, QLatin1Char('#')), QString(width - filled, QLatin1Char('.')))
                  .arg(p.done)
                  .arg(p.total);
    } else {
        bar = QString::number(p.done);
    }
    const QString line = QStringLiteral("\r%1 %2  %3/s %4").arg(m_label, bar).arg(p.units_per_s, 0, 'f', 0).arg(p.message);
    std::fprintf(stderr, "%-100s", line.left(120).toUtf8().constData());
    std::fflush(stderr);
    m_drawn = true;
}

} // namespace bb::cli
