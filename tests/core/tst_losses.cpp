// EnhancedSupConLoss and FocalLoss against independent references: hand-derived values
// written in below, and a per-anchor float64 PyTorch computation of the same formulas
// (tests/core/py/loss_reference.py, run at test time with Debian's /usr/bin/python3).

#include "logging.h"
#include "nn/losses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <spdlog/sinks/ostream_sink.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace bb;

namespace {

struct Case {
    QString name;
    QString kind; // "supcon" | "focal"
    std::vector<int64_t> shape;
    std::vector<int64_t> labels;
    SupConOptions supcon;
    FocalOptions focal;
    double scale = 1.0; ///< logits multiplier (focal extremes)
};

std::vector<Case> cases()
{
    std::vector<Case> out;
    auto sc = [&](QString name, std::vector<int64_t> shape, std::vector<int64_t> labels, double t, double margin,
                  int64_t top_k, std::vector<int64_t> counts = {}) {
        Case c;
        c.name = std::move(name);
        c.kind = QStringLiteral("supcon");
        c.shape = std::move(shape);
        c.labels = std::move(labels);
        c.supcon.temperature = t;
        c.supcon.margin = margin;
        c.supcon.top_k = top_k;
        c.supcon.class_counts = std::move(counts);
        out.push_back(c);
    };
    sc(QStringLiteral("views1"), {8, 1, 16}, {0, 0, 1, 1, 2, 2, 3, 3}, 0.1, 0.0, 0);
    sc(QStringLiteral("views2"), {6, 2, 8}, {0, 1, 1, 2, 2, 2}, 0.07, 0.0, 0);
    sc(QStringLiteral("views3_margin"), {5, 3, 8}, {0, 1, 0, 1, 2}, 0.2, 0.1, 0);
    sc(QStringLiteral("topk_margin"), {8, 2, 16}, {0, 1, 2, 3, 0, 1, 2, 3}, 0.1, 0.2, 3);
    sc(QStringLiteral("weights_topk"), {8, 2, 16}, {0, 0, 0, 1, 1, 2, 3, 3}, 0.1, 0.05, 2, {100, 20, 5, 50});
    sc(QStringLiteral("anchor_without_positive"), {6, 1, 8}, {0, 1, 1, 2, 3, 3}, 0.1, 0.0, 0, {10, 40, 7, 20});
    sc(QStringLiteral("flat_topk_over"), {12, 8}, {0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 3}, 0.5, 0.3, 50);
    sc(QStringLiteral("single_class"), {4, 2, 8}, {2, 2, 2, 2}, 0.1, 0.5, 2);
    sc(QStringLiteral("no_positive"), {4, 1, 8}, {0, 1, 2, 3}, 0.1, 0.0, 0);

    auto fc = [&](QString name, std::vector<int64_t> shape, std::vector<int64_t> labels, double gamma,
                  std::vector<double> alpha, double scale) {
        Case c;
        c.name = std::move(name);
        c.kind = QStringLiteral("focal");
        c.shape = std::move(shape);
        c.labels = std::move(labels);
        c.focal.gamma = gamma;
        c.focal.alpha = std::move(alpha);
        c.scale = scale;
        out.push_back(c);
    };
    fc(QStringLiteral("focal_g0"), {10, 4}, {0, 1, 2, 3, 0, 1, 2, 3, 0, 0}, 0.0, {}, 1.0);
    fc(QStringLiteral("focal_g0_alpha"), {10, 4}, {0, 1, 2, 3, 0, 1, 2, 3, 0, 0}, 0.0, {0.1, 0.5, 2.0, 1.0}, 2.0);
    fc(QStringLiteral("focal_g05"), {10, 4}, {3, 1, 2, 3, 0, 1, 2, 3, 0, 2}, 0.5, {0.25, 0.25, 0.25, 0.25}, 1.0);
    fc(QStringLiteral("focal_g2_alpha"), {10, 4}, {3, 1, 2, 3, 0, 1, 2, 3, 0, 2}, 2.0, {0.3, 0.7, 1.5, 0.9}, 3.0);
    fc(QStringLiteral("focal_g2_extreme"), {10, 4}, {3, 1, 2, 3, 0, 1, 2, 3, 0, 2}, 2.0, {}, 40.0);
    fc(QStringLiteral("focal_g05_extreme"), {10, 4}, {3, 1, 2, 3, 0, 1, 2, 3, 0, 2}, 0.5, {}, 40.0);
    return out;
}

torch::Tensor inputFor(const Case &c, int index)
{
    torch::manual_seed(1000 + index);
    return torch::randn(c.shape) * c.scale;
}

torch::Tensor labelsFor(const Case &c)
{
    return torch::tensor(c.labels, torch::kLong);
}

torch::Tensor compute(const Case &c, const torch::Tensor &x, const torch::Tensor &y)
{
    if (c.kind == QLatin1String("supcon"))
        return EnhancedSupConLoss(c.supcon)(x, y);
    return FocalLoss(c.focal)(x, y);
}

} // namespace

