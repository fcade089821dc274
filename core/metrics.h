#pragma once
// Classification metrics: confusion matrix, per-class precision/recall/F1, macro-F1, accuracy.
// The GUI shows these numbers; it never recomputes them.

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace bb {

struct ClassMetrics {
    QString name;
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    int support = 0; ///< true instances
};

struct ClassificationReport {
    QStringList classes;
    std::vector<std::vector<int>> confusion; ///< [true][predicted]
    std::vector<ClassMetrics> per_class;
    double accuracy = 0;
    double macro_f1 = 0; ///< mean F1 over classes with support > 0 or predictions > 0
    int total = 0;

    /// {"macro_f1", "accuracy", "classes", "confusion", "per_class": [{name, precision, recall, f1, support}]}
    QJsonObject toJson() const;
};

/// Builds the report from true and predicted class indices (equal lengths, indices < classes).
/// Precision of a class never predicted is 0 (sklearn's zero_division=0), as is its F1.
ClassificationReport classificationReport(const std::vector<int> &truth, const std::vector<int> &predicted,
                                          const QStringList &classes);

/// Macro-F1 alone (used for early stopping).
double macroF1(const std::vector<int> &truth, const std::vector<int> &predicted, int numClasses);

} // namespace bb
