// Training settings (core/trainingconfig.h): profiles, JSON round trip, overrides, validation.

#include "trainingconfig.h"
#include "viewaugment.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

#include <opencv2/imgproc.hpp>

using namespace bb;

class TestTrainingConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void profiles();
    void jsonRoundTrip();
    void overrides_data();
    void overrides();
    void nonFiniteValuesRefused();
    void viewsAreDeterministic();
    void randomErasing();
    void savedConfigOfAnOlderVersion();
    void resumeOverridesOfTheForm();
    void configFiles();
};

void TestTrainingConfig::profiles()
{
    auto quick = TrainingConfig::fromProfile(QStringLiteral("quick"));
    QVERIFY(quick.ok());
    QCOMPARE(quick.value().backbone, QStringLiteral("compact"));
    QCOMPARE(quick.value().aux_ce_weight, 10.0); // SupCon + 10 CE, two cosine cycles of 8 epochs
    QCOMPARE(quick.value().t_0, 8);
    QCOMPARE(quick.value().t_mult, 1);
    QCOMPARE(quick.value().pooling, QStringLiteral("avgmax"));
    QCOMPARE(quick.value().pool_stages, 2);
    QVERIFY(quick.value().validate().ok());
    auto seed = TrainingConfig::fromProfile(QStringLiteral("seed"));
    QVERIFY(seed.ok());
    QCOMPARE(seed.value().backbone, QStringLiteral("efficientnet_b0"));
    QCOMPARE(seed.value().input_size, 224);
    QCOMPARE(seed.value().balance_size, 256);
    QCOMPARE(seed.value().aux_ce_weight, 0.0); // pure SupCon
    QCOMPARE(seed.value().pooling, QStringLiteral("avg")); // torchvision's
    QCOMPARE(seed.value().pool_stages, 1);
    QVERIFY(seed.value().validate().ok());
    QVERIFY(!TrainingConfig::fromProfile(QStringLiteral("turbo")).ok());
}

void TestTrainingConfig::jsonRoundTrip()
{
    TrainingConfig c = TrainingConfig::fromProfile(QStringLiteral("seed")).take();
    c.seed = 18446744073709551615ull; // survives JSON as a string
    c.margin = 0.123456789;
    c.attention = false;
    const QJsonObject j = c.toJson();
    QCOMPARE(j.size(), TrainingConfig::keys().size());
    auto back = TrainingConfig::fromJson(j, TrainingConfig{});
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back.value().toJson(), j);
    QCOMPARE(back.value().seed, c.seed);
    QJsonObject bad = j;
    bad.insert(QStringLiteral("learning_rate"), 1);
    const auto r = TrainingConfig::fromJson(bad, TrainingConfig{});
    QVERIFY(!r.ok());
    QVERIFY(r.error().contains(QStringLiteral("learning_rate")));
}

