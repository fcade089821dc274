#include "cliutil.h"
#include "commands.h"
#include "predictionexport.h"
#include "predictor.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace bb::cli {

// predictionsJson()/predictionsCsv() live in core/predictionexport.h: the GUI exports the same files.

int cmdPredict(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("A .bbmodel bundle."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Image files or folders (searched recursively)."), QStringLiteral("PATH..."));
    parser.addOption({QStringLiteral("top-k"), QStringLiteral("Classes listed per image (default 3)."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("JSON output (default).")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("CSV output.")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Torch threads."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("test-time-flip"),
                      QStringLiteral("on: average the probabilities of each image and its mirror image; off: the image "
                                     "alone (default: what the model was trained with)."),
                      QStringLiteral("on|off")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Classifies images with the bundle's preprocessing. An unreadable file gets "
                                               "{\"path\", \"error\"} and the others still run. Exit status 1 only when no "
                                               "image could be classified."),
                                2, -1);
    if (rc >= 0)
        return rc;
    qint64 topK = 3, threads = 0;
    std::optional<bool> flip;
    if (!optionInt(parser, QStringLiteral("top-k"), topK, 1, 1000) || !optionInt(parser, QStringLiteral("threads"), threads, 1, 256)
        || !optionOnOff(parser, QStringLiteral("test-time-flip"), flip))
        return ExitUsage;
    if (parser.isSet(QStringLiteral("json")) && parser.isSet(QStringLiteral("csv"))) {
        printError(QStringLiteral("predict: choose one of --json and --csv"));
        return ExitUsage;
    }
    const QStringList pos = parser.positionalArguments();
    auto predictor = Predictor::load(pos.first(), int(threads));
    if (!predictor) {
        printError(predictor.error());
        return ExitFailure;
    }
    if (flip)
        predictor.value().setTestTimeFlip(*flip);
    // More classes than the model has would only add empty columns.
    topK = std::min<qint64>(topK, predictor.value().classes().size());
    const PredictionInputs inputs = collectPredictionInputs(pos.mid(1));
    TerminalJob job(QStringLiteral("predict"));
    std::vector<Prediction> preds = withMissingInOrder(
        predictor.value().predictFiles(inputs.files, int(topK), 64,
                                       [&](int done) {
                                           job.control().report(done, inputs.files.size());
                                           return !job.control().isCancelled();
                                       }),
        inputs);
    job.finish();
    int ok = 0;
    for (const Prediction &p : preds)
        ok += p.ok();
    if (parser.isSet(QStringLiteral("csv")))
        printOut(predictionsCsv(preds, int(topK)));
    else
        printJson(QJsonDocument(predictionsJson(preds)));
    if (ok == 0 && !preds.empty())
        printError(QStringLiteral("none of the %1 file(s) could be classified (the reasons are in the output)").arg(preds.size()));
    else if (ok < int(preds.size()))
        printWarning(QStringLiteral("%1 of %2 file(s) could not be classified").arg(int(preds.size()) - ok).arg(preds.size()));
    return (ok == 0 && !preds.empty()) || preds.empty() ? ExitFailure : ExitOk;
}

} // namespace bb::cli
