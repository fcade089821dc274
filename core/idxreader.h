#pragma once
// Reader for the IDX format used by MNIST/Fashion-MNIST (optionally gzip-compressed).

#include "result.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace bb {

/// An IDX tensor of unsigned bytes: dims (e.g. {60000, 28, 28}) and row-major data.
struct IdxArray {
    std::vector<int> dims;
    std::vector<uint8_t> data;
    qint64 count() const { return dims.empty() ? 0 : dims.front(); }
    qint64 itemSize() const;
};

/// Reads an IDX file (plain or .gz, detected by content). Only the unsigned-byte type (0x08)
/// is supported, which is what image and label files use.
Result<IdxArray> readIdxFile(const QString &path);

/// Parses IDX bytes already in memory (decompressed).
Result<IdxArray> parseIdx(const std::vector<uint8_t> &bytes);

/// Decompresses gzip data; fails with a message on corrupt input.
Result<std::vector<uint8_t>> gunzip(const std::vector<uint8_t> &compressed);

} // namespace bb
