#pragma once
// Fixture helpers shared by the tests: images are generated into temporary folders, never read
// from the working directory.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace bbtest {

inline QByteArray encode(const cv::Mat &bgr, const char *ext, const std::vector<int> &params = {})
{
    std::vector<uchar> buf;
    cv::imencode(ext, bgr, buf, params);
    return QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// A BGR test image with a gradient, so resizing and rotation are visible.
inline cv::Mat gradient(int w, int h, int seed = 0)
{
    cv::Mat m(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar((x * 7 + seed) % 256), uchar((y * 5 + seed * 3) % 256),
                                              uchar((x + y + seed * 11) % 256));
    return m;
}

/// Inserts an EXIF APP1 segment with the given orientation right after the JPEG SOI marker.
inline QByteArray withExifOrientation(const QByteArray &jpeg, int orientation)
{
    QByteArray tiff;
    tiff.append("MM", 2);
    tiff.append('\0');
    tiff.append('\x2a');
    tiff.append(QByteArray::fromHex("00000008")); // IFD offset
    tiff.append(QByteArray::fromHex("0001"));     // one entry
    tiff.append(QByteArray::fromHex("0112"));     // Orientation
    tiff.append(QByteArray::fromHex("0003"));     // SHORT
    tiff.append(QByteArray::fromHex("00000001")); // count
    tiff.append(char(0));
    tiff.append(char(orientation));
    tiff.append(QByteArray::fromHex("0000"));
    tiff.append(QByteArray::fromHex("00000000")); // next IFD
    QByteArray app1("Exif\0\0", 6);
    app1.append(tiff);
    const int len = int(app1.size()) + 2;
    QByteArray seg;
    seg.append('\xFF');
    seg.append('\xE1');
    seg.append(char(len >> 8));
    seg.append(char(len & 0xFF));
    seg.append(app1);
    return jpeg.left(2) + seg + jpeg.mid(2);
}

/// Runs Debian's python3 (where Pillow lives) with a script; fails the test if it fails.
inline bool runPython(const QString &script, QByteArray *out = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(BB_PYTHON), {QStringLiteral("-c"), script});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning("python failed: %s", p.readAllStandardError().constData());
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

} // namespace bbtest
