// Tests of the one decode path (core/imagedecoder.h).

#include "imagedecoder.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bb;

class TestImageDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void decode_data();
    void decode();
    void exifOrientations();
    void alphaCompositedOnWhite();
    void sixteenBitScaled();
    void pixelCapBeforeDecode();
    void pillowFormats();

private:
    QTemporaryDir m_dir;
};

void TestImageDecoder::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestImageDecoder::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("errorContains");

    const cv::Mat img = bbtest::gradient(40, 20);
    const QByteArray jpeg = bbtest::encode(img, ".jpg");
    QTest::newRow("png") << bbtest::encode(img, ".png") << true << 40 << 20 << "png" << "";
    QTest::newRow("jpeg") << jpeg << true << 40 << 20 << "jpeg" << "";
    QTest::newRow("bmp") << bbtest::encode(img, ".bmp") << true << 40 << 20 << "bmp" << "";
    QTest::newRow("tiff") << bbtest::encode(img, ".tiff") << true << 40 << 20 << "tiff" << "";
    QTest::newRow("webp") << bbtest::encode(img, ".webp") << true << 40 << 20 << "webp" << "";
    QTest::newRow("ppm") << bbtest::encode(img, ".ppm") << true << 40 << 20 << "pnm" << "";
    cv::Mat grey;
    cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
    QTest::newRow("grey png") << bbtest::encode(grey, ".png") << true << 40 << 20 << "png" << "";
    QTest::newRow("empty") << QByteArray() << false << 0 << 0 << "" << "empty file";
    QTest::newRow("garbage") << QByteArray("this is not an image at all, just text") << false << 0 << 0 << ""
                             << "not a recognised image format";
    QTest::newRow("truncated jpeg") << jpeg.left(jpeg.size() / 3) << false << 0 << 0 << "" << "JPEG";
    const QByteArray png = bbtest::encode(img, ".png");
    QTest::newRow("truncated png") << png.left(60) << false << 0 << 0 << "" << "PNG";
    QTest::newRow("gif") << QByteArray("GIF89a\x02\x00\x02\x00\x00\x00\x00", 13) << false << 0 << 0 << "" << "GIF";
}

void TestImageDecoder::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(QString, format);
    QFETCH(QString, errorContains);
    const auto r = decodeImage(bytes);
    QCOMPARE(r.ok(), ok);
    if (!ok) {
        QVERIFY2(r.error().contains(errorContains), qPrintable(r.error()));
        return;
    }
    QCOMPARE(r.value().rgb.type(), CV_8UC3);
    QCOMPARE(r.value().rgb.cols, width);
    QCOMPARE(r.value().rgb.rows, height);
    QCOMPARE(r.value().format, format);
}

void TestImageDecoder::exifOrientations()
{
    // A 40x20 image whose top-left pixel is marked; each orientation must put the mark where
    // the EXIF spec says the viewer sees it.
    cv::Mat img(20, 40, CV_8UC3, cv::Scalar(0, 0, 0));
    cv::rectangle(img, cv::Rect(0, 0, 8, 4), cv::Scalar(255, 255, 255), cv::FILLED);
    const QByteArray jpeg = bbtest::encode(img, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 100});
    struct Case {
        int orientation, w, h, markX, markY;
    } cases[] = {{1, 40, 20, 1, 1}, {2, 40, 20, 38, 1}, {3, 40, 20, 38, 18}, {4, 40, 20, 1, 18},
                 {5, 20, 40, 1, 1}, {6, 20, 40, 18, 1}, {7, 20, 40, 18, 38}, {8, 20, 40, 1, 38}};
    for (const Case &c : cases) {
        const QByteArray bytes = bbtest::withExifOrientation(jpeg, c.orientation);
        QCOMPARE(readExifOrientation(bytes), c.orientation);
        const auto r = decodeImage(bytes);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r.value().rgb.cols, c.w);
        QCOMPARE(r.value().rgb.rows, c.h);
        QVERIFY2(r.value().rgb.at<cv::Vec3b>(c.markY, c.markX)[0] > 200,
                 qPrintable(QStringLiteral("orientation %1").arg(c.orientation)));
    }
}

