#pragma once
// The one decode path: bytes -> 8-bit, 3-channel RGB image (DESIGN.md "One decode path").
// Import, thumbnails, balancing, training and prediction all call decodeImage().

#include "result.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core.hpp>

namespace bb {

struct DecodeOptions {
    /// Images whose header announces more pixels than this are refused before decoding.
    qint64 max_pixels = qint64(1) << 28; // 268 Mpx
    /// Files larger than this are not read (an uncompressed 268-Mpx RGB image is 0.8 GB).
    qint64 max_file_bytes = qint64(1) << 30;
    /// Files whose first bytes are no known image signature are not read past this size: the
    /// other formats OpenCV decodes are rare, and a huge unknown file is a video or a disk image.
    qint64 max_unknown_bytes = qint64(64) << 20;
};

/// What the header says about an image, read without decoding pixels.
struct ImageHeader {
    QString format; ///< "png", "jpeg", "bmp", "gif", "webp", "tiff", "pnm", "" if unknown
    int width = 0;  ///< 0 when the header could not be parsed
    int height = 0;
};

struct DecodedImage {
    cv::Mat rgb;          ///< CV_8UC3, RGB order, EXIF orientation applied, alpha composited on white
    QString format;       ///< detected from content, see ImageHeader::format
    int source_channels = 0;
    int source_depth_bits = 0;
    int exif_orientation = 1; ///< 1..8, 1 = none
};

/// Detects the format from magic bytes and parses width/height where the format allows.
ImageHeader readImageHeader(const QByteArray &bytes);

/// Why a file of `size` bytes, whose first bytes gave `header`, is refused without reading it
/// whole (its announced pixels, its size); empty when it is to be read.
QString refusalBeforeReading(qint64 size, const ImageHeader &header, const DecodeOptions &options);

/// True when `fileName` has an extension we treat as an image (case-insensitive).
bool hasImageExtension(const QString &fileName);

/// EXIF orientation (1..8) found in a JPEG APP1, PNG eXIf or WebP EXIF chunk; 1 if none.
int readExifOrientation(const QByteArray &bytes);

/// Decodes `bytes` (format chosen by content) into RGB8. Never throws.
Result<DecodedImage> decodeImage(const QByteArray &bytes, const DecodeOptions &options = {});

/// Reads `path` and decodes it. Never throws.
Result<DecodedImage> decodeImageFile(const QString &path, const DecodeOptions &options = {});

/// Resizes an RGB8 image to width x height (area filter when shrinking, bilinear when growing).
cv::Mat resizeRgb(const cv::Mat &rgb, int width, int height);

} // namespace bb
