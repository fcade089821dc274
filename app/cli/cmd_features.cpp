#include "cliutil.h"
#include "commands.h"
#include "featureextractor.h"
#include "nn/backbonenames.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace bb::cli {

int cmdFeatures(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("IMAGE"), QStringLiteral("Image files."), QStringLiteral("IMAGE..."));
    parser.addOption({QStringLiteral("backbone"),
                      QStringLiteral("Backbone: %1 (default efficientnet_b0).").arg(backboneNames().join(QStringLiteral(", "))),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("weights"),
                      QStringLiteral("Backbone weights: torchvision state dict saved as a plain dict, TorchScript, or a run's "
                                     "checkpoints/best-encoder.pt (give the run's --backbone and --size)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Resize to SIZE x SIZE before normalising (default: keep)."),
                      QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Torch threads (default: torch's choice)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Init seed when no weights are given (default 0)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print [{\"path\", \"features\"}] as JSON (default: one line per image).")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Prints the pooled backbone features (before the attention gate) of each "
                                               "image, normalised with the ImageNet mean/std in RGB order."),
                                1, -1);
    if (rc >= 0)
        return rc;

    FeatureExtractorOptions opts;
    if (parser.isSet(QStringLiteral("backbone")))
        opts.backbone = parser.value(QStringLiteral("backbone"));
    if (!isBackboneName(opts.backbone)) {
        printError(QStringLiteral("features: unknown backbone '%1' (known: %2)")
                       .arg(opts.backbone, backboneNames().join(QStringLiteral(", "))));
        return ExitUsage;
    }
    opts.weights_path = parser.value(QStringLiteral("weights"));
    qint64 size = 0, threads = 0, seed = 0;
    if (!optionInt(parser, QStringLiteral("size"), size, 8, 4096)
        || !optionInt(parser, QStringLiteral("threads"), threads, 1, 256)
        || !optionInt(parser, QStringLiteral("seed"), seed, 0, std::numeric_limits<qint64>::max()))
        return ExitUsage;
    opts.input_size = int(size);
    opts.threads = int(threads);
    opts.seed = quint64(seed);

    if (opts.weights_path.isEmpty())
        printWarning(QStringLiteral("no --weights: these are the features of a randomly initialised %1 (seed %2)")
                         .arg(opts.backbone)
                         .arg(opts.seed));
    auto extractor = FeatureExtractor::create(opts);
    if (!extractor) {
        printError(extractor.error());
        return ExitFailure;
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray out;
    int failures = 0;
    for (const QString &path : parser.positionalArguments()) {
        auto features = extractor.value().extractFile(path);
        if (!features) {
            ++failures;
            if (json)
                out.append(QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("error"), features.error()}});
            else
                printError(QStringLiteral("%1: %2").arg(path, features.error()));
            continue;
        }
        if (json) {
            QJsonArray values;
            for (float v : features.value())
                values.append(double(v));
            out.append(QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("features"), values}});
        } else {
            QStringList values;
            values.reserve(int(features.value().size()));
            for (float v : features.value())
                values << QString::number(double(v), 'g', 9);
            printOut(path + QLatin1Char('\t') + values.join(QLatin1Char(' ')));
        }
    }
    if (json)
        printJson(QJsonDocument(out));
    return failures == 0 ? ExitOk : ExitFailure;
}

} // namespace bb::cli