void TestImageDecoder::alphaCompositedOnWhite()
{
    cv::Mat bgra(2, 2, CV_8UC4);
    bgra.at<cv::Vec4b>(0, 0) = cv::Vec4b(0, 0, 255, 255); // opaque red
    bgra.at<cv::Vec4b>(0, 1) = cv::Vec4b(0, 0, 255, 0);   // transparent
    bgra.at<cv::Vec4b>(1, 0) = cv::Vec4b(0, 0, 0, 128);   // half black
    bgra.at<cv::Vec4b>(1, 1) = cv::Vec4b(255, 0, 0, 255); // opaque blue
    const auto r = decodeImage(bbtest::encode(bgra, ".png"));
    QVERIFY(r.ok());
    const cv::Mat &m = r.value().rgb;
    QCOMPARE(m.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 0, 0));
    QCOMPARE(m.at<cv::Vec3b>(0, 1), cv::Vec3b(255, 255, 255));
    QCOMPARE(int(m.at<cv::Vec3b>(1, 0)[0]), 127); // 255 * (1 - 128/255)
    QCOMPARE(m.at<cv::Vec3b>(1, 1), cv::Vec3b(0, 0, 255));
    QCOMPARE(r.value().source_channels, 4);
}

void TestImageDecoder::sixteenBitScaled()
{
    cv::Mat m16(1, 3, CV_16UC3);
    m16.at<cv::Vec3w>(0, 0) = cv::Vec3w(65535, 65535, 65535);
    m16.at<cv::Vec3w>(0, 1) = cv::Vec3w(0, 0, 0);
    m16.at<cv::Vec3w>(0, 2) = cv::Vec3w(0, 32896, 257 * 10); // B G R
    const auto r = decodeImage(bbtest::encode(m16, ".png"));
    QVERIFY(r.ok());
    QCOMPARE(r.value().source_depth_bits, 16);
    QCOMPARE(r.value().rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 255, 255));
    QCOMPARE(r.value().rgb.at<cv::Vec3b>(0, 1), cv::Vec3b(0, 0, 0));
    QCOMPARE(r.value().rgb.at<cv::Vec3b>(0, 2), cv::Vec3b(10, 128, 0)); // RGB
}

void TestImageDecoder::pixelCapBeforeDecode()
{
    // A PNG header announcing 100000 x 100000 pixels with no data behind it: refused from the
    // header, with the size in the message (decoding would fail differently).
    QByteArray png = bbtest::encode(bbtest::gradient(4, 4), ".png");
    png[16] = 0; png[17] = 1; png[18] = char(0x86); png[19] = char(0xA0); // width 100000
    png[20] = 0; png[21] = 1; png[22] = char(0x86); png[23] = char(0xA0); // height 100000
    const auto r = decodeImage(png);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QStringLiteral("100000 x 100000")), qPrintable(r.error()));
    DecodeOptions small;
    small.max_pixels = 100;
    const auto r2 = decodeImage(bbtest::encode(bbtest::gradient(20, 20), ".jpg"), small);
    QVERIFY(!r2.ok());
    QVERIFY(r2.error().contains(QStringLiteral("too large")));
    const QString path = m_dir.filePath(QStringLiteral("big.jpg"));
    QVERIFY(bbtest::writeFile(path, bbtest::encode(bbtest::gradient(20, 20), ".jpg")));
    QVERIFY(!decodeImageFile(path, small).ok());
    QVERIFY(decodeImageFile(path).ok());
}

void TestImageDecoder::pillowFormats()
{
    // Palette PNG with transparency and a CMYK JPEG, made by Pillow (Debian's python3-pil).
    const QString pal = m_dir.filePath(QStringLiteral("pal.png"));
    const QString cmyk = m_dir.filePath(QStringLiteral("cmyk.jpg"));
    const QString script = QStringLiteral(
        "from PIL import Image\n"
        "im = Image.new('P', (4, 2)); im.putpalette([255,0,0, 0,255,0] + [0]*762)\n"
        "im.putpixel((0,0), 0); im.putpixel((1,0), 1)\n"
        "im.info['transparency'] = 1; im.save('%1', transparency=1)\n"
        "Image.new('CMYK', (8, 8), (0, 255, 255, 0)).save('%2', quality=100)\n").arg(pal, cmyk);
    QVERIFY(bbtest::runPython(script));
    const auto p = decodeImageFile(pal);
    QVERIFY2(p.ok(), qPrintable(p.error()));
    QCOMPARE(p.value().rgb.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 0, 0));
    QCOMPARE(p.value().rgb.at<cv::Vec3b>(0, 1), cv::Vec3b(255, 255, 255)); // transparent -> white
    const auto c = decodeImageFile(cmyk);
    QVERIFY2(c.ok(), qPrintable(c.error()));
    const cv::Vec3b px = c.value().rgb.at<cv::Vec3b>(4, 4);
    QVERIFY2(px[0] > 240 && px[1] < 15 && px[2] < 15, "CMYK red must decode as RGB red");
}

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "tst_imagedecoder.moc"
