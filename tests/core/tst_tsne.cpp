// Tests of bb::Tsne (issue 4): affinities against sklearn, gradient against finite differences,
// Barnes-Hut against exact, cluster separation, degenerate inputs, determinism, warm start,
// cancellation, and the CLI's error handling.

#include "jobcontrol.h"
#include "tsne.h"
#include "vptree.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace bb;

namespace {

// Gaussian clusters: `perCluster` points with unit noise around each of `clusters` random
// centres (about 2 * spacing apart). labels[i] = cluster of point i.
std::vector<float> clusteredData(int clusters, int perCluster, int dim, double spacing, quint64 seed,
                                 std::vector<int> *labels = nullptr)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<std::vector<double>> centres(static_cast<size_t>(clusters), std::vector<double>(static_cast<size_t>(dim)));
    for (auto &c : centres)
        for (double &v : c)
            v = normal(rng) * spacing / std::sqrt(2.0 * dim) * 2.0;
    std::vector<float> data;
    if (labels)
        labels->clear();
    for (int c = 0; c < clusters; ++c)
        for (int p = 0; p < perCluster; ++p) {
            for (int d = 0; d < dim; ++d)
                data.push_back(float(centres[size_t(c)][size_t(d)] + normal(rng)));
            if (labels)
                labels->push_back(c);
        }
    return data;
}

// Leave-one-out 1-nearest-neighbour accuracy of `labels` in the 2-D layout.
double oneNnAccuracy(const std::vector<float> &layout, const std::vector<int> &labels)
{
    const int n = int(labels.size());
    int correct = 0;
    for (int i = 0; i < n; ++i) {
        double best = 1e300;
        int bestJ = -1;
        for (int j = 0; j < n; ++j) {
            if (j == i)
                continue;
            const double dx = layout[size_t(i) * 2] - layout[size_t(j) * 2];
            const double dy = layout[size_t(i) * 2 + 1] - layout[size_t(j) * 2 + 1];
            if (dx * dx + dy * dy < best) {
                best = dx * dx + dy * dy;
                bestJ = j;
            }
        }
        correct += labels[size_t(bestJ)] == labels[size_t(i)];
    }
    return double(correct) / n;
}

bool allFinite(const std::vector<float> &v)
{
    for (float x : v)
        if (!std::isfinite(x))
            return false;
    return true;
}

double layoutExtent(const std::vector<float> &layout)
{
    float minX = 1e30f, maxX = -1e30f, minY = 1e30f, maxY = -1e30f;
    for (size_t i = 0; i + 1 < layout.size(); i += 2) {
        minX = std::min(minX, layout[i]);
        maxX = std::max(maxX, layout[i]);
        minY = std::min(minY, layout[i + 1]);
        maxY = std::max(maxY, layout[i + 1]);
    }
    return std::hypot(double(maxX - minX), double(maxY - minY));
}

// The 5-point input of the affinity test (3-D; all 10 pairwise distances are distinct).
const std::vector<float> kFivePoints = {0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 1, 1, 3, 0.5f, -1};

} // namespace

class TestTsne : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void affinitiesMatchSklearn_data();
    void affinitiesMatchSklearn();
    void affinitiesAreSymmetricAndNormalised();
    void vpTreeMatchesBruteForce_data();
    void vpTreeMatchesBruteForce();
    void gradientMatchesFiniteDifferences();
    void barnesHutApproximatesExact();
    void threeClustersStaySeparated();
    void degenerateInputs_data();
    void degenerateInputs();
    void perplexityIsClamped();
    void badInputFails();
    void deterministic();
    void warmStartIsStable();
    void warmStartPlacesNewPoints();
    void alignToUndoesRotationAndReflection();
    void cancelStopsEarly();
    void reportsProgressAndSnapshots();
    void cliWritesLayoutAndWarmStarts();
    void cliRejectsBadInput_data();
    void cliRejectsBadInput();
    void cliUsageErrors();
};