void TestTrainingConfig::overrides_data()
{
    QTest::addColumn<QString>("override");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");
    QTest::newRow("epochs") << "epochs=3" << true << "";
    QTest::newRow("dash key") << "head-epochs=7" << true << "";
    QTest::newRow("bool") << "attention=off" << true << "";
    QTest::newRow("unknown") << "epoch=3" << false << "unknown setting 'epoch'";
    QTest::newRow("not a number") << "lr=fast" << false << "'lr'";
    QTest::newRow("no equals") << "epochs" << false << "key=value";
    QTest::newRow("bad backbone") << "backbone=resnet" << false << "unknown backbone";
    QTest::newRow("T_mult 0") << "t_mult=0" << false << "T_mult";
    QTest::newRow("negative temperature") << "temperature=-1" << false << "temperature";
    QTest::newRow("views 0") << "views=0" << false << "views";
    QTest::newRow("crop ratio below 1") << "crop_ratio_max=0.5" << false << "crop_ratio_max";
    QTest::newRow("aux CE weight") << "aux_ce_weight=0.5" << true << "";
    QTest::newRow("negative aux CE weight") << "aux_ce_weight=-0.1" << false << "aux_ce_weight";
    QTest::newRow("aux CE weight above 10") << "aux_ce_weight=11" << false << "aux_ce_weight";
    QTest::newRow("blur probability above 1") << "blur_probability=1.5" << false << "blur_probability";
    QTest::newRow("negative greyscale probability") << "grayscale_probability=-0.1" << false << "grayscale_probability";
    QTest::newRow("erase probability not a number") << "erase_probability=nan" << false << "erase_probability";
    // NaN passes every "x < 0 || x > 1" check and JSON writes non-finite numbers as null, which
    // made a saved run unreadable; each Double setting refuses them by name.
    QTest::newRow("head dropout NaN") << "head_dropout=nan" << false << "'head_dropout': cannot use 'nan' (not a finite number)";
    QTest::newRow("focal gamma infinite") << "focal_gamma=inf" << false << "'focal_gamma'";
    QTest::newRow("head lr infinite") << "head_lr=inf" << false << "'head_lr'";
    QTest::newRow("weight decay infinite") << "weight_decay=-inf" << false << "'weight_decay'";
    QTest::newRow("test-time flip not a bool") << "test_time_flip=maybe" << false << "'test_time_flip'";
    QTest::newRow("pooling unknown") << "pooling=max" << false << "setting 'pooling': must be avg or avgmax";
    QTest::newRow("four pooled stages of three") << "pool_stages=4" << false << "'pool_stages': must be in [1, 3] (the compact backbone has 3 stages)";
    QTest::newRow("no pooled stage") << "pool_stages=0" << false << "'pool_stages'";
    QTest::newRow("threads 100000") << "threads=100000" << false << "'threads': must be 0 (all cores) to 1024";
    QTest::newRow("threads 1024") << "threads=1024" << true << "";
    QTest::newRow("loader threads 257") << "loader_threads=257" << false << "'loader_threads'";
}

void TestTrainingConfig::overrides()
{
    QFETCH(QString, override);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    const auto r = TrainingConfig::withOverrides(TrainingConfig{}, {override});
    QCOMPARE(r.ok(), ok);
    if (!ok)
        QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    else if (override.startsWith(QLatin1String("epochs")))
        QCOMPARE(r.value().epochs, 3);
    else if (override.startsWith(QLatin1String("head")))
        QCOMPARE(r.value().head_epochs, 7);
    else if (override.startsWith(QLatin1String("aux")))
        QCOMPARE(r.value().aux_ce_weight, 0.5);
    else if (override.startsWith(QLatin1String("threads")))
        QCOMPARE(r.value().threads, 1024);
    else
        QCOMPARE(r.value().attention, false);
}

void TestTrainingConfig::nonFiniteValuesRefused()
{
    // Also when a program sets them directly, not through text.
    TrainingConfig c;
    QVERIFY(c.validate());
    c.head_dropout = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(!c.validate());
    QVERIFY2(c.validate().message().contains(QStringLiteral("'head_dropout': must be a finite number")), qPrintable(c.validate().message()));
    c = TrainingConfig{};
    c.eta_min = std::numeric_limits<double>::infinity();
    QVERIFY2(c.validate().message().contains(QStringLiteral("'eta_min'")), qPrintable(c.validate().message()));
    // Whole-number settings in JSON: 3.5 and 1e20 were read as 0 (epochs 0: no SupCon stage).
    for (const double bad : {3.5, 1e20, 2.9999999}) {
        const auto r = TrainingConfig::fromJson(QJsonObject{{QStringLiteral("epochs"), bad}}, TrainingConfig{});
        QVERIFY2(!r.ok() && r.error().contains(QStringLiteral("'epochs'")), qPrintable(QString::number(bad)));
    }
    QCOMPARE(TrainingConfig::fromJson(QJsonObject{{QStringLiteral("epochs"), 7.0}}, TrainingConfig{}).value().epochs, 7);
    // Finite but beyond float's range (libtorch computes in float): refused, not trained to NaN.
    for (const char *o : {"weight_decay=1e39", "focal_gamma=1e39", "margin=1e39", "lr=1e39", "head_lr=1e39",
                          "eta_min=1e39", "temperature=1e-300"}) {
        const auto r = TrainingConfig::withOverrides(TrainingConfig{}, {QString::fromLatin1(o)});
        QVERIFY2(!r.ok() && r.error().contains(QString::fromLatin1(o).section(QLatin1Char('='), 0, 0)), o);
    }
    // A saved config holding null where a number belongs is refused, not read as a default.
    QJsonObject saved = TrainingConfig{}.toJson();
    saved.insert(QStringLiteral("focal_gamma"), QJsonValue::Null);
    QVERIFY(!TrainingConfig::fromSavedJson(saved).ok());
}

