#include "metrics.h"

#include <QJsonArray>

namespace bb {

ClassificationReport classificationReport(const std::vector<int> &truth, const std::vector<int> &predicted,
                                          const QStringList &classes)
{
    ClassificationReport r;
    r.classes = classes;
    const int c = int(classes.size());
    r.confusion.assign(size_t(c), std::vector<int>(size_t(c), 0));
    int correct = 0;
    const size_t n = std::min(truth.size(), predicted.size());
    for (size_t i = 0; i < n; ++i) {
        if (truth[i] < 0 || truth[i] >= c || predicted[i] < 0 || predicted[i] >= c)
            continue;
        ++r.confusion[size_t(truth[i])][size_t(predicted[i])];
        correct += truth[i] == predicted[i];
        ++r.total;
    }
    r.accuracy = r.total > 0 ? double(correct) / r.total : 0.0;
    double f1sum = 0;
    int counted = 0;
    for (int k = 0; k < c; ++k) {
        int tp = r.confusion[size_t(k)][size_t(k)], rowSum = 0, colSum = 0;
        for (int j = 0; j < c; ++j) {
            rowSum += r.confusion[size_t(k)][size_t(j)];
            colSum += r.confusion[size_t(j)][size_t(k)];
        }
        ClassMetrics m;
        m.name = classes[k];
        m.support = rowSum;
        m.precision = colSum > 0 ? double(tp) / colSum : 0.0;
        m.recall = rowSum > 0 ? double(tp) / rowSum : 0.0;
        m.f1 = (m.precision + m.recall) > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
        r.per_class.push_back(m);
        // sklearn's f1_score(average='macro') averages over the labels present in y_true or y_pred.
        if (rowSum > 0 || colSum > 0) {
            f1sum += m.f1;
            ++counted;
        }
    }
    r.macro_f1 = counted > 0 ? f1sum / counted : 0.0;
    return r;
}

double macroF1(const std::vector<int> &truth, const std::vector<int> &predicted, int numClasses)
{
    QStringList names;
    for (int i = 0; i < numClasses; ++i)
        names.append(QString::number(i));
    return classificationReport(truth, predicted, names).macro_f1;
}

QJsonObject ClassificationReport::toJson() const
{
    QJsonArray conf, per;
    for (const auto &row : confusion) {
        QJsonArray r;
        for (int v : row)
            r.append(v);
        conf.append(r);
    }
    for (const ClassMetrics &m : per_class)
        per.append(QJsonObject{{QStringLiteral("name"), m.name},
                               {QStringLiteral("precision"), m.precision},
                               {QStringLiteral("recall"), m.recall},
                               {QStringLiteral("f1"), m.f1},
                               {QStringLiteral("support"), m.support}});
    return QJsonObject{{QStringLiteral("macro_f1"), macro_f1},
                       {QStringLiteral("accuracy"), accuracy},
                       {QStringLiteral("classes"), QJsonArray::fromStringList(classes)},
                       {QStringLiteral("confusion"), conf},
                       {QStringLiteral("per_class"), per},
                       {QStringLiteral("total"), total}};
}

} // namespace bb
