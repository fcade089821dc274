// Tests of dataset ingest (core/datasetscanner.h) and the store's incremental re-scan.

#include "datasetscanner.h"
#include "projectstore.h"
#include "testutil.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QStandardPaths>

#include <unistd.h>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <sys/stat.h>

using namespace bb;

class TestDatasetScanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rules_data();
    void rules();
    void summaryCounts();
    void incrementalRescan();
    void cancelKeepsStoredBatches();
    void labelsSurviveRescan();
    void readOnlyDatasetUsesDataDir();
    void missingFilesMarked();
    void corruptStoreIsAnError();
    void namesThatAreNotUtf8AreReported();

private:
    QString makeDataset();
    QTemporaryDir m_tmp;
    QString m_root;
    ScanSummary m_summary;
    QHash<QString, ImageRecord> m_byPath;
};

// Every scan rule is one file in the fixture plus one data row with its expected outcome.
struct Fixture {
    const char *path;
    const char *kind;     // what to write
    const char *expected; // "ok", "skipped" or "ignored"
    const char *reason;   // substring of the reason for skipped files
};

static const Fixture kFixtures[] = {
    {"cats/a.png", "png", "ok", ""},
    {"cats/UPPER.PNG", "png", "ok", ""},
    {"cats/sub/deeper/b.jpg", "jpeg", "ok", ""},
    {"cats/photo.JPEG", "jpeg", "ok", ""},
    {"cats/png-named-jpg.jpg", "png", "ok", ""},
    {"cats/noextension", "png", "ok", ""},
    {"cats/rotated.jpg", "exif6", "ok", ""},
    {"cats/empty.png", "empty", "skipped", "empty file"},
    {"cats/truncated.jpg", "truncated", "skipped", "JPEG"},
    {"cats/corrupt.png", "garbage", "skipped", "not a recognised image format"},
    {"cats/anim.gif", "gif", "skipped", "GIF"},
    {"cats/huge.png", "hugeheader", "skipped", "too large"},
    {"cats/README.txt", "text", "ignored", ""},
    {"cats/labels.csv", "text", "ignored", ""},
    {"cats/.DS_Store", "text", "ignored", ""},
    {"cats/Thumbs.db", "text", "ignored", ""},
    {"cats/desktop.ini", "text", "ignored", ""},
    {"cats/._a.png", "png", "ignored", ""},
    {"cats/.hidden/c.png", "png", "ignored", ""},
    {".git/x.png", "png", "ignored", ""},
    {"loose.png", "png", "ignored", ""},
    {"Große Hunde/ü 1.png", "png", "ok", ""},
    {"Große Hunde/two words.bmp", "bmp", "ok", ""},
    {"日本/猫.webp", "webp", "ok", ""},
};

QString TestDatasetScanner::makeDataset()
{
    const QString root = m_tmp.filePath(QStringLiteral("dataset"));
    const cv::Mat img = bbtest::gradient(40, 20);
    const QByteArray jpeg = bbtest::encode(img, ".jpg");
    QByteArray huge = bbtest::encode(bbtest::gradient(4, 4), ".png");
    huge[17] = 0x7f; // width ~8.3M
    huge[21] = 0x7f; // height ~8.3M
    for (const Fixture &f : kFixtures) {
        const QString kind = QString::fromLatin1(f.kind);
        QByteArray bytes;
        if (kind == QLatin1String("png"))
            bytes = bbtest::encode(img, ".png");
        else if (kind == QLatin1String("jpeg"))
            bytes = jpeg;
        else if (kind == QLatin1String("bmp"))
            bytes = bbtest::encode(img, ".bmp");
        else if (kind == QLatin1String("webp"))
            bytes = bbtest::encode(img, ".webp");
        else if (kind == QLatin1String("exif6"))
            bytes = bbtest::withExifOrientation(jpeg, 6);
        else if (kind == QLatin1String("truncated"))
            bytes = jpeg.left(jpeg.size() / 3);
        else if (kind == QLatin1String("garbage"))
            bytes = QByteArray(500, 'x');
        else if (kind == QLatin1String("gif"))
            bytes = QByteArray("GIF89a\x02\x00\x02\x00\x00\x00\x00", 13);
        else if (kind == QLatin1String("hugeheader"))
            bytes = huge;
        else if (kind == QLatin1String("text"))
            bytes = "not an image\n";
        if (!bbtest::writeFile(root + QLatin1Char('/') + QString::fromUtf8(f.path), bytes))
            qFatal("cannot write fixture");
    }
    return root;
}

