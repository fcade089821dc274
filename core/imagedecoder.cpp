#include "imagedecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::ImageDecoder)
};

quint32 be32(const uchar *p) { return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3]; }
quint16 be16(const uchar *p) { return quint16((p[0] << 8) | p[1]); }
quint32 le32(const uchar *p) { return (quint32(p[3]) << 24) | (quint32(p[2]) << 16) | (quint32(p[1]) << 8) | p[0]; }
quint16 le16(const uchar *p) { return quint16((p[1] << 8) | p[0]); }

bool startsWith(const QByteArray &b, const char *magic, int len)
{
    return b.size() >= len && std::memcmp(b.constData(), magic, size_t(len)) == 0;
}

void parseJpegSize(const QByteArray &b, ImageHeader &h)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    const qsizetype n = b.size();
    qsizetype i = 2;
    while (i + 4 <= n) {
        if (p[i] != 0xFF) {
            ++i;
            continue;
        }
        const uchar marker = p[i + 1];
        if (marker == 0xFF) {
            ++i;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            i += 2;
            continue;
        }
        const int len = be16(p + i + 2);
        const bool sof = (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof && i + 9 <= n) {
            h.height = be16(p + i + 5);
            h.width = be16(p + i + 7);
            return;
        }
        if (marker == 0xDA || marker == 0xD9)
            return; // start of scan reached without SOF
        i += 2 + len;
    }
}

void parseWebpSize(const QByteArray &b, ImageHeader &h)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    if (b.size() < 30)
        return;
    if (std::memcmp(p + 12, "VP8 ", 4) == 0) {
        h.width = le16(p + 26) & 0x3FFF;
        h.height = le16(p + 28) & 0x3FFF;
    } else if (std::memcmp(p + 12, "VP8L", 4) == 0 && b.size() >= 25) {
        const quint32 bits = le32(p + 21);
        h.width = int(bits & 0x3FFF) + 1;
        h.height = int((bits >> 14) & 0x3FFF) + 1;
    } else if (std::memcmp(p + 12, "VP8X", 4) == 0) {
        h.width = int(p[24] | (p[25] << 8) | (p[26] << 16)) + 1;
        h.height = int(p[27] | (p[28] << 8) | (p[29] << 16)) + 1;
    }
}

void parseTiffSize(const QByteArray &b, ImageHeader &h)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    const qsizetype n = b.size();
    const bool le = p[0] == 'I';
    auto u16 = [&](qsizetype o) { return le ? le16(p + o) : be16(p + o); };
    auto u32 = [&](qsizetype o) { return le ? le32(p + o) : be32(p + o); };
    const qsizetype ifd = u32(4);
    if (ifd + 2 > n)
        return;
    const int count = u16(ifd);
    for (int k = 0; k < count; ++k) {
        const qsizetype e = ifd + 2 + qsizetype(k) * 12;
        if (e + 12 > n)
            return;
        const int tag = u16(e);
        const int type = u16(e + 2);
        const quint32 value = type == 3 ? u16(e + 8) : u32(e + 8);
        if (tag == 256)
            h.width = int(value);
        else if (tag == 257)
            h.height = int(value);
    }
}

void parsePnmSize(const QByteArray &b, ImageHeader &h)
{
    // "P6 <w> <h> ..." with optional comments.
    int values[2] = {0, 0};
    int found = 0;
    qsizetype i = 2;
    while (i < b.size() && found < 2) {
        const char c = b[i];
        if (c == '#') {
            while (i < b.size() && b[i] != '\n')
                ++i;
        } else if (c >= '0' && c <= '9') {
            qint64 v = 0;
            while (i < b.size() && b[i] >= '0' && b[i] <= '9' && v < (qint64(1) << 31)) {
                v = v * 10 + (b[i] - '0');
                ++i;
            }
            values[found++] = int(std::min<qint64>(v, std::numeric_limits<int>::max()));
            continue;
        }
        ++i;
    }
    if (found == 2) {
        h.width = values[0];
        h.height = values[1];
    }
}

