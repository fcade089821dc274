// EfficientNet-B0 name/shape/feature parity with torchvision 0.14, weight import (plain-dict
// state dict and TorchScript), the compact backbone, EnhancedEncoder, the lr helper and the
// features front end. torchvision's reference model, weights and features are produced at
// test time by tests/core/py/make_b0_reference.py with Debian's /usr/bin/python3.

#include "featureextractor.h"
#include "nn/backbonenames.h"
#include "nn/compactnet.h"
#include "nn/efficientnet.h"
#include "nn/encoder.h"
#include "nn/modelbundle.h"
#include "nn/optimizerutil.h"
#include "nn/weightimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace bb;

namespace {

int64_t parameterCount(torch::nn::Module &m)
{
    int64_t n = 0;
    for (const auto &p : m.parameters())
        n += p.numel();
    return n;
}

std::map<std::string, std::vector<int64_t>> stateShapes(torch::nn::Module &m)
{
    std::map<std::string, std::vector<int64_t>> out;
    for (const auto &p : m.named_parameters())
        out[p.key()] = p.value().sizes().vec();
    for (const auto &b : m.named_buffers())
        out[b.key()] = b.value().sizes().vec();
    return out;
}

torch::Tensor loadTensor(const QString &path, const std::string &key)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end())).toGenericDict().at(key).toTensor();
}

} // namespace

class TestNnModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stateDictMatchesTorchvision();
    void blockStructure();
    void stochasticDepthRowMode();
    void featuresMatchTorchvision();
    void torchScriptImport();
    void importReportsProblems();
    void encoderCheckpointGivesItsBackbone();
    void importRefusesNanAndNamesOrderedDict();
    void featureExtractorMatchesTorchvision();
    void cliFeatures();
    void backboneFactory();
    void compactLearns();
    void encoder();
    void averageMaxPooling();
    void encoderAndHeadSets();
    void pooledStages();
    void learningRateHelper();

private:
    QString ref(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
    bool m_have_reference = false;
    QString m_reference_problem;
};

void TestNnModels::initTestCase()
{
    torch::set_num_threads(2);
    QVERIFY(m_dir.isValid());
    QProcess py;
    py.start(QStringLiteral(BB_PYTHON), {QStringLiteral(BB_SOURCE_DIR "/tests/core/py/make_b0_reference.py"), m_dir.path()});
    QVERIFY2(py.waitForFinished(180000), "python timed out");
    const QByteArray err = py.readAllStandardError();
    if (py.exitCode() != 0) {
        if (err.contains("No module named")) {
            m_reference_problem = QStringLiteral("Debian's python3-torch/torchvision not installed: ") + QString::fromUtf8(err);
            return;
        }
        QFAIL(err.constData());
    }
    m_have_reference = true;
}

#define REQUIRE_REFERENCE()                                                                                            \
    do {                                                                                                               \
        if (!m_have_reference)                                                                                         \
            QSKIP(qPrintable(m_reference_problem));                                                                    \
    } while (false)

void TestNnModels::stateDictMatchesTorchvision()
{
    torch::manual_seed(0);
    EfficientNetB0 model;
    const auto ours = stateShapes(*model);
    // Written-in numbers from torchvision 0.14.1's efficientnet_b0() (REFERENCES.md 3, b0_keys.txt).
    QCOMPARE(ours.size(), size_t(360));
    QCOMPARE(parameterCount(*model), int64_t(5288548));
    QVERIFY(ours.count("features.1.0.block.1.fc1.weight"));
    QCOMPARE(ours.at("features.1.0.block.1.fc1.weight"), (std::vector<int64_t>{8, 32, 1, 1}));
    QCOMPARE(ours.at("features.2.0.block.2.fc1.weight"), (std::vector<int64_t>{4, 96, 1, 1}));
    QCOMPARE(ours.at("features.8.0.weight"), (std::vector<int64_t>{1280, 320, 1, 1}));
    QCOMPARE(ours.at("classifier.1.weight"), (std::vector<int64_t>{1000, 1280}));

    REQUIRE_REFERENCE();
    QFile keys(ref("b0_keys.txt"));
    QVERIFY(keys.open(QIODevice::ReadOnly | QIODevice::Text));
    std::map<std::string, std::vector<int64_t>> theirs;
    int64_t their_params = 0;
    while (!keys.atEnd()) {
        const QStringList parts = QString::fromUtf8(keys.readLine()).trimmed().split(QLatin1Char(' '));
        if (parts.first() == QLatin1String("#params")) {
            their_params = parts.value(1).toLongLong();
            continue;
        }
        std::vector<int64_t> shape;
        for (int i = 1; i < parts.size(); ++i)
            shape.push_back(parts[i].toLongLong());
        theirs[parts.first().toStdString()] = shape;
    }
    QCOMPARE(theirs.size(), size_t(360));
    QCOMPARE(their_params, parameterCount(*model));
    for (const auto &[name, shape] : theirs) {
        QVERIFY2(ours.count(name), name.c_str());
        QVERIFY2(ours.at(name) == shape, name.c_str());
    }
    QVERIFY(ours == theirs);
}