void TestTrainingConfig::viewsAreDeterministic()
{
    cv::Mat img(40, 30, CV_8UC3);
    cv::randu(img, 0, 255);
    ViewAugmentOptions o;
    o.out_size = 24;
    Rng a(5), b(5), c(6);
    const cv::Mat va = makeView(img, o, a), vb = makeView(img, o, b), vc = makeView(img, o, c);
    QCOMPARE(va.cols, 24);
    QCOMPARE(va.rows, 24);
    QCOMPARE(va.type(), CV_8UC3);
    QCOMPARE(cv::norm(va, vb, cv::NORM_INF), 0.0);
    QVERIFY(cv::norm(va, vc, cv::NORM_INF) > 0);
    // Grey input stays grey when the dataset is not colour.
    cv::Mat grey(20, 20, CV_8UC3, cv::Scalar(90, 90, 90));
    o.colour = false;
    for (int i = 0; i < 20; ++i) {
        Rng r{quint64(i)};
        QVERIFY(isGreyImage(makeView(grey, o, r)));
    }
}

void TestTrainingConfig::randomErasing()
{
    // A flat image, no jitter or blur: every changed pixel is the erased rectangle.
    cv::Mat flat(28, 28, CV_8UC3, cv::Scalar(0, 0, 0));
    ViewAugmentOptions o;
    o.out_size = 28;
    o.jitter_probability = 0;
    o.blur_probability = 0;
    o.grayscale_probability = 0;
    o.colour = false;
    o.erase_probability = 1.0;
    int erasedViews = 0;
    for (int i = 0; i < 50; ++i) {
        Rng r{quint64(i)};
        const cv::Mat v = makeView(flat, o, r);
        QVERIFY(isGreyImage(v)); // grey data gets grey noise
        cv::Mat g;
        cv::cvtColor(v, g, cv::COLOR_RGB2GRAY);
        const int changed = cv::countNonZero(g);
        QVERIFY2(changed <= int(0.33 * 28 * 28) + 28, qPrintable(QString::number(changed))); // + rounding of the sides
        if (changed > 0) {
            ++erasedViews;
            const cv::Rect box = cv::boundingRect(g);
            QVERIFY(box.area() >= int(0.02 * 28 * 28) - 8 && box.area() <= int(0.33 * 28 * 28) + 28);
        }
    }
    QVERIFY(erasedViews >= 45); // up to 10 tries find a rectangle nearly always
    // Off (the default) draws nothing more: the views are those of earlier versions.
    cv::Mat img(40, 30, CV_8UC3);
    cv::randu(img, 0, 255);
    ViewAugmentOptions on, off;
    on.erase_probability = 1e-9; // enabled, practically never erasing: same first draws
    Rng a(9), b(9);
    QCOMPARE(cv::norm(makeView(img, off, a), makeView(img, on, b), cv::NORM_INF), 0.0);
}