// Returns the orientation from a TIFF-structured EXIF block starting at `tiff`.
int orientationFromTiff(const uchar *tiff, qsizetype n)
{
    if (n < 8)
        return 1;
    const bool le = tiff[0] == 'I' && tiff[1] == 'I';
    const bool be = tiff[0] == 'M' && tiff[1] == 'M';
    if (!le && !be)
        return 1;
    auto u16 = [&](qsizetype o) { return le ? le16(tiff + o) : be16(tiff + o); };
    auto u32 = [&](qsizetype o) { return le ? le32(tiff + o) : be32(tiff + o); };
    const qsizetype ifd = u32(4);
    if (ifd + 2 > n)
        return 1;
    const int count = u16(ifd);
    for (int k = 0; k < count; ++k) {
        const qsizetype e = ifd + 2 + qsizetype(k) * 12;
        if (e + 12 > n)
            return 1;
        if (u16(e) == 0x0112) {
            const int v = u16(e + 8);
            return (v >= 1 && v <= 8) ? v : 1;
        }
    }
    return 1;
}

cv::Mat applyOrientation(const cv::Mat &m, int orientation)
{
    cv::Mat out;
    switch (orientation) {
    case 2: cv::flip(m, out, 1); break;
    case 3: cv::rotate(m, out, cv::ROTATE_180); break;
    case 4: cv::flip(m, out, 0); break;
    case 5: cv::transpose(m, out); break;
    case 6: cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7: cv::transpose(m, out); cv::rotate(out, out, cv::ROTATE_180); break;
    case 8: cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = m; break;
    }
    return out;
}

} // namespace

ImageHeader readImageHeader(const QByteArray &b)
{
    ImageHeader h;
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    if (startsWith(b, "\x89PNG\r\n\x1a\n", 8)) {
        h.format = QStringLiteral("png");
        if (b.size() >= 24 && std::memcmp(p + 12, "IHDR", 4) == 0) {
            h.width = int(std::min<quint32>(be32(p + 16), 0x7FFFFFFF));
            h.height = int(std::min<quint32>(be32(p + 20), 0x7FFFFFFF));
        }
    } else if (startsWith(b, "\xFF\xD8\xFF", 3)) {
        h.format = QStringLiteral("jpeg");
        parseJpegSize(b, h);
    } else if (startsWith(b, "BM", 2) && b.size() >= 26) {
        h.format = QStringLiteral("bmp");
        h.width = std::abs(int(le32(p + 18)));
        h.height = std::abs(int(le32(p + 22)));
    } else if (startsWith(b, "GIF87a", 6) || startsWith(b, "GIF89a", 6)) {
        h.format = QStringLiteral("gif");
        if (b.size() >= 10) {
            h.width = le16(p + 6);
            h.height = le16(p + 8);
        }
    } else if (startsWith(b, "RIFF", 4) && b.size() >= 12 && std::memcmp(p + 8, "WEBP", 4) == 0) {
        h.format = QStringLiteral("webp");
        parseWebpSize(b, h);
    } else if (startsWith(b, "II*\0", 4) || startsWith(b, "MM\0*", 4)) {
        h.format = QStringLiteral("tiff");
        parseTiffSize(b, h);
    } else if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6'
               && (b[2] == ' ' || b[2] == '\n' || b[2] == '\r' || b[2] == '\t')) {
        h.format = QStringLiteral("pnm");
        parsePnmSize(b, h);
    }
    return h;
}

bool hasImageExtension(const QString &fileName)
{
    static const QSet<QString> kExt = {
        QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("jpe"),
        QStringLiteral("jfif"), QStringLiteral("bmp"), QStringLiteral("dib"), QStringLiteral("gif"),
        QStringLiteral("webp"), QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("pbm"),
        QStringLiteral("pgm"), QStringLiteral("ppm"), QStringLiteral("pnm"), QStringLiteral("heic"),
        QStringLiteral("heif"), QStringLiteral("avif"), QStringLiteral("jp2")};
    return kExt.contains(QFileInfo(fileName).suffix().toLower());
}