void TestTsne::affinitiesMatchSklearn_data()
{
    QTest::addColumn<double>("perplexity");
    QTest::addColumn<QVector<double>>("expected");
    // Obtained with Debian 12's python3-sklearn 1.2.1 (/usr/bin/python3), exactly as sklearn's
    // TSNE._fit builds P for method='barnes_hut':
    //   import numpy as np
    //   from sklearn.neighbors import NearestNeighbors
    //   from sklearn.manifold._t_sne import _joint_probabilities_nn
    //   X = np.array([[0,0,0],[1,0,0],[0,2,0],[1,1,1],[3,0.5,-1]], float)
    //   k = int(3 * perp)
    //   D = NearestNeighbors(n_neighbors=k).fit(X).kneighbors_graph(mode="distance"); D.data **= 2
    //   P = _joint_probabilities_nn(D, perp, 0).toarray()     # printed with "%.12e"
    // perplexity 1.35 -> k = 4 (all other points); 1.2 -> k = 3 (points 2 and 4 are not neighbours).
    QTest::newRow("perplexity 1.35, k 4") << 1.35 << QVector<double>{
        0.000000000000e+00, 1.837803370947e-01, 8.891423829449e-03, 9.353685914204e-03, 1.016021437264e-03,
        1.837803370947e-01, 0.000000000000e+00, 6.046088590363e-04, 1.019011120566e-01, 9.264451395836e-02,
        8.891423829449e-03, 6.046088590363e-04, 0.000000000000e+00, 9.546406562309e-02, 1.670256945612e-04,
        9.353685914204e-03, 1.019011120566e-01, 9.546406562309e-02, 0.000000000000e+00, 6.177205532712e-03,
        1.016021437264e-03, 9.264451395836e-02, 1.670256945612e-04, 6.177205532712e-03, 0.000000000000e+00};
    QTest::newRow("perplexity 1.2, k 3") << 1.2 << QVector<double>{
        0.000000000000e+00, 1.916228234602e-01, 4.669577537391e-03, 5.134734289563e-03, 4.086020044286e-04,
        1.916228234602e-01, 0.000000000000e+00, 1.722786055169e-04, 1.007993230437e-01, 9.596376612189e-02,
        4.669577537391e-03, 1.722786055169e-04, 0.000000000000e+00, 9.760126306366e-02, 0.000000000000e+00,
        5.134734289563e-03, 1.007993230437e-01, 9.760126306366e-02, 0.000000000000e+00, 3.627631873682e-03,
        4.086020044286e-04, 9.596376612189e-02, 0.000000000000e+00, 3.627631873682e-03, 0.000000000000e+00};
}

void TestTsne::affinitiesMatchSklearn()
{
    QFETCH(double, perplexity);
    QFETCH(QVector<double>, expected);
    auto p = Tsne::affinities(kFivePoints, 3, perplexity, 1);
    QVERIFY2(p.ok(), qPrintable(p.error()));
    QCOMPARE(p.value().n, 5);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) {
            const double got = p.value().at(i, j);
            const double want = expected[i * 5 + j];
            // sklearn searches on float32 distances; the bisection itself is the same algorithm.
            if (std::fabs(got - want) > 1e-7)
                QFAIL(qPrintable(QStringLiteral("P(%1,%2) = %3, sklearn %4").arg(i).arg(j).arg(got, 0, 'e', 10).arg(want, 0, 'e', 10)));
        }
}

void TestTsne::affinitiesAreSymmetricAndNormalised()
{
    const auto data = clusteredData(4, 50, 8, 6.0, 7);
    auto r = Tsne::affinities(data, 8, 10.0, 2);
    QVERIFY(r.ok());
    const TsneAffinities &p = r.value();
    double sum = 0;
    for (int i = 0; i < p.n; ++i)
        for (qint64 e = p.row_start[size_t(i)]; e < p.row_start[size_t(i) + 1]; ++e) {
            const int j = p.columns[size_t(e)];
            QVERIFY(j != i);
            QVERIFY(p.values[size_t(e)] > 0);
            QCOMPARE(p.at(j, i), p.values[size_t(e)]);
            sum += p.values[size_t(e)];
        }
    QVERIFY(std::fabs(sum - 1.0) < 1e-12);
    // Each row has at least its own k = 30 neighbours.
    for (int i = 0; i < p.n; ++i)
        QVERIFY(p.row_start[size_t(i) + 1] - p.row_start[size_t(i)] >= 30);
}

