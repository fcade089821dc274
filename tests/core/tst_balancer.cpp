// Balancing (core/balancer.h, core/augment.h): counts, overrides, determinism, augmentation
// ranges, manifest, atomic output.

#include "balancer.h"
#include "datasetscanner.h"
#include "imagedecoder.h"
#include "projectstore.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace bb;

class TestBalancer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void planCounts();
    void classTargetOverride();
    void augmentRanges();
    void augmentOperations();
    void writeIsDeterministic();
    void manifestRegenerates();
    void refusesToOverwriteOrWriteInsideDataset();
    void cancelLeavesNothing();

private:
    std::vector<BalanceInput> inputs(int big, int small, int tiny);
    QHash<QString, QByteArray> digestTree(const QString &dir);
    QTemporaryDir m_tmp;
    QString m_root;
    std::vector<BalanceInput> m_scanned;
};

std::vector<BalanceInput> TestBalancer::inputs(int big, int small, int tiny)
{
    std::vector<BalanceInput> v;
    int id = 1;
    auto add = [&](const QString &cls, int n) {
        for (int i = 0; i < n; ++i, ++id)
            v.push_back({id, QStringLiteral("%1/%2.png").arg(cls).arg(i), QStringLiteral("h%1").arg(id), cls});
    };
    add(QStringLiteral("big"), big);
    add(QStringLiteral("small"), small);
    add(QStringLiteral("tiny"), tiny);
    return v;
}

void TestBalancer::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_root = m_tmp.filePath(QStringLiteral("ds"));
    for (int i = 0; i < 30; ++i)
        QVERIFY(bbtest::writeFile(QStringLiteral("%1/many/%2.png").arg(m_root).arg(i), bbtest::encode(bbtest::gradient(30, 20, i), ".png")));
    for (int i = 0; i < 4; ++i)
        QVERIFY(bbtest::writeFile(QStringLiteral("%1/few/%2.jpg").arg(m_root).arg(i), bbtest::encode(bbtest::gradient(20, 30, 50 + i), ".jpg")));
    auto store = ProjectStore::open(m_tmp.filePath(QStringLiteral("p.sqlite")));
    QVERIFY(store.ok());
    QVERIFY(scanDataset(m_root, *store.value()).ok());
    m_scanned = balanceInputsFromStore(*store.value());
    QCOMPARE(int(m_scanned.size()), 34);
}

void TestBalancer::planCounts()
{
    BalanceOptions o;
    o.target = 100;
    const auto plan = planBalance(inputs(300, 40, 1), o);
    QVERIFY2(plan.ok(), qPrintable(plan.error()));
    const auto &c = plan.value().classes;
    QCOMPARE(int(c.size()), 3);
    // big: 300 -> 60 val, 240 train -> down-sampled to 100.
    QCOMPARE(c[0].name, QStringLiteral("big"));
    QCOMPARE(c[0].val, 60);
    QCOMPARE(c[0].original, 240);
    QCOMPARE(c[0].final, 100);
    QCOMPARE(c[0].action(), QStringLiteral("down-sample"));
    // small: 40 -> 8 val, 32 train -> up-sampled with 68 augmented copies.
    QCOMPARE(c[1].original, 32);
    QCOMPARE(c[1].final, 100);
    QCOMPARE(c[1].action(), QStringLiteral("up-sample"));
    // tiny: one image -> train only, a warning, then up-sampled from that one image.
    QCOMPARE(c[2].val, 0);
    QCOMPARE(c[2].original, 1);
    QCOMPARE(c[2].final, 100);
    QVERIFY(!plan.value().warnings.isEmpty());
    int augmented = 0, trainSmall = 0;
    QHash<qint64, int> uses;
    for (const PlannedImage &p : plan.value().images) {
        if (p.class_name == QLatin1String("small") && p.split == Split::Train) {
            ++trainSmall;
            augmented += p.augmented;
            ++uses[p.image_id];
        }
        if (p.split != Split::Train)
            QVERIFY(!p.augmented); // validation images are resized only
    }
    QCOMPARE(trainSmall, 100);
    QCOMPARE(augmented, 68);
    // Duplicates spread evenly: each original is used 1 + 2 or 1 + 3 times (68 / 32 = 2.1).
    for (int n : uses)
        QVERIFY(n == 3 || n == 4);
}

void TestBalancer::classTargetOverride()
{
    BalanceOptions o;
    o.target = 50;
    o.class_targets.insert(QStringLiteral("small"), 10);
    const auto plan = planBalance(inputs(100, 40, 5), o);
    QVERIFY(plan.ok());
    QCOMPARE(plan.value().classes[1].final, 10);
    QCOMPARE(plan.value().classes[1].action(), QStringLiteral("down-sample"));
    QCOMPARE(plan.value().classes[0].final, 50);
    o.class_targets.insert(QStringLiteral("nope"), 3);
    QVERIFY(!planBalance(inputs(10, 10, 10), o).ok());
}