void TestNnModels::blockStructure()
{
    EfficientNetB0 model;
    std::vector<double> sd;
    std::vector<bool> residual;
    for (const auto &m : model->modules(false)) {
        if (auto *b = m->as<MBConv>()) {
            sd.push_back(b->stochastic_depth_prob());
            residual.push_back(b->has_residual());
        }
        if (auto *bn = m->as<torch::nn::BatchNorm2d>()) {
            QCOMPARE(bn->options.eps(), 1e-5);
            QCOMPARE(bn->options.momentum().value(), 0.1);
        }
    }
    QCOMPARE(sd.size(), size_t(16));
    for (size_t i = 0; i < sd.size(); ++i)
        QCOMPARE(sd[i], 0.2 * double(i) / 16.0);
    // Residual exactly on blocks with stride 1 and in == out (REFERENCES.md 3 table).
    const std::vector<bool> expected = {false, false, true, false, true, false, true, true,
                                        false, true,  true, false, true, true,  true, false};
    QVERIFY(residual == expected);
}

void TestNnModels::stochasticDepthRowMode()
{
    torch::manual_seed(3);
    const auto x = torch::ones({400, 2, 3, 3});
    QVERIFY(torch::equal(stochasticDepth(x, 0.25, false), x));
    QVERIFY(torch::equal(stochasticDepth(x, 0.0, true), x));
    const auto y = stochasticDepth(x, 0.25, true);
    // Row mode: one draw per sample, kept rows scaled by 1 / (1 - p).
    const auto per_row_min = y.flatten(1).amin(1);
    const auto per_row_max = y.flatten(1).amax(1);
    QVERIFY(torch::equal(per_row_min, per_row_max));
    const auto kept = per_row_min.gt(0);
    QVERIFY(torch::allclose(per_row_min.masked_select(kept), torch::full({kept.sum().item<int64_t>()}, 1.0 / 0.75)));
    const double kept_fraction = kept.to(torch::kDouble).mean().item<double>();
    QVERIFY2(kept_fraction > 0.65 && kept_fraction < 0.85, qPrintable(QString::number(kept_fraction)));
}

void TestNnModels::featuresMatchTorchvision()
{
    REQUIRE_REFERENCE();
    EfficientNetB0 model;
    auto report = importWeights(*model, ref("b0_state.pt"));
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report.value().format, QStringLiteral("state_dict"));
    QVERIFY2(report.value().missing.empty() && report.value().mismatched.empty() && report.value().unexpected.empty(),
             qPrintable(report.value().summary()));
    QCOMPARE(report.value().loaded.size(), size_t(358)); // all but classifier.1.{weight,bias}
    QCOMPARE(report.value().skipped.size(), size_t(2));
    model->eval();
    torch::NoGradGuard no_grad;
    const auto x = loadTensor(ref("b0_io.pt"), "input");
    const auto expected = loadTensor(ref("b0_io.pt"), "features");
    const auto got = model->forward_features(x);
    QCOMPARE(got.sizes().vec(), (std::vector<int64_t>{2, 1280}));
    const double diff = (got - expected).abs().max().item<double>();
    qInfo("EfficientNet-B0 pooled features vs torchvision: max abs diff %.3g (max |f| %.3g)", diff,
          expected.abs().max().item<double>());
    QVERIFY2(diff <= 1e-4, qPrintable(QString::number(diff)));
    // The buffers were copied too (eval output depends on running stats).
    QCOMPARE(model->named_buffers()["features.0.1.num_batches_tracked"].item<int64_t>(), int64_t(7));
}

void TestNnModels::torchScriptImport()
{
    REQUIRE_REFERENCE();
    torch::manual_seed(5);
    EfficientNetB0 model;
    auto report = importWeights(*model, ref("b0_script.pt"));
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report.value().format, QStringLiteral("torchscript"));
    QVERIFY2(report.value().complete() && report.value().unexpected.empty(), qPrintable(report.value().summary()));
    model->eval();
    torch::NoGradGuard no_grad;
    const double diff = (model->forward_features(loadTensor(ref("b0_io.pt"), "input")) -
                         loadTensor(ref("b0_io.pt"), "features"))
                            .abs()
                            .max()
                            .item<double>();
    qInfo("TorchScript import: max abs diff %.3g", diff);
    QVERIFY2(diff <= 1e-4, qPrintable(QString::number(diff)));
}

