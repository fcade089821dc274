// Split invariants (core/splitter.h): stratification, hash groups never straddle, singletons.

#include "splitter.h"

#include <QSet>
#include <QtTest>

using namespace bb;

class TestSplitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stratified_data();
    void stratified();
    void duplicatesNeverStraddle();
    void singletonGoesToTrain();
    void pairGetsOneValidation();
    void testSplit();
    void deterministic();
    void rngIsPortable();
};

static std::vector<SplitItem> makeItems(const std::vector<int> &counts)
{
    std::vector<SplitItem> items;
    for (size_t c = 0; c < counts.size(); ++c)
        for (int i = 0; i < counts[c]; ++i)
            items.push_back({QStringLiteral("h%1-%2").arg(c).arg(i), int(c)});
    return items;
}

void TestSplitter::stratified_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("expectedVal");
    QTest::newRow("542 @0.2") << 542 << 0.2 << 108; // round(108.4)
    QTest::newRow("469 @0.2") << 469 << 0.2 << 94;  // round(93.8)
    QTest::newRow("90 @0.2") << 90 << 0.2 << 18;
    QTest::newRow("1000 @0.2") << 1000 << 0.2 << 200;
    QTest::newRow("3 @0.2") << 3 << 0.2 << 1;       // at least one
    QTest::newRow("2 @0.9") << 2 << 0.9 << 1;       // train keeps one
    QTest::newRow("10 @0.25") << 10 << 0.25 << 3;   // round half up of 2.5
}

void TestSplitter::stratified()
{
    QFETCH(int, count);
    QFETCH(double, fraction);
    QFETCH(int, expectedVal);
    const auto items = makeItems({count, 50});
    SplitOptions o;
    o.val_fraction = fraction;
    const SplitResult r = stratifiedSplit(items, {QStringLiteral("a"), QStringLiteral("b")}, o);
    int val = 0;
    for (int i = 0; i < count; ++i)
        val += r.assignment[size_t(i)] == Split::Val;
    QCOMPARE(val, expectedVal);
}

void TestSplitter::duplicatesNeverStraddle()
{
    // 40 images in 10 groups of 4 identical copies, plus 20 unique ones.
    std::vector<SplitItem> items;
    for (int g = 0; g < 10; ++g)
        for (int k = 0; k < 4; ++k)
            items.push_back({QStringLiteral("dup%1").arg(g), 0});
    for (int i = 0; i < 20; ++i)
        items.push_back({QStringLiteral("u%1").arg(i), 0});
    for (quint64 seed = 0; seed < 20; ++seed) {
        SplitOptions o;
        o.seed = seed;
        o.val_fraction = 0.3;
        const SplitResult r = stratifiedSplit(items, {QStringLiteral("a")}, o);
        QHash<QString, Split> where;
        int val = 0;
        for (size_t i = 0; i < items.size(); ++i) {
            if (where.contains(items[i].hash))
                QCOMPARE(where[items[i].hash], r.assignment[i]);
            where.insert(items[i].hash, r.assignment[i]);
            val += r.assignment[i] == Split::Val;
        }
        QVERIFY2(val >= 15 && val <= 21, qPrintable(QString::number(val))); // ~18, groups are whole
    }
}

void TestSplitter::singletonGoesToTrain()
{
    const auto items = makeItems({1, 10});
    const SplitResult r = stratifiedSplit(items, {QStringLiteral("lonely"), QStringLiteral("b")}, SplitOptions{});
    QCOMPARE(r.assignment[0], Split::Train);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().contains(QStringLiteral("lonely")));
}

void TestSplitter::pairGetsOneValidation()
{
    const auto items = makeItems({2, 2, 2});
    SplitOptions o;
    o.val_fraction = 0.01;
    const SplitResult r = stratifiedSplit(items, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, o);
    for (int c = 0; c < 3; ++c) {
        const int v = int(r.assignment[size_t(2 * c)] == Split::Val) + int(r.assignment[size_t(2 * c + 1)] == Split::Val);
        QCOMPARE(v, 1);
    }
    // Two identical copies cannot be split: both in train, and a warning says why.
    const std::vector<SplitItem> same = {{QStringLiteral("x"), 0}, {QStringLiteral("x"), 0}};
    const SplitResult r2 = stratifiedSplit(same, {QStringLiteral("twins")}, o);
    QCOMPARE(r2.assignment[0], Split::Train);
    QCOMPARE(r2.assignment[1], Split::Train);
    QVERIFY(r2.warnings.join(QString()).contains(QStringLiteral("identical copies")));
}

void TestSplitter::testSplit()
{
    const auto items = makeItems({100, 40});
    SplitOptions o;
    o.val_fraction = 0.2;
    o.test_fraction = 0.1;
    const SplitResult r = stratifiedSplit(items, {QStringLiteral("a"), QStringLiteral("b")}, o);
    int counts[2][3] = {};
    for (size_t i = 0; i < items.size(); ++i)
        ++counts[items[i].class_index][int(r.assignment[i])];
    QCOMPARE(counts[0][1], 20);
    QCOMPARE(counts[0][2], 10);
    QCOMPARE(counts[0][0], 70);
    QCOMPARE(counts[1][1], 8);
    QCOMPARE(counts[1][2], 4);
}

void TestSplitter::deterministic()
{
    const auto items = makeItems({50, 30, 7});
    const QStringList names = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    SplitOptions o;
    o.seed = 7;
    const auto a = stratifiedSplit(items, names, o).assignment;
    QCOMPARE(stratifiedSplit(items, names, o).assignment, a);
    o.seed = 8;
    QVERIFY(stratifiedSplit(items, names, o).assignment != a);
}

void TestSplitter::rngIsPortable()
{
    // SplitMix64 reference values for seed 1234567 (from the published reference algorithm).
    Rng rng(1234567);
    QCOMPARE(rng.next(), Q_UINT64_C(6457827717110365317));
    QCOMPARE(rng.next(), Q_UINT64_C(3203168211198807973));
    for (int i = 0; i < 1000; ++i) {
        const double u = rng.uniform();
        QVERIFY(u >= 0.0 && u < 1.0);
        QVERIFY(rng.below(7) < 7);
    }
}

QTEST_GUILESS_MAIN(TestSplitter)
#include "tst_splitter.moc"