void TestBalancer::augmentRanges()
{
    Rng rng(99);
    AugmentRanges r;
    int flips = 0;
    double minAngle = 1e9, maxAngle = -1e9;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const AugmentParams p = sampleAugment(rng, r);
        flips += p.flip;
        minAngle = std::min(minAngle, p.rotation_deg);
        maxAngle = std::max(maxAngle, p.rotation_deg);
        for (double f : {p.brightness, p.contrast, p.saturation})
            QVERIFY(f >= 0.8 && f <= 1.2);
    }
    QVERIFY(std::abs(flips / double(n) - 0.5) < 0.02);
    QVERIFY(minAngle >= -20.0 && minAngle < -19.5);
    QVERIFY(maxAngle <= 20.0 && maxAngle > 19.5);
}

void TestBalancer::augmentOperations()
{
    cv::Mat img(4, 6, CV_8UC3, cv::Scalar(10, 20, 30));
    img.at<cv::Vec3b>(0, 0) = cv::Vec3b(200, 100, 50);
    AugmentParams flip;
    flip.flip = true;
    QCOMPARE(applyAugment(img, flip).at<cv::Vec3b>(0, 5), cv::Vec3b(200, 100, 50));
    QVERIFY(cv::norm(applyAugment(img, AugmentParams{}), img, cv::NORM_INF) == 0);
    AugmentParams bright;
    bright.brightness = 1.2;
    QCOMPARE(applyAugment(img, bright).at<cv::Vec3b>(1, 1), cv::Vec3b(12, 24, 36));
    AugmentParams desat;
    desat.saturation = 0.0;
    const cv::Vec3b g = applyAugment(img, desat).at<cv::Vec3b>(1, 1);
    QVERIFY(g[0] == g[1] && g[1] == g[2]);
    AugmentParams rot;
    rot.rotation_deg = 90;
    cv::Mat sq(5, 5, CV_8UC3, cv::Scalar(0, 0, 0));
    sq.at<cv::Vec3b>(0, 2) = cv::Vec3b(255, 255, 255); // top centre
    // OpenCV's positive angle is counter-clockwise: top centre moves to the left centre.
    QCOMPARE(applyAugment(sq, rot).at<cv::Vec3b>(2, 0), cv::Vec3b(255, 255, 255));
}

