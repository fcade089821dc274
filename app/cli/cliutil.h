#pragma once
// Shared helpers for the CLI commands: parsing, exit codes, errors, progress bar, Ctrl-C.

#include "jobcontrol.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QString>

#include <optional>

#include <memory>

namespace bb::cli {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2, ExitInterrupted = 130 };

/// True once Ctrl-C (SIGINT) or SIGTERM was received during a TerminalJob's lifetime.
bool interrupted();
/// Which signal stopped the job ("SIGTERM (…)"), empty when none did.
QString interruptionCause();

/// Prints "balancebench-cli: error: <message>" on one line to stderr.
void printError(const QString &message);
void printWarning(const QString &message);
void printOut(const QString &text);
void printJson(const QJsonDocument &doc);
/// A command's exit status, made a failure (with a message) when its output could not be written
/// (stdout on a full disk or closed): results that never arrived are not a success.
int finishOutput(int rc);
/// Puts /dev/null on a closed stdin, stdout or stderr before any file is opened (first thing in
/// main); output then written to a closed stdout makes finishOutput() fail the command.
void guardStandardStreams();

/// Parses args for a command. Returns -1 to continue, otherwise the exit code to return
/// (0 after --help, 2 after a usage error, which has been printed).
int parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &description,
                 int minPositional, int maxPositional);

/// Parses an integer/double option value, printing a usage error on failure.
bool optionInt(const QCommandLineParser &parser, const QString &name, qint64 &out, qint64 min, qint64 max);
bool optionDouble(const QCommandLineParser &parser, const QString &name, double &out, double min, double max);
/// Parses an on/off option (on, off, true, false, 1, 0); `out` stays unset when it is not given.
bool optionOnOff(const QCommandLineParser &parser, const QString &name, std::optional<bool> &out);

/// A progress bar on stderr (only when stderr is a terminal) plus Ctrl-C -> job.cancel().
class TerminalJob {
public:
    explicit TerminalJob(QString label, bool quiet = false);
    ~TerminalJob();
    JobControl &control() { return m_control; }
    void finish();

private:
    void draw(const Progress &p);
    JobControl m_control;
    QString m_label;
    bool m_tty = false;
    bool m_drawn = false;
};

} // namespace bb::cli