void TestDatasetScanner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    m_root = makeDataset();
    auto store = ProjectStore::open(m_tmp.filePath(QStringLiteral("p.sqlite")));
    QVERIFY2(store.ok(), qPrintable(store.error()));
    auto r = scanDataset(m_root, *store.value());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    m_summary = r.value();
    for (ImageRecord &rec : store.value()->images())
        m_byPath.insert(rec.path, rec);
}

void TestDatasetScanner::rules_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("reason");
    for (const Fixture &f : kFixtures)
        QTest::newRow(f.path) << QString::fromUtf8(f.path) << QString::fromLatin1(f.expected) << QString::fromLatin1(f.reason);
}

void TestDatasetScanner::rules()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QFETCH(QString, reason);
    if (expected == QLatin1String("ignored")) {
        QVERIFY2(!m_byPath.contains(path), qPrintable(path));
        return;
    }
    QVERIFY2(m_byPath.contains(path), qPrintable(path));
    const ImageRecord &r = m_byPath[path];
    QCOMPARE(r.status, expected);
    QVERIFY2(r.reason.contains(reason), qPrintable(r.reason));
    if (expected == QLatin1String("ok")) {
        QCOMPARE(r.hash.size(), 64);
        QVERIFY(r.width > 0 && r.height > 0);
        QCOMPARE(r.label, path.section(QLatin1Char('/'), 0, 0));
    }
    if (path == QLatin1String("cats/rotated.jpg")) {
        QCOMPARE(r.width, 20); // EXIF orientation 6 applied
        QCOMPARE(r.height, 40);
    }
}

void TestDatasetScanner::summaryCounts()
{
    QCOMPARE(m_summary.images, 10);
    QCOMPARE(int(m_summary.skipped.size()), 5);
    QCOMPARE(int(m_summary.classes.size()), 3);
    QMap<QString, int> counts;
    for (const ClassRecord &c : m_summary.classes)
        counts.insert(c.name, c.count);
    QCOMPARE(counts.value(QStringLiteral("cats")), 7);
    QCOMPARE(counts.value(QStringLiteral("Große Hunde")), 2);
    QCOMPARE(counts.value(QStringLiteral("日本")), 1);
}

void TestDatasetScanner::incrementalRescan()
{
    // 300 real images: the second scan must not decode anything and be much faster.
    const QString root = m_tmp.filePath(QStringLiteral("many"));
    for (int i = 0; i < 300; ++i)
        QVERIFY(bbtest::writeFile(QStringLiteral("%1/c%2/%3.png").arg(root).arg(i % 3).arg(i),
                                  bbtest::encode(bbtest::gradient(256, 256, i), ".png")));
    auto store = ProjectStore::open(m_tmp.filePath(QStringLiteral("many.sqlite")));
    QVERIFY(store.ok());
    QElapsedTimer t;
    t.start();
    auto first = scanDataset(root, *store.value());
    const qint64 firstNs = t.nsecsElapsed();
    QVERIFY(first.ok());
    QCOMPARE(first.value().decoded, 300);
    t.restart();
    auto second = scanDataset(root, *store.value());
    const qint64 secondNs = t.nsecsElapsed();
    QVERIFY(second.ok());
    QCOMPARE(second.value().decoded, 0);
    QCOMPARE(second.value().unchanged, 300);
    QCOMPARE(second.value().images, 300);
    qInfo("first scan %.1f ms, re-scan %.1f ms", firstNs / 1e6, secondNs / 1e6);
    // One changed file is decoded again, nothing else.
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/c0/0.png"), bbtest::encode(bbtest::gradient(64, 64, 99), ".png")));
    auto third = scanDataset(root, *store.value());
    QVERIFY(third.ok());
    QCOMPARE(third.value().decoded, 1);
    QCOMPARE(third.value().unchanged, 299);

    // A file that could not be used is read again even with the same size and mtime (it may have
    // been away or unreadable while the scan ran): here its bytes become a valid image.
    const QString flaky = root + QStringLiteral("/c1/flaky.png");
    const QByteArray good = bbtest::encode(bbtest::gradient(32, 32, 5), ".png");
    QByteArray bad = good;
    bad[1] = 'X'; // no longer a PNG signature, same size
    QVERIFY(bbtest::writeFile(flaky, bad));
    const QDateTime when = QFileInfo(flaky).lastModified();
    auto fourth = scanDataset(root, *store.value());
    QVERIFY(fourth.ok());
    QCOMPARE(fourth.value().decoded, 1);
    QCOMPARE(int(fourth.value().skipped.size()), 1);
    QVERIFY(bbtest::writeFile(flaky, good));
    {
        QFile f(flaky);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(when, QFileDevice::FileModificationTime));
    }
    auto fifth = scanDataset(root, *store.value());
    QVERIFY(fifth.ok());
    QCOMPARE(fifth.value().decoded, 1);
    QCOMPARE(fifth.value().unchanged, 300);
    QCOMPARE(fifth.value().images, 301);
    QVERIFY(fifth.value().skipped.empty());
}

