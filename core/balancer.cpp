#include "balancer.h"

#include "csv.h"
#include "imagedecoder.h"
#include "logging.h"
#include "projectstore.h"
#include "viewaugment.h"
#include "savefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::Balancer)
};

QString number(double v)
{
    return QString::number(v, 'g', 17);
}


// File names stay readable but must be unique within a class folder.
class NameAllocator {
public:
    QString take(const QString &folder, const QString &stem, const QString &suffix)
    {
        QString name = stem + suffix + QStringLiteral(".png");
        QSet<QString> &used = m_used[folder];
        for (int k = 2; used.contains(name); ++k)
            name = QStringLiteral("%1-%2%3.png").arg(stem).arg(k).arg(suffix);
        used.insert(name);
        return folder + QLatin1Char('/') + name;
    }

private:
    QHash<QString, QSet<QString>> m_used;
};

} // namespace

QJsonObject BalanceOptions::toJson() const
{
    QJsonObject targets;
    for (auto it = class_targets.cbegin(); it != class_targets.cend(); ++it)
        targets.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("target"), target},
                       {QStringLiteral("class_targets"), targets},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("val_fraction"), split.val_fraction},
                       {QStringLiteral("test_fraction"), split.test_fraction},
                       {QStringLiteral("seed"), QString::number(split.seed)},
                       {QStringLiteral("flip_probability"), augment.flip_probability},
                       {QStringLiteral("max_rotation_deg"), augment.max_rotation_deg},
                       {QStringLiteral("brightness"), augment.brightness},
                       {QStringLiteral("contrast"), augment.contrast},
                       {QStringLiteral("saturation"), augment.saturation},
                       {QStringLiteral("png_compression"), png_compression}};
}

QString ClassPlan::action() const
{
    if (final < original)
        return QStringLiteral("down-sample");
    if (final > original)
        return QStringLiteral("up-sample");
    return QStringLiteral("keep");
}

std::vector<BalanceInput> balanceInputsFromStore(const ProjectStore &store)
{
    std::vector<BalanceInput> out;
    for (const ImageRecord &r : store.images()) {
        if (r.status != QLatin1String("ok") || r.excluded || r.label.isEmpty())
            continue;
        out.push_back({r.id, r.path, r.hash, r.label});
    }
    return out;
}