void TestNnModels::importReportsProblems()
{
    REQUIRE_REFERENCE();
    // A 10-class classifier, not skipped: its two tensors are reported as shape mismatches.
    EfficientNetOptions o;
    o.num_classes = 10;
    EfficientNetB0 model(o);
    WeightImportOptions keep_all;
    keep_all.skip_prefixes.clear();
    auto r = importWeights(*model, ref("b0_state.pt"), keep_all);
    QVERIFY(r.ok());
    QCOMPARE(r.value().mismatched.size(), size_t(2));
    QVERIFY(r.value().summary().contains(QStringLiteral("classifier.1.weight: file [1000, 1280] vs model [10, 1280]")));
    keep_all.strict = true;
    QVERIFY(!importWeights(*model, ref("b0_state.pt"), keep_all).ok());

    // The wrong backbone: everything is missing or unexpected, by name.
    CompactNet compact;
    auto c = importWeights(*compact, ref("b0_state.pt"));
    QVERIFY(c.ok());
    QVERIFY(!c.value().complete());
    QVERIFY(!c.value().missing.empty());
    QCOMPARE(c.value().unexpected.size(), size_t(358));
    QVERIFY(c.value().summary().contains(QStringLiteral("missing: stages.0.0.0.weight")));

    // Into an encoder, with a prefix.
    auto enc = makeEncoder("efficientnet_b0");
    QVERIFY(enc.ok());
    WeightImportOptions prefixed;
    prefixed.add_prefix = "backbone.";
    prefixed.skip_prefixes = {"backbone.classifier.", "attention.", "projection."};
    auto e = importWeights(*enc.value(), ref("b0_state.pt"), prefixed);
    QVERIFY(e.ok());
    QVERIFY2(e.value().complete() && e.value().unexpected.empty(), qPrintable(e.value().summary()));

    QVERIFY(!importWeights(*model, m_dir.filePath(QStringLiteral("nope.pt"))).ok());
    QVERIFY(!importWeights(*model, ref("b0_keys.txt")).ok());
}

void TestNnModels::encoderCheckpointGivesItsBackbone()
{
    // A run's encoder checkpoint (backbone.* + attention.* + projection.*) imported into a bare
    // backbone: the backbone's tensors load, the rest is skipped, and the features are the
    // trained encoder's (what `features --weights RUN/checkpoints/best-encoder.pt` prints).
    torch::manual_seed(5);
    EncoderOptions o;
    o.projection_dim = 16;
    o.projection_hidden = 32;
    auto enc = makeEncoder("compact", o);
    QVERIFY2(enc.ok(), qPrintable(enc.error()));
    auto e = enc.value();
    const QString path = m_dir.filePath(QStringLiteral("run-encoder.pt"));
    torch::save(e, path.toStdString());

    torch::manual_seed(6); // another initialisation, so a load that copies nothing is caught
    auto bare = makeBackbone("compact");
    QVERIFY2(bare.ok(), qPrintable(bare.error()));
    auto report = importWeights(*bare.value(), path);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    const auto backboneEntries = stateShapes(*bare.value()).size();
    QCOMPARE(report.value().loaded.size(), backboneEntries);
    QVERIFY2(report.value().missing.empty() && report.value().unexpected.empty() && report.value().mismatched.empty(),
             qPrintable(report.value().summary()));
    QCOMPARE(report.value().skipped.size(), stateShapes(*e).size() - backboneEntries);
    QVERIFY2(report.value().format.contains(QStringLiteral("encoder checkpoint")), qPrintable(report.value().format));

    e->eval();
    bare.value()->eval();
    torch::NoGradGuard no_grad;
    const auto x = torch::randn({2, 3, 28, 28});
    QVERIFY(torch::equal(bare.value()->forward_features(x), e->backbone()->forward_features(x)));

    // A file whose keys match as they are is read as before (no prefix stripped).
    const QString plain = m_dir.filePath(QStringLiteral("bare-backbone.pt"));
    torch::save(bare.value(), plain.toStdString());
    auto again = importWeights(*makeBackbone("compact").value(), plain);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again.value().loaded.size(), backboneEntries);
    QVERIFY(!again.value().format.contains(QStringLiteral("encoder checkpoint")));
}