void TestDatasetScanner::cancelKeepsStoredBatches()
{
    // 1300 files are three batches of 512; cancelled while the first batch is being stored, the
    // scan still stores the batch being decoded then (the store's writes overlap the next batch's
    // decoding), says how far it got, and a re-scan reads only the rest.
    const QString root = m_tmp.filePath(QStringLiteral("cancel"));
    const QByteArray png = bbtest::encode(bbtest::gradient(8, 8, 3), ".png");
    const int total = 1300;
    for (int i = 0; i < total; ++i)
        QVERIFY(bbtest::writeFile(QStringLiteral("%1/c%2/%3.png").arg(root).arg(i % 2).arg(i, 4, 10, QLatin1Char('0')), png));
    auto store = ProjectStore::open(m_tmp.filePath(QStringLiteral("cancel.sqlite")));
    QVERIFY(store.ok());
    JobControl control;
    ScanOptions options;
    options.threads = 2;
    int batches = 0;
    options.on_batch = [&](const std::vector<ImageRecord> &records) {
        QCOMPARE(int(records.size()), 512);
        if (++batches == 1)
            control.cancel();
    };
    auto cancelled = scanDataset(root, *store.value(), options, &control);
    QVERIFY(!cancelled.ok());
    QVERIFY2(cancelled.error().contains(QStringLiteral("cancelled after 1024 of 1300 files")), qPrintable(cancelled.error()));
    QCOMPARE(batches, 2);
    QCOMPARE(int(store.value()->images().size()), 1024);
    auto rest = scanDataset(root, *store.value());
    QVERIFY2(rest.ok(), qPrintable(rest.error()));
    QCOMPARE(rest.value().decoded, total - 1024);
    QCOMPARE(rest.value().unchanged, 1024);
    QCOMPARE(rest.value().images, total);

    // Cancelled during the last batch: nothing is left to do, so the scan completes.
    auto store2 = ProjectStore::open(m_tmp.filePath(QStringLiteral("cancel2.sqlite")));
    QVERIFY(store2.ok());
    JobControl late;
    ScanOptions lastBatch;
    int seen = 0;
    lastBatch.on_batch = [&](const std::vector<ImageRecord> &records) {
        seen += int(records.size());
        if (seen > 512)
            late.cancel();
    };
    auto done = scanDataset(root, *store2.value(), lastBatch, &late);
    QVERIFY2(done.ok(), qPrintable(done.error()));
    QCOMPARE(done.value().images, total);
}

void TestDatasetScanner::labelsSurviveRescan()
{
    const QString root = m_tmp.filePath(QStringLiteral("relabel"));
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/a/1.png"), bbtest::encode(bbtest::gradient(8, 8, 1), ".png")));
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/a/2.png"), bbtest::encode(bbtest::gradient(8, 8, 2), ".png")));
    const QString file = m_tmp.filePath(QStringLiteral("relabel.sqlite"));
    {
        auto store = ProjectStore::open(file);
        QVERIFY(scanDataset(root, *store.value()).ok());
        const auto imgs = store.value()->images();
        QVERIFY(store.value()->setLabels({imgs[0].id}, QStringLiteral("b"), QStringLiteral("test")).ok());
    }
    // Touch the file so it is re-read: the user's label must stay.
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/a/1.png"), bbtest::encode(bbtest::gradient(9, 9, 1), ".png")));
    auto store = ProjectStore::open(file);
    QVERIFY(scanDataset(root, *store.value()).ok());
    const auto imgs = store.value()->images();
    QCOMPARE(imgs[0].label, QStringLiteral("b"));
    QCOMPARE(imgs[1].label, QStringLiteral("a"));
    const auto history = store.value()->labelHistory(imgs[0].id);
    QCOMPARE(int(history.size()), 1);
    QCOMPARE(history[0].old_label, QStringLiteral("a"));
}