Result<BalancePlan> planBalance(const std::vector<BalanceInput> &inputs, const BalanceOptions &options)
{
    using R = Result<BalancePlan>;
    if (options.target < 1)
        return R::failure(Msg::tr("the target must be at least 1"));
    if (options.size < 8 || options.size > 4096)
        return R::failure(Msg::tr("the output size must be between 8 and 4096 pixels"));
    if (options.split.val_fraction < 0 || options.split.test_fraction < 0
        || options.split.val_fraction + options.split.test_fraction >= 1.0)
        return R::failure(Msg::tr("validation and test fractions must be >= 0 and sum to less than 1"));
    if (inputs.empty())
        return R::failure(Msg::tr("no usable images: expected DATASET/<class>/<image> files (see the scan report for skipped files)"));

    BalancePlan plan;
    plan.options = options;
    QStringList classNames;
    {
        QSet<QString> names;
        for (const BalanceInput &in : inputs)
            names.insert(in.label);
        classNames = QStringList(names.begin(), names.end());
        classNames.sort();
    }
    for (auto it = options.class_targets.cbegin(); it != options.class_targets.cend(); ++it) {
        if (!classNames.contains(it.key()))
            return R::failure(Msg::tr("--class-target names an unknown class '%1'").arg(it.key()));
        if (it.value() < 1)
            return R::failure(Msg::tr("the target of class '%1' must be at least 1").arg(it.key()));
    }
    QHash<QString, int> classIndex;
    for (int i = 0; i < classNames.size(); ++i)
        classIndex.insert(classNames[i], i);

    // Sort inputs by path so the plan does not depend on the store's row order.
    std::vector<const BalanceInput *> sorted;
    for (const BalanceInput &in : inputs)
        sorted.push_back(&in);
    std::sort(sorted.begin(), sorted.end(), [](const BalanceInput *a, const BalanceInput *b) { return a->path < b->path; });

    std::vector<SplitItem> items;
    for (const BalanceInput *in : sorted)
        items.push_back({in->hash, classIndex.value(in->label)});
    const SplitResult split = stratifiedSplit(items, classNames, options.split);
    plan.warnings = split.warnings;

    std::vector<std::vector<const BalanceInput *>> trainOf(size_t(classNames.size()));
    std::vector<ClassPlan> classes(size_t(classNames.size()));
    NameAllocator names;
    auto stemOf = [](const QString &path) { return QFileInfo(path).completeBaseName(); };
    for (size_t i = 0; i < sorted.size(); ++i) {
        const BalanceInput *in = sorted[i];
        const int c = classIndex.value(in->label);
        const Split s = split.assignment[i];
        plan.split.insert(in->image_id, s);
        if (s == Split::Train) {
            trainOf[size_t(c)].push_back(in);
            continue;
        }
        (s == Split::Val ? classes[size_t(c)].val : classes[size_t(c)].test) += 1;
        PlannedImage p;
        p.split = s;
        p.class_name = in->label;
        p.image_id = in->image_id;
        p.source = in->path;
        p.source_hash = in->hash;
        p.output = names.take(splitName(s) + QLatin1Char('/') + in->label, stemOf(in->path), QString());
        plan.images.push_back(p);
    }

    // An independent stream for balancing, so changing a target never changes the split.
    Rng rng(options.split.seed ^ 0xBA1A9CEull);
    for (int c = 0; c < classNames.size(); ++c) {
        ClassPlan &cp = classes[size_t(c)];
        cp.name = classNames[c];
        auto &train = trainOf[size_t(c)];
        cp.original = int(train.size());
        const int target = options.class_targets.value(cp.name, options.target);
        const QString folder = QStringLiteral("train/") + cp.name;
        auto addOriginal = [&](const BalanceInput *in) {
            PlannedImage p;
            p.split = Split::Train;
            p.class_name = cp.name;
            p.image_id = in->image_id;
            p.source = in->path;
            p.source_hash = in->hash;
            p.output = names.take(folder, stemOf(in->path), QString());
            plan.images.push_back(p);
        };
        if (train.empty()) {
            cp.final = 0;
            plan.warnings.append(Msg::tr("class '%1' has no training images").arg(cp.name));
            continue;
        }
        if (cp.original >= target) {
            std::vector<const BalanceInput *> pick = train;
            rng.shuffle(pick.begin(), pick.end());
            pick.resize(size_t(target));
            std::sort(pick.begin(), pick.end(), [](const BalanceInput *a, const BalanceInput *b) { return a->path < b->path; });
            for (const BalanceInput *in : pick)
                addOriginal(in);
            cp.final = target;
            continue;
        }
        for (const BalanceInput *in : train)
            addOriginal(in);
        // Duplicates cycle through a shuffled order of the originals so each is used evenly.
        std::vector<const BalanceInput *> order = train;
        QHash<qint64, int> copies;
        const int extra = target - cp.original;
        for (int k = 0; k < extra; ++k) {
            if (k % cp.original == 0)
                rng.shuffle(order.begin(), order.end());
            const BalanceInput *in = order[size_t(k % cp.original)];
            const int copy = ++copies[in->image_id];
            PlannedImage p;
            p.split = Split::Train;
            p.class_name = cp.name;
            p.image_id = in->image_id;
            p.source = in->path;
            p.source_hash = in->hash;
            p.augmented = true;
            p.params = sampleAugment(rng, options.augment);
            p.output = names.take(folder, stemOf(in->path), QStringLiteral("_aug%1").arg(copy, 3, 10, QLatin1Char('0')));
            plan.images.push_back(p);
        }
        cp.final = target;
    }
    plan.classes = std::move(classes);
    return plan;
}

cv::Mat renderPlannedImage(const cv::Mat &sourceRgb, const PlannedImage &planned, int size)
{
    cv::Mat img = resizeRgb(sourceRgb, size, size);
    if (planned.augmented)
        img = applyAugment(img, planned.params);
    return img;
}