void TestTsne::vpTreeMatchesBruteForce_data()
{
    QTest::addColumn<int>("dim");
    QTest::addColumn<QString>("kind");
    QTest::newRow("3-d clusters") << 3 << QStringLiteral("clusters");
    QTest::newRow("64-d clusters (subspace filter)") << 64 << QStringLiteral("clusters");
    QTest::newRow("64-d rank 3 (filter, rank-deficient)") << 64 << QStringLiteral("rank3");
    QTest::newRow("48-d with duplicates") << 48 << QStringLiteral("duplicates");
}

void TestTsne::vpTreeMatchesBruteForce()
{
    QFETCH(int, dim);
    QFETCH(QString, kind);
    const int n = 700, k = 20;
    std::vector<float> data = clusteredData(7, n / 7, dim, 6.0, 13);
    if (kind == QLatin1String("rank3"))
        for (int i = 0; i < n; ++i)
            for (int d = 3; d < dim; ++d)
                data[size_t(i) * dim + d] = data[size_t(i) * dim + d % 3] * float(d % 5) * 0.5f;
    if (kind == QLatin1String("duplicates"))
        for (int i = 1; i < n; i += 3)
            std::copy_n(data.begin() + size_t(i - 1) * dim, dim, data.begin() + size_t(i) * dim);
    const VpTree tree(data.data(), n, dim, 3);
    std::vector<int> idx;
    std::vector<float> dist;
    for (int i = 0; i < n; ++i) {
        std::vector<std::pair<double, int>> all;
        for (int j = 0; j < n; ++j) {
            if (j == i)
                continue;
            double s = 0;
            for (int d = 0; d < dim; ++d)
                s += std::pow(double(data[size_t(i) * dim + d]) - data[size_t(j) * dim + d], 2);
            all.push_back({std::sqrt(s), j});
        }
        std::sort(all.begin(), all.end());
        tree.search(data.data() + size_t(i) * dim, k, i, idx, dist);
        QCOMPARE(int(idx.size()), k);
        for (int m = 0; m < k; ++m) {
            // Same distances (ties may be ordered differently by float rounding).
            if (std::fabs(dist[size_t(m)] - all[size_t(m)].first) > 1e-4 * (1 + all[size_t(m)].first))
                QFAIL(qPrintable(QStringLiteral("point %1, neighbour %2: %3 vs %4").arg(i).arg(m).arg(dist[size_t(m)]).arg(all[size_t(m)].first)));
        }
    }
}

void TestTsne::gradientMatchesFiniteDifferences()
{
    const int n = 15;
    const auto data = clusteredData(3, 5, 4, 4.0, 11);
    auto pr = Tsne::affinities(data, 4, 3.0, 1);
    QVERIFY(pr.ok());
    const TsneAffinities &p = pr.value();
    std::mt19937_64 rng(5);
    std::normal_distribution<double> normal(0.0, 1.5);
    std::vector<double> y(size_t(n) * 2);
    for (double &v : y)
        v = normal(rng);
    std::vector<double> grad;
    Tsne::gradient(p, y, 0.0, 1.0, grad, 1);
    // Tsne::gradient is dKL/dy / 4 (bhtsne convention).
    const double h = 1e-6;
    double maxErr = 0, maxGrad = 0;
    for (size_t c = 0; c < y.size(); ++c) {
        std::vector<double> yp = y, ym = y;
        yp[c] += h;
        ym[c] -= h;
        const double fd = (Tsne::klDivergence(p, yp) - Tsne::klDivergence(p, ym)) / (2 * h);
        maxErr = std::max(maxErr, std::fabs(4.0 * grad[c] - fd));
        maxGrad = std::max(maxGrad, std::fabs(fd));
    }
    QVERIFY(maxGrad > 1e-3);
    QVERIFY2(maxErr < 1e-6 * std::max(1.0, maxGrad), qPrintable(QString::number(maxErr)));
}