void TestDatasetScanner::readOnlyDatasetUsesDataDir()
{
    const QString root = m_tmp.filePath(QStringLiteral("readonly"));
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/x/1.png"), bbtest::encode(bbtest::gradient(8, 8), ".png")));
    QFile::setPermissions(root, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    const QString path = ProjectStore::defaultPathFor(root);
    QFile::setPermissions(root, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (::geteuid() == 0) {
        // root ignores permission bits, so the dataset counts as writable.
        QVERIFY(path.startsWith(root));
        return;
    }
    QVERIFY2(!path.startsWith(root), qPrintable(path));
    auto store = ProjectStore::open(path);
    QVERIFY(store.ok());
    QVERIFY(scanDataset(root, *store.value()).ok());
}

void TestDatasetScanner::missingFilesMarked()
{
    const QString root = m_tmp.filePath(QStringLiteral("gone"));
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/x/1.png"), bbtest::encode(bbtest::gradient(8, 8, 1), ".png")));
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/x/2.png"), bbtest::encode(bbtest::gradient(8, 8, 2), ".png")));
    auto store = ProjectStore::open(m_tmp.filePath(QStringLiteral("gone.sqlite")));
    QVERIFY(scanDataset(root, *store.value()).ok());
    QVERIFY(QFile::remove(root + QStringLiteral("/x/2.png")));
    auto r = scanDataset(root, *store.value());
    QVERIFY(r.ok());
    QCOMPARE(r.value().missing, 1);
    QCOMPARE(r.value().images, 1);
}

void TestDatasetScanner::corruptStoreIsAnError()
{
    const QString file = m_tmp.filePath(QStringLiteral("garbage.sqlite"));
    QVERIFY(bbtest::writeFile(file, QByteArray(4096, 'z')));
    const auto store = ProjectStore::open(file);
    QVERIFY(!store.ok());
    QVERIFY2(store.error().contains(QStringLiteral("garbage.sqlite")), qPrintable(store.error()));
    // The file is left as it was: nothing of the user's is overwritten.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(4096, 'z'));
}

void TestDatasetScanner::namesThatAreNotUtf8AreReported()
{
    // Latin-1 names (byte 0xFE) cannot be named by a QString: Qt's listing drops such a folder,
    // and a file's decoded name does not open. Both are reported instead of vanishing.
    const QString root = m_tmp.filePath(QStringLiteral("latin1"));
    QVERIFY(bbtest::writeFile(root + QStringLiteral("/good/1.png"), bbtest::encode(bbtest::gradient(8, 8, 1), ".png")));
    const QByteArray rawRoot = QFile::encodeName(root);
    const QByteArray badDir = rawRoot + "/cl\xfe" "ass", badFile = rawRoot + "/good/b\xfe" "d.png";
    QVERIFY(::mkdir(badDir.constData(), 0755) == 0);
    const QByteArray png = bbtest::encode(bbtest::gradient(8, 8, 2), ".png");
    for (const QByteArray &path : {QByteArray(badDir + "/1.png"), badFile}) {
        FILE *f = std::fopen(path.constData(), "wb");
        QVERIFY(f);
        QCOMPARE(std::fwrite(png.constData(), 1, size_t(png.size()), f), size_t(png.size()));
        std::fclose(f);
    }
    auto store = ProjectStore::open(m_tmp.filePath(QStringLiteral("latin1.sqlite")));
    auto r = scanDataset(root, *store.value());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(r.value().images, 1);
    QCOMPARE(r.value().unreadable_folders.size(), 1);
    QVERIFY2(r.value().unreadable_folders.first().contains(QStringLiteral("not valid UTF-8")), qPrintable(r.value().unreadable_folders.first()));
    int badNamed = 0;
    for (const ImageRecord &rec : store.value()->images())
        if (rec.status == QLatin1String("skipped") && rec.reason.contains(QStringLiteral("not valid UTF-8")))
            ++badNamed;
    QCOMPARE(badNamed, 1);
}

QTEST_GUILESS_MAIN(TestDatasetScanner)
#include "tst_datasetscanner.moc"
