// balancebench-cli: the headless front end over bb_core.

#include "cliutil.h"
#include "commands.h"
#include "logging.h"

#include <QCoreApplication>

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdio>
#include <functional>

namespace {

struct Command {
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
};

const std::vector<Command> &commands()
{
    static const std::vector<Command> kCommands = {
        {"demo-dataset", "Write the Fashion-MNIST demo dataset (folder per class, PNG)", bb::cli::cmdDemoDataset},
        {"scan", "Ingest a folder-per-class dataset into the project store", bb::cli::cmdScan},
        {"balance", "Stratified split, then balance the training split", bb::cli::cmdBalance},
        {"train", "Train the SupCon encoder and focal-loss head; write a model bundle", bb::cli::cmdTrain},
        {"evaluate", "Macro-F1, per-class metrics and confusion matrix on a test folder", bb::cli::cmdEvaluate},
        {"predict", "Classify image files and folders with a model bundle", bb::cli::cmdPredict},
        {"features", "Print pooled backbone features of images (JSON)", bb::cli::cmdFeatures},
        {"tsne", "Embed feature vectors (CSV) in 2-D with t-SNE", bb::cli::cmdTsne},
    };
    return kCommands;
}

void printUsage(FILE *to)
{
    std::fprintf(to, "Usage: balancebench-cli [--help] [--version] [--verbose] <command> [options]\n\n"
                     "Image classification workbench for imbalanced datasets (headless).\n\nCommands:\n");
    for (const Command &c : commands())
        std::fprintf(to, "  %-14s %s\n", c.name, c.summary);
    std::fprintf(to, "\nRun 'balancebench-cli <command> --help' for the options of a command.\n"
                     "Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.\n");
}

} // namespace

int main(int argc, char **argv)
{
    bb::cli::guardStandardStreams();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("balancebench"));
    QCoreApplication::setOrganizationName(QStringLiteral("BalanceBench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BB_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    auto log = spdlog::stderr_color_mt("bb-cli");
    log->set_pattern("balancebench-cli: %l: %v");
    log->set_level(spdlog::level::warn);
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString opt = args.takeFirst();
        if (opt == QLatin1String("--help") || opt == QLatin1String("-h")) {
            printUsage(stdout);
            return bb::cli::ExitOk;
        }
        if (opt == QLatin1String("--version") || opt == QLatin1String("-V")) {
            std::printf("balancebench-cli %s\n", BB_VERSION);
            return bb::cli::ExitOk;
        }
        if (opt == QLatin1String("--verbose") || opt == QLatin1String("-v")) {
            log->set_level(spdlog::level::debug);
            continue;
        }
        bb::cli::printError(QStringLiteral("unknown option '%1' (see --help)").arg(opt));
        return bb::cli::ExitUsage;
    }
    bb::installLogger(log);
    if (args.isEmpty()) {
        printUsage(stderr);
        return bb::cli::ExitUsage;
    }
    for (const Command &c : commands()) {
        if (args.first() == QLatin1String(c.name)) {
            const int rc = c.run(args);
            const QString cause = bb::cli::interruptionCause();
            if (rc == bb::cli::ExitInterrupted && !cause.isEmpty())
                std::fprintf(stderr, "balancebench-cli: %s was stopped by %s\n", c.name, cause.toUtf8().constData());
            return bb::cli::finishOutput(rc);
        }
    }
    bb::cli::printError(QStringLiteral("unknown command '%1' (see --help)").arg(args.first()));
    return bb::cli::ExitUsage;
}