void TestTsne::barnesHutApproximatesExact()
{
    const int n = 600;
    const auto data = clusteredData(5, n / 5, 6, 5.0, 3);
    auto pr = Tsne::affinities(data, 6, 20.0, 2);
    QVERIFY(pr.ok());
    std::mt19937_64 rng(9);
    std::normal_distribution<double> normal(0.0, 10.0);
    std::vector<double> y(size_t(n) * 2);
    for (double &v : y)
        v = normal(rng);
    std::vector<double> exact, bh0, bh;
    const double zExact = Tsne::gradient(pr.value(), y, 0.0, 1.0, exact, 2);
    double zExactSum = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (i != j)
                zExactSum += 1.0 / (1.0 + std::pow(y[size_t(i) * 2] - y[size_t(j) * 2], 2) + std::pow(y[size_t(i) * 2 + 1] - y[size_t(j) * 2 + 1], 2));
    QVERIFY(std::fabs(zExact - zExactSum) < 1e-9 * zExactSum);
    // theta = 0 through the tree must equal the exact sum; theta = 0.5 must be close.
    Tsne::gradient(pr.value(), y, 1e-12, 1.0, bh0, 2);
    const double zBh = Tsne::gradient(pr.value(), y, 0.5, 1.0, bh, 2);
    double err0 = 0, err = 0, norm = 0;
    for (size_t c = 0; c < exact.size(); ++c) {
        err0 = std::max(err0, std::fabs(bh0[c] - exact[c]));
        err += (bh[c] - exact[c]) * (bh[c] - exact[c]);
        norm += exact[c] * exact[c];
    }
    QVERIFY2(err0 < 1e-12, qPrintable(QString::number(err0)));
    QVERIFY2(std::sqrt(err / norm) < 0.05, qPrintable(QString::number(std::sqrt(err / norm))));
    QVERIFY(std::fabs(zBh - zExact) < 0.01 * zExact);
}

void TestTsne::threeClustersStaySeparated()
{
    std::vector<int> labels;
    const auto data = clusteredData(3, 150, 20, 12.0, 21, &labels);
    TsneOptions opts;
    opts.iterations = 500;
    opts.seed = 1;
    auto r = Tsne::run(data, 20, opts);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QVERIFY(allFinite(r.value().layout));
    const double acc = oneNnAccuracy(r.value().layout, labels);
    QVERIFY2(acc >= 0.99, qPrintable(QString::number(acc)));
    QVERIFY(r.value().kl_divergence > 0 && r.value().kl_divergence < 3.0);
    // The reported KL (Barnes-Hut Z) agrees with the exact KL of the final layout.
    auto p = Tsne::affinities(data, 20, 30.0, 2);
    std::vector<double> y(r.value().layout.begin(), r.value().layout.end());
    const double exactKl = Tsne::klDivergence(p.value(), y);
    QVERIFY2(std::fabs(exactKl - r.value().kl_divergence) < 0.02 * exactKl,
             qPrintable(QStringLiteral("%1 vs %2").arg(exactKl).arg(r.value().kl_divergence)));
}

void TestTsne::degenerateInputs_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("kind");
    QTest::newRow("empty") << 0 << QStringLiteral("random");
    QTest::newRow("one") << 1 << QStringLiteral("random");
    QTest::newRow("two") << 2 << QStringLiteral("random");
    QTest::newRow("three") << 3 << QStringLiteral("random");
    QTest::newRow("four") << 4 << QStringLiteral("random");
    QTest::newRow("all identical") << 60 << QStringLiteral("identical");
    QTest::newRow("duplicates") << 90 << QStringLiteral("duplicates");
    QTest::newRow("constant feature") << 80 << QStringLiteral("constant");
    QTest::newRow("collinear") << 50 << QStringLiteral("collinear");
}

