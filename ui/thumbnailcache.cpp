#include "thumbnailcache.h"

#include "imagedecoder.h"
#include "scanworker.h"
#include "savefile.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QBuffer>
#include <QStandardPaths>

#include <opencv2/core.hpp>

namespace bb {
namespace {
// Requests beyond this many are the oldest ones: cells scrolled past long ago.
constexpr size_t kMaxQueued = 256;
} // namespace

ThumbnailCache::ThumbnailCache(QObject *parent) : QObject(parent)
{
    m_cache.setMaxCost(96 * 1024 * 1024);
    // Keep one core for the GUI thread and the scanner.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (!base.isEmpty())
        m_diskDir = base + QStringLiteral("/thumbnails");
    m_flush.setSingleShot(true);
    m_flush.setInterval(30);
    connect(&m_flush, &QTimer::timeout, this, [this] {
        QList<qint64> ids;
        ids.swap(m_ready);
        if (!ids.isEmpty())
            Q_EMIT thumbnailsReady(ids);
    });
}

ThumbnailCache::~ThumbnailCache()
{
    m_stopping = true;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.clear();
    }
    m_pool.waitForDone();
}

void ThumbnailCache::setPixelSize(int px)
{
    if (px == m_px)
        return;
    m_px = px;
    clear();
}

void ThumbnailCache::setMemoryLimit(qint64 bytes)
{
    m_cache.setMaxCost(bytes);
}

void ThumbnailCache::setDiskCacheDir(const QString &dir)
{
    m_diskDir = dir;
}

void ThumbnailCache::clear()
{
    m_generation.fetch_add(1);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.clear();
    }
    m_requested.clear();
    m_ready.clear();
    m_cache.clear();
}

void ThumbnailCache::waitForIdle()
{
    m_pool.waitForDone();
}

QString ThumbnailCache::diskPath(const QString &hash, int px) const
{
    if (m_diskDir.isEmpty() || hash.size() < 8)
        return QString();
    return QStringLiteral("%1/%2/%3-%4.png").arg(m_diskDir, hash.left(2), hash).arg(px);
}

QPixmap ThumbnailCache::thumbnail(qint64 id, const QString &absPath, const QString &hash)
{
    if (QPixmap *p = m_cache.object(id))
        return *p;
    if (m_requested.contains(id))
        return QPixmap();
    m_requested.insert(id);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_front({id, absPath, hash, m_px, m_generation.load()});
        while (m_queue.size() > kMaxQueued) {
            // Forget the dropped request so the cell asks again if it is ever painted.
            QMetaObject::invokeMethod(this, [this, dropped = m_queue.back().id] { m_requested.remove(dropped); },
                                      Qt::QueuedConnection);
            m_queue.pop_back();
        }
    }
    startRunners();
    return QPixmap();
}

void ThumbnailCache::startRunners()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    while (m_runners < m_pool.maxThreadCount() && m_runners < int(m_queue.size())) {
        ++m_runners;
        m_pool.start([this] { runLoop(); });
    }
}

void ThumbnailCache::runLoop()
{
    lowerThreadPriority();
    for (;;) {
        Request r;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_queue.empty() || m_stopping) {
                --m_runners;
                return;
            }
            r = std::move(m_queue.front());
            m_queue.pop_front();
        }
        QImage image;
        const QString cached = diskPath(r.hash, r.px);
        if (!cached.isEmpty() && image.load(cached, "PNG")) {
            m_diskHits.fetch_add(1);
        } else {
            auto decoded = decodeImageFile(r.path);
            if (decoded) {
                const cv::Mat &rgb = decoded.value().rgb;
                const double scale = std::min(1.0, double(r.px) / std::max(rgb.cols, rgb.rows));
                const int w = std::max(1, int(rgb.cols * scale + 0.5)), h = std::max(1, int(rgb.rows * scale + 0.5));
                const cv::Mat small = (w == rgb.cols && h == rgb.rows) ? rgb : resizeRgb(rgb, w, h);
                image = QImage(small.data, small.cols, small.rows, int(small.step), QImage::Format_RGB888).copy();
                m_decoded.fetch_add(1);
                if (!cached.isEmpty()) {
                    QDir().mkpath(QFileInfo(cached).absolutePath());
                    QByteArray png;
                    QBuffer buffer(&png);
                    if (buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG", 80))
                        writeFileAtomically(cached, png); // a cache: a failed write only costs a decode next time
                }
            }
        }
        if (m_stopping)
            continue;
        // A failed decode delivers a null image: the cell keeps its placeholder and is not retried.
        QMetaObject::invokeMethod(
            this, [this, id = r.id, image, gen = r.generation] { deliver(id, image, gen); }, Qt::QueuedConnection);
    }
}

void ThumbnailCache::deliver(qint64 id, const QImage &image, quint64 generation)
{
    if (generation != m_generation.load())
        return;
    if (image.isNull())
        return; // stays in m_requested: broken files are not decoded again on every paint
    m_requested.remove(id);
    auto *pm = new QPixmap(QPixmap::fromImage(image));
    m_cache.insert(id, pm, qint64(pm->width()) * pm->height() * 4);
    m_ready.append(id);
    if (!m_flush.isActive())
        m_flush.start();
}

} // namespace bb