void TestNnModels::importRefusesNanAndNamesOrderedDict()
{
    // A NaN weight is not copied and makes the import incomplete (every output would be NaN).
    torch::manual_seed(8);
    auto src = makeBackbone("compact");
    QVERIFY(src.ok());
    {
        torch::NoGradGuard no_grad;
        src.value()->named_parameters()["stages.0.0.0.weight"][0][0][0][0] = std::nanf("");
    }
    const QString nanFile = m_dir.filePath(QStringLiteral("nan-backbone.pt"));
    torch::save(src.value(), nanFile.toStdString());
    auto dst = makeBackbone("compact");
    const auto before = dst.value()->named_parameters()["stages.0.0.0.weight"].clone();
    auto rep = importWeights(*dst.value(), nanFile);
    QVERIFY(rep.ok());
    QVERIFY(!rep.value().complete());
    QCOMPARE(rep.value().nonfinite, (std::vector<std::string>{"stages.0.0.0.weight"}));
    QVERIFY2(rep.value().summary().contains(QStringLiteral("NaN or inf in: stages.0.0.0.weight")), qPrintable(rep.value().summary()));
    QVERIFY(torch::equal(dst.value()->named_parameters()["stages.0.0.0.weight"], before));
    WeightImportOptions strict;
    strict.strict = true;
    QVERIFY(!importWeights(*dst.value(), nanFile, strict).ok());

    // torch.save(model.state_dict(), f) writes an OrderedDict, which libtorch cannot read: the
    // message says how to re-save it instead of relaying libtorch's internal assertion.
    if (!m_have_reference)
        QSKIP(qPrintable(m_reference_problem));
    // A training checkpoint with the weights nested inside fails differently; it gets the same advice.
    const QString od = m_dir.filePath(QStringLiteral("ordered.pt"));
    const QString nested = m_dir.filePath(QStringLiteral("nested.pt"));
    QProcess py;
    py.start(QStringLiteral(BB_PYTHON), {QStringLiteral("-c"), QStringLiteral("import torch, sys; m = torch.nn.Linear(2, 2); "
                                                                             "torch.save(m.state_dict(), sys.argv[1]); "
                                                                             "torch.save({'state_dict': dict(m.state_dict())}, sys.argv[2])"),
                                         od, nested});
    QVERIFY(py.waitForFinished(60000));
    QCOMPARE(py.exitCode(), 0);
    for (const QString &file : {od, nested}) {
        auto read = readNamedTensors(file);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().contains(QStringLiteral("torch.save(dict(model.state_dict()), f)")), qPrintable(read.error()));
        QVERIFY2(!read.error().contains(QStringLiteral("INTERNAL ASSERT")), qPrintable(read.error()));
    }
}

void TestNnModels::featureExtractorMatchesTorchvision()
{
    REQUIRE_REFERENCE();
    FeatureExtractorOptions o;
    o.backbone = QStringLiteral("efficientnet_b0");
    o.weights_path = ref("b0_state.pt");
    o.input_size = 64; // the image is 64x64: a no-op
    auto fx = FeatureExtractor::create(o);
    QVERIFY2(fx.ok(), qPrintable(fx.error()));
    auto f = fx.value().extractFile(ref("image.png"));
    QVERIFY2(f.ok(), qPrintable(f.error()));
    QCOMPARE(f.value().size(), size_t(1280));
    const auto expected = loadTensor(ref("image_io.pt"), "features").flatten();
    const auto got = torch::from_blob(f.value().data(), {1280}, torch::kFloat);
    const double diff = (got - expected).abs().max().item<double>();
    qInfo("features of a decoded PNG vs torchvision: max abs diff %.3g", diff);
    QVERIFY2(diff <= 1e-4, qPrintable(QString::number(diff)));
    QVERIFY(!fx.value().extractFile(ref("b0_keys.txt")).ok());

    FeatureExtractorOptions bad = o;
    bad.backbone = QStringLiteral("compact");
    QVERIFY(!FeatureExtractor::create(bad).ok()); // B0 weights do not fit
    bad.backbone = QStringLiteral("resnet");
    QVERIFY(!FeatureExtractor::create(bad).ok());
}