void TestTrainingConfig::savedConfigOfAnOlderVersion()
{
    // A config.json written before aux_ce_weight and erase_probability existed.
    QJsonObject old = TrainingConfig{}.toJson();
    old.remove(QStringLiteral("aux_ce_weight"));
    old.remove(QStringLiteral("erase_probability"));
    old.insert(QStringLiteral("epochs"), 5);
    const auto r = TrainingConfig::fromSavedJson(old);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(r.value().aux_ce_weight, 0.0); // not the quick profile's 10
    QCOMPARE(r.value().erase_probability, 0.0);
    QCOMPARE(r.value().epochs, 5);
    // Saved values win.
    QJsonObject current = TrainingConfig{}.toJson();
    current.insert(QStringLiteral("aux_ce_weight"), 2.5);
    QCOMPARE(TrainingConfig::fromSavedJson(current).value().aux_ce_weight, 2.5);
    // Older still: no crop_ratio_max, no test_time_flip (mirror off, as those runs were validated).
    old.remove(QStringLiteral("crop_ratio_max"));
    old.remove(QStringLiteral("test_time_flip"));
    const auto older = TrainingConfig::fromSavedJson(old);
    QVERIFY2(older.ok(), qPrintable(older.error()));
    QCOMPARE(older.value().test_time_flip, false);
    QCOMPARE(older.value().crop_ratio_max, 1.333);
    // Before pooling was a setting: average pooling, whatever the profile's default is now.
    old.remove(QStringLiteral("pooling"));
    old.remove(QStringLiteral("pool_stages"));
    old.remove(QStringLiteral("members"));
    QCOMPARE(TrainingConfig::fromSavedJson(old).value().pooling, QStringLiteral("avg"));
    QCOMPARE(TrainingConfig::fromSavedJson(old).value().pool_stages, 1);
    QCOMPARE(TrainingConfig::fromSavedJson(old).value().members, 1);
    QCOMPARE(TrainingConfig::fromSavedJson(current).value().pooling, QStringLiteral("avgmax"));
    // Any other key missing: refused by name (an empty or cut config is not read as defaults).
    QJsonObject cut = TrainingConfig{}.toJson();
    cut.remove(QStringLiteral("batch_size"));
    const auto refused = TrainingConfig::fromSavedJson(cut);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QStringLiteral("'batch_size'")), qPrintable(refused.error()));
    QVERIFY(!TrainingConfig::fromSavedJson(QJsonObject{}).ok());
}

