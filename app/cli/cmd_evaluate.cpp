#include "cliutil.h"
#include "commands.h"
#include "metrics.h"
#include "predictionexport.h"
#include "predictor.h"
#include "savefile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bb::cli {

QString reportText(const ClassificationReport &r)
{
    int w = 5;
    for (const QString &c : r.classes)
        w = std::max(w, int(c.size()));
    QString t = QStringLiteral("%1  %2  %3  %4  %5\n")
                    .arg(QStringLiteral("class"), -w)
                    .arg(QStringLiteral("precision"), 9)
                    .arg(QStringLiteral("recall"), 7)
                    .arg(QStringLiteral("f1"), 7)
                    .arg(QStringLiteral("support"), 7);
    for (const ClassMetrics &m : r.per_class)
        t += QStringLiteral("%1  %2  %3  %4  %5\n")
                 .arg(m.name, -w)
                 .arg(m.precision, 9, 'f', 4)
                 .arg(m.recall, 7, 'f', 4)
                 .arg(m.f1, 7, 'f', 4)
                 .arg(m.support, 7);
    t += QStringLiteral("\nmacro-F1 %1   accuracy %2   (%3 images)\n\nconfusion matrix (rows: true, columns: predicted)\n")
             .arg(r.macro_f1, 0, 'f', 4)
             .arg(r.accuracy, 0, 'f', 4)
             .arg(r.total);
    t += QString(w + 2, QLatin1Char(' '));
    for (const QString &c : r.classes)
        t += QStringLiteral("%1").arg(c.left(8), 9);
    t += QLatin1Char('\n');
    for (int i = 0; i < r.classes.size(); ++i) {
        t += QStringLiteral("%1  ").arg(r.classes[i], -w);
        for (int v : r.confusion[size_t(i)])
            t += QStringLiteral("%1").arg(v, 9);
        t += QLatin1Char('\n');
    }
    return t;
}

int cmdEvaluate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("A .bbmodel bundle."));
    parser.addPositionalArgument(QStringLiteral("TEST_DATASET"), QStringLiteral("Folder-per-class test images."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the report as JSON.")});
    parser.addOption({QStringLiteral("report"), QStringLiteral("Also write report.json, report.txt and predictions.csv to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Torch threads."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("test-time-flip"),
                      QStringLiteral("on: average the probabilities of each image and its mirror image; off: the image "
                                     "alone (default: what the model was trained with)."),
                      QStringLiteral("on|off")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Classifies every image of TEST_DATASET; classes are matched to the model's by "
                                               "folder name. Prints macro-F1, accuracy, per-class precision/recall/F1 and the "
                                               "confusion matrix."),
                                2, 2);
    if (rc >= 0)
        return rc;
    qint64 threads = 0;
    std::optional<bool> flip;
    if (!optionInt(parser, QStringLiteral("threads"), threads, 1, 256) || !optionOnOff(parser, QStringLiteral("test-time-flip"), flip))
        return ExitUsage;
    const QString model = parser.positionalArguments()[0], testRoot = parser.positionalArguments()[1];
    if (!QFileInfo(testRoot).isDir()) {
        printError(QStringLiteral("not a dataset folder: %1").arg(testRoot));
        return ExitFailure;
    }
    auto predictor = Predictor::load(model, int(threads));
    if (!predictor) {
        printError(predictor.error());
        return ExitFailure;
    }
    if (flip)
        predictor.value().setTestTimeFlip(*flip);
    // The workbench's evaluation too (core/predictionexport.h): both print the same numbers.
    TerminalJob job(QStringLiteral("evaluate"));
    auto evaluated = evaluateFolder(predictor.value(), testRoot, &job.control());
    job.finish();
    if (job.control().isCancelled()) {
        printError(QStringLiteral("cancelled"));
        return ExitInterrupted;
    }
    if (!evaluated) {
        printError(evaluated.error());
        return ExitFailure;
    }
    EvaluationResult &result = evaluated.value();
    result.model_path = QFileInfo(model).absoluteFilePath();
    if (!result.unknown_classes.isEmpty())
        printWarning(QStringLiteral("%1 test class(es) not in the model, their images not counted: %2")
                         .arg(result.unknown_classes.size())
                         .arg(quotedNames(result.unknown_classes)));
    QStringList absent; // model classes without a test image: no recall to measure
    for (int c = 0; c < result.report.classes.size(); ++c)
        if (result.report.per_class[size_t(c)].support == 0)
            absent << result.report.classes[c];
    if (!absent.isEmpty() && absent.size() < result.report.classes.size())
        printWarning(QStringLiteral("%1 model class(es) without test images, counted in macro-F1 only if predicted: %2")
                         .arg(absent.size())
                         .arg(quotedNames(absent)));
    for (const QJsonValue &f : result.failed)
        printWarning(QStringLiteral("%1: %2").arg(f[QLatin1String("path")].toString(), f[QLatin1String("error")].toString()));
    const QJsonObject json = result.toJson();
    if (parser.isSet(QStringLiteral("report"))) {
        const QString dir = parser.value(QStringLiteral("report"));
        QDir().mkpath(dir);
        // report.txt says what it is about; stdout keeps to the figures.
        for (const auto &[name, data] :
             {std::pair<QString, QByteArray>{QStringLiteral("report.json"), QJsonDocument(json).toJson()},
              {QStringLiteral("report.txt"), (result.header() + QLatin1Char('\n') + reportText(result.report)).toUtf8()},
              {QStringLiteral("predictions.csv"), result.predictionsCsv().toUtf8()}}) {
            const QString file = QDir(dir).filePath(name);
            if (const QString why = writeFileAtomically(file, data); !why.isEmpty()) {
                printError(QStringLiteral("cannot write %1: %2").arg(file, why));
                return ExitFailure;
            }
        }
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(QJsonDocument(json));
    else
        printOut(reportText(result.report));
    return ExitOk; // unreadable test images are reported above and in "failed"
}

} // namespace bb::cli