QHash<QString, QByteArray> TestBalancer::digestTree(const QString &dir)
{
    QHash<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        QFile f(p);
        f.open(QIODevice::ReadOnly);
        out.insert(p.mid(dir.size()), QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return out;
}

void TestBalancer::writeIsDeterministic()
{
    BalanceOptions o;
    o.target = 12;
    o.size = 32;
    o.split.seed = 5;
    const auto plan = planBalance(m_scanned, o);
    QVERIFY(plan.ok());
    const QString a = m_tmp.filePath(QStringLiteral("out-a")), b = m_tmp.filePath(QStringLiteral("out-b"));
    auto ra = writeBalance(plan.value(), m_root, a, false);
    QVERIFY2(ra.ok(), qPrintable(ra.error()));
    o.threads = 1; // thread count must not change the bytes
    const auto plan1 = planBalance(m_scanned, o);
    QVERIFY(writeBalance(plan1.value(), m_root, b, false).ok());
    const auto da = digestTree(a), db = digestTree(b);
    QCOMPARE(da.size(), 12 + 12 + 6 + 1 + 2); // train 12+12, val 6 + 1, manifest + balance.json
    for (auto it = da.cbegin(); it != da.cend(); ++it)
        if (!it.key().endsWith(QLatin1String("balance.json")))
            QVERIFY2(db.value(it.key()) == it.value(), qPrintable(it.key()));
    // Every training image is 32x32.
    QDirIterator it(a + QStringLiteral("/train"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const auto img = decodeImageFile(it.next());
        QVERIFY(img.ok());
        QCOMPARE(img.value().rgb.cols, 32);
        QCOMPARE(img.value().rgb.rows, 32);
    }
    o.split.seed = 6;
    const auto plan2 = planBalance(m_scanned, o);
    const QString c = m_tmp.filePath(QStringLiteral("out-c"));
    QVERIFY(writeBalance(plan2.value(), m_root, c, false).ok());
    QVERIFY(digestTree(c) != da);
}

void TestBalancer::manifestRegenerates()
{
    // Each manifest row regenerates its output exactly from the source and the parameters.
    const QString out = m_tmp.filePath(QStringLiteral("out-a"));
    QFile f(out + QStringLiteral("/manifest.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first().section(QLatin1Char(','), 0, 4), QStringLiteral("output,split,class,source,source_sha256"));
    int augmented = 0;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList c = lines[i].split(QLatin1Char(','));
        QCOMPARE(c.size(), 11);
        PlannedImage p;
        p.augmented = c[5] == QLatin1String("1");
        p.params.flip = c[6] == QLatin1String("1");
        p.params.rotation_deg = c[7].toDouble();
        p.params.brightness = c[8].toDouble();
        p.params.contrast = c[9].toDouble();
        p.params.saturation = c[10].toDouble();
        augmented += p.augmented;
        const auto src = decodeImageFile(m_root + QLatin1Char('/') + c[3]);
        QVERIFY(src.ok());
        QFile srcFile(m_root + QLatin1Char('/') + c[3]);
        srcFile.open(QIODevice::ReadOnly);
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(srcFile.readAll(), QCryptographicHash::Sha256).toHex()), c[4]);
        const cv::Mat expected = renderPlannedImage(src.value().rgb, p, 32);
        const auto written = decodeImageFile(out + QLatin1Char('/') + c[0]);
        QVERIFY(written.ok());
        QCOMPARE(cv::norm(expected, written.value().rgb, cv::NORM_INF), 0.0);
    }
    QCOMPARE(augmented, 12 - 3); // "few": 4 images -> 1 val, 3 train, 9 augmented copies
}

void TestBalancer::refusesToOverwriteOrWriteInsideDataset()
{
    BalanceOptions o;
    o.target = 5;
    o.size = 16;
    const auto plan = planBalance(m_scanned, o);
    const QString a = m_tmp.filePath(QStringLiteral("out-a"));
    const auto r = writeBalance(plan.value(), m_root, a, false);
    QVERIFY(!r.ok());
    QVERIFY(r.error().contains(QStringLiteral("--force")));
    QVERIFY(writeBalance(plan.value(), m_root, a, true).ok());
    QCOMPARE(digestTree(a + QStringLiteral("/train/few")).size(), 5);
    QVERIFY(!writeBalance(plan.value(), m_root, m_root + QStringLiteral("/balanced"), false).ok());
    QVERIFY(!writeBalance(plan.value(), m_root, QString(), true).ok());

    // --force never deletes what is not an earlier output: the dataset's parent, a link to the
    // dataset, a link-named dataset's real parent, a folder of someone's files.
    const QHash<QString, QByteArray> before = digestTree(m_root);
    const QString parent = QFileInfo(m_root).absolutePath();
    auto refused = [&](const QString &root, const QString &out, const char *expect) {
        const auto res = writeBalance(plan.value(), root, out, true);
        if (res.ok())
            return QStringLiteral("%1 -> %2 was written").arg(root, out);
        if (!res.error().contains(QLatin1String(expect)))
            return QStringLiteral("%1 -> %2: %3").arg(root, out, res.error());
        return QString();
    };
    QString why = refused(m_root, parent, "would delete the dataset");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString link = m_tmp.filePath(QStringLiteral("link-to-ds"));
    QVERIFY(QFile::link(m_root, link));
    why = refused(m_root, link, "would delete the dataset");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString other = m_tmp.filePath(QStringLiteral("elsewhere"));
    QVERIFY(QDir().mkpath(other));
    const QString linkedRoot = other + QStringLiteral("/ds-link");
    QVERIFY(QFile::link(m_root, linkedRoot));
    why = refused(linkedRoot, parent, "would delete the dataset");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString dangling = m_tmp.filePath(QStringLiteral("dangling"));
    QVERIFY(QFile::link(m_tmp.filePath(QStringLiteral("nowhere")), dangling));
    why = refused(m_root, dangling, "symbolic link");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString mine = m_tmp.filePath(QStringLiteral("my-files"));
    QVERIFY(bbtest::writeFile(mine + QStringLiteral("/notes.txt"), "keep me"));
    why = refused(m_root, mine, "not a balance output");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QVERIFY(QFileInfo::exists(mine + QStringLiteral("/notes.txt")));
    QCOMPARE(digestTree(m_root), before);
}

void TestBalancer::cancelLeavesNothing()
{
    BalanceOptions o;
    o.target = 200;
    o.size = 64;
    const auto plan = planBalance(m_scanned, o);
    JobControl control;
    control.cancel();
    const QString out = m_tmp.filePath(QStringLiteral("cancelled"));
    const auto r = writeBalance(plan.value(), m_root, out, false, &control);
    QVERIFY(!r.ok());
    QVERIFY(!QFileInfo::exists(out));
    const QStringList leftovers = QDir(m_tmp.path()).entryList({QStringLiteral("cancelled*")}, QDir::AllEntries);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestBalancer)
#include "tst_balancer.moc"