void TestTrainingConfig::configFiles()
{
    // `train --config` and the workbench's Load read files through one function: messages say
    // what is wrong ("not a JSON object (no error occurred)" for an array before), and a file's
    // own profile is the base unless one is asked for (the CLI used --profile's default, quick,
    // under a file that said "seed": quick's settings labelled seed).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto file = [&](const char *name, const QByteArray &content) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return QString();
        return path;
    };
    const struct {
        const char *name;
        QByteArray content;
        QString expected;
    } bad[] = {
        {"cut.json", "{\"epochs\": 3, ", QStringLiteral("is not valid JSON (")},
        {"huge.json", "{\"epochs\": 1e400}", QStringLiteral("is not valid JSON (illegal number at byte")},
        {"array.json", "[1, 2]", QStringLiteral("the settings must be one JSON object, {\"key\": value, …}, not an array")},
        // Valid JSON that Qt's parser calls "illegal value": said as what it is.
        {"number.json", " 42\n", QStringLiteral("the settings must be one JSON object, {\"key\": value, …}, not a number")},
        {"null.json", "null", QStringLiteral("must be one JSON object, {\"key\": value, …}, not null")},
        {"string.json", "\"epochs\"", QStringLiteral("must be one JSON object, {\"key\": value, …}, not a string")},
        {"bom.json", "\xEF\xBB\xBF" "42", QStringLiteral("must be one JSON object, {\"key\": value, …}, not a number")},
        {"bool.json", "true", QStringLiteral("not a boolean")},
        {"scalar-then-junk.json", "42x", QStringLiteral("is not valid JSON (")},
        {"empty.json", "", QStringLiteral("is not valid JSON (")},
        {"two.json", "1, 2", QStringLiteral("is not valid JSON (")},
        {"fraction.json", "{\"epochs\": 3.5}", QStringLiteral("setting 'epochs': cannot use '3.5'")},
        {"unknown.json", "{\"epoch\": 3}", QStringLiteral("unknown setting 'epoch'")},
        {"profile.json", "{\"profile\": \"fast\"}", QStringLiteral("unknown profile 'fast'")},
    };
    for (const auto &b : bad) {
        const QString path = file(b.name, b.content);
        QVERIFY(!path.isEmpty());
        auto r = TrainingConfig::fromFile(path);
        QVERIFY2(!r.ok(), b.name);
        QVERIFY2(r.error().startsWith(path) && r.error().contains(b.expected), qPrintable(r.error()));
    }
    auto missing = TrainingConfig::fromFile(dir.filePath(QStringLiteral("nope.json")));
    QVERIFY2(!missing.ok() && missing.error().startsWith(QStringLiteral("cannot read")) && missing.error().endsWith(QStringLiteral(": no such file")),
             qPrintable(missing.error()));

    const TrainingConfig seed = TrainingConfig::fromProfile(QStringLiteral("seed")).value();
    const TrainingConfig quick = TrainingConfig::fromProfile(QStringLiteral("quick")).value();
    QVERIFY(seed.backbone != quick.backbone);
    const QString partial = file("partial.json", "{\"profile\": \"seed\", \"epochs\": 3}");
    // The file's own profile under its settings ...
    auto own = TrainingConfig::fromFile(partial);
    QVERIFY2(own.ok(), qPrintable(own.error()));
    QCOMPARE(own.value().profile, QStringLiteral("seed"));
    QCOMPARE(own.value().backbone, seed.backbone);
    QCOMPARE(own.value().epochs, 3);
    // ... unless a profile is asked for, which then names the result.
    auto asked = TrainingConfig::fromFile(partial, QStringLiteral("quick"));
    QVERIFY2(asked.ok(), qPrintable(asked.error()));
    QCOMPARE(asked.value().profile, QStringLiteral("quick"));
    QCOMPARE(asked.value().backbone, quick.backbone);
    QCOMPARE(asked.value().epochs, 3);
    // No profile in the file: the fallback.
    auto plain = TrainingConfig::fromFile(file("plain.json", "{\"epochs\": 4}"), QString(), QStringLiteral("seed"));
    QVERIFY2(plain.ok(), qPrintable(plain.error()));
    QCOMPARE(plain.value().backbone, seed.backbone);
    QCOMPARE(plain.value().epochs, 4);
}

void TestTrainingConfig::resumeOverridesOfTheForm()
{
    // What the GUI's "Train New Head" passes: the form's head settings that differ from the run's.
    TrainingConfig run;
    QVERIFY(TrainingConfig::resumeOverrides(run, run).isEmpty());
    TrainingConfig wanted = run;
    wanted.head_dropout = 0.35;
    wanted.head_hidden = 0;
    wanted.test_time_flip = !run.test_time_flip;
    wanted.focal_alpha = QStringLiteral("uniform");
    wanted.lr = run.lr * 2;     // not resumable: never passed
    wanted.epochs = run.epochs + 1;
    const QStringList o = TrainingConfig::resumeOverrides(run, wanted);
    QCOMPARE(o.size(), run.focal_alpha == wanted.focal_alpha ? 3 : 4);
    QVERIFY(TrainingConfig::checkResumeOverrides(o).ok());
    // Applied to the run's config they give the form's head settings and keep the rest.
    const auto applied = TrainingConfig::withOverrides(run, o);
    QVERIFY2(applied.ok(), qPrintable(applied.error()));
    QCOMPARE(applied.value().head_dropout, 0.35);
    QCOMPARE(applied.value().head_hidden, 0);
    QCOMPARE(applied.value().test_time_flip, wanted.test_time_flip);
    QCOMPARE(applied.value().focal_alpha, wanted.focal_alpha);
    QCOMPARE(applied.value().lr, run.lr);
    QCOMPARE(applied.value().epochs, run.epochs);
}

QTEST_GUILESS_MAIN(TestTrainingConfig)
#include "tst_trainingconfig.moc"