class TestLosses : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void supconHandDerived();
    void supconClassWeights();
    void supconNoPositiveIsZero();
    void focalGammaZeroIsCrossEntropy();
    void focalFiniteAtExtremes_data();
    void focalFiniteAtExtremes();
    void matchesPyTorch_data();
    void matchesPyTorch();

private:
    QTemporaryDir m_dir;
    bool m_have_reference = false;
    QString m_reference_problem;
    std::map<std::string, torch::Tensor> m_reference;
};

void TestLosses::initTestCase()
{
    QVERIFY(m_dir.isValid());
    c10::Dict<std::string, torch::Tensor> inputs;
    QJsonArray list;
    const auto all = cases();
    for (size_t i = 0; i < all.size(); ++i) {
        const Case &c = all[i];
        inputs.insert(c.name.toStdString() + ".x", inputFor(c, int(i)));
        inputs.insert(c.name.toStdString() + ".y", labelsFor(c));
        QJsonObject o{{QStringLiteral("name"), c.name}, {QStringLiteral("kind"), c.kind}};
        if (c.kind == QLatin1String("supcon")) {
            o.insert(QStringLiteral("temperature"), c.supcon.temperature);
            o.insert(QStringLiteral("margin"), c.supcon.margin);
            o.insert(QStringLiteral("top_k"), qint64(c.supcon.top_k));
            QJsonArray counts;
            for (int64_t n : c.supcon.class_counts)
                counts.append(qint64(n));
            o.insert(QStringLiteral("counts"), counts);
        } else {
            o.insert(QStringLiteral("gamma"), c.focal.gamma);
            QJsonArray alpha;
            for (double a : c.focal.alpha)
                alpha.append(a);
            o.insert(QStringLiteral("alpha"), alpha);
        }
        list.append(o);
    }
    const QString in = m_dir.filePath(QStringLiteral("inputs.pt"));
    const QString json = m_dir.filePath(QStringLiteral("cases.json"));
    const QString out = m_dir.filePath(QStringLiteral("out.pt"));
    {
        const auto bytes = torch::pickle_save(inputs);
        std::ofstream f(in.toStdString(), std::ios::binary);
        f.write(bytes.data(), std::streamsize(bytes.size()));
        QFile j(json);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write(QJsonDocument(list).toJson());
    }
    QProcess py;
    py.start(QStringLiteral(BB_PYTHON), {QStringLiteral(BB_SOURCE_DIR "/tests/core/py/loss_reference.py"), in, json, out});
    QVERIFY2(py.waitForFinished(120000), "python timed out");
    const QByteArray err = py.readAllStandardError();
    if (py.exitCode() != 0) {
        if (err.contains("No module named 'torch'")) {
            m_reference_problem = QStringLiteral("Debian's python3-torch is not installed");
            return;
        }
        QFAIL(err.constData());
    }
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    for (const auto &entry : torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end())).toGenericDict())
        m_reference[entry.key().toStringRef()] = entry.value().toTensor();
    m_have_reference = true;
}