void TestNnModels::cliFeatures()
{
    REQUIRE_REFERENCE();
    if (!QFileInfo::exists(QStringLiteral(BB_CLI_PATH)))
        QSKIP("balancebench-cli not built");
    QProcess cli;
    cli.start(QStringLiteral(BB_CLI_PATH), {QStringLiteral("features"), ref("image.png"), QStringLiteral("--backbone"),
                                            QStringLiteral("efficientnet_b0"), QStringLiteral("--weights"),
                                            ref("b0_state.pt"), QStringLiteral("--size"), QStringLiteral("64"),
                                            QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QJsonArray arr = QJsonDocument::fromJson(cli.readAllStandardOutput()).array();
    QCOMPARE(arr.size(), 1);
    QCOMPARE(arr[0][QLatin1String("path")].toString(), ref("image.png"));
    const QJsonArray values = arr[0][QLatin1String("features")].toArray();
    QCOMPARE(values.size(), 1280);
    const auto expected = loadTensor(ref("image_io.pt"), "features").flatten();
    double diff = 0;
    for (int i = 0; i < values.size(); ++i)
        diff = std::max(diff, std::abs(values[i].toDouble() - expected[i].item<double>()));
    QVERIFY2(diff <= 1e-4, qPrintable(QString::number(diff)));

    QProcess usage;
    usage.start(QStringLiteral(BB_CLI_PATH), {QStringLiteral("features"), ref("image.png"), QStringLiteral("--backbone"),
                                              QStringLiteral("nope")});
    QVERIFY(usage.waitForFinished(60000));
    QCOMPARE(usage.exitCode(), 2);

    // Without --weights the features are a random network's: said so on stderr, stdout as before.
    QProcess random;
    random.start(QStringLiteral(BB_CLI_PATH), {QStringLiteral("features"), ref("image.png"), QStringLiteral("--backbone"),
                                               QStringLiteral("compact"), QStringLiteral("--json")});
    QVERIFY(random.waitForFinished(60000));
    QCOMPARE(random.exitCode(), 0);
    QVERIFY(random.readAllStandardError().contains("no --weights: these are the features of a randomly initialised compact"));
    QCOMPARE(QJsonDocument::fromJson(random.readAllStandardOutput()).array().size(), 1);
    // A model bundle given as backbone weights: named as what it is (libtorch's "failed finding
    // central directory" before).
    QTemporaryDir tmp;
    const QString bundle = tmp.filePath(QStringLiteral("model.bbmodel"));
    {
        QFile f(bundle);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("BBMODEL1") + QByteArray(64, '\0'));
    }
    QProcess wrong;
    wrong.start(QStringLiteral(BB_CLI_PATH), {QStringLiteral("features"), ref("image.png"), QStringLiteral("--backbone"),
                                              QStringLiteral("compact"), QStringLiteral("--weights"), bundle});
    QVERIFY(wrong.waitForFinished(60000));
    QCOMPARE(wrong.exitCode(), 1);
    const QByteArray err = wrong.readAllStandardError();
    QVERIFY2(err.contains("is a BalanceBench model bundle, not backbone weights"), err.constData());
}

void TestNnModels::backboneFactory()
{
    QCOMPARE(backboneNames(), (QStringList{QStringLiteral("efficientnet_b0"), QStringLiteral("compact")}));
    for (const QString &name : backboneNames()) {
        auto b = makeBackbone(name.toStdString());
        QVERIFY2(b.ok(), qPrintable(b.error()));
        QCOMPARE(QString::fromStdString(b.value()->backbone_name()), name);
        QCOMPARE(int(b.value()->feature_dim()), backboneFeatureDim(name));
        b.value()->eval();
        {
            torch::NoGradGuard no_grad;
            const auto f = b.value()->forward_features(torch::randn({2, 3, 32, 32}));
            QCOMPARE(f.sizes().vec(), (std::vector<int64_t>{2, b.value()->feature_dim()}));
        }
        // Training mode (batch-stat BN, stochastic depth active) trains: finite gradients.
        b.value()->train();
        b.value()->forward_features(torch::randn({2, 3, 32, 32})).pow(2).mean().backward();
        for (const auto &p : b.value()->parameters())
            QVERIFY(p.grad().defined() && torch::isfinite(p.grad()).all().item<bool>());
    }
    // The backbone form of B0 has no classifier.
    auto b0 = makeBackbone("efficientnet_b0");
    QCOMPARE(stateShapes(*b0.value()).size(), size_t(358));
    QCOMPARE(parameterCount(*b0.value()), int64_t(5288548 - 1281000));
    BackboneOptions narrow;
    narrow.compact_widths = {16, 24};
    QCOMPARE(makeBackbone("compact", narrow).value()->feature_dim(), int64_t(24));
    auto compact = makeBackbone("compact");
    qInfo("compact backbone: %lld parameters", static_cast<long long>(parameterCount(*compact.value())));
    QVERIFY(!makeBackbone("efficientnet_b7").ok());
    QVERIFY(makeBackbone("efficientnet_b7").error().contains(QStringLiteral("compact")));
}

// 30 SGD steps on 16 synthetic 20x20 images of two classes (horizontal vs vertical stripes)
// must separate them: a sanity check that the compact backbone trains, not a benchmark.
void TestNnModels::compactLearns()
{
    torch::manual_seed(11);
    auto backbone = makeBackbone("compact").take();
    torch::nn::Linear head(backbone->feature_dim(), 2);
    auto grid = torch::arange(20, torch::kFloat);
    const auto stripes = torch::sin(grid * 1.3f).view({1, 20}).expand({20, 20});
    std::vector<torch::Tensor> xs;
    std::vector<int64_t> ys;
    for (int i = 0; i < 16; ++i) {
        const int cls = i % 2;
        auto img = (cls ? stripes : stripes.t()) + 0.3f * torch::randn({20, 20});
        xs.push_back(img.unsqueeze(0).expand({3, 20, 20}));
        ys.push_back(cls);
    }
    const auto x = torch::stack(xs);
    const auto y = torch::tensor(ys, torch::kLong);
    std::vector<torch::Tensor> params = backbone->parameters();
    for (const auto &p : head->parameters())
        params.push_back(p);
    torch::optim::SGD opt(params, torch::optim::SGDOptions(0.05).momentum(0.9));
    double first = 0, last = 0;
    for (int step = 0; step < 30; ++step) {
        opt.zero_grad();
        const auto loss = torch::cross_entropy_loss(head(backbone->forward_features(x)), y);
        loss.backward();
        opt.step();
        if (step == 0)
            first = loss.item<double>();
        last = loss.item<double>();
    }
    QVERIFY2(last < 0.25 * first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
}

void TestNnModels::encoder()
{
    torch::manual_seed(2);
    EncoderOptions o;
    o.projection_dim = 32;
    o.projection_hidden = 64;
    auto enc = makeEncoder("compact", o);
    QVERIFY2(enc.ok(), qPrintable(enc.error()));
    auto e = enc.value();
    QCOMPARE(e->feature_dim(), int64_t(128));
    QCOMPARE(e->projection_dim(), int64_t(32));
    const auto names = stateShapes(*e);
    QVERIFY(names.count("backbone.stages.0.0.0.weight"));
    QCOMPARE(names.at("attention.0.weight"), (std::vector<int64_t>{32, 128}));
    QCOMPARE(names.at("attention.2.weight"), (std::vector<int64_t>{128, 32}));
    QCOMPARE(names.at("projection.2.weight"), (std::vector<int64_t>{32, 64}));

    e->eval();
    const auto x = torch::randn({3, 3, 28, 28});
    {
        torch::NoGradGuard no_grad;
        const auto z = e->forward(x);
        QCOMPARE(z.sizes().vec(), (std::vector<int64_t>{3, 32}));
        QVERIFY(torch::allclose(z.norm(2, 1), torch::ones({3}), 1e-5, 1e-5));
        const auto f = e->features(x);
        const auto g = e->embed(x);
        QCOMPARE(g.sizes().vec(), (std::vector<int64_t>{3, 128}));
        // The gate is in (0, 1) and elementwise: |g| < |f| where f != 0.
        QVERIFY(torch::allclose(g, f * torch::sigmoid(e->named_children()["attention"]->as<torch::nn::Sequential>()->forward(f))));
        QVERIFY(g.abs().le(f.abs() + 1e-7).all().item<bool>());
        QVERIFY(torch::allclose(e->project(g), z));
    }
    e->train();
    const auto loss = e->forward(x).sum();
    loss.backward();
    for (const auto &p : e->parameters())
        QVERIFY(!p.grad().defined() || torch::isfinite(p.grad()).all().item<bool>());

    EncoderOptions plain;
    plain.attention = false;
    plain.projection_hidden = 0;
    auto p = makeEncoder("compact", plain).take();
    p->eval();
    torch::NoGradGuard no_grad;
    QVERIFY(torch::equal(p->embed(x), p->features(x)));
    QCOMPARE(stateShapes(*p).count("attention.0.weight"), size_t(0));
    QCOMPARE(stateShapes(*p).at("projection.0.weight"), (std::vector<int64_t>{128, 128}));
}

void TestNnModels::averageMaxPooling()
{
    // Average + maximum pooling: the backbone's average features, then the maximum over the
    // positions of each channel; every layer after the pooling is twice as wide.
    torch::manual_seed(3);
    EncoderOptions o;
    o.pooling = EncoderOptions::Pooling::AverageMax;
    o.projection_hidden = 64;
    o.projection_dim = 16;
    auto e = makeEncoder("compact", o).take();
    QCOMPARE(e->feature_dim(), int64_t(256));
    QCOMPARE(e->backbone()->feature_dim(), int64_t(128));
    QCOMPARE(stateShapes(*e).at("attention.0.weight"), (std::vector<int64_t>{64, 256}));
    QCOMPARE(stateShapes(*e).at("projection.0.weight"), (std::vector<int64_t>{64, 256}));
    e->eval();
    torch::NoGradGuard no_grad;
    const auto x = torch::randn({4, 3, 28, 28});
    const auto map = e->backbone()->feature_map(x);
    QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{4, 128, 7, 7}));
    const auto f = e->features(x);
    QCOMPARE(f.sizes().vec(), (std::vector<int64_t>{4, 256}));
    QVERIFY(torch::allclose(f.slice(1, 0, 128), e->backbone()->forward_features(x), 1e-6, 1e-6));
    // The maximum, by hand: one channel of one image.
    QCOMPARE(f[2][130].item<float>(), map[2][2].max().item<float>());
    QVERIFY(torch::equal(f.slice(1, 128, 256), std::get<0>(map.flatten(2).max(2))));
    // Maximum >= average, channel by channel.
    QVERIFY(f.slice(1, 128, 256).ge(f.slice(1, 0, 128) - 1e-6).all().item<bool>());
    QCOMPARE(e->forward(x).sizes().vec(), (std::vector<int64_t>{4, 16}));
}