Result<BalanceSummary> writeBalance(const BalancePlan &plan, const QString &datasetRoot, const QString &outDir,
                                    bool replace, JobControl *control)
{
    using R = Result<BalanceSummary>;
    QElapsedTimer timer;
    timer.start();
    if (outDir.trimmed().isEmpty())
        return R::failure(Msg::tr("no output folder given"));
    const QFileInfo outInfo(outDir);
    const QString outAbs = outInfo.absoluteFilePath();
    // Paths compared as they really are: through symbolic links on either side, a dataset can
    // lie inside the folder that a replacement would delete.
    auto realPath = [](const QString &path) {
        const QFileInfo fi(path);
        if (fi.exists())
            return fi.canonicalFilePath();
        const QString parent = QFileInfo(fi.absolutePath()).canonicalFilePath();
        return parent.isEmpty() ? fi.absoluteFilePath() : parent + QLatin1Char('/') + fi.fileName();
    };
    const QString rootAbs = QFileInfo(datasetRoot).absoluteFilePath();
    const QString rootReal = realPath(datasetRoot), outReal = realPath(outAbs);
    auto isInside = [](const QString &path, const QString &folder) {
        return path == folder || path.startsWith(folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/'));
    };
    if (isInside(rootReal, outReal))
        return R::failure(Msg::tr("the dataset %1 is inside the output folder %2; writing there would delete the dataset")
                              .arg(QDir::toNativeSeparators(datasetRoot), QDir::toNativeSeparators(outDir)));
    // Writing inside the dataset (outside its dot-folders) would make the next scan ingest our output.
    if (isInside(outReal, rootReal) && !outReal.mid(rootReal.size() + 1).startsWith(QLatin1Char('.')))
        return R::failure(Msg::tr("the output folder must not be inside the dataset folder"));
    if (outInfo.isSymLink())
        return R::failure(Msg::tr("%1 is a symbolic link; give the folder itself (%2)")
                              .arg(QDir::toNativeSeparators(outDir), QDir::toNativeSeparators(outInfo.symLinkTarget())));
    if (outInfo.exists()) {
        if (!outInfo.isDir())
            return R::failure(Msg::tr("%1 exists and is not a folder").arg(outDir));
        if (!QDir(outAbs).isEmpty()) {
            if (!replace)
                return R::failure(Msg::tr("%1 is not empty; pass --force to replace it").arg(outDir));
            // Only an earlier balance output is ever replaced: --force with a mistyped folder
            // must not delete someone's files.
            if (!QFileInfo::exists(outAbs + QStringLiteral("/balance.json")) && !QFileInfo::exists(outAbs + QStringLiteral("/manifest.csv")))
                return R::failure(Msg::tr("%1 is not empty and is not a balance output (it has no balance.json or manifest.csv); "
                                          "only an earlier output is replaced: choose an empty or new folder")
                                      .arg(QDir::toNativeSeparators(outDir)));
        }
    }
    const QString tmp = outAbs + QStringLiteral(".partial-%1").arg(::getpid());
    QDir(tmp).removeRecursively();
    if (!QDir().mkpath(tmp))
        return R::failure(Msg::tr("cannot create %1").arg(tmp));
    auto cleanup = [&] { QDir(tmp).removeRecursively(); };

    // Create every class folder up front (serially), then render in parallel, one task per
    // source so each source is decoded and resized once.
    QMap<qint64, std::vector<const PlannedImage *>> bySource;
    QSet<QString> folders;
    for (const PlannedImage &p : plan.images) {
        bySource[p.image_id].push_back(&p);
        folders.insert(QFileInfo(p.output).path());
    }
    for (const QString &f : folders)
        if (!QDir().mkpath(tmp + QLatin1Char('/') + f)) {
            cleanup();
            return R::failure(Msg::tr("cannot create %1").arg(f));
        }

    std::vector<std::vector<const PlannedImage *>> tasks;
    for (auto it = bySource.begin(); it != bySource.end(); ++it)
        tasks.push_back(std::move(it.value()));
    const qint64 total = qint64(plan.images.size());
    std::atomic<qint64> done{0};
    std::mutex errorsMutex;
    QStringList errors; // guarded by errorsMutex
    const int size = plan.options.size;
    const std::vector<int> pngParams = {cv::IMWRITE_PNG_COMPRESSION, std::clamp(plan.options.png_compression, 0, 9)};
    auto work = [&](const std::vector<const PlannedImage *> &entries) {
        if (control && control->isCancelled())
            return;
        const PlannedImage &first = *entries.front();
        auto decoded = decodeImageFile(rootAbs + QLatin1Char('/') + first.source);
        if (!decoded) {
            std::lock_guard<std::mutex> lock(errorsMutex);
            errors.append(QStringLiteral("%1: %2").arg(first.source, decoded.error()));
            done.fetch_add(qint64(entries.size()));
            return;
        }
        const cv::Mat base = resizeRgb(decoded.value().rgb, size, size);
        for (const PlannedImage *p : entries) {
            cv::Mat img = p->augmented ? applyAugment(base, p->params) : base;
            // Grey content is written as 8-bit grey PNG: a third of the bytes to filter and
            // compress, and the decode path turns it back into the same RGB pixels.
            cv::Mat bgr;
            if (isGreyImage(img))
                cv::extractChannel(img, bgr, 0);
            else
                cv::cvtColor(img, bgr, cv::COLOR_RGB2BGR);
            std::vector<uchar> png;
            QString error;
            try {
                if (!cv::imencode(".png", bgr, png, pngParams))
                    error = Msg::tr("PNG encoding failed");
            } catch (const cv::Exception &e) {
                error = QString::fromStdString(e.msg);
            }
            if (error.isEmpty()) {
                QFile f(tmp + QLatin1Char('/') + p->output);
                if (!f.open(QIODevice::WriteOnly)
                    || f.write(reinterpret_cast<const char *>(png.data()), qint64(png.size())) != qint64(png.size()))
                    error = f.errorString();
            }
            if (!error.isEmpty()) {
                std::lock_guard<std::mutex> lock(errorsMutex);
                errors.append(QStringLiteral("%1: %2").arg(p->output, error));
            }
            done.fetch_add(1);
        }
    };
    QThreadPool pool;
    pool.setMaxThreadCount(plan.options.threads > 0 ? plan.options.threads
                                                    : std::max(1, int(std::thread::hardware_concurrency())));
    QFuture<void> future = QtConcurrent::map(&pool, tasks, work);
    // Poll from this thread so progress and cancellation need no event loop.
    while (!future.isFinished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (control)
            control->report(done.load(), total);
    }
    if (control) {
        control->report(done.load(), total, QString(), true);
        if (control->isCancelled()) {
            cleanup();
            return R::failure(Msg::tr("cancelled; nothing was written to %1").arg(outDir));
        }
    }

    // Manifest: every output linked to its source hash and exact augmentation parameters.
    QString csv = QStringLiteral("output,split,class,source,source_sha256,augmented,flip,rotation_deg,brightness,contrast,saturation\n");
    int written = 0;
    QSet<QString> failedOutputs;
    for (const QString &e : errors)
        failedOutputs.insert(e.section(QLatin1Char(':'), 0, 0));
    for (const PlannedImage &p : plan.images) {
        if (failedOutputs.contains(p.output) || failedOutputs.contains(p.source))
            continue;
        ++written;
        csv += QStringList{csvField(p.output), splitName(p.split), csvField(p.class_name), csvField(p.source),
                           p.source_hash, p.augmented ? QStringLiteral("1") : QStringLiteral("0"),
                           p.params.flip ? QStringLiteral("1") : QStringLiteral("0"), number(p.params.rotation_deg),
                           number(p.params.brightness), number(p.params.contrast), number(p.params.saturation)}
                   .join(QLatin1Char(','));
        csv += QLatin1Char('\n');
    }
    QJsonArray classes;
    for (const ClassPlan &c : plan.classes)
        classes.append(QJsonObject{{QStringLiteral("name"), c.name},
                                   {QStringLiteral("original"), c.original},
                                   {QStringLiteral("final"), c.final},
                                   {QStringLiteral("val"), c.val},
                                   {QStringLiteral("test"), c.test},
                                   {QStringLiteral("action"), c.action()}});
    const QJsonObject info{{QStringLiteral("dataset"), rootAbs},
                           {QStringLiteral("options"), plan.options.toJson()},
                           {QStringLiteral("classes"), classes},
                           {QStringLiteral("warnings"), QJsonArray::fromStringList(plan.warnings)},
                           {QStringLiteral("errors"), QJsonArray::fromStringList(errors)}};
    for (const auto &[name, data] : {std::pair<QString, QByteArray>{QStringLiteral("manifest.csv"), csv.toUtf8()},
                                     {QStringLiteral("balance.json"), QJsonDocument(info).toJson()}}) {
        if (const QString why = writeFileAtomically(tmp + QLatin1Char('/') + name, data); !why.isEmpty()) {
            cleanup();
            return R::failure(Msg::tr("cannot write %1: %2").arg(name, why));
        }
    }

    // Swap the finished folder into place.
    QString old;
    if (QFileInfo::exists(outAbs)) {
        old = outAbs + QStringLiteral(".old-%1").arg(::getpid());
        if (!QDir().rename(outAbs, old)) {
            cleanup();
            return R::failure(Msg::tr("cannot replace %1").arg(outDir));
        }
    }
    if (!QDir().rename(tmp, outAbs)) {
        if (!old.isEmpty())
            QDir().rename(old, outAbs);
        cleanup();
        return R::failure(Msg::tr("cannot move the output into place at %1").arg(outDir));
    }
    if (!old.isEmpty())
        QDir(old).removeRecursively();

    BalanceSummary summary;
    summary.out_dir = outAbs;
    summary.written = written;
    summary.errors = errors;
    summary.seconds = double(timer.nsecsElapsed()) / 1e9;
    return summary;
}

} // namespace bb
