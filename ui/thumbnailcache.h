#pragma once
// Thumbnails decoded through core's one decode path in a thread pool, cached in memory (bounded)
// and on disk (keyed by content hash), requested only for the cells a view paints.

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <deque>
#include <mutex>

namespace bb {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(QObject *parent = nullptr);
    ~ThumbnailCache() override;

    /// Edge length in device pixels of the square the thumbnails fit in.
    void setPixelSize(int px);
    int pixelSize() const { return m_px; }
    /// Memory bound of the pixmap cache in bytes.
    void setMemoryLimit(qint64 bytes);
    qint64 memoryLimit() const { return m_cache.maxCost(); }
    qint64 memoryUsed() const { return m_cache.totalCost(); }
    /// Folder of the disk cache (default: the app's cache location + "/thumbnails"); empty = off.
    void setDiskCacheDir(const QString &dir);
    QString diskCacheDir() const { return m_diskDir; }

    /// The cached thumbnail, or a null pixmap after queueing a decode of `absPath`; the newest
    /// requests are served first and stale ones beyond a bound are dropped (they were scrolled by).
    QPixmap thumbnail(qint64 id, const QString &absPath, const QString &hash);
    bool contains(qint64 id) const { return m_cache.contains(id); }
    /// Forgets everything queued and cached in memory (e.g. when another project opens).
    void clear();
    /// Blocks until every queued decode has finished (tests).
    void waitForIdle();
    int decodedCount() const { return m_decoded.load(); }
    int diskHitCount() const { return m_diskHits.load(); }

Q_SIGNALS:
    /// Emitted at most every ~30 ms with the ids whose thumbnails became available.
    void thumbnailsReady(const QList<qint64> &ids);

private:
    struct Request {
        qint64 id;
        QString path;
        QString hash;
        int px;
        quint64 generation;
    };
    void startRunners();
    void runLoop();
    void deliver(qint64 id, const QImage &image, quint64 generation);
    QString diskPath(const QString &hash, int px) const;

    int m_px = 128;
    QString m_diskDir;
    QCache<qint64, QPixmap> m_cache;      // GUI thread only
    QSet<qint64> m_requested;             // GUI thread only: queued or decoding
    QList<qint64> m_ready;                // GUI thread only: waiting for the coalescing timer
    QTimer m_flush;
    QThreadPool m_pool;

    std::mutex m_mutex;
    std::deque<Request> m_queue;          // guarded by m_mutex; front = newest
    int m_runners = 0;                    // guarded by m_mutex
    std::atomic<quint64> m_generation{1};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_decoded{0};
    std::atomic<int> m_diskHits{0};
};

} // namespace bb