void TestNnModels::pooledStages()
{
    // The maps of the last stages, each pooled, side by side: compact at 28 px gives the second
    // stage's 14x14 x 64 and the third's 7x7 x 128 map.
    torch::manual_seed(5);
    EncoderOptions o;
    o.pooling = EncoderOptions::Pooling::AverageMax;
    o.pool_stages = 2;
    o.projection_hidden = 32;
    o.projection_dim = 8;
    auto e = makeEncoder("compact", o).take();
    QCOMPARE(e->feature_dim(), int64_t(2 * (64 + 128)));
    e->eval();
    torch::NoGradGuard no_grad;
    const auto x = torch::randn({2, 3, 28, 28});
    const auto maps = e->backbone()->stage_maps(x, 2);
    QCOMPARE(maps.size(), size_t(2));
    QCOMPARE(maps[0].sizes().vec(), (std::vector<int64_t>{2, 64, 14, 14}));
    QVERIFY(torch::equal(maps[1], e->backbone()->feature_map(x)));
    const auto f = e->features(x);
    QCOMPARE(f.sizes().vec(), (std::vector<int64_t>{2, 384}));
    QVERIFY(torch::allclose(f.slice(1, 0, 64), maps[0].mean({2, 3}), 1e-5, 1e-6));
    QVERIFY(torch::equal(f.slice(1, 64, 128), maps[0].amax({2, 3})));
    QVERIFY(torch::allclose(f.slice(1, 128, 256), e->backbone()->forward_features(x), 1e-6, 1e-6));
    QVERIFY(torch::equal(f.slice(1, 256, 384), maps[1].amax({2, 3})));
    // Average pooling of one stage stays the backbone's own (torchvision's for EfficientNet-B0).
    auto plain = makeEncoder("compact", EncoderOptions{}).take();
    plain->eval();
    QVERIFY(torch::equal(plain->features(x), plain->backbone()->forward_features(x)));
    // Stage counts and widths agree with the torch-free catalogue; too many stages are refused.
    for (const QString &name : backboneNames()) {
        auto b = makeBackbone(name.toStdString()).take();
        QCOMPARE(int(b->stage_dims().size()), backboneStageCount(name));
        QCOMPARE(b->stage_dims().back(), b->feature_dim());
    }
    o.pool_stages = 4;
    QVERIFY(!makeEncoder("compact", o).ok());
    auto b0 = makeBackbone("efficientnet_b0").take();
    b0->eval();
    const auto b0maps = b0->stage_maps(torch::randn({1, 3, 64, 64}), 2);
    QCOMPARE(b0maps[0].size(1), int64_t(320));
    QCOMPARE(b0maps[1].size(1), int64_t(1280));
}

