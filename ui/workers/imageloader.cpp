#include "imageloader.h"

#include "imagedecoder.h"

#include <QtConcurrent>

#include <opencv2/imgproc.hpp>

namespace bb {

ImageLoader::ImageLoader(int px, QObject *parent)
    : QObject(parent), m_px(px), m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    m_pool.setMaxThreadCount(1);
}

ImageLoader::~ImageLoader()
{
    cancel();
    m_pool.waitForDone();
}

void ImageLoader::cancel()
{
    ++*m_generation;
    m_pool.clear();
}

QImage ImageLoader::decodePreview(const QString &path, int px)
{
    auto decoded = decodeImageFile(path);
    if (!decoded)
        return QImage();
    const cv::Mat &rgb = decoded.value().rgb;
    if (rgb.empty())
        return QImage();
    const double scale = std::min(1.0, double(px) / std::max(rgb.cols, rgb.rows));
    cv::Mat small;
    if (scale < 1.0)
        cv::resize(rgb, small, cv::Size(std::max(1, int(rgb.cols * scale)), std::max(1, int(rgb.rows * scale))), 0, 0,
                   cv::INTER_AREA);
    else
        small = rgb;
    return QImage(small.data, small.cols, small.rows, int(small.step), QImage::Format_RGB888).copy();
}

void ImageLoader::request(const QStringList &paths)
{
    cancel();
    const quint64 mine = ++*m_generation;
    auto generation = m_generation;
    const int px = m_px;
    QPointer<ImageLoader> self(this);
    (void)QtConcurrent::run(&m_pool, [paths, generation, mine, px, self] {
        for (const QString &p : paths) {
            if (generation->load() != mine)
                return;
            const QImage img = decodePreview(p, px);
            // Queued to the loader's thread; dropped if the loader is gone (it waits for us).
            QMetaObject::invokeMethod(
                self.data(),
                [self, p, img, generation, mine] {
                    if (self && generation->load() == mine)
                        Q_EMIT self->loaded(p, img);
                },
                Qt::QueuedConnection);
        }
    });
}

} // namespace bb
