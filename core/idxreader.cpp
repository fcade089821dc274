#include "idxreader.h"

#include <QCoreApplication>
#include <QFile>

#include <zlib.h>

namespace bb {
namespace {
// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::IdxReader)
};
} // namespace

qint64 IdxArray::itemSize() const
{
    qint64 n = 1;
    for (size_t i = 1; i < dims.size(); ++i)
        n *= dims[i];
    return n;
}

Result<std::vector<uint8_t>> gunzip(const std::vector<uint8_t> &in)
{
    z_stream zs{};
    // 15 + 16: expect a gzip header.
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return Result<std::vector<uint8_t>>::failure(Msg::tr("zlib initialisation failed"));
    std::vector<uint8_t> out;
    out.resize(std::max<size_t>(in.size() * 4, 1 << 16));
    zs.next_in = const_cast<Bytef *>(in.data());
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (zs.total_out >= out.size())
            out.resize(out.size() * 2);
        zs.next_out = out.data() + zs.total_out;
        zs.avail_out = uInt(out.size() - zs.total_out);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            const QString msg = zs.msg ? QString::fromLatin1(zs.msg) : Msg::tr("truncated data");
            inflateEnd(&zs);
            return Result<std::vector<uint8_t>>::failure(Msg::tr("corrupt gzip data: %1").arg(msg));
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            return Result<std::vector<uint8_t>>::failure(Msg::tr("corrupt gzip data: truncated stream"));
        }
    }
    out.resize(zs.total_out);
    inflateEnd(&zs);
    return out;
}

Result<IdxArray> parseIdx(const std::vector<uint8_t> &b)
{
    if (b.size() < 4 || b[0] != 0 || b[1] != 0)
        return Result<IdxArray>::failure(Msg::tr("not an IDX file (bad magic number)"));
    if (b[2] != 0x08)
        return Result<IdxArray>::failure(Msg::tr("unsupported IDX element type 0x%1 (only unsigned bytes)")
                                             .arg(int(b[2]), 2, 16, QLatin1Char('0')));
    const int ndim = b[3];
    if (ndim < 1 || b.size() < size_t(4 + 4 * ndim))
        return Result<IdxArray>::failure(Msg::tr("truncated IDX header"));
    IdxArray a;
    qint64 total = 1;
    for (int i = 0; i < ndim; ++i) {
        const uint8_t *p = b.data() + 4 + 4 * i;
        const quint32 d = (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
        if (d > (1u << 30))
            return Result<IdxArray>::failure(Msg::tr("implausible IDX dimension %1").arg(d));
        a.dims.push_back(int(d));
        total *= d;
        if (total > (qint64(1) << 34))
            return Result<IdxArray>::failure(Msg::tr("IDX data too large"));
    }
    const size_t offset = size_t(4 + 4 * ndim);
    if (b.size() - offset < size_t(total))
        return Result<IdxArray>::failure(Msg::tr("truncated IDX data: expected %1 bytes, found %2")
                                             .arg(total)
                                             .arg(qint64(b.size() - offset)));
    a.data.assign(b.begin() + qint64(offset), b.begin() + qint64(offset) + total);
    return a;
}

Result<IdxArray> readIdxFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<IdxArray>::failure(Msg::tr("cannot open %1: %2").arg(path, f.errorString()));
    const QByteArray raw = f.readAll();
    std::vector<uint8_t> bytes(raw.begin(), raw.end());
    if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) {
        auto unz = gunzip(bytes);
        if (!unz)
            return Result<IdxArray>::failure(Msg::tr("%1: %2").arg(path, unz.error()));
        bytes = unz.take();
    }
    auto parsed = parseIdx(bytes);
    if (!parsed)
        return Result<IdxArray>::failure(Msg::tr("%1: %2").arg(path, parsed.error()));
    return parsed;
}

} // namespace bb