void TestTsne::degenerateInputs()
{
    QFETCH(int, n);
    QFETCH(QString, kind);
    const int dim = 5;
    std::vector<float> data(size_t(n) * dim);
    std::mt19937_64 rng(4);
    std::normal_distribution<float> normal(0.f, 1.f);
    for (float &v : data)
        v = normal(rng);
    if (kind == QLatin1String("identical"))
        std::fill(data.begin(), data.end(), 3.5f);
    if (kind == QLatin1String("duplicates")) // 3 distinct points, 30 copies each
        for (int i = 0; i < n; ++i)
            for (int d = 0; d < dim; ++d)
                data[size_t(i) * dim + d] = float((i % 3) * 2 + d);
    if (kind == QLatin1String("collinear")) // rank 1: PCA has no second axis
        for (int i = 0; i < n; ++i)
            for (int d = 0; d < dim; ++d)
                data[size_t(i) * dim + d] = float(i * (d + 1));
    if (kind == QLatin1String("constant"))
        for (int i = 0; i < n; ++i)
            data[size_t(i) * dim + 2] = 7.f;
    TsneOptions opts;
    opts.iterations = 300;
    auto r = Tsne::run(data, dim, opts);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(int(r.value().layout.size()), 2 * n);
    QVERIFY(allFinite(r.value().layout));
    QVERIFY(std::isfinite(r.value().kl_divergence));
    if (kind == QLatin1String("duplicates")) {
        // Copies of a point land together, the three groups apart.
        std::vector<int> labels(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            labels[size_t(i)] = i % 3;
        QCOMPARE(oneNnAccuracy(r.value().layout, labels), 1.0);
    }
}

void TestTsne::perplexityIsClamped()
{
    const auto data = clusteredData(2, 10, 3, 5.0, 8);
    TsneOptions opts;
    opts.perplexity = 30;
    opts.iterations = 100;
    auto r = Tsne::run(data, 3, opts);
    QVERIFY(r.ok());
    QVERIFY(3.0 * r.value().perplexity < 20.0);
    QVERIFY(r.value().perplexity > 6.0);
    QVERIFY(allFinite(r.value().layout));
}

void TestTsne::badInputFails()
{
    QVERIFY(!Tsne::run({1, 2, 3}, 0).ok());
    QVERIFY(!Tsne::run({1, 2, 3, 4, 5}, 2).ok());
    std::vector<float> nan = clusteredData(1, 10, 2, 1.0, 1);
    nan[7] = std::nanf("");
    QVERIFY(!Tsne::run(nan, 2).ok());
    TsneOptions opts;
    opts.init = {0, 0, 1}; // odd length
    QVERIFY(!Tsne::run(clusteredData(1, 10, 2, 1.0, 1), 2, opts).ok());
}

void TestTsne::deterministic()
{
    const auto data = clusteredData(4, 60, 10, 8.0, 31);
    TsneOptions opts;
    opts.iterations = 300;
    opts.seed = 77;
    opts.threads = 2;
    auto a = Tsne::run(data, 10, opts);
    auto b = Tsne::run(data, 10, opts);
    opts.threads = 1;
    auto c = Tsne::run(data, 10, opts);
    QVERIFY(a.ok() && b.ok() && c.ok());
    QVERIFY(a.value().layout == b.value().layout);
    QCOMPARE(a.value().kl_divergence, b.value().kl_divergence);
    // Every task writes only its own points and sums run in index order: the thread count does
    // not change the result either.
    QVERIFY(a.value().layout == c.value().layout);
}

void TestTsne::warmStartIsStable()
{
    std::vector<int> labels;
    const auto data = clusteredData(4, 100, 16, 10.0, 41, &labels);
    TsneOptions opts;
    opts.iterations = 750;
    auto cold = Tsne::run(data, 16, opts);
    QVERIFY(cold.ok());
    TsneOptions warm = opts;
    warm.iterations = 300;
    warm.init = cold.value().layout;
    auto again = Tsne::run(data, 16, warm);
    QVERIFY(again.ok());
    double moved = 0;
    const auto &a = cold.value().layout, &b = again.value().layout;
    for (size_t i = 0; i + 1 < a.size(); i += 2)
        moved += std::hypot(double(a[i] - b[i]), double(a[i + 1] - b[i + 1]));
    moved /= double(a.size() / 2);
    const double extent = layoutExtent(a);
    // The layout keeps expanding slowly with more iterations, so "unchanged" means a few percent
    // (measured: ~3%); a restart from PCA would end up tens of percent away.
    QVERIFY2(moved < 0.05 * extent, qPrintable(QStringLiteral("moved %1, extent %2").arg(moved).arg(extent)));
    QVERIFY(oneNnAccuracy(b, labels) >= 0.99);
    // Continuing from a converged layout does not make it worse.
    QVERIFY(again.value().kl_divergence <= cold.value().kl_divergence * 1.02);
}

void TestTsne::warmStartPlacesNewPoints()
{
    std::vector<int> labels;
    const auto data = clusteredData(3, 110, 12, 10.0, 51, &labels);
    // Reorder so that the first 300 points (100 per cluster) form the previous run and the last
    // 30 (10 per cluster) are new.
    std::vector<float> ordered;
    std::vector<int> orderedLabels;
    for (int pass = 0; pass < 2; ++pass)
        for (int c = 0; c < 3; ++c)
            for (int p = pass == 0 ? 0 : 100; p < (pass == 0 ? 100 : 110); ++p) {
                const int i = c * 110 + p;
                ordered.insert(ordered.end(), data.begin() + size_t(i) * 12, data.begin() + size_t(i + 1) * 12);
                orderedLabels.push_back(labels[size_t(i)]);
            }
    const std::vector<float> oldData(ordered.begin(), ordered.begin() + 300 * 12);
    TsneOptions opts;
    opts.iterations = 600;
    auto old = Tsne::run(oldData, 12, opts);
    QVERIFY(old.ok());
    TsneOptions warm = opts;
    warm.iterations = 300;
    warm.init = old.value().layout;
    warm.init[10] = std::nanf(""); // point 5 is treated as new as well
    auto r = Tsne::run(ordered, 12, warm);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(int(r.value().layout.size()), 330 * 2);
    QVERIFY(allFinite(r.value().layout));
    QVERIFY(oneNnAccuracy(r.value().layout, orderedLabels) >= 0.99);
}

void TestTsne::alignToUndoesRotationAndReflection()
{
    std::mt19937_64 rng(2);
    std::normal_distribution<float> normal(0.f, 5.f);
    std::vector<float> ref(200);
    for (float &v : ref)
        v = normal(rng);
    for (bool reflect : {false, true}) {
        const double a = 1.1;
        std::vector<float> moved(ref.size());
        for (size_t i = 0; i < ref.size(); i += 2) {
            const double x = ref[i], y = reflect ? -ref[i + 1] : ref[i + 1];
            moved[i] = float(std::cos(a) * x - std::sin(a) * y + 3.0);
            moved[i + 1] = float(std::sin(a) * x + std::cos(a) * y - 7.0);
        }
        const auto back = Tsne::alignTo(moved, ref, 100);
        for (size_t i = 0; i < ref.size(); ++i)
            QVERIFY2(std::fabs(back[i] - ref[i]) < 1e-4, qPrintable(QStringLiteral("reflect %1 at %2").arg(reflect).arg(i)));
    }
}

void TestTsne::cancelStopsEarly()
{
    const auto data = clusteredData(3, 200, 10, 8.0, 61);
    JobControl control;
    TsneOptions opts;
    opts.iterations = 100000;
    int lastIteration = 0;
    opts.on_snapshot = [&](int iteration, double, const std::vector<float> &) {
        lastIteration = iteration;
        if (iteration >= 100)
            control.cancel();
    };
    auto r = Tsne::run(data, 10, opts, &control);
    QVERIFY(!r.ok());
    QCOMPARE(lastIteration, 100);
}

void TestTsne::reportsProgressAndSnapshots()
{
    const auto data = clusteredData(3, 60, 6, 8.0, 71);
    JobControl control;
    qint64 lastDone = -1, total = 0;
    QString lastMessage;
    control.setProgressCallback(
        [&](const Progress &p) {
            lastDone = p.done;
            total = p.total;
            lastMessage = p.message;
        },
        0);
    TsneOptions opts;
    opts.iterations = 400;
    int snapshots = 0;
    std::vector<double> kls;
    opts.on_snapshot = [&](int iteration, double kl, const std::vector<float> &layout) {
        ++snapshots;
        QCOMPARE(int(layout.size()), 360);
        if (iteration > opts.early_exaggeration_iterations)
            kls.push_back(kl);
    };
    auto r = Tsne::run(data, 6, opts, &control);
    QVERIFY(r.ok());
    QCOMPARE(lastDone, qint64(400));
    QCOMPARE(total, qint64(400));
    QVERIFY(lastMessage.startsWith(QLatin1String("KL ")));
    QCOMPARE(snapshots, 8);
    QCOMPARE(int(kls.size()), 3);
    for (double kl : kls)
        QVERIFY(std::isfinite(kl) && kl > 0);
    QVERIFY(kls.back() <= kls.front() + 1e-9);
}

namespace {

// Runs `balancebench-cli tsne ARGS...`; returns the exit code (-1 if it did not finish).
int runCli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(BB_CLI_PATH), QStringList{QStringLiteral("tsne")} + args);
    if (!p.waitForFinished(120000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

void TestTsne::cliWritesLayoutAndWarmStarts()
{
    if (!QFile::exists(QStringLiteral(BB_CLI_PATH)))
        QSKIP("balancebench-cli not built");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray good = "label,f0,f1,f2\n";
    const auto data = clusteredData(2, 20, 3, 8.0, 81);
    for (int i = 0; i < 40; ++i)
        // The second class's name holds a comma and quotes (written quoted, as the trainer's
        // embeddings CSV does): it must be read as one field and written back the same way.
        good += QStringLiteral("%1,%2,%3,%4\n")
                    .arg(i < 20 ? QStringLiteral("c0") : QStringLiteral("\"c1, \"\"big\"\"\""))
                    .arg(data[size_t(i) * 3])
                    .arg(data[size_t(i) * 3 + 1])
                    .arg(data[size_t(i) * 3 + 2])
                    .toUtf8();
    const QString in = dir.filePath(QStringLiteral("good.csv"));
    const QString outPath = dir.filePath(QStringLiteral("out.csv"));
    QVERIFY(writeFile(in, good));
    QByteArray out;
    QCOMPARE(runCli({in, QStringLiteral("--out"), outPath, QStringLiteral("--json"), QStringLiteral("--iterations"), QStringLiteral("300")}, &out), 0);
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    QCOMPARE(o.value(QStringLiteral("n")).toInt(), 40);
    QVERIFY(o.value(QStringLiteral("kl_divergence")).toDouble() > 0);
    QVERIFY(o.contains(QStringLiteral("seconds")));
    QFile f(outPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    f.close();
    QCOMPARE(lines.size(), 41);
    QCOMPARE(lines.first(), QByteArray("label,x,y"));
    QVERIFY(lines.at(1).startsWith("c0,"));
    QVERIFY2(lines.at(40).startsWith("\"c1, \"\"big\"\"\","), lines.at(40).constData());
    // Warm start from the layout just written (it has a label column and an x,y header).
    const QString warmPath = dir.filePath(QStringLiteral("warm.csv"));
    QCOMPARE(runCli({in, QStringLiteral("--out"), warmPath, QStringLiteral("--init"), outPath, QStringLiteral("--iterations"), QStringLiteral("50")}), 0);
    QVERIFY(QFile::exists(warmPath));
}

void TestTsne::cliRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("ragged rows") << QByteArray("1,2,3\n4,5\n") << QStringList() << 1;
    QTest::newRow("not a number") << QByteArray("1,2,3\n4,x,6\n") << QStringList() << 1;
    QTest::newRow("empty file") << QByteArray() << QStringList() << 1;
    QTest::newRow("bad option value") << QByteArray("1,2\n3,4\n") << QStringList{QStringLiteral("--perplexity"), QStringLiteral("abc")} << 2;
}

void TestTsne::cliRejectsBadInput()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    if (!QFile::exists(QStringLiteral(BB_CLI_PATH)))
        QSKIP("balancebench-cli not built");
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in.csv"));
    QVERIFY(writeFile(in, content));
    QByteArray err;
    QCOMPARE(runCli(QStringList{in, QStringLiteral("--out"), dir.filePath(QStringLiteral("out.csv"))} + extra, nullptr, &err), exitCode);
    QCOMPARE(err.trimmed().count('\n'), 0); // one line
    QVERIFY2(err.startsWith("balancebench-cli: error: "), err.constData());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.csv"))));
}

void TestTsne::cliUsageErrors()
{
    if (!QFile::exists(QStringLiteral(BB_CLI_PATH)))
        QSKIP("balancebench-cli not built");
    QCOMPARE(runCli({QStringLiteral("in.csv")}), 2); // no --out
    QCOMPARE(runCli({}), 2);                          // no INPUT
}

QTEST_GUILESS_MAIN(TestTsne)
#include "tst_tsne.moc"
