// The training job end to end on a tiny generated dataset: bundle, predictor, store records,
// resume equals an uninterrupted run, and the train/evaluate/predict CLI.

#include "../core/testutil.h"
#include "blascheck.h"
#include "imagedecoder.h"
#include "jobcontrol.h"
#include "predictor.h"
#include "projectstore.h"
#include "trainer.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <tuple>

using namespace bb;

class TestTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trainsAndPredicts();
    void resumeEqualsUninterrupted_data();
    void resumeEqualsUninterrupted();
    void resumeTrainsANewHead();
    void ensembleSideBySideEqualsInTurns();
    void stoppedRunKeepsChangedSettings();
    void unwritableCheckpointStopsResumably();
    void resumeRefusesAnotherDataset();
    void cli();
    void sigtermIsNamed();
    void undefinedValidationLossKeepsLastEpoch();
    void transferWeightsSurviveAnEarlyStop();
    void blasCheck();

private:
    TrainingConfig tinyConfig() const;
    /// A request for the tiny dataset with tinyConfig(): run folder `run` and store `store` in
    /// the test's temporary folder.
    TrainingRequest tinyRequest(const QString &run, const QString &store) const;
    QTemporaryDir m_tmp;
    QString m_root;
    QString m_test;
};

static cv::Mat pattern(int cls, int i)
{
    // Three visually distinct families with per-image phase, contrast and noise.
    cv::Mat m(16, 16, CV_8UC3);
    cv::RNG rng(uint64(cls * 1000 + i + 1));
    const int phase = i % 4, lo = 20 + (i * 7) % 40, hi = 200 + (i * 3) % 50;
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16; ++x) {
            bool on = cls == 0 ? ((y + phase) / 2) % 2 : cls == 1 ? ((x + phase) / 2) % 2 : (((x + phase) / 4 + y / 4) % 2);
            const int v = std::clamp((on ? hi : lo) + int(rng.gaussian(12)), 0, 255);
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(v), uchar(v), uchar(v));
        }
    return m;
}

void TestTraining::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_root = m_tmp.filePath(QStringLiteral("ds"));
    m_test = m_tmp.filePath(QStringLiteral("test"));
    const char *names[] = {"horizontal", "vertical", "checker"};
    for (int c = 0; c < 3; ++c) {
        const int n = c == 2 ? 12 : 24; // imbalanced
        for (int i = 0; i < n; ++i)
            QVERIFY(bbtest::writeFile(QStringLiteral("%1/%2/%3.png").arg(m_root, QLatin1String(names[c])).arg(i), bbtest::encode(pattern(c, i), ".png")));
        for (int i = 0; i < 6; ++i)
            QVERIFY(bbtest::writeFile(QStringLiteral("%1/%2/t%3.png").arg(m_test, QLatin1String(names[c])).arg(i), bbtest::encode(pattern(c, 500 + i), ".png")));
    }
    QVERIFY(bbtest::writeFile(m_root + QStringLiteral("/checker/broken.png"), QByteArray("\x89PNG\r\n\x1a\nnope", 12)));
}

TrainingRequest TestTraining::tinyRequest(const QString &run, const QString &store) const
{
    TrainingRequest r;
    r.dataset_root = m_root;
    r.run_dir = m_tmp.filePath(run);
    r.project_file = m_tmp.filePath(store);
    r.config = tinyConfig();
    return r;
}

TrainingConfig TestTraining::tinyConfig() const
{
    TrainingConfig c;
    c.input_size = 16;
    c.balance_size = 16;
    c.balance_target = 24;
    c.epochs = 3;
    c.batch_size = 16;
    c.projection_hidden = 32;
    c.projection_dim = 16;
    c.head_hidden = 16;
    c.head_epochs = 30;
    c.head_patience = 30;
    c.head_batch_size = 32;
    c.t_0 = 1;
    c.t_mult = 2;
    c.threads = 2;
    c.seed = 7;
    return c;
}