// Two classes, two views, unit vectors: z = [e1, e2 | e1, e2] (view-major), T = 1.
// Anchor e1: positive sim 1, negatives sim 0 (two of them, the other class's views).
//   L = -(1 - log(e^1 + e^m + e^m)) = log(e + 2 e^m) - 1     (all four anchors alike)
// top_k = 1 keeps one negative: L = log(e + e^m) - 1.
void TestLosses::supconHandDerived()
{
    const auto x = torch::tensor({1.f, 0.f, 0.f, 1.f, 1.f, 0.f, 0.f, 1.f}).view({2, 2, 2}).permute({1, 0, 2});
    // x[b, v] : b = 0 is (e1, e1), b = 1 is (e2, e2)
    const auto y = torch::tensor({0, 1}, torch::kLong);
    for (double m : {0.0, 0.3}) {
        SupConOptions o;
        o.temperature = 1.0;
        o.margin = m;
        // float32 arithmetic: agree to ~1e-7.
        QVERIFY(std::abs(EnhancedSupConLoss(o)(x, y).item<double>() - (std::log(std::exp(1.0) + 2 * std::exp(m)) - 1.0)) < 1e-6);
        o.top_k = 1;
        QVERIFY(std::abs(EnhancedSupConLoss(o)(x, y).item<double>() - (std::log(std::exp(1.0) + std::exp(m)) - 1.0)) < 1e-6);
    }
}

// w_c = max N / N_c: counts {100, 25} -> weights {1, 4}.
void TestLosses::supconClassWeights()
{
    SupConOptions o;
    o.class_counts = {100, 25, 0};
    EnhancedSupConLoss loss(o);
    QCOMPARE(loss.class_weights().size(), size_t(3));
    QCOMPARE(loss.class_weights()[0], 1.0);
    QCOMPARE(loss.class_weights()[1], 4.0);
    QCOMPARE(loss.class_weights()[2], 0.0);
}

void TestLosses::supconNoPositiveIsZero()
{
    // The warning is said once (the first such batch in the process: this test runs before
    // matchesPyTorch's no_positive case), later ones at debug level.
    std::ostringstream said;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(said);
    auto previous = bb::logger();
    auto capture = std::make_shared<spdlog::logger>("bb", sink);
    capture->set_level(spdlog::level::debug);
    capture->set_pattern("%l: %v");
    bb::installLogger(capture);
    auto x = torch::randn({5, 1, 4}).requires_grad_(true);
    const auto y = torch::tensor({0, 1, 2, 3, 4}, torch::kLong);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(EnhancedSupConLoss()(x, y).item<double>(), 0.0);
    const auto l = EnhancedSupConLoss()(x, y);
    bb::installLogger(previous);
    const QString log = QString::fromStdString(said.str());
    QCOMPARE(log.count(QStringLiteral("warning: SupCon: batch of 5 samples has no positive pair")), 1);
    QCOMPARE(log.count(QStringLiteral("debug: SupCon: batch of 5 samples has no positive pair")), 2);
    QCOMPARE(l.item<double>(), 0.0);
    l.backward();
    QVERIFY(x.grad().defined());
    QVERIFY(torch::isfinite(x.grad()).all().item<bool>());
    QCOMPARE(x.grad().abs().sum().item<double>(), 0.0);
}

void TestLosses::focalGammaZeroIsCrossEntropy()
{
    torch::manual_seed(7);
    const auto x = torch::randn({32, 5}) * 3;
    const auto y = torch::randint(0, 5, {32}, torch::kLong);
    FocalOptions o;
    o.gamma = 0.0;
    // Bit-identical, not just close.
    QVERIFY(torch::equal(FocalLoss(o)(x, y), torch::cross_entropy_loss(x, y)));
    o.alpha = {0.5, 0.5, 0.5, 0.5, 0.5};
    QVERIFY(torch::equal(FocalLoss(o)(x, y), torch::cross_entropy_loss(x, y)));
    o.alpha = {0.1, 1.0, 2.0, 0.3, 0.7};
    const auto w = torch::tensor({0.1f, 1.0f, 2.0f, 0.3f, 0.7f});
    QVERIFY(torch::equal(FocalLoss(o)(x, y), torch::cross_entropy_loss(x, y, w)));
    o.reduction = FocalReduction::Mean;
    QVERIFY(std::abs(FocalLoss(o)(x, y).item<double>() -
                     torch::cross_entropy_loss(x, y, w, at::Reduction::Sum).item<double>() / 32.0) < 1e-6);
}

