#pragma once
// The exported forms of predictions and evaluations, shared by the CLI (`predict`, `evaluate`)
// and the GUI's prediction and evaluation views so their files are identical. Torch-free.

#include "csv.h"
#include "metrics.h"
#include "predictor.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace bb {

class JobControl;

/// A path given to `predict` that yields no file to classify: it does not exist, is neither a
/// regular file nor a folder (a FIFO, a device), or is a folder without image files.
struct UnlistedPath {
    qsizetype before = 0; ///< files listed before it, so its row comes where it was given
    QString path;
    QString reason;       ///< the CLI's words (its output is English)
};
/// What `predict PATH...` classifies, shared by the CLI and the workbench: files as given,
/// folders expanded (listImageFiles: recursive, sorted), and the paths that give no file, so
/// that every path given has a row, in the order given.
struct PredictionInputs {
    QStringList files;
    std::vector<UnlistedPath> missing;
};
/// `cancelled` (optional) is polled between paths.
PredictionInputs collectPredictionInputs(const QStringList &paths, const std::function<bool()> &cancelled = {});
/// The row of a path that gives no file to classify.
Prediction missingPrediction(const UnlistedPath &unlisted);
/// The rows of inputs.files[0, n) (n = classified.size(), fewer when cancelled) with the missing
/// paths' rows in their places; missing paths after the n-th file are kept only when n covers
/// every file.
std::vector<Prediction> withMissingInOrder(std::vector<Prediction> classified, const PredictionInputs &inputs);

/// `balancebench-cli predict --json`: [{path, label, probability, top: [{label, probability}]}
/// or {path, error}] in the order given.
QJsonArray predictionsJson(const std::vector<Prediction> &preds);

/// `balancebench-cli predict --csv`: header path,label,probability,top<k>_label,top<k>_probability...,error
/// and one row per prediction; probabilities with 6 decimals.
QString predictionsCsv(const std::vector<Prediction> &preds, int topK);

/// One classified test image of an evaluation.
struct EvaluatedImage {
    QString path;      ///< absolute
    QString rel_path;  ///< relative to the test folder
    int truth = -1;    ///< class index of the model
    int predicted = -1;
    double probability = 0; ///< of the predicted class
    std::vector<ClassProbability> top;
};

/// What `balancebench-cli evaluate` computes for a model and a folder-per-class test set.
struct EvaluationResult {
    QString test_root;            ///< absolute
    QString model_path;           ///< absolute; set by the caller (evaluateFolder does not know it)
    QStringList classes;          ///< the model's
    ClassificationReport report;  ///< from core's classificationReport() over the classified images
    std::vector<EvaluatedImage> images; ///< in listing order
    QJsonArray failed;            ///< [{path, error}] of images that could not be classified
    QStringList unknown_classes;  ///< test folders that are no class of the model (not counted)
    double seconds = 0;

    /// The CLI's JSON: report.toJson() plus "failed", "seconds", "test_dataset" and, when set,
    /// "model".
    QJsonObject toJson() const;
    /// The CLI's predictions.csv: path,true,predicted,probability (paths relative to the test folder).
    QString predictionsCsv() const;
    /// "model … / test set … (N images)": the first lines of the CLI's report.txt.
    QString header() const;
    /// Per-class metrics as CSV: class,precision,recall,f1,support, then macro-F1 and accuracy rows.
    QString metricsCsv() const;
};

/// Classifies every image of `testRoot` whose class folder is one of the model's, exactly as
/// `balancebench-cli evaluate` does (top-3, batches of 128). `control` (optional) is polled after
/// each batch and gets progress reports; a cancelled run returns a failure.
Result<EvaluationResult> evaluateFolder(const Predictor &predictor, const QString &testRoot, JobControl *control = nullptr);

/// "'a', 'b' and 3 more": up to ten names quoted, for messages about many classes.
QString quotedNames(const QStringList &names, int shown = 10);

} // namespace bb