void TestNnModels::encoderAndHeadSets()
{
    torch::manual_seed(4);
    EncoderOptions o;
    o.projection_hidden = 32;
    o.projection_dim = 8;
    std::vector<EnhancedEncoder> two{makeEncoder("compact", o).take(), makeEncoder("compact", o).take()};
    EncoderSet set(two);
    QCOMPARE(set->size(), size_t(2));
    QCOMPARE(set->member_dim(), int64_t(128));
    QCOMPARE(set->feature_dim(), int64_t(256));
    set->eval();
    torch::NoGradGuard no_grad;
    const auto x = torch::randn({3, 3, 28, 28});
    const auto e = set->embed(x);
    QVERIFY(torch::equal(e.slice(1, 0, 128), two[0]->embed(x)));
    QVERIFY(torch::equal(e.slice(1, 128, 256), two[1]->embed(x)));
    // What files hold: the members' list ("0.backbone…") for two, the member itself for one, so
    // a single model's tensors keep the names they had before ensembles.
    const auto names = stateShapes(*set->stored());
    QVERIFY(names.count("0.backbone.stages.0.0.0.weight") && names.count("1.projection.2.weight"));
    EncoderSet single(std::vector<EnhancedEncoder>{two[0]});
    QCOMPARE(stateShapes(*single->stored()), stateShapes(*two[0]));
    QVERIFY(torch::equal(single->embed(x), two[0]->embed(x)));

    // Heads: each reads its member's part; the ensemble's probabilities are the mean of theirs.
    ClassifierHeadSet heads(2, 128, 16, 5, 0.2);
    heads->eval();
    const auto p = heads->probabilities(e);
    const auto p0 = torch::softmax(heads->head(0)->forward(e.slice(1, 0, 128)), 1);
    const auto p1 = torch::softmax(heads->head(1)->forward(e.slice(1, 128, 256)), 1);
    QVERIFY(torch::allclose(p, (p0 + p1) / 2, 1e-6, 1e-7));
    QVERIFY(torch::allclose(p.sum(1), torch::ones({3}), 1e-5, 1e-5));
    QVERIFY(stateShapes(*heads->stored()).count("1.out.weight"));
    ClassifierHeadSet one(1, 128, 16, 5, 0.2);
    one->eval();
    QVERIFY(stateShapes(*one->stored()).count("out.weight")); // a single head's names
    QVERIFY(torch::equal(one->probabilities(e.slice(1, 0, 128)), torch::softmax(one->head(0)->forward(e.slice(1, 0, 128)), 1)));

    // A head's dropout with a generator of its own draws the same masks whatever else draws.
    ClassifierHead h(128, 16, 5, 0.5);
    h->train();
    torch::NoGradGuard again;
    h->set_generator(at::make_generator<at::CPUGeneratorImpl>(11));
    const auto d1 = h->forward(e.slice(1, 0, 128));
    h->set_generator(at::make_generator<at::CPUGeneratorImpl>(11));
    torch::rand({1000}); // the global generator moves; the head's does not care
    const auto d2 = h->forward(e.slice(1, 0, 128));
    QVERIFY(torch::equal(d1, d2));
}

