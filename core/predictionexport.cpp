#include "predictionexport.h"

#include "csv.h"
#include "datasetscanner.h"
#include "jobcontrol.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

namespace bb {


PredictionInputs collectPredictionInputs(const QStringList &paths, const std::function<bool()> &cancelled)
{
    PredictionInputs in;
    for (const QString &p : paths) {
        if (cancelled && cancelled())
            break;
        const QFileInfo fi(p);
        if (!fi.exists()) {
            in.missing.push_back({in.files.size(), p, QStringLiteral("no such file or folder")});
        } else if (fi.isFile()) {
            in.files.append(p); // given explicitly: classified (or reported) whatever it is
        } else if (fi.isDir()) {
            const QStringList listed = listImageFiles(p);
            if (listed.isEmpty())
                in.missing.push_back({in.files.size(), p, QStringLiteral("the folder holds no image files (none with an image file extension)")});
            in.files.append(listed);
        } else {
            in.missing.push_back({in.files.size(), p, QStringLiteral("not a regular file or a folder (a pipe, socket or device)")});
        }
    }
    return in;
}

Prediction missingPrediction(const UnlistedPath &unlisted)
{
    Prediction m;
    m.path = unlisted.path;
    m.error = unlisted.reason;
    return m;
}

std::vector<Prediction> withMissingInOrder(std::vector<Prediction> classified, const PredictionInputs &inputs)
{
    const bool complete = classified.size() >= size_t(inputs.files.size());
    std::vector<Prediction> out;
    out.reserve(classified.size() + inputs.missing.size());
    size_t next = 0;
    for (const UnlistedPath &u : inputs.missing) {
        if (!complete && size_t(u.before) > classified.size())
            break;
        for (; next < classified.size() && next < size_t(u.before); ++next)
            out.push_back(std::move(classified[next]));
        out.push_back(missingPrediction(u));
    }
    for (; next < classified.size(); ++next)
        out.push_back(std::move(classified[next]));
    return out;
}

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
    json.insert(QStringLiteral("test_dataset"), test_root);
    if (!model_path.isEmpty())
        json.insert(QStringLiteral("model"), model_path);
    return json;
}

QString EvaluationResult::header() const
{
    return QStringLiteral("model     %1\ntest set  %2 (%3 images)\n").arg(model_path, test_root).arg(report.total);
}

QString quotedNames(const QStringList &names, int shown)
{
    QStringList q = names.mid(0, shown);
    for (QString &n : q)
        n = QLatin1Char('\'') + n + QLatin1Char('\'');
    if (names.size() > shown)
        return QCoreApplication::translate("bb::evaluate", "%1 and %2 more").arg(q.join(QStringLiteral(", "))).arg(names.size() - shown);
    return q.join(QStringLiteral(", "));
}

QString EvaluationResult::predictionsCsv() const
{
    QString csv = QStringLiteral("path,true,predicted,probability\n");
    for (const EvaluatedImage &im : images)
        // Joined, not .arg()-ed twice: a "%1" in a class name must not take the probability.
        csv += QStringList{csvField(im.rel_path), csvField(classes[im.truth]), csvField(classes[im.predicted]),
                           QString::number(im.probability, 'f', 6)}
                   .join(QLatin1Char(','))
               + QLatin1Char('\n');
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
    out.test_root = QFileInfo(testRoot).absoluteFilePath();
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
    if (paths.isEmpty()) {
        QString message = QCoreApplication::translate("bb::evaluate", "no test images of the model's classes (%1) in %2")
                              .arg(out.classes.join(QStringLiteral(", ")), testRoot);
        if (!out.unknown_classes.isEmpty()) // e.g. a wrong folder: what it holds instead
            message += QCoreApplication::translate("bb::evaluate", "; its folders are %1").arg(quotedNames(out.unknown_classes));
        return R::failure(message);
    }
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