int readExifOrientation(const QByteArray &b)
{
    const auto *p = reinterpret_cast<const uchar *>(b.constData());
    const qsizetype n = b.size();
    if (startsWith(b, "\xFF\xD8", 2)) {
        qsizetype i = 2;
        while (i + 4 <= n && p[i] == 0xFF) {
            const uchar marker = p[i + 1];
            if (marker == 0xDA || marker == 0xD9)
                break;
            const int len = be16(p + i + 2);
            if (marker == 0xE1 && len >= 8 && i + 2 + len <= n && std::memcmp(p + i + 4, "Exif\0\0", 6) == 0)
                return orientationFromTiff(p + i + 10, len - 8);
            i += 2 + len;
        }
    } else if (startsWith(b, "\x89PNG\r\n\x1a\n", 8)) {
        qsizetype i = 8;
        while (i + 12 <= n) {
            const quint32 len = be32(p + i);
            if (std::memcmp(p + i + 4, "eXIf", 4) == 0 && i + 8 + qsizetype(len) <= n)
                return orientationFromTiff(p + i + 8, len);
            if (std::memcmp(p + i + 4, "IDAT", 4) == 0)
                break;
            i += 12 + qsizetype(len);
        }
    } else if (startsWith(b, "RIFF", 4) && n >= 12 && std::memcmp(p + 8, "WEBP", 4) == 0) {
        qsizetype i = 12;
        while (i + 8 <= n) {
            const quint32 len = le32(p + i + 4);
            if (std::memcmp(p + i, "EXIF", 4) == 0 && i + 8 + qsizetype(len) <= n) {
                const uchar *d = p + i + 8;
                qsizetype dn = len;
                if (dn >= 6 && std::memcmp(d, "Exif\0\0", 6) == 0) {
                    d += 6;
                    dn -= 6;
                }
                return orientationFromTiff(d, dn);
            }
            i += 8 + qsizetype(len) + (len & 1);
        }
    }
    return 1;
}