void TestNnModels::learningRateHelper()
{
    auto a = torch::zeros({2}, torch::requires_grad());
    auto b = torch::zeros({2}, torch::requires_grad());
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(std::vector<torch::Tensor>{a}, std::make_unique<torch::optim::AdamWOptions>(1e-3));
    groups.emplace_back(std::vector<torch::Tensor>{b}, std::make_unique<torch::optim::AdamWOptions>(1e-2));
    torch::optim::AdamW opt(std::move(groups));
    QCOMPARE(learningRates(opt), (std::vector<double>{1e-3, 1e-2}));
    setLearningRate(opt, 0.5);
    QCOMPARE(learningRates(opt), (std::vector<double>{0.5, 0.5}));
    setLearningRates(opt, {0.25, 0.125});
    QCOMPARE(static_cast<torch::optim::AdamWOptions &>(opt.param_groups()[1].options()).lr(), 0.125);

    // Decay only on weights with dim > 1: compact has 6 conv weights, 12 BN vectors.
    auto compact = makeBackbone("compact").take();
    torch::optim::AdamW adamw(adamWParamGroups(*compact, 1e-3, 0.05));
    QCOMPARE(adamw.param_groups().size(), size_t(2));
    QCOMPARE(adamw.param_groups()[0].params().size(), size_t(6));
    QCOMPARE(adamw.param_groups()[1].params().size(), size_t(12));
    const auto &decay = static_cast<torch::optim::AdamWOptions &>(adamw.param_groups()[0].options());
    const auto &none = static_cast<torch::optim::AdamWOptions &>(adamw.param_groups()[1].options());
    QCOMPARE(decay.weight_decay(), 0.05);
    QCOMPARE(none.weight_decay(), 0.0);
    QCOMPARE(none.lr(), 1e-3);
}

QTEST_GUILESS_MAIN(TestNnModels)
#include "tst_nn_models.moc"
