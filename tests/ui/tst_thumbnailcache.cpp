// ThumbnailCache: decodes through core's decode path (EXIF orientation applied), delivers
// asynchronously, honours the memory bound and reuses its disk cache.

#include "thumbnailcache.h"

#include "../core/testutil.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace bb;

class TestThumbnailCache : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exifOrientationAndAsync()
    {
        // 80 x 40 landscape JPEG tagged "rotate 90° CW" (orientation 6): shown as portrait 40 x 80.
        const QString path = m_dir.filePath(QStringLiteral("exif.jpg"));
        QVERIFY(bbtest::writeFile(path, bbtest::withExifOrientation(bbtest::encode(bbtest::gradient(80, 40), ".jpg"), 6)));
        ThumbnailCache cache;
        cache.setDiskCacheDir(QString());
        cache.setPixelSize(64);
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailsReady);
        QVERIFY(cache.thumbnail(1, path, QStringLiteral("aa")).isNull()); // queued, not decoded on this thread
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.first().first().value<QList<qint64>>(), QList<qint64>{1});
        const QPixmap pm = cache.thumbnail(1, path, QStringLiteral("aa"));
        QCOMPARE(pm.size(), QSize(32, 64));
        QCOMPARE(cache.decodedCount(), 1);
    }

    void memoryBound()
    {
        ThumbnailCache cache;
        cache.setDiskCacheDir(QString());
        cache.setPixelSize(32);
        cache.setMemoryLimit(3 * 32 * 32 * 4); // room for three thumbnails
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailsReady);
        for (int i = 0; i < 8; ++i) {
            const QString path = m_dir.filePath(QStringLiteral("m%1.png").arg(i));
            QVERIFY(bbtest::writeFile(path, bbtest::encode(bbtest::gradient(64, 64, i), ".png")));
            cache.thumbnail(100 + i, path, QString());
        }
        cache.waitForIdle();
        QTRY_COMPARE_WITH_TIMEOUT(cache.decodedCount(), 8, 10000);
        QTest::qWait(100); // deliveries are queued to this thread
        QVERIFY(cache.memoryUsed() <= cache.memoryLimit());
        int cached = 0;
        for (int i = 0; i < 8; ++i)
            cached += cache.contains(100 + i) ? 1 : 0;
        QCOMPARE(cached, 3);
    }

    void diskCacheReused()
    {
        const QString path = m_dir.filePath(QStringLiteral("disk.png"));
        QVERIFY(bbtest::writeFile(path, bbtest::encode(bbtest::gradient(50, 50), ".png")));
        const QString hash = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        const QString dir = m_dir.filePath(QStringLiteral("thumbs"));
        {
            ThumbnailCache first;
            first.setDiskCacheDir(dir);
            QSignalSpy ready(&first, &ThumbnailCache::thumbnailsReady);
            first.thumbnail(7, path, hash);
            QVERIFY(ready.wait(10000));
            QCOMPARE(first.decodedCount(), 1);
        }
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/01/") + hash + QStringLiteral("-128.png")));
        ThumbnailCache second;
        second.setDiskCacheDir(dir);
        QSignalSpy ready(&second, &ThumbnailCache::thumbnailsReady);
        second.thumbnail(7, path, hash);
        QVERIFY(ready.wait(10000));
        QCOMPARE(second.decodedCount(), 0);
        QCOMPARE(second.diskHitCount(), 1);
        QCOMPARE(second.thumbnail(7, path, hash).size(), QSize(50, 50));
    }

    void brokenFileIsNotRetried()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.png"));
        QVERIFY(bbtest::writeFile(path, QByteArray("\x89PNG\r\n\x1a\nnot really", 18)));
        ThumbnailCache cache;
        cache.setDiskCacheDir(QString());
        cache.thumbnail(9, path, QString());
        cache.waitForIdle();
        QTest::qWait(50);
        QVERIFY(cache.thumbnail(9, path, QString()).isNull());
        cache.waitForIdle();
        QCOMPARE(cache.decodedCount(), 0);
    }
};

QTEST_MAIN(TestThumbnailCache)
#include "tst_thumbnailcache.moc"