Result<DecodedImage> decodeImage(const QByteArray &bytes, const DecodeOptions &options)
{
    if (bytes.isEmpty())
        return Result<DecodedImage>::failure(Msg::tr("empty file"));
    const ImageHeader header = readImageHeader(bytes);
    if (header.format == QLatin1String("gif"))
        return Result<DecodedImage>::failure(Msg::tr("unsupported format: GIF (OpenCV 4.6 has no GIF decoder)"));
    if (header.width > 0 && header.height > 0
        && qint64(header.width) * qint64(header.height) > options.max_pixels) {
        return Result<DecodedImage>::failure(Msg::tr("image too large: %1 x %2 pixels exceeds the limit of %3 pixels")
                                                 .arg(header.width)
                                                 .arg(header.height)
                                                 .arg(options.max_pixels));
    }

    cv::Mat raw;
    try {
        const cv::Mat buf(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
        // UNCHANGED keeps alpha and 16-bit depth; it ignores EXIF, which we apply ourselves below.
        raw = cv::imdecode(buf, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &e) {
        return Result<DecodedImage>::failure(Msg::tr("cannot decode: %1").arg(QString::fromStdString(e.msg)));
    }
    if (raw.empty()) {
        if (header.format.isEmpty())
            return Result<DecodedImage>::failure(Msg::tr("not a recognised image format"));
        return Result<DecodedImage>::failure(Msg::tr("corrupt or truncated %1 data").arg(header.format.toUpper()));
    }
    if (qint64(raw.cols) * raw.rows > options.max_pixels)
        return Result<DecodedImage>::failure(Msg::tr("image too large: %1 x %2 pixels exceeds the limit of %3 pixels")
                                                 .arg(raw.cols)
                                                 .arg(raw.rows)
                                                 .arg(options.max_pixels));

    DecodedImage out;
    out.format = header.format.isEmpty() ? QStringLiteral("other") : header.format;
    out.source_channels = raw.channels();
    try {
        switch (raw.depth()) {
        case CV_8U: out.source_depth_bits = 8; break;
        case CV_16U:
            out.source_depth_bits = 16;
            raw.convertTo(raw, CV_8U, 1.0 / 257.0);
            break;
        case CV_32F:
        case CV_64F:
            out.source_depth_bits = raw.depth() == CV_32F ? 32 : 64;
            raw.convertTo(raw, CV_8U, 255.0);
            break;
        default:
            out.source_depth_bits = 16;
            raw.convertTo(raw, CV_8U, 1.0 / 257.0);
            break;
        }
        cv::Mat rgb;
        switch (raw.channels()) {
        case 1: cv::cvtColor(raw, rgb, cv::COLOR_GRAY2RGB); break;
        case 3: cv::cvtColor(raw, rgb, cv::COLOR_BGR2RGB); break;
        case 4: {
            // Composite onto white: out = a*c + (1-a)*255.
            rgb.create(raw.rows, raw.cols, CV_8UC3);
            for (int y = 0; y < raw.rows; ++y) {
                const uchar *s = raw.ptr<uchar>(y);
                uchar *d = rgb.ptr<uchar>(y);
                for (int x = 0; x < raw.cols; ++x, s += 4, d += 3) {
                    const int a = s[3];
                    d[0] = uchar((s[2] * a + 255 * (255 - a) + 127) / 255);
                    d[1] = uchar((s[1] * a + 255 * (255 - a) + 127) / 255);
                    d[2] = uchar((s[0] * a + 255 * (255 - a) + 127) / 255);
                }
            }
            break;
        }
        default:
            return Result<DecodedImage>::failure(Msg::tr("unsupported channel count %1").arg(raw.channels()));
        }
        out.exif_orientation = readExifOrientation(bytes);
        out.rgb = applyOrientation(rgb, out.exif_orientation);
        if (!out.rgb.isContinuous())
            out.rgb = out.rgb.clone();
    } catch (const cv::Exception &e) {
        return Result<DecodedImage>::failure(Msg::tr("cannot convert image: %1").arg(QString::fromStdString(e.msg)));
    }
    return out;
}

QString refusalBeforeReading(qint64 size, const ImageHeader &header, const DecodeOptions &options)
{
    if (header.width > 0 && header.height > 0 && qint64(header.width) * qint64(header.height) > options.max_pixels)
        return Msg::tr("image too large: %1 x %2 pixels exceeds the limit of %3 pixels")
            .arg(header.width)
            .arg(header.height)
            .arg(options.max_pixels);
    auto mb = [](qint64 bytes) { return QString::number(double(bytes) / (1 << 20), 'f', 0); };
    if (size > options.max_file_bytes)
        return Msg::tr("file too large: %1 MB exceeds the limit of %2 MB").arg(mb(size), mb(options.max_file_bytes));
    if (header.format.isEmpty() && size > options.max_unknown_bytes)
        return Msg::tr("not a recognised image format (no image signature in its first bytes; %1 MB, not read)").arg(mb(size));
    return QString();
}

Result<DecodedImage> decodeImageFile(const QString &path, const DecodeOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<DecodedImage>::failure(Msg::tr("cannot open file: %1").arg(f.errorString()));
    if (f.isSequential()) // a pipe or a device (/dev/zero): no size, possibly no end
        return Result<DecodedImage>::failure(Msg::tr("not a regular file (a pipe or a device)"));
    // Check the header and the size before reading a possibly huge file completely.
    const ImageHeader header = readImageHeader(f.peek(64 * 1024));
    if (const QString why = refusalBeforeReading(f.size(), header, options); !why.isEmpty())
        return Result<DecodedImage>::failure(why);
    const QByteArray bytes = f.readAll();
    return decodeImage(bytes, options);
}

cv::Mat resizeRgb(const cv::Mat &rgb, int width, int height)
{
    if (rgb.cols == width && rgb.rows == height)
        return rgb.clone();
    cv::Mat out;
    const bool shrinking = width < rgb.cols && height < rgb.rows;
    cv::resize(rgb, out, cv::Size(width, height), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

} // namespace bb
