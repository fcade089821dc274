#include "demodataset.h"

#include "idxreader.h"
#include "savefile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <random>

namespace bb {
namespace {
// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::DemoDataset)
};
} // namespace

std::vector<DemoClass> demoClasses()
{
    return {
        {QStringLiteral("tshirt"), 0, 542},  {QStringLiteral("trouser"), 1, 469}, {QStringLiteral("pullover"), 2, 500},
        {QStringLiteral("dress"), 3, 542},   {QStringLiteral("sandal"), 5, 90},   {QStringLiteral("sneaker"), 7, 100},
        {QStringLiteral("bag"), 8, 1000},
    };
}

Result<DemoDatasetSummary> writeDemoDataset(const QString &outDir, const DemoDatasetOptions &options,
                                            JobControl *control)
{
    using R = Result<DemoDatasetSummary>;
    const QString prefix = options.test_split ? QStringLiteral("t10k") : QStringLiteral("train");
    auto images = readIdxFile(options.source_dir + QStringLiteral("/%1-images-idx3-ubyte.gz").arg(prefix));
    if (!images)
        return R::failure(images.error());
    auto labels = readIdxFile(options.source_dir + QStringLiteral("/%1-labels-idx1-ubyte.gz").arg(prefix));
    if (!labels)
        return R::failure(labels.error());
    const IdxArray &img = images.value();
    const IdxArray &lab = labels.value();
    if (img.dims.size() != 3 || lab.dims.size() != 1 || img.count() != lab.count())
        return R::failure(Msg::tr("IDX image/label files do not match (dims %1 vs %2)").arg(img.count()).arg(lab.count()));
    const int h = img.dims[1];
    const int w = img.dims[2];
    const qint64 item = img.itemSize();

    QDir out(outDir);
    if (out.exists() && !out.entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty()
        && !QFile::exists(out.filePath(QStringLiteral("demo.json"))))
        return R::failure(Msg::tr("%1 exists and is not a demo dataset; choose an empty folder").arg(outDir));
    if (!QDir().mkpath(outDir))
        return R::failure(Msg::tr("cannot create %1").arg(outDir));

    std::mt19937_64 rng(options.seed);
    DemoDatasetSummary summary;
    summary.out_dir = outDir;
    summary.seed = options.seed;
    summary.split = options.test_split ? QStringLiteral("test") : QStringLiteral("train");
    const auto classes = demoClasses();
    qint64 total = 0;
    for (const DemoClass &c : classes)
        total += options.test_split ? options.test_per_class : c.train_count;
    qint64 done = 0;
    QJsonArray jsonClasses;
    for (const DemoClass &c : classes) {
        std::vector<qint64> candidates;
        for (qint64 i = 0; i < lab.count(); ++i)
            if (lab.data[size_t(i)] == c.fashion_label)
                candidates.push_back(i);
        std::shuffle(candidates.begin(), candidates.end(), rng);
        const int want = options.test_split ? options.test_per_class : c.train_count;
        QDir classDir(out.filePath(c.name));
        if (classDir.exists())
            classDir.removeRecursively();
        QDir().mkpath(classDir.path());
        QSet<QByteArray> seen;
        int written = 0;
        for (qint64 idx : candidates) {
            if (written == want)
                break;
            if (control && control->isCancelled())
                return R::failure(Msg::tr("cancelled"));
            const uint8_t *px = img.data.data() + idx * item;
            const QByteArray digest = QCryptographicHash::hash(
                QByteArrayView(reinterpret_cast<const char *>(px), item), QCryptographicHash::Sha256);
            if (seen.contains(digest))
                continue; // identical pixels drawn already: keep the demo free of duplicates
            seen.insert(digest);
            const cv::Mat m(h, w, CV_8UC1, const_cast<uint8_t *>(px));
            std::vector<uchar> png;
            cv::imencode(".png", m, png);
            const QString file = classDir.filePath(QStringLiteral("%1-%2.png").arg(prefix).arg(idx, 5, 10, QLatin1Char('0')));
            if (const QString why = writeFileAtomically(file, QByteArray(reinterpret_cast<const char *>(png.data()), qsizetype(png.size())));
                !why.isEmpty())
                return R::failure(Msg::tr("cannot write %1: %2").arg(file, why));
            ++written;
            ++done;
            if (control)
                control->report(done, total);
        }
        if (written < want)
            return R::failure(Msg::tr("Fashion-MNIST has only %1 distinct images of class %2").arg(written).arg(c.name));
        summary.counts.emplace_back(c.name, written);
        jsonClasses.append(QJsonObject{{QStringLiteral("name"), c.name},
                                       {QStringLiteral("fashion_mnist_label"), c.fashion_label},
                                       {QStringLiteral("count"), written}});
    }
    if (control)
        control->report(done, total, QString(), true);
    QJsonObject meta{{QStringLiteral("source"), options.source_dir},
                     {QStringLiteral("split"), summary.split},
                     {QStringLiteral("seed"), QString::number(options.seed)},
                     {QStringLiteral("classes"), jsonClasses}};
    if (const QString why = writeFileAtomically(out.filePath(QStringLiteral("demo.json")), QJsonDocument(meta).toJson()); !why.isEmpty())
        return R::failure(Msg::tr("cannot write demo.json: %1").arg(why));
    return summary;
}

} // namespace bb
