// Tests of the IDX reader (core/idxreader.h) on generated files.

#include "idxreader.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

using namespace bb;

namespace {

QByteArray idx(const std::vector<int> &dims, const std::vector<uint8_t> &data, int type = 0x08)
{
    QByteArray b;
    b.append('\0');
    b.append('\0');
    b.append(char(type));
    b.append(char(dims.size()));
    for (int d : dims) {
        b.append(char((d >> 24) & 0xFF));
        b.append(char((d >> 16) & 0xFF));
        b.append(char((d >> 8) & 0xFF));
        b.append(char(d & 0xFF));
    }
    b.append(reinterpret_cast<const char *>(data.data()), qsizetype(data.size()));
    return b;
}

QByteArray gzip(const QByteArray &raw)
{
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&zs, uLong(raw.size()))), '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainAndGzip();
    void errors_data();
    void errors();
    void debianFashionMnist();
};

void TestIdxReader::plainAndGzip()
{
    QTemporaryDir dir;
    std::vector<uint8_t> data(3 * 2 * 4);
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = uint8_t(i * 7);
    const QByteArray raw = idx({3, 2, 4}, data);
    QVERIFY(bbtest::writeFile(dir.filePath(QStringLiteral("a.idx")), raw));
    QVERIFY(bbtest::writeFile(dir.filePath(QStringLiteral("a.idx.gz")), gzip(raw)));
    for (const QString &name : {QStringLiteral("a.idx"), QStringLiteral("a.idx.gz")}) {
        const auto r = readIdxFile(dir.filePath(name));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r.value().dims, (std::vector<int>{3, 2, 4}));
        QCOMPARE(r.value().count(), 3);
        QCOMPARE(r.value().itemSize(), 8);
        QCOMPARE(r.value().data, data);
    }
}

void TestIdxReader::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad magic") << QByteArray("\x01\x02\x08\x01\x00\x00\x00\x01x", 9) << "bad magic";
    QTest::newRow("float type") << idx({1}, {0, 0, 0, 0}, 0x0D) << "unsupported IDX element type 0x0d";
    QTest::newRow("truncated header") << QByteArray("\x00\x00\x08\x03\x00\x00", 6) << "truncated IDX header";
    QTest::newRow("truncated data") << idx({10, 2}, {1, 2, 3}) << "expected 20 bytes, found 3";
    QTest::newRow("truncated gzip") << gzip(idx({100}, std::vector<uint8_t>(100, 5))).left(20) << "corrupt gzip";
}

void TestIdxReader::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.idx"));
    QVERIFY(bbtest::writeFile(path, bytes));
    const auto r = readIdxFile(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(message), qPrintable(r.error()));
    QVERIFY(!readIdxFile(dir.filePath(QStringLiteral("missing.idx"))).ok());
}

void TestIdxReader::debianFashionMnist()
{
    const QString labels = QStringLiteral("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");
    if (!QFile::exists(labels))
        QSKIP("dataset-fashion-mnist is not installed (packaging/install-deps.sh installs it)");
    const auto r = readIdxFile(labels);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(r.value().count(), 10000);
    std::vector<int> hist(10, 0);
    for (uint8_t v : r.value().data)
        ++hist[v];
    for (int h : hist)
        QCOMPARE(h, 1000); // the test set has 1000 images per class
}

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idxreader.moc"
