#pragma once
// Decodes small previews of arbitrary image files (outside the project's thumbnail cache: test
// sets, dropped files, nearest training images) through core's one decode path, off the GUI
// thread. A new request supersedes the previous one.

#include <QImage>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace bb {

class ImageLoader : public QObject {
    Q_OBJECT
public:
    explicit ImageLoader(int px, QObject *parent = nullptr);
    ~ImageLoader() override;

    /// Decodes `paths` in order (previous requests are dropped); loaded() per image.
    void request(const QStringList &paths);
    void cancel();
    /// Decodes one file into a preview fitting px x px (null image on failure). Thread-safe.
    static QImage decodePreview(const QString &path, int px);

Q_SIGNALS:
    void loaded(const QString &path, const QImage &image);

private:
    int m_px;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    QThreadPool m_pool;
};

} // namespace bb
