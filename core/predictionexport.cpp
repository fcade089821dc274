#include "predictionexport.h"

#include "csv.h"
#include "datasetscanner.h"
#include "jobcontrol.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

namespace bb {


QJsonArray predictionsJson(const std::vector<Prediction> &preds)
{
    QJsonArray out;
    for (const Prediction &p : preds) {
        if (!p.ok()) {
            out.append(QJsonObject{{QStringLiteral("path"), p.path}, {QStringLiteral("error"), p.error}});
            continue;
        }
        QJsonArray top;
        for (const ClassProbability &c : p.top)
            top.append(QJsonObject{{QStringLiteral("label"), c.label}, {QStringLiteral("probability"), c.probability}});
        out.append(QJsonObject{{QStringLiteral("path"), p.path},
                               {QStringLiteral("label"), p.label},
                               {QStringLiteral("probability"), p.probability},
                               {QStringLiteral("top"), top}});
    }
    return out;
}

QString predictionsCsv(const std::vector<Prediction> &preds, int topK)
{
    QString csv = QStringLiteral("path,label,probability");
    for (int k = 1; k <= topK; ++k)
        csv += QStringLiteral(",top%1_label,top%1_probability").arg(k);
    csv += QStringLiteral(",error\n");
    for (const Prediction &p : preds) {
        csv += csvField(p.path);
        if (p.ok()) {
            csv += QLatin1Char(',') + csvField(p.label) + QLatin1Char(',') + QString::number(p.probability, 'f', 6);
            for (int k = 0; k < topK; ++k) {
                if (k < int(p.top.size()))
                    csv += QLatin1Char(',') + csvField(p.top[size_t(k)].label) + QLatin1Char(',')
                           + QString::number(p.top[size_t(k)].probability, 'f', 6);
                else
                    csv += QStringLiteral(",,");
            }
            csv += QStringLiteral(",\n");
        } else {
            csv += QStringLiteral(",,");
            for (int k = 0; k < topK; ++k)
                csv += QStringLiteral(",,");
            csv += QLatin1Char(',') + csvField(p.error) + QLatin1Char('\n');
        }
    }
    return csv;
}

QJsonObject EvaluationResult::toJson() const
{
    QJsonObject json = report.toJson();
    json.insert(QStringLiteral("failed"), failed);
    json.insert(QStringLiteral("seconds"), seconds);
    return json;
}

QString EvaluationResult::predictionsCsv() const
{
    QString csv = QStringLiteral("path,true,predicted,probability\n");
    for (const EvaluatedImage &im : images)
        csv += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(im.rel_path, classes[im.truth], classes[im.predicted])
                   .arg(im.probability, 0, 'f', 6);
    return csv;
}

QString EvaluationResult::metricsCsv() const
{
    QString csv = QStringLiteral("class,precision,recall,f1,support\n");
    for (const ClassMetrics &m : report.per_class)
        csv += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(csvField(m.name))
                   .arg(m.precision, 0, 'f', 6)
                   .arg(m.recall, 0, 'f', 6)
                   .arg(m.f1, 0, 'f', 6)
                   .arg(m.support);
    csv += QStringLiteral("macro_f1,,,%1,%2\n").arg(report.macro_f1, 0, 'f', 6).arg(report.total);
    csv += QStringLiteral("accuracy,,,%1,%2\n").arg(report.accuracy, 0, 'f', 6).arg(report.total);
    return csv;
}

Result<EvaluationResult> evaluateFolder(const Predictor &predictor, const QString &testRoot, JobControl *control)
{
    using R = Result<EvaluationResult>;
    QElapsedTimer clock;
    clock.start();
    if (!QFileInfo(testRoot).isDir())
        return R::failure(QCoreApplication::translate("bb::evaluate", "not a dataset folder: %1").arg(testRoot));
    EvaluationResult out;
    out.test_root = testRoot;
    out.classes = predictor.classes();
    const std::vector<DatasetFile> files = listDatasetFiles(testRoot);
    QStringList paths;
    std::vector<int> truth;
    for (const DatasetFile &f : files) {
        const int idx = int(out.classes.indexOf(f.folder_class));
        if (idx < 0) {
            if (!out.unknown_classes.contains(f.folder_class))
                out.unknown_classes.append(f.folder_class);
            continue;
        }
        paths.append(f.abs_path);
        truth.push_back(idx);
    }
    if (paths.isEmpty())
        return R::failure(QCoreApplication::translate("bb::evaluate", "no test images of the model's classes (%1) in %2")
                              .arg(out.classes.join(QStringLiteral(", ")), testRoot));
    // Same top-k and batch size as the CLI, so both see identical numbers.
    const std::vector<Prediction> preds = predictor.predictFiles(paths, 3, 128, [&](int done) {
        if (control)
            control->report(done, paths.size());
        return !(control && control->isCancelled());
    });
    if (control && control->isCancelled())
        return R::failure(QCoreApplication::translate("bb::evaluate", "cancelled"));
    std::vector<int> y, p;
    const QDir root(testRoot);
    for (size_t i = 0; i < preds.size(); ++i) {
        const QString &path = paths[qsizetype(i)];
        if (!preds[i].ok()) {
            out.failed.append(QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("error"), preds[i].error}});
            continue;
        }
        EvaluatedImage im;
        im.path = path;
        im.rel_path = root.relativeFilePath(path);
        im.truth = truth[i];
        im.predicted = int(out.classes.indexOf(preds[i].label));
        im.probability = preds[i].probability;
        im.top = preds[i].top;
        y.push_back(im.truth);
        p.push_back(im.predicted);
        out.images.push_back(std::move(im));
    }
    out.report = classificationReport(y, p, out.classes);
    out.seconds = clock.nsecsElapsed() / 1e9;
    return out;
}

} // namespace bb