void TestTraining::trainsAndPredicts()
{
    TrainingRequest req = tinyRequest(QStringLiteral("run"), QStringLiteral("p.sqlite"));
    int epochs = 0, snapshots = 0, steps = 0;
    TrainingCallbacks cb;
    cb.on_epoch = [&](const EpochReport &e) {
        if (e.phase == QLatin1String("supcon")) {
            ++epochs;
            QVERIFY(std::isfinite(e.train_loss) && std::isfinite(e.val_loss));
        }
    };
    cb.on_embeddings = [&](const EmbeddingSnapshot &s) {
        ++snapshots;
        QCOMPARE(int(s.labels.size()) * s.dim, int(s.data.size()));
        QCOMPARE(s.classes.size(), 3);
    };
    cb.on_step = [&](const StepReport &) { ++steps; };
    auto r = runTraining(req, cb);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(epochs, 3);
    QCOMPARE(snapshots, 3);
    QVERIFY(steps >= 3);
    QVERIFY2(r.value().validation.macro_f1 >= 0.9, qPrintable(QString::number(r.value().validation.macro_f1)));
    QVERIFY(QFile::exists(r.value().bundle_path));
    QVERIFY(QFile::exists(req.run_dir + QStringLiteral("/embeddings/epoch_002.csv")));
    // The encoder at each warm restart: T_0 = 1, T_mult = 2 -> cycles end after epochs 1 and 3.
    QCOMPARE(QDir(req.run_dir + QStringLiteral("/checkpoints")).entryList({QStringLiteral("cycle-end-*")}),
             (QStringList{QStringLiteral("cycle-end-001-encoder.pt"), QStringLiteral("cycle-end-003-encoder.pt")}));
    QFile csv(req.run_dir + QStringLiteral("/metrics.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.filter(QStringLiteral("supcon,")).size(), 3);
    QVERIFY(rows.filter(QStringLiteral("head,")).size() >= 1);

    // The run and its per-epoch metrics are in the project store.
    auto store = ProjectStore::open(req.project_file);
    QVERIFY(store.ok());
    const auto runs = store.value()->runs();
    QCOMPARE(int(runs.size()), 1);
    QCOMPARE(runs[0].status, QStringLiteral("finished"));
    QCOMPARE(runs[0].config.value(QStringLiteral("epochs")).toInt(), 3);
    QVERIFY(store.value()->epochMetrics(runs[0].id).size() >= 4);

    auto pred = Predictor::load(r.value().bundle_path);
    QVERIFY2(pred.ok(), qPrintable(pred.error()));
    {
        // Bundles whose metadata disagrees with their weights, or whose lengths are garbage:
        // refused by name (the weights' shapes replaced the model's silently, tensors the model
        // lacked were ignored, a zero std gave NaN, a length of 2^63 crashed).
        QFile f(r.value().bundle_path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        quint32 n = 0;
        std::memcpy(&n, bytes.constData() + 8, 4); // "BBMODEL1", u32 little endian, JSON
        const QJsonObject meta = QJsonDocument::fromJson(bytes.mid(12, qsizetype(n))).object();
        auto withMeta = [&](const QJsonObject &m) {
            const QByteArray json = QJsonDocument(m).toJson(QJsonDocument::Compact);
            const quint32 len = quint32(json.size());
            QByteArray edited = bytes.left(8);
            edited.append(reinterpret_cast<const char *>(&len), 4);
            edited.append(json);
            edited.append(bytes.mid(12 + qsizetype(n)));
            return edited;
        };
        auto setting = [&](const QString &key, const QJsonValue &v) {
            QJsonObject m = meta, cfg = m.value(QStringLiteral("config")).toObject();
            cfg.insert(key, v);
            m.insert(QStringLiteral("config"), cfg);
            return withMeta(m);
        };
        QJsonObject zeroStd = meta, pre = meta.value(QStringLiteral("preprocessing")).toObject();
        pre.insert(QStringLiteral("std"), QJsonArray{0, 0, 0});
        zeroStd.insert(QStringLiteral("preprocessing"), pre);
        QByteArray hugeLength = bytes;
        const quint64 huge = quint64(1) << 63;
        std::memcpy(hugeLength.data() + 12 + n, &huge, 8);
        QCOMPARE(meta.value(QStringLiteral("config")).toObject().value(QStringLiteral("head_hidden")).toInt(), 16);
        for (const auto &[name, edited, expected] :
             {std::tuple{"head_hidden 20", setting(QStringLiteral("head_hidden"), 20), QStringLiteral("in the file but")},
              std::tuple{"attention off", setting(QStringLiteral("attention"), false), QStringLiteral("is in the file but not in the model")},
              std::tuple{"std 0", withMeta(zeroStd), QStringLiteral("bad preprocessing metadata")},
              std::tuple{"length 2^63", hugeLength, QStringLiteral("truncated model bundle")}}) {
            const QString path = m_tmp.filePath(QStringLiteral("edited.bbmodel"));
            QVERIFY(bbtest::writeFile(path, edited));
            auto misfit = Predictor::load(path);
            QVERIFY2(!misfit.ok(), name);
            QVERIFY2(misfit.error().contains(expected), qPrintable(misfit.error()));
        }
    }
    QCOMPARE(pred.value().classes(), (QStringList{QStringLiteral("checker"), QStringLiteral("horizontal"), QStringLiteral("vertical")}));
    QStringList files = {m_test + QStringLiteral("/vertical/t0.png"), m_tmp.filePath(QStringLiteral("nope.png")),
                         m_test + QStringLiteral("/checker/t1.png")};
    const auto out = pred.value().predictFiles(files, 2);
    QCOMPARE(int(out.size()), 3);
    QVERIFY(out[0].ok());
    QCOMPARE(out[0].label, QStringLiteral("vertical"));
    QCOMPARE(int(out[0].top.size()), 2);
    QVERIFY(out[0].top[0].probability >= out[0].top[1].probability);
    QVERIFY(!out[1].ok());
    QVERIFY(out[2].ok());
    QCOMPARE(out[2].label, QStringLiteral("checker"));
    const auto nn = pred.value().nearest(out[0].embedding, 5);
    QCOMPARE(int(nn.size()), 5);
    QVERIFY(QFile::exists(nn[0].path));
    QCOMPARE(nn[0].label, QStringLiteral("vertical"));
    const QJsonObject meta = pred.value().metadata();
    QCOMPARE(meta.value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
    QCOMPARE(meta.value(QStringLiteral("dataset_hash")).toString().size(), 64);
    // Training and prediction share the preprocessing: a single predict() equals the batch.
    const Prediction single = pred.value().predictFile(files[2], 2);
    QVERIFY(std::abs(single.probability - out[2].probability) < 1e-6);

    // Test-time flip: each class's probability is the mean of the image's and its mirror's.
    Predictor &p = pred.value();
    QVERIFY(p.testTimeFlip()); // the bundle's setting (the quick profile's default)
    p.setTestTimeFlip(false);
    auto decoded = decodeImageFile(m_test + QStringLiteral("/horizontal/t2.png"));
    QVERIFY(decoded.ok());
    cv::Mat mirrored;
    cv::flip(decoded.value().rgb, mirrored, 1);
    const Prediction plain = p.predict(decoded.value().rgb, 3), mirror = p.predict(mirrored, 3);
    p.setTestTimeFlip(true);
    const Prediction both = p.predict(decoded.value().rgb, 3);
    QVERIFY(both.ok() && plain.ok() && mirror.ok());
    auto probOf = [](const Prediction &r, const QString &label) {
        for (const ClassProbability &cp : r.top)
            if (cp.label == label)
                return cp.probability;
        return -1.0;
    };
    QCOMPARE(int(both.top.size()), 3);
    for (const ClassProbability &cp : both.top)
        QVERIFY2(std::abs(cp.probability - 0.5 * (probOf(plain, cp.label) + probOf(mirror, cp.label))) < 1e-5,
                 qPrintable(cp.label));
    QCOMPARE(both.embedding, plain.embedding); // neighbours use the image itself
}

void TestTraining::resumeEqualsUninterrupted_data()
{
    QTest::addColumn<double>("auxCe");
    QTest::addColumn<int>("members");
    QTest::newRow("pure SupCon") << 0.0 << 1;
    QTest::newRow("auxiliary cross-entropy") << 0.5 << 1; // its classifier is checkpointed too
    // Three members side by side on two threads: their checkpoints and classifiers as one file each.
    QTest::newRow("ensemble of three") << 0.5 << 3;
}

void TestTraining::resumeEqualsUninterrupted()
{
    QFETCH(double, auxCe);
    QFETCH(int, members);
    const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    TrainingRequest a = tinyRequest(QStringLiteral("straight-") + tag, QStringLiteral("r-%1.sqlite").arg(tag));
    a.config.aux_ce_weight = auxCe;
    a.config.members = members;
    auto ra = runTraining(a);
    QVERIFY2(ra.ok(), qPrintable(ra.error()));

    TrainingRequest b = a;
    b.run_dir = m_tmp.filePath(QStringLiteral("interrupted-") + tag);
    JobControl control;
    TrainingCallbacks cb;
    cb.on_epoch = [&](const EpochReport &e) {
        if (e.phase == QLatin1String("supcon") && e.epoch == 0)
            control.cancel(); // stop during epoch 2
    };
    auto stopped = runTraining(b, cb, &control);
    QVERIFY2(stopped.ok(), qPrintable(stopped.error()));
    QVERIFY(stopped.value().stopped);
    QCOMPARE(stopped.value().supcon_epochs, 1);
    QVERIFY(!QFile::exists(b.run_dir + QStringLiteral("/model.bbmodel")));
    QCOMPARE(QFile::exists(b.run_dir + QStringLiteral("/checkpoints/last-aux.pt")), auxCe > 0);
    if (auxCe == 0) {
        // As a run started before aux_ce_weight existed: the key is missing and must read as 0,
        // not as the quick profile's default.
        QFile f(b.run_dir + QStringLiteral("/config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject saved = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject config = saved.value(QStringLiteral("config")).toObject();
        QVERIFY(config.contains(QStringLiteral("aux_ce_weight")));
        config.remove(QStringLiteral("aux_ce_weight"));
        saved.insert(QStringLiteral("config"), config);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(saved).toJson());
        f.close();
    }

    TrainingRequest resume;
    resume.run_dir = b.run_dir;
    resume.project_file = b.project_file;
    resume.resume = true;
    auto rb = runTraining(resume);
    QVERIFY2(rb.ok(), qPrintable(rb.error()));
    QCOMPARE(rb.value().supcon_epochs, 3);
    QCOMPARE(rb.value().validation.confusion, ra.value().validation.confusion);

    auto pa = Predictor::load(ra.value().bundle_path), pb = Predictor::load(rb.value().bundle_path);
    QVERIFY(pa.ok() && pb.ok());
    QStringList files;
    for (const QString &c : {QStringLiteral("checker"), QStringLiteral("horizontal"), QStringLiteral("vertical")})
        for (int i = 0; i < 6; ++i)
            files.append(QStringLiteral("%1/%2/t%3.png").arg(m_test, c).arg(i));
    const auto xa = pa.value().predictFiles(files, 3), xb = pb.value().predictFiles(files, 3);
    double maxDiff = 0;
    for (size_t i = 0; i < xa.size(); ++i)
        for (size_t k = 0; k < xa[i].top.size(); ++k)
            maxDiff = std::max(maxDiff, std::abs(xa[i].top[k].probability - xb[i].top[k].probability));
    qInfo("max probability difference resumed vs uninterrupted: %g", maxDiff);
    QVERIFY(maxDiff < 1e-5);
    // A finished run is not trained over again.
    QVERIFY(!runTraining(a).ok());

    // Stopped before its first epoch was saved (no state.json yet): --resume starts it again and
    // reaches the same model, instead of "no checkpoint" with the folder taken.
    TrainingRequest early = a;
    early.run_dir = m_tmp.filePath(QStringLiteral("early-") + tag);
    {
        JobControl control;
        TrainingCallbacks cbEarly;
        cbEarly.on_epoch = [&](const EpochReport &) { control.cancel(); };
        auto s0 = runTraining(early, cbEarly, &control);
        QVERIFY2(s0.ok() && s0.value().stopped, qPrintable(s0.error()));
    }
    QVERIFY(QFile::remove(early.run_dir + QStringLiteral("/checkpoints/state.json")));
    TrainingRequest again;
    again.run_dir = early.run_dir;
    again.project_file = early.project_file;
    again.resume = true;
    QStringList said;
    TrainingCallbacks cbAgain;
    cbAgain.on_message = [&](const QString &m) { said << m; };
    auto rc = runTraining(again, cbAgain);
    QVERIFY2(rc.ok(), qPrintable(rc.error()));
    QVERIFY2(said.join(QLatin1Char('\n')).contains(QStringLiteral("starts again from the first")), qPrintable(said.join(QLatin1Char('\n'))));
    QCOMPARE(rc.value().supcon_epochs, 3);
    QCOMPARE(rc.value().validation.confusion, ra.value().validation.confusion);
    // The first start's epoch row (recorded, its checkpoint state then lost) is not kept twice.
    QFile csv(early.run_dir + QStringLiteral("/metrics.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QCOMPARE(int(std::count_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.startsWith("supcon,"); })), 3);
}

void TestTraining::ensembleSideBySideEqualsInTurns()
{
    // An ensemble's members train side by side with two torch threads (one each) and in turns
    // with one: each member's arithmetic is the same, so the models must be equal, bit for bit.
    // Every random draw of a member (sampling, views, dropout of its head) is its own.
    TrainingRequest a = tinyRequest(QStringLiteral("ensemble-side-by-side"), QStringLiteral("ensemble.sqlite"));
    a.config.members = 2;
    a.config.aux_ce_weight = 0.5;
    a.config.threads = 2;
    a.config.pooling = QStringLiteral("avgmax");
    a.config.pool_stages = 2;
    auto ra = runTraining(a);
    QVERIFY2(ra.ok(), qPrintable(ra.error()));
    TrainingRequest b = a;
    b.run_dir = m_tmp.filePath(QStringLiteral("ensemble-in-turns"));
    b.config.threads = 1;
    auto rb = runTraining(b);
    QVERIFY2(rb.ok(), qPrintable(rb.error()));
    QCOMPARE(rb.value().validation.confusion, ra.value().validation.confusion);

    auto pa = Predictor::load(ra.value().bundle_path), pb = Predictor::load(rb.value().bundle_path);
    QVERIFY2(pa.ok() && pb.ok(), qPrintable(pa.ok() ? pb.error() : pa.error()));
    QStringList files;
    for (const QString &c : {QStringLiteral("checker"), QStringLiteral("horizontal"), QStringLiteral("vertical")})
        for (int i = 0; i < 6; ++i)
            files.append(QStringLiteral("%1/%2/t%3.png").arg(m_test, c).arg(i));
    const auto xa = pa.value().predictFiles(files, 3), xb = pb.value().predictFiles(files, 3);
    int right = 0;
    for (size_t i = 0; i < xa.size(); ++i) {
        QCOMPARE(xa[i].top.size(), size_t(3));
        for (size_t k = 0; k < xa[i].top.size(); ++k) {
            QCOMPARE(xa[i].top[k].label, xb[i].top[k].label);
            QCOMPARE(xa[i].top[k].probability, xb[i].top[k].probability);
        }
        // The members' embeddings side by side: two members' average + maximum of the compact
        // backbone's last two stages, 2 x (64 + 128) each.
        QCOMPARE(xa[i].embedding.size(), size_t(2 * 2 * (64 + 128)));
        right += xa[i].label == QFileInfo(files[int(i)]).dir().dirName();
    }
    QVERIFY2(right >= 15, qPrintable(QString::number(right)));
}

void TestTraining::unwritableCheckpointStopsResumably()
{
    // A checkpoint that cannot be written (disk full; here a folder in the way of the temporary
    // file) ends the run with the reason and the resume command, replaces nothing, and leaves no
    // temporary file: the previous epoch's checkpoint resumes to the uninterrupted model.
    TrainingRequest a = tinyRequest(QStringLiteral("unwritable-straight"), QStringLiteral("unwritable.sqlite"));
    auto ra = runTraining(a);
    QVERIFY2(ra.ok(), qPrintable(ra.error()));

    TrainingRequest b = a;
    b.run_dir = m_tmp.filePath(QStringLiteral("unwritable"));
    const QString ckpt = b.run_dir + QStringLiteral("/checkpoints");
    const QString blocker = ckpt + QStringLiteral("/last-optimizer.pt.tmp");
    TrainingCallbacks cb;
    QByteArray stateAfterFirst;
    cb.on_epoch = [&](const EpochReport &e) {
        if (e.phase == QLatin1String("supcon") && e.epoch == 0) {
            QFile st(ckpt + QStringLiteral("/state.json"));
            if (st.open(QIODevice::ReadOnly))
                stateAfterFirst = st.readAll();
            QDir().mkpath(blocker);
        }
    };
    auto failed = runTraining(b, cb);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().contains(QStringLiteral("Epoch 2 is not saved")) && failed.error().contains(QStringLiteral("--resume")),
             qPrintable(failed.error()));
    QVERIFY2(failed.error().contains(QStringLiteral("last-optimizer.pt")), qPrintable(failed.error()));
    QVERIFY(!stateAfterFirst.isEmpty());
    QFile st(ckpt + QStringLiteral("/state.json"));
    QVERIFY(st.open(QIODevice::ReadOnly));
    QCOMPARE(st.readAll(), stateAfterFirst); // still epoch 1's
    st.close();
    QVERIFY(QDir(blocker).removeRecursively());
    const QStringList leftovers = QDir(ckpt).entryList({QStringLiteral("*.tmp")}, QDir::AllEntries | QDir::Hidden);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    QVERIFY(!QFile::exists(b.run_dir + QStringLiteral("/.lock")));

    TrainingRequest resume;
    resume.run_dir = b.run_dir;
    resume.project_file = b.project_file;
    resume.resume = true;
    auto rb = runTraining(resume);
    QVERIFY2(rb.ok(), qPrintable(rb.error()));
    QCOMPARE(rb.value().supcon_epochs, 3);
    QCOMPARE(rb.value().validation.confusion, ra.value().validation.confusion);
}

void TestTraining::resumeRefusesAnotherDataset()
{
    // A stopped run goes on only on its own data: a dataset moved elsewhere is fine, one with
    // other classes or other images is refused by name.
    TrainingRequest a = tinyRequest(QStringLiteral("own-data"), QStringLiteral("own-data.sqlite"));
    JobControl control;
    TrainingCallbacks cb;
    cb.on_epoch = [&](const EpochReport &e) {
        if (e.phase == QLatin1String("supcon") && e.epoch == 0)
            control.cancel();
    };
    auto stopped = runTraining(a, cb, &control);
    QVERIFY2(stopped.ok() && stopped.value().stopped, qPrintable(stopped.error()));

    auto copyTree = [](const QString &from, const QString &to) {
        QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories); // not the hidden store
        while (it.hasNext()) {
            const QString f = it.next();
            const QString target = to + f.mid(from.size());
            QDir().mkpath(QFileInfo(target).absolutePath());
            if (!QFile::copy(f, target))
                return false;
        }
        return true;
    };
    auto resumeOn = [&](const QString &root) {
        TrainingRequest r;
        r.run_dir = a.run_dir;
        r.dataset_root = root;
        r.project_file = m_tmp.filePath(QStringLiteral("own-data-%1.sqlite").arg(QFileInfo(root).fileName()));
        r.resume = true;
        return runTraining(r);
    };
    const QString renamed = m_tmp.filePath(QStringLiteral("other-classes"));
    QVERIFY(copyTree(m_root, renamed));
    QVERIFY(QDir().rename(renamed + QStringLiteral("/checker"), renamed + QStringLiteral("/plaid")));
    auto r1 = resumeOn(renamed);
    QVERIFY(!r1.ok());
    QVERIFY2(r1.error().contains(QStringLiteral("was trained on the classes checker, horizontal, vertical"))
                 && r1.error().contains(QStringLiteral("horizontal, plaid, vertical")),
             qPrintable(r1.error()));

    const QString fewer = m_tmp.filePath(QStringLiteral("fewer-images"));
    QVERIFY(copyTree(m_root, fewer));
    QVERIFY(QFile::remove(fewer + QStringLiteral("/vertical/3.png")));
    auto r2 = resumeOn(fewer);
    QVERIFY(!r2.ok());
    QVERIFY2(r2.error().contains(QStringLiteral("has changed since")), qPrintable(r2.error()));

    const QString moved = m_tmp.filePath(QStringLiteral("moved"));
    QVERIFY(copyTree(m_root, moved));
    auto r3 = resumeOn(moved);
    QVERIFY2(r3.ok(), qPrintable(r3.error()));
    QCOMPARE(r3.value().supcon_epochs, 3);
}

void TestTraining::resumeTrainsANewHead()
{
    auto bytes = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    TrainingRequest a = tinyRequest(QStringLiteral("newhead"), QStringLiteral("newhead.sqlite"));
    auto ra = runTraining(a);
    QVERIFY2(ra.ok(), qPrintable(ra.error()));
    const QString bundle = ra.value().bundle_path, config = a.run_dir + QStringLiteral("/config.json");
    const QString encoder = a.run_dir + QStringLiteral("/checkpoints/best-encoder.pt");
    const QByteArray bundleBefore = bytes(bundle), configBefore = bytes(config), encoderBefore = bytes(encoder);
    QVERIFY(!bundleBefore.isEmpty() && !configBefore.isEmpty() && !encoderBefore.isEmpty());

    TrainingRequest r;
    r.run_dir = a.run_dir;
    r.project_file = a.project_file;
    r.resume = true;
    // A setting of the SupCon stage cannot change: refused by name, nothing is touched.
    r.resume_overrides = QStringList{QStringLiteral("head_epochs=5"), QStringLiteral("lr=0.01")};
    auto refused = runTraining(r);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QStringLiteral("'lr'")), qPrintable(refused.error()));
    QCOMPARE(bytes(bundle), bundleBefore);
    QCOMPARE(bytes(config), configBefore);
    r.resume_overrides = QStringList{QStringLiteral("head_epochs=abc")};
    QVERIFY(!runTraining(r).ok());
    QCOMPARE(bytes(config), configBefore);

    // Head settings may change: a new head on the same encoder, no SupCon epoch trained again.
    r.resume_overrides = QStringList{QStringLiteral("head_hidden=0"), QStringLiteral("head_epochs=8")};
    auto rb = runTraining(r);
    QVERIFY2(rb.ok(), qPrintable(rb.error()));
    QCOMPARE(rb.value().supcon_epochs, a.config.epochs);
    QCOMPARE(bytes(encoder), encoderBefore);
    QVERIFY(bytes(bundle) != bundleBefore);
    const QJsonObject saved = QJsonDocument::fromJson(bytes(config)).object().value(QStringLiteral("config")).toObject();
    QCOMPARE(saved.value(QStringLiteral("head_hidden")).toInt(), 0);
    QCOMPARE(saved.value(QStringLiteral("head_epochs")).toInt(), 8);
    QCOMPARE(saved.value(QStringLiteral("lr")).toDouble(), a.config.lr);
    // The new head replaces the old one in the records: the store and metrics.csv hold its 8
    // epochs (not 8 new ones over the first head's 30), the store's config has its settings.
    auto store = ProjectStore::open(a.project_file);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    int storedHead = 0, storedSupcon = 0;
    for (const EpochMetricsRecord &m : store.value()->epochMetrics(ra.value().run_id))
        (m.phase == QLatin1String("head") ? storedHead : storedSupcon)++;
    QCOMPARE(storedHead, 8);
    QCOMPARE(storedSupcon, a.config.epochs);
    const QList<QByteArray> csv = bytes(a.run_dir + QStringLiteral("/metrics.csv")).split('\n');
    QCOMPARE(int(std::count_if(csv.begin(), csv.end(), [](const QByteArray &l) { return l.startsWith("head,"); })), 8);
    QCOMPARE(int(std::count_if(csv.begin(), csv.end(), [](const QByteArray &l) { return l.startsWith("supcon,"); })),
             a.config.epochs);
    for (const RunRecord &rec : store.value()->runs())
        if (rec.id == ra.value().run_id) {
            QCOMPARE(rec.config.value(QStringLiteral("head_hidden")).toInt(), 0);
            QCOMPARE(rec.status, QStringLiteral("finished"));
        }
    auto p = Predictor::load(bundle);
    QVERIFY2(p.ok(), qPrintable(p.error()));
    QCOMPARE(p.value().metadata().value(QStringLiteral("config")).toObject().value(QStringLiteral("head_hidden")).toInt(), 0);
    const auto preds = p.value().predictFiles({m_test + QStringLiteral("/checker/t0.png")}, 1);
    QCOMPARE(preds.size(), size_t(1));
    QVERIFY(preds[0].error.isEmpty());

    // A new head cancelled half-way changes nothing: config.json, metrics.csv, the store's
    // record and the bundle still describe the head of the bundle.
    const QString csvPath = a.run_dir + QStringLiteral("/metrics.csv");
    const QByteArray bundleNow = bytes(bundle), configNow = bytes(config), csvNow = bytes(csvPath);
    auto headRowsInStore = [&] {
        auto st = ProjectStore::open(a.project_file);
        int n = 0;
        for (const EpochMetricsRecord &m : st.value()->epochMetrics(ra.value().run_id))
            n += m.phase == QLatin1String("head");
        return n;
    };
    {
        JobControl control;
        TrainingCallbacks cb;
        cb.on_epoch = [&](const EpochReport &e) {
            if (e.phase == QLatin1String("head") && e.epoch == 2)
                control.cancel();
        };
        r.resume_overrides = QStringList{QStringLiteral("head_epochs=20"), QStringLiteral("head_hidden=12")};
        QVERIFY(!runTraining(r, cb, &control).ok());
    }
    QCOMPARE(bytes(config), configNow);
    QCOMPARE(bytes(csvPath), csvNow);
    QCOMPARE(bytes(bundle), bundleNow);
    QCOMPARE(headRowsInStore(), 8);

    // The best epoch's encoder gone: refused by name, nothing changed.
    QVERIFY(QFile::rename(encoder, encoder + QStringLiteral(".away")));
    auto noBest = runTraining(r);
    QVERIFY(!noBest.ok());
    QVERIFY2(noBest.error().contains(QStringLiteral("best-encoder.pt")), qPrintable(noBest.error()));
    QCOMPARE(bytes(config), configNow);
    QVERIFY(QFile::rename(encoder + QStringLiteral(".away"), encoder));

    // Another project's store with an unrelated run under the same id is left alone.
    const QString otherStore = m_tmp.filePath(QStringLiteral("other.sqlite"));
    {
        auto other = ProjectStore::open(otherStore);
        QVERIFY(other.ok());
        auto id = other.value()->createRun(QStringLiteral("unrelated"), m_tmp.filePath(QStringLiteral("unrelated")),
                                           QJsonObject{{QStringLiteral("marker"), 1}});
        QCOMPARE(id.value(), ra.value().run_id);
    }
    TrainingRequest elsewhere = r;
    elsewhere.project_file = otherStore;
    elsewhere.resume_overrides = QStringList{QStringLiteral("head_epochs=3")};
    QStringList messages;
    TrainingCallbacks cbm;
    cbm.on_message = [&](const QString &m) { messages << m; };
    QVERIFY(runTraining(elsewhere, cbm).ok());
    QVERIFY2(messages.join(QLatin1Char('\n')).contains(QStringLiteral("no record of this run")), qPrintable(messages.join(QLatin1Char('\n'))));
    {
        auto other = ProjectStore::open(otherStore);
        const std::vector<RunRecord> runs = other.value()->runs();
        QCOMPARE(int(runs.size()), 1);
        QCOMPARE(runs[0].config, (QJsonObject{{QStringLiteral("marker"), 1}}));
        QCOMPARE(runs[0].status, QStringLiteral("running"));
        QVERIFY(other.value()->epochMetrics(runs[0].id).empty());
    }

    // Without a project the run's own store (named in config.json) is found; a deleted
    // metrics.csv comes back with its header.
    QVERIFY(QFile::remove(csvPath));
    TrainingRequest own = r;
    own.project_file.clear();
    own.resume_overrides = QStringList{QStringLiteral("head_epochs=4")};
    QVERIFY(runTraining(own).ok());
    QCOMPARE(headRowsInStore(), 4);
    const QList<QByteArray> rows = bytes(csvPath).split('\n');
    QVERIFY(rows.first().startsWith("phase,epoch,"));
    QCOMPARE(int(std::count_if(rows.begin(), rows.end(), [](const QByteArray &l) { return l.startsWith("head,"); })), 4);

    // metrics.csv that cannot be written (a folder in its place) is reported; the store still
    // gets the epochs.
    QVERIFY(QFile::remove(csvPath));
    QVERIFY(QDir().mkpath(csvPath));
    messages.clear();
    own.resume_overrides = QStringList{QStringLiteral("head_epochs=2")};
    QVERIFY(runTraining(own, cbm).ok());
    QVERIFY2(messages.join(QLatin1Char('\n')).contains(QStringLiteral("cannot write")), qPrintable(messages.join(QLatin1Char('\n'))));
    QCOMPARE(headRowsInStore(), 2);
    QVERIFY(QDir(csvPath).removeRecursively());
}

void TestTraining::stoppedRunKeepsChangedSettings()
{
    // A run stopped in the SupCon stage, resumed with a head setting changed and stopped again:
    // a plain resume afterwards still trains the head with the changed setting.
    TrainingRequest a = tinyRequest(QStringLiteral("stopped-twice"), QStringLiteral("stopped-twice.sqlite"));
    auto stopAfterSupconEpoch = [](JobControl &control, int epoch) {
        TrainingCallbacks cb;
        cb.on_epoch = [&control, epoch](const EpochReport &e) {
            if (e.phase == QLatin1String("supcon") && e.epoch == epoch)
                control.cancel();
        };
        return cb;
    };
    {
        JobControl control;
        auto first = runTraining(a, stopAfterSupconEpoch(control, 0), &control);
        QVERIFY2(first.ok() && first.value().stopped, qPrintable(first.error()));
    }
    TrainingRequest r;
    r.run_dir = a.run_dir;
    r.project_file = a.project_file;
    r.resume = true;
    r.resume_overrides = QStringList{QStringLiteral("head_epochs=4"), QStringLiteral("head_hidden=0")};

    // Resumes that cannot go on leave config.json as it was.
    const QString configPath = a.run_dir + QStringLiteral("/config.json");
    auto bytes = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    auto rewrite = [](const QString &path, const QByteArray &data) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    };
    const QByteArray configBefore = bytes(configPath);
    {
        // Another training holds the run folder (here: this process, as the GUI's worker would).
        QLockFile other(a.run_dir + QStringLiteral("/.lock"));
        QVERIFY(other.tryLock(0));
        auto busy = runTraining(r);
        QVERIFY(!busy.ok());
        QVERIFY2(busy.error().contains(QStringLiteral("in use by another training")), qPrintable(busy.error()));
        // A new run into a folder another training is just starting in is refused the same way.
        TrainingRequest fresh = a;
        fresh.run_dir = m_tmp.filePath(QStringLiteral("starting-elsewhere"));
        QVERIFY(QDir().mkpath(fresh.run_dir));
        QLockFile starting(fresh.run_dir + QStringLiteral("/.lock"));
        QVERIFY(starting.tryLock(0));
        auto busyNew = runTraining(fresh);
        QVERIFY2(!busyNew.ok() && busyNew.error().contains(QStringLiteral("in use")), qPrintable(busyNew.error()));
        QVERIFY(!QFileInfo::exists(fresh.run_dir + QStringLiteral("/config.json")));
        QCOMPARE(QDir(fresh.run_dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral(".lock")});
    }
    QCOMPARE(bytes(configPath), configBefore);
    {
        // No settings in config.json: refused, not read as the defaults (which the new settings
        // would then have been written over).
        QJsonObject edited = QJsonDocument::fromJson(configBefore).object();
        edited.remove(QStringLiteral("config"));
        const QByteArray editedBytes = QJsonDocument(edited).toJson();
        QVERIFY(rewrite(configPath, editedBytes));
        auto noSettings = runTraining(r);
        QVERIFY(!noSettings.ok());
        QVERIFY2(noSettings.error().contains(QStringLiteral("holds no settings")), qPrintable(noSettings.error()));
        QCOMPARE(bytes(configPath), editedBytes);
        // Cut, not an object, or gone: each said as what it is (all three read "missing or
        // unreadable" before).
        for (const auto &[content, expected] :
             {std::pair{QByteArray("{\"config\": {\"epochs\": 3"), QStringLiteral("is not valid JSON")},
              std::pair{QByteArray("[1, 2]"), QStringLiteral("is not a run's record (a JSON object with the run's settings), it holds an array")},
              std::pair{QByteArray("null"), QStringLiteral("it holds null")},
              // Settings cut down to nothing: the message names the file, not just the key.
              std::pair{QByteArray("{\"config\": {}}"), QDir::toNativeSeparators(configPath) + QStringLiteral(": the saved settings lack '")},
              std::pair{QByteArray("{}"), QStringLiteral("is not a run's record")}}) {
            QVERIFY(rewrite(configPath, content));
            auto refused = runTraining(r);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().contains(expected), qPrintable(refused.error()));
            QCOMPARE(bytes(configPath), content);
        }
        QVERIFY(QFile::remove(configPath));
        auto none = runTraining(r);
        QVERIFY2(!none.ok() && none.error().contains(QStringLiteral("it has no config.json")), qPrintable(none.error()));
        QVERIFY(!QFileInfo::exists(configPath));
        // The dataset gone from where config.json says: named, and no store is created there.
        edited = QJsonDocument::fromJson(configBefore).object();
        const QString away = m_tmp.filePath(QStringLiteral("moved-away"));
        edited.insert(QStringLiteral("dataset_root"), away);
        edited.remove(QStringLiteral("project_file"));
        QVERIFY(rewrite(configPath, QJsonDocument(edited).toJson()));
        TrainingRequest noProject = r;
        noProject.project_file.clear();
        auto gone = runTraining(noProject);
        QVERIFY(!gone.ok());
        QVERIFY2(gone.error().contains(QStringLiteral("is gone")), qPrintable(gone.error()));
        QVERIFY(!QFileInfo::exists(away));
        // Given its new place, the resume goes on and config.json names it from then on.
        TrainingRequest moved = noProject;
        moved.dataset_root = m_root;
        moved.project_file = a.project_file;
        moved.resume_overrides.clear();
        {
            JobControl control; // stopped as soon as it resumes: no epoch more
            TrainingCallbacks stopAtOnce;
            stopAtOnce.on_message = [&](const QString &m) {
                if (m.startsWith(QStringLiteral("Resuming after epoch")))
                    control.cancel();
            };
            auto stoppedAgain = runTraining(moved, stopAtOnce, &control);
            QVERIFY2(stoppedAgain.ok() && stoppedAgain.value().stopped, qPrintable(stoppedAgain.error()));
            QCOMPARE(stoppedAgain.value().supcon_epochs, 1);
        }
        QCOMPARE(QJsonDocument::fromJson(bytes(configPath)).object().value(QStringLiteral("dataset_root")).toString(),
                 QFileInfo(m_root).absoluteFilePath());
        QVERIFY(rewrite(configPath, configBefore));
    }
    {
        // Sizes edited in config.json after the checkpoints were written: refused by name
        // (Module::load put the file's 16-wide projection into a model config.json calls 24 wide
        // and trained on), config.json and the checkpoints left as they were.
        QJsonObject edited = QJsonDocument::fromJson(configBefore).object();
        QJsonObject cfg = edited.value(QStringLiteral("config")).toObject();
        cfg.insert(QStringLiteral("projection_dim"), 24);
        edited.insert(QStringLiteral("config"), cfg);
        const QByteArray editedBytes = QJsonDocument(edited).toJson();
        QVERIFY(rewrite(configPath, editedBytes));
        const QString encoder = a.run_dir + QStringLiteral("/checkpoints/last-encoder.pt");
        const QByteArray checkpoint = bytes(encoder);
        // Said first from the settings state.json keeps ...
        auto edit = runTraining(r);
        QVERIFY2(!edit.ok() && edit.error().contains(QStringLiteral("says projection_dim = 24, but its checkpoints were trained with 16")),
                 qPrintable(edit.error()));
        // ... and, for a run whose state.json predates them, from the checkpoint's shapes.
        const QString statePath = a.run_dir + QStringLiteral("/checkpoints/state.json");
        const QByteArray state = bytes(statePath);
        QJsonObject older = QJsonDocument::fromJson(state).object();
        QVERIFY(older.contains(QStringLiteral("encoder_settings")));
        older.remove(QStringLiteral("encoder_settings"));
        QVERIFY(rewrite(statePath, QJsonDocument(older).toJson()));
        auto misfit = runTraining(r);
        QVERIFY(rewrite(statePath, state));
        QVERIFY(!misfit.ok());
        QVERIFY2(misfit.error().contains(QStringLiteral("last-encoder.pt does not fit the settings")), qPrintable(misfit.error()));
        QVERIFY2(misfit.error().contains(QStringLiteral("[16 x 32] in the file but [24 x 32] in the model")), qPrintable(misfit.error()));
        QCOMPARE(bytes(configPath), editedBytes);
        QCOMPARE(bytes(encoder), checkpoint);
        QVERIFY(rewrite(configPath, configBefore));
    }
    {
        // A setting that shapes no tensor (input_size: global pooling) edited in config.json:
        // refused against the settings state.json keeps (a new head on 16-px embeddings of a
        // 24-px encoder trained and exited 0).
        QJsonObject edited = QJsonDocument::fromJson(configBefore).object();
        QJsonObject cfg = edited.value(QStringLiteral("config")).toObject();
        cfg.insert(QStringLiteral("input_size"), 24);
        edited.insert(QStringLiteral("config"), cfg);
        QVERIFY(rewrite(configPath, QJsonDocument(edited).toJson()));
        auto other = runTraining(r);
        QVERIFY(!other.ok());
        QVERIFY2(other.error().contains(QStringLiteral("says input_size = 24, but its checkpoints were trained with 16")), qPrintable(other.error()));
        QVERIFY(rewrite(configPath, configBefore));
    }
    {
        // A cut state.json is refused, not read as "no epoch saved" (which started the run again
        // over its checkpoints); an unreadable checkpoint is said to be unreadable, not a misfit.
        const QString statePath = a.run_dir + QStringLiteral("/checkpoints/state.json");
        const QByteArray state = bytes(statePath);
        const QString encoder = a.run_dir + QStringLiteral("/checkpoints/last-encoder.pt");
        const QByteArray checkpoint = bytes(encoder);
        QVERIFY(rewrite(statePath, state.left(state.size() / 2)));
        auto cut = runTraining(r);
        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().contains(QStringLiteral("state.json cannot be read")), qPrintable(cut.error()));
        QCOMPARE(bytes(encoder), checkpoint);
        QVERIFY(rewrite(statePath, state));
        QVERIFY(rewrite(encoder, checkpoint.left(100)));
        auto unreadable = runTraining(r);
        QVERIFY(!unreadable.ok());
        QVERIFY2(unreadable.error().startsWith(QStringLiteral("cannot read ")) && !unreadable.error().contains(QStringLiteral("does not fit")),
                 qPrintable(unreadable.error()));
        QVERIFY(rewrite(encoder, checkpoint));
        QCOMPARE(bytes(configPath), configBefore);
    }
    {
        // A checkpoint that does not load: the changed settings are not saved either.
        const QString encoder = a.run_dir + QStringLiteral("/checkpoints/last-encoder.pt");
        const QByteArray good = bytes(encoder);
        QVERIFY(rewrite(encoder, QByteArray("not a checkpoint")));
        QVERIFY(!runTraining(r).ok());
        QCOMPARE(bytes(configPath), configBefore);
        QVERIFY(rewrite(encoder, good));
    }
    {
        // A lock file a crash left empty or garbled names no owner: it does not block the run.
        QVERIFY(rewrite(a.run_dir + QStringLiteral("/.lock"), QByteArray("garbage")));
        // A folder in its place does, with a message that says what is in the way.
        const QString other = m_tmp.filePath(QStringLiteral("lock-is-a-folder"));
        QVERIFY(QDir().mkpath(other + QStringLiteral("/.lock")));
        TrainingRequest blocked = a;
        blocked.run_dir = other;
        auto inTheWay = runTraining(blocked);
        QVERIFY2(!inTheWay.ok() && inTheWay.error().contains(QStringLiteral("in the way")), qPrintable(inTheWay.error()));
    }
    {
        JobControl control;
        auto second = runTraining(r, stopAfterSupconEpoch(control, 1), &control);
        QVERIFY2(second.ok() && second.value().stopped, qPrintable(second.error()));
        QCOMPARE(second.value().supcon_epochs, 2);
    }
    QFile f(a.run_dir + QStringLiteral("/config.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("config")).toObject();
    QCOMPARE(saved.value(QStringLiteral("head_epochs")).toInt(), 4);
    QCOMPARE(saved.value(QStringLiteral("head_hidden")).toInt(), 0);
    QCOMPARE(saved.value(QStringLiteral("epochs")).toInt(), a.config.epochs);

    r.resume_overrides.clear();
    int headEpochs = 0;
    TrainingCallbacks count;
    count.on_epoch = [&](const EpochReport &e) { headEpochs += e.phase == QLatin1String("head"); };
    auto third = runTraining(r, count);
    QVERIFY2(third.ok(), qPrintable(third.error()));
    QCOMPARE(third.value().supcon_epochs, a.config.epochs);
    QCOMPARE(headEpochs, 4);
    auto store = ProjectStore::open(a.project_file);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    bool found = false;
    for (const RunRecord &rec : store.value()->runs())
        if (rec.id == third.value().run_id) {
            found = true;
            QCOMPARE(rec.config.value(QStringLiteral("head_epochs")).toInt(), 4);
        }
    QVERIFY(found);
    auto p = Predictor::load(third.value().bundle_path);
    QVERIFY2(p.ok(), qPrintable(p.error()));
    QCOMPARE(p.value().metadata().value(QStringLiteral("config")).toObject().value(QStringLiteral("head_hidden")).toInt(), 0);
}

void TestTraining::undefinedValidationLossKeepsLastEpoch()
{
    // Five images per class and val_fraction 0.2: one validation image per class, so the
    // validation SupCon loss has no positive pair (0 in every epoch). The run says so once and
    // keeps the last epoch's encoder instead of calling the first one "best".
    const QString root = m_tmp.filePath(QStringLiteral("tinyval"));
    const char *names[] = {"horizontal", "vertical", "checker"};
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 5; ++i)
            QVERIFY(bbtest::writeFile(QStringLiteral("%1/%2/%3.png").arg(root, QLatin1String(names[c])).arg(i), bbtest::encode(pattern(c, 700 + i), ".png")));
    TrainingRequest req = tinyRequest(QStringLiteral("tinyval-run"), QStringLiteral("tinyval.sqlite"));
    req.dataset_root = root;
    req.config.head_epochs = 2;
    QStringList messages;
    std::vector<double> valLosses;
    TrainingCallbacks cb;
    cb.on_message = [&](const QString &m) { messages << m; };
    cb.on_epoch = [&](const EpochReport &e) {
        if (e.phase == QLatin1String("supcon"))
            valLosses.push_back(e.val_loss);
    };
    auto r = runTraining(req, cb);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(valLosses, (std::vector<double>{0.0, 0.0, 0.0}));
    QCOMPARE(messages.filter(QStringLiteral("no two images of one class")).size(), 1);
    QVERIFY2(!messages.filter(QStringLiteral("best epoch 3")).isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
    QCOMPARE(r.value().supcon_epochs, 3);
}

void TestTraining::transferWeightsSurviveAnEarlyStop()
{
    // A run started from backbone weights and stopped before its first epoch was saved starts
    // again on --resume, from the same weights (they were dropped once: a from-scratch model).
    // Weights that do not fit are refused before the run folder holds a run.
    TrainingRequest src = tinyRequest(QStringLiteral("transfer-source"), QStringLiteral("transfer.sqlite"));
    src.config.epochs = 1;
    src.config.head_epochs = 2;
    auto made = runTraining(src, {});
    QVERIFY2(made.ok(), qPrintable(made.error()));
    const QString weights = src.run_dir + QStringLiteral("/checkpoints/best-encoder.pt");

    TrainingRequest req = src;
    req.run_dir = m_tmp.filePath(QStringLiteral("transfer-stopped"));
    req.config.backbone_weights = weights;
    JobControl control;
    QStringList messages;
    TrainingCallbacks cb;
    cb.on_message = [&](const QString &m) {
        messages << m;
        if (m.startsWith(QStringLiteral("SupCon training:")))
            control.cancel(); // as the first epoch starts: none saved
    };
    auto stopped = runTraining(req, cb, &control);
    QVERIFY(!stopped.ok() || (stopped.value().stopped && stopped.value().supcon_epochs == 0));
    QVERIFY(QFile::exists(req.run_dir + QStringLiteral("/config.json")));

    TrainingRequest resume;
    resume.resume = true;
    resume.run_dir = req.run_dir;
    messages.clear();
    TrainingCallbacks cb2;
    cb2.on_message = [&](const QString &m) { messages << m; };
    auto r = runTraining(resume, cb2);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QVERIFY2(!messages.filter(QStringLiteral("starts again from the first")).isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
    QVERIFY2(!messages.filter(QStringLiteral("(BalanceBench encoder checkpoint: its backbone): 36 loaded, 0 missing")).isEmpty(),
             qPrintable(messages.join(QLatin1Char('\n'))));

    // Not a backbone's weights (an optimizer state), or another backbone's: refused up front.
    for (const auto &[file, backbone] : {std::pair{src.run_dir + QStringLiteral("/checkpoints/last-optimizer.pt"), QStringLiteral("compact")},
                                          std::pair{weights, QStringLiteral("efficientnet_b0")}}) {
        TrainingRequest bad = src;
        bad.run_dir = m_tmp.filePath(QStringLiteral("transfer-bad"));
        bad.config.backbone_weights = file;
        bad.config.backbone = backbone;
        auto refused = runTraining(bad, {});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("cannot start backbone '%1' from these weights").arg(backbone))
                     || refused.error().contains(QStringLiteral("hold nothing for backbone '%1'").arg(backbone)),
                 qPrintable(refused.error()));
        QVERIFY(!QFile::exists(bad.run_dir + QStringLiteral("/config.json")));
    }
}

void TestTraining::sigtermIsNamed()
{
    // SIGTERM (kill, a service manager, a scheduler) stops a run like Ctrl-C, resumably, and the
    // message says which signal it was: a stop from outside must not read like a failure.
    const QString runDir = m_tmp.filePath(QStringLiteral("sigterm-run"));
    QStringList train = {QStringLiteral("train"), m_root, QStringLiteral("--out"), runDir, QStringLiteral("--project"),
                         m_tmp.filePath(QStringLiteral("sigterm.sqlite"))};
    for (const QString &kv : {QStringLiteral("input_size=16"), QStringLiteral("balance_size=16"), QStringLiteral("balance_target=24"),
                              QStringLiteral("epochs=500"), QStringLiteral("batch_size=16"), QStringLiteral("projection_hidden=32"),
                              QStringLiteral("threads=1")})
        train << QStringLiteral("--set") << kv;
    QProcess p;
    p.start(QStringLiteral(BB_CLI_PATH), train);
    QByteArray err;
    QElapsedTimer waited;
    waited.start();
    while (!err.contains("supcon epoch 1/500") && waited.elapsed() < 120000 && p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(1000);
        err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("supcon epoch 1/500"), err.constData());
    p.terminate(); // SIGTERM
    QVERIFY(p.waitForFinished(120000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("balancebench-cli: train was stopped by SIGTERM"), err.constData());
    QVERIFY2(err.contains("train --resume"), err.constData());
    QVERIFY(QFile::exists(runDir + QStringLiteral("/checkpoints")));
    QDir(runDir).removeRecursively();
}

void TestTraining::cli()
{
    auto run = [](const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr) {
        QProcess p;
        p.start(QStringLiteral(BB_CLI_PATH), args);
        p.waitForFinished(600000);
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitCode();
    };
    const QString runDir = m_tmp.filePath(QStringLiteral("clirun"));
    QByteArray out, err;
    QStringList train = {QStringLiteral("train"), m_root, QStringLiteral("--out"), runDir, QStringLiteral("--project"),
                         m_tmp.filePath(QStringLiteral("cli.sqlite")), QStringLiteral("--json")};
    for (const QString &kv : {QStringLiteral("input_size=16"), QStringLiteral("balance_size=16"), QStringLiteral("balance_target=24"),
                              QStringLiteral("epochs=2"), QStringLiteral("batch_size=16"), QStringLiteral("projection_hidden=32"),
                              QStringLiteral("head_epochs=10"), QStringLiteral("threads=2")})
        train << QStringLiteral("--set") << kv;
    QCOMPARE(run(train, &out, &err), 0);
    const QJsonObject t = QJsonDocument::fromJson(out).object();
    QVERIFY2(QFile::exists(t.value(QStringLiteral("model")).toString()), err.constData());
    QCOMPARE(run({QStringLiteral("train"), m_root, QStringLiteral("--out"), runDir, QStringLiteral("--set"), QStringLiteral("epochz=1")}, nullptr, &err), 2);
    QVERIFY(err.contains("unknown setting 'epochz'"));
    // --resume keeps the run's settings but may change the head's: a new head on the encoder.
    QCOMPARE(run({QStringLiteral("train"), QStringLiteral("--resume"), runDir, QStringLiteral("--set"), QStringLiteral("temperature=0.5")}, nullptr, &err), 2);
    QVERIFY2(err.contains("setting 'temperature' shapes the SupCon stage and cannot change when resuming"), err.constData());
    QCOMPARE(run({QStringLiteral("train"), QStringLiteral("--resume"), runDir, QStringLiteral("--profile"), QStringLiteral("seed")}, nullptr, &err), 2);
    QVERIFY2(err.contains("--profile and --config cannot be used"), err.constData());
    QCOMPARE(run({QStringLiteral("train"), QStringLiteral("--resume"), runDir, QStringLiteral("--set"), QStringLiteral("head-epochs=4"),
                  QStringLiteral("--json")}, &out, &err), 0);
    QCOMPARE(QJsonDocument::fromJson(out).object().value(QStringLiteral("supcon_epochs")).toInt(), 2);
    // Transfer from a run: --backbone-weights takes its encoder checkpoint's backbone.
    {
        QStringList transfer = train;
        transfer[3] = m_tmp.filePath(QStringLiteral("clirun-transfer"));
        transfer.removeAll(QStringLiteral("--json")); // the import report is a progress message: --json keeps stderr quiet
        transfer << QStringLiteral("--backbone-weights") << runDir + QStringLiteral("/checkpoints/best-encoder.pt") << QStringLiteral("--set")
                 << QStringLiteral("epochs=1");
        QCOMPARE(run(transfer, &out, &err), 0);
        QVERIFY2(err.contains("(BalanceBench encoder checkpoint: its backbone): 36 loaded, 0 missing, 0 unexpected, 0 shape mismatches"),
                 err.constData());
        QCOMPARE(run({QStringLiteral("train"), QStringLiteral("--resume"), runDir, QStringLiteral("--backbone-weights"),
                      runDir + QStringLiteral("/checkpoints/best-encoder.pt")}, nullptr, &err), 2);
        QVERIFY2(err.contains("--backbone-weights starts a new run"), err.constData());
    }

    const QString model = runDir + QStringLiteral("/model.bbmodel");
    QCOMPARE(run({QStringLiteral("evaluate"), model, m_test, QStringLiteral("--json"), QStringLiteral("--report"), m_tmp.filePath(QStringLiteral("report"))}, &out, &err), 0);
    const QJsonObject e = QJsonDocument::fromJson(out).object();
    QVERIFY2(e.contains(QStringLiteral("macro_f1")), out.constData());
    QCOMPARE(e.value(QStringLiteral("classes")).toArray().size(), 3);
    QCOMPARE(e.value(QStringLiteral("confusion")).toArray().size(), 3);
    QCOMPARE(e.value(QStringLiteral("per_class")).toArray()[0].toObject().value(QStringLiteral("support")).toInt(), 6);
    QVERIFY(QFile::exists(m_tmp.filePath(QStringLiteral("report/report.txt"))));
    {
        // The report names what it is about.
        QFile txt(m_tmp.filePath(QStringLiteral("report/report.txt")));
        QVERIFY(txt.open(QIODevice::ReadOnly));
        QByteArray head = txt.readLine();
        head += txt.readLine();
        QCOMPARE(head, (QStringLiteral("model     %1\ntest set  %2 (18 images)\n").arg(QFileInfo(model).absoluteFilePath(), QFileInfo(m_test).absoluteFilePath())).toUtf8());
        QCOMPARE(e.value(QStringLiteral("model")).toString(), QFileInfo(model).absoluteFilePath());
    }
    QCOMPARE(run({QStringLiteral("evaluate"), model, m_test, QStringLiteral("--test-time-flip"), QStringLiteral("maybe")}, nullptr, &err), 2);
    QVERIFY(err.contains("expected on or off"));
    QCOMPARE(run({QStringLiteral("evaluate"), model, m_test, QStringLiteral("--json"), QStringLiteral("--test-time-flip"), QStringLiteral("on")}, &out, &err), 0);
    QCOMPARE(QJsonDocument::fromJson(out).object().value(QStringLiteral("classes")).toArray().size(), 3);

    // Test classes the model does not know: one warning naming them; none known: one error.
    for (int i = 0; i < 12; ++i)
        QVERIFY(bbtest::writeFile(m_tmp.filePath(QStringLiteral("strangers/c%1/x.png").arg(i, 2, 10, QLatin1Char('0'))),
                                  bbtest::encode(pattern(0, 950 + i), ".png")));
    QCOMPARE(run({QStringLiteral("evaluate"), model, m_tmp.filePath(QStringLiteral("strangers"))}, &out, &err), 1);
    QVERIFY2(err.contains("no test images of the model's classes") && err.contains("its folders are 'c00', ") && err.contains("and 2 more"),
             err.constData());
    QVERIFY2(!err.contains("warning"), err.constData());
    QVERIFY(bbtest::writeFile(m_tmp.filePath(QStringLiteral("strangers/vertical/v.png")), bbtest::encode(pattern(1, 990), ".png")));
    QCOMPARE(run({QStringLiteral("evaluate"), model, m_tmp.filePath(QStringLiteral("strangers")), QStringLiteral("--json")}, &out, &err), 0);
    QCOMPARE(err.count("warning"), 2);
    QVERIFY2(err.contains("12 test class(es) not in the model"), err.constData());
    // ... and one naming the model's classes the test set lacks.
    QVERIFY2(err.contains("2 model class(es) without test images, counted in macro-F1 only if predicted: 'checker', 'horizontal'"),
             err.constData());
    QCOMPARE(QJsonDocument::fromJson(out).object().value(QStringLiteral("per_class")).toArray().size(), 3);

    QVERIFY(bbtest::writeFile(m_tmp.filePath(QStringLiteral("mixed/a.png")), bbtest::encode(pattern(1, 900), ".png")));
    QVERIFY(bbtest::writeFile(m_tmp.filePath(QStringLiteral("mixed/sub/b.png")), bbtest::encode(pattern(0, 901), ".png")));
    QVERIFY(bbtest::writeFile(m_tmp.filePath(QStringLiteral("mixed/sub/bad.jpg")), QByteArray(100, 'x')));
    QVERIFY(bbtest::writeFile(m_tmp.filePath(QStringLiteral("mixed/notes.txt")), QByteArray("hi")));
    QCOMPARE(run({QStringLiteral("predict"), model, m_tmp.filePath(QStringLiteral("mixed")), m_tmp.filePath(QStringLiteral("missing.png")),
                  QStringLiteral("--top-k"), QStringLiteral("2")}, &out, &err), 0);
    const QJsonArray preds = QJsonDocument::fromJson(out).array();
    QCOMPARE(preds.size(), 4); // a.png, sub/b.png, sub/bad.jpg (error), missing.png (error); notes.txt ignored
    int errors = 0;
    for (const QJsonValue &v : preds) {
        const QJsonObject o = v.toObject();
        if (o.contains(QStringLiteral("error")))
            ++errors;
        else
            QCOMPARE(o.value(QStringLiteral("top")).toArray().size(), 2);
    }
    QCOMPARE(errors, 2);
    // One row per input in the order given, a missing file's row included (it came last), and
    // --top-k above the model's 3 classes lists 3 (99 made 96 empty column pairs).
    QCOMPARE(run({QStringLiteral("predict"), model, m_tmp.filePath(QStringLiteral("gone1.png")), m_tmp.filePath(QStringLiteral("mixed/a.png")),
                  m_tmp.filePath(QStringLiteral("gone2.png")), m_tmp.filePath(QStringLiteral("mixed/sub/b.png")), QStringLiteral("--top-k"),
                  QStringLiteral("99")},
                 &out, &err),
             0);
    const QJsonArray ordered = QJsonDocument::fromJson(out).array();
    QStringList order;
    for (const QJsonValue &v : ordered)
        order << QFileInfo(v.toObject().value(QStringLiteral("path")).toString()).fileName();
    QCOMPARE(order, (QStringList{QStringLiteral("gone1.png"), QStringLiteral("a.png"), QStringLiteral("gone2.png"), QStringLiteral("b.png")}));
    QCOMPARE(ordered[1].toObject().value(QStringLiteral("top")).toArray().size(), 3);
    QVERIFY2(err.contains("2 of 4 file(s) could not be classified"), err.constData());
    QCOMPARE(run({QStringLiteral("predict"), model, m_tmp.filePath(QStringLiteral("gone1.png"))}, &out, &err), 1);
    QVERIFY2(err.contains("none of the 1 file(s) could be classified"), err.constData());
    QCOMPARE(run({QStringLiteral("predict"), model, m_tmp.filePath(QStringLiteral("mixed/a.png")), QStringLiteral("--csv")}, &out), 0);
    QVERIFY(out.startsWith("path,label,probability,top1_label"));
    QCOMPARE(run({QStringLiteral("predict"), m_tmp.filePath(QStringLiteral("mixed/notes.txt")), m_tmp.filePath(QStringLiteral("mixed/a.png"))}, nullptr, &err), 1);
    QVERIFY(err.contains("not a BalanceBench model bundle"));
}

void TestTraining::blasCheck()
{
    QVERIFY(isReferenceBlasPath(QStringLiteral("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0")));
    QVERIFY(!isReferenceBlasPath(QStringLiteral("/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3")));
    QVERIFY(!isReferenceBlasPath(QStringLiteral("/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3")));
    QVERIFY(!isReferenceBlasPath(QStringLiteral("/usr/lib/x86_64-linux-gnu/blas/liblapack.so.3")));
    QVERIFY(!isReferenceBlasPath(QString()));
    // libtorch links libblas.so.3; packaging/install-deps.sh installs OpenBLAS behind it.
    const QString loaded = loadedBlasPath();
    qInfo("BLAS in this process: %s", qPrintable(loaded));
    QVERIFY(!loaded.isEmpty());
    QCOMPARE(referenceBlasWarning().isEmpty(), !isReferenceBlasPath(loaded));
    QVERIFY2(!isReferenceBlasPath(loaded), "the reference BLAS is loaded: run packaging/install-deps.sh");
}

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
