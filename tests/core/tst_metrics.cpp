// Classification metrics (core/metrics.h) against scikit-learn 1.2.1 reference values.

#include "csv.h"
#include "metrics.h"
#include "predictionexport.h"

#include <QtTest>

using namespace bb;

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void againstSklearn();
    void perfectAndEmpty();
    void csvFieldsRoundTrip();
    void predictionsCsvQuotesNames();
};

void TestMetrics::againstSklearn()
{
    // Reference (Debian's python3-sklearn 1.2.1):
    //   y = [0,0,0,1,1,2,2,2,2,3]; p = [0,1,0,1,1,2,0,2,1,0]
    //   f1_score(y, p, average='macro', zero_division=0) = 0.47619047619047616
    //   accuracy_score = 0.6
    //   precision_recall_fscore_support(zero_division=0):
    //     precision [0.5, 0.5, 1, 0], recall [2/3, 1, 0.5, 0], f1 [4/7, 2/3, 2/3, 0], support [3,2,4,1]
    //   confusion_matrix = [[2,1,0,0],[0,2,0,0],[1,1,2,0],[1,0,0,0]]
    const std::vector<int> y = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3};
    const std::vector<int> p = {0, 1, 0, 1, 1, 2, 0, 2, 1, 0};
    const ClassificationReport r = classificationReport(y, p, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
    QCOMPARE(r.macro_f1, 0.47619047619047616);
    QCOMPARE(r.accuracy, 0.6);
    const double precision[] = {0.5, 0.5, 1.0, 0.0}, recall[] = {2.0 / 3, 1.0, 0.5, 0.0}, f1[] = {4.0 / 7, 2.0 / 3, 2.0 / 3, 0.0};
    const int support[] = {3, 2, 4, 1};
    for (int k = 0; k < 4; ++k) {
        QVERIFY(qFuzzyCompare(1 + r.per_class[size_t(k)].precision, 1 + precision[k]));
        QVERIFY(qFuzzyCompare(1 + r.per_class[size_t(k)].recall, 1 + recall[k]));
        QVERIFY(qFuzzyCompare(1 + r.per_class[size_t(k)].f1, 1 + f1[k]));
        QCOMPARE(r.per_class[size_t(k)].support, support[k]);
    }
    const std::vector<std::vector<int>> cm = {{2, 1, 0, 0}, {0, 2, 0, 0}, {1, 1, 2, 0}, {1, 0, 0, 0}};
    QCOMPARE(r.confusion, cm);
    QCOMPARE(macroF1(y, p, 4), r.macro_f1);
    const QJsonObject j = r.toJson();
    QCOMPARE(j.value(QStringLiteral("per_class")).toArray().size(), 4);
    QCOMPARE(j.value(QStringLiteral("confusion")).toArray()[2].toArray()[0].toInt(), 1);
}

void TestMetrics::perfectAndEmpty()
{
    const ClassificationReport r = classificationReport({0, 1, 1}, {0, 1, 1}, {QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("unused")});
    QCOMPARE(r.macro_f1, 1.0); // the class absent from truth and predictions is not averaged (sklearn)
    QCOMPARE(r.accuracy, 1.0);
    const ClassificationReport e = classificationReport({}, {}, {QStringLiteral("x")});
    QCOMPARE(e.total, 0);
    QCOMPARE(e.macro_f1, 0.0);
}

QTEST_GUILESS_MAIN(TestMetrics)
void TestMetrics::csvFieldsRoundTrip()
{
    const QStringList fields{QStringLiteral("plain"), QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QString(),
                             QStringLiteral(" padded "), QStringLiteral("%1 and %2"), QStringLiteral("\",\"")};
    QStringList written;
    for (const QString &f : fields)
        written.append(csvField(f));
    QStringList expected = fields;
    expected[4] = QStringLiteral("padded"); // unquoted: spaces around a field are not part of it
    QCOMPARE(parseCsvLine(written.join(QLatin1Char(','))), expected);
    QCOMPARE(parseCsvLine(QStringLiteral("1, 2 ,\" x \"")), (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral(" x ")}));
    QCOMPARE(parseCsvLine(QString()), QStringList{QString()});
}

void TestMetrics::predictionsCsvQuotesNames()
{
    // evaluate --report's predictions.csv: class names and paths with commas or quotes are
    // quoted, and a "%1" in a name is text, not a placeholder that takes the probability.
    EvaluationResult r;
    r.classes = {QStringLiteral("a,b"), QStringLiteral("x%1\"q")};
    EvaluatedImage im;
    im.rel_path = QStringLiteral("a,b/1.png");
    im.truth = 0;
    im.predicted = 1;
    im.probability = 0.25;
    r.images.push_back(im);
    const QStringList lines = r.predictionsCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(parseCsvLine(lines[1]),
             (QStringList{QStringLiteral("a,b/1.png"), QStringLiteral("a,b"), QStringLiteral("x%1\"q"), QStringLiteral("0.250000")}));
}

#include "tst_metrics.moc"