void TestLosses::focalFiniteAtExtremes_data()
{
    QTest::addColumn<double>("gamma");
    QTest::newRow("gamma 0") << 0.0;
    QTest::newRow("gamma 0.5") << 0.5;
    QTest::newRow("gamma 2") << 2.0;
}

// p_t -> 1 (row 0: target has a 200 logit lead; log_softmax gives exactly 0) and p_t -> 0
// (row 1: target 200 behind), plus a moderate row.
void TestLosses::focalFiniteAtExtremes()
{
    QFETCH(double, gamma);
    auto x = torch::tensor({200.f, 0.f, 0.f, -200.f, 0.f, 0.f, 0.3f, -0.2f, 0.1f}).view({3, 3}).requires_grad_(true);
    const auto y = torch::tensor({0, 0, 2}, torch::kLong);
    FocalOptions o;
    o.gamma = gamma;
    o.alpha = {0.25, 0.5, 1.0};
    const auto l = FocalLoss(o)(x, y);
    QVERIFY(std::isfinite(l.item<double>()));
    l.backward();
    QVERIFY2(torch::isfinite(x.grad()).all().item<bool>(), "non-finite focal gradient");
    o.reduction = FocalReduction::None;
    const auto per = FocalLoss(o)(x.detach(), y);
    QVERIFY(per[0].item<double>() < 1e-6);         // confident and right: ~0
    // (1-p)^g ~ 1 and -log p_t = 200 + log 2
    QVERIFY(std::abs(per[1].item<double>() - 0.25 * (200.0 + std::log(2.0))) < 1e-3);
}

void TestLosses::matchesPyTorch_data()
{
    QTest::addColumn<int>("index");
    const auto all = cases();
    for (size_t i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name.toUtf8().constData()) << int(i);
}

void TestLosses::matchesPyTorch()
{
    QFETCH(int, index);
    if (!m_have_reference)
        QSKIP(qPrintable(m_reference_problem));
    const Case c = cases()[size_t(index)];
    auto x = inputFor(c, index).requires_grad_(true);
    const auto y = labelsFor(c);
    const auto loss = compute(c, x, y);
    loss.backward();
    const std::string key = c.name.toStdString();
    const auto ref_loss = m_reference.at(key + ".loss").item<double>();
    const auto ref_grad = m_reference.at(key + ".grad");
    const double got = loss.item<double>();
    QVERIFY(std::isfinite(got));
    QVERIFY2(std::abs(got - ref_loss) <= 1e-5 * std::max(1.0, std::abs(ref_loss)),
             qPrintable(QStringLiteral("loss %1 vs reference %2").arg(got, 0, 'g', 10).arg(ref_loss, 0, 'g', 10)));
    QVERIFY(torch::isfinite(x.grad()).all().item<bool>());
    if (torch::isfinite(ref_grad).all().item<bool>()) {
        const double diff = (x.grad().to(torch::kDouble) - ref_grad).abs().max().item<double>();
        QVERIFY2(diff <= 1e-5, qPrintable(QStringLiteral("max grad diff %1").arg(diff)));
    }
    if (c.kind == QLatin1String("focal") && c.focal.gamma == 0.0) {
        // float32 F.cross_entropy from torch in Python: same kernels, so exactly equal.
        QCOMPARE(loss.item<float>(), m_reference.at(key + ".ce").item<float>());
    }
    if (c.name == QLatin1String("no_positive"))
        QCOMPARE(got, 0.0);
}

QTEST_GUILESS_MAIN(TestLosses)
#include "tst_losses.moc"
