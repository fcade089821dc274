#include "trainer.h"

#include "balancer.h"
#include "blascheck.h"
#include "datasetscanner.h"
#include "imagedecoder.h"
#include "jsonfile.h"
#include "logging.h"
#include "nn/encoder.h"
#include "nn/imagetensor.h"
#include "nn/losses.h"
#include "nn/modelbundle.h"
#include "nn/optimizerutil.h"
#include "nn/weightimport.h"
#include "cosineschedule.h"
#include "csv.h"
#include "projectstore.h"
#include "viewaugment.h"
#include "savefile.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QMap>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::Trainer)
};

struct Sample {
    cv::Mat img;      ///< RGB8 at the storage size
    int label = 0;
    qint64 image_id = 0;
    QString path;
    bool augmented = false;
};

struct PreparedData {
    QStringList classes;
    std::vector<Sample> train;
    std::vector<Sample> val;
    std::vector<int64_t> original_counts; ///< training split before balancing
    std::vector<int64_t> balanced_counts;
    bool colour = false;
    QString dataset_hash;
    QString dataset_root;
};

quint64 mix(quint64 a, quint64 b)
{
    Rng r(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull));
    return r.next();
}

// Writes a normalised [3,S,S] float image into dst (the loader's hot path: no temporaries).
void fillNormalized(const cv::Mat &rgb, float *dst, const Normalization &n)
{
    const int hw = rgb.rows * rgb.cols;
    const float s0 = 1.0f / (255.0f * n.std[0]), s1 = 1.0f / (255.0f * n.std[1]), s2 = 1.0f / (255.0f * n.std[2]);
    const float m0 = n.mean[0] / n.std[0], m1 = n.mean[1] / n.std[1], m2 = n.mean[2] / n.std[2];
    int k = 0;
    for (int y = 0; y < rgb.rows; ++y) {
        const uchar *p = rgb.ptr<uchar>(y);
        for (int x = 0; x < rgb.cols; ++x, p += 3, ++k) {
            dst[k] = p[0] * s0 - m0;
            dst[hw + k] = p[1] * s1 - m1;
            dst[2 * hw + k] = p[2] * s2 - m2;
        }
    }
}

cv::Mat toInput(const cv::Mat &stored, int inputSize)
{
    return (stored.cols == inputSize && stored.rows == inputSize) ? stored : resizeRgb(stored, inputSize, inputSize);
}

torch::Tensor stackInputs(const std::vector<Sample> &samples, size_t begin, size_t end, int inputSize, const Normalization &n)
{
    torch::Tensor x = torch::empty({int64_t(end - begin), 3, inputSize, inputSize});
    float *base = x.data_ptr<float>();
    const size_t plane = size_t(3) * inputSize * inputSize;
    for (size_t i = begin; i < end; ++i)
        fillNormalized(toInput(samples[i].img, inputSize), base + (i - begin) * plane, n);
    return x;
}

Result<PreparedData> prepareData(const TrainingRequest &req, ProjectStore &store, const TrainingCallbacks &cb,
                                 JobControl *control)
{
    using R = Result<PreparedData>;
    const TrainingConfig &c = req.config;
    if (cb.on_message)
        cb.on_message(Msg::tr("Scanning %1").arg(req.dataset_root));
    auto scanned = scanDataset(req.dataset_root, store, ScanOptions{}, control);
    if (!scanned)
        return R::failure(scanned.error());
    BalanceOptions bo;
    bo.target = c.balance_target;
    bo.size = c.balance_size;
    bo.split.val_fraction = c.val_fraction;
    bo.split.seed = c.seed;
    auto planned = planBalance(balanceInputsFromStore(store), bo);
    if (!planned)
        return R::failure(planned.error());
    const BalancePlan &plan = planned.value();
    for (const QString &w : plan.warnings)
        if (cb.on_message)
            cb.on_message(w);
    QHash<qint64, QString> split;
    for (auto it = plan.split.cbegin(); it != plan.split.cend(); ++it)
        split.insert(it.key(), splitName(it.value()));
    const Status saved = store.saveSplit(split, c.seed);
    if (!saved)
        return R::failure(saved.message());

    PreparedData d;
    d.dataset_root = QFileInfo(req.dataset_root).absoluteFilePath();
    QHash<QString, int> classIndex;
    for (const ClassPlan &cp : plan.classes) {
        if (cp.final == 0)
            continue;
        classIndex.insert(cp.name, int(d.classes.size()));
        d.classes.append(cp.name);
        d.original_counts.push_back(cp.original);
        d.balanced_counts.push_back(cp.final);
    }
    if (d.classes.size() < 2)
        return R::failure(Msg::tr("training needs at least two classes with images"));

    // Decode each source once and render its planned outputs (same code as the balancer).
    QMap<qint64, std::vector<const PlannedImage *>> bySource;
    for (const PlannedImage &p : plan.images)
        if (classIndex.contains(p.class_name))
            bySource[p.image_id].push_back(&p);
    std::vector<std::vector<const PlannedImage *>> tasks;
    for (auto it = bySource.begin(); it != bySource.end(); ++it)
        tasks.push_back(it.value());
    const int storeSize = c.input_size <= 64 ? c.input_size : c.balance_size;
    const int balanceSize = c.balance_size;
    std::mutex m;
    QStringList errors; // guarded by m
    std::atomic<int> done{0};
    std::vector<Sample> train, val; // guarded by m
    const QString root = d.dataset_root;
    std::function<void(const std::vector<const PlannedImage *> &)> work = [&](const std::vector<const PlannedImage *> &entries) {
        if (control && control->isCancelled())
            return;
        auto decoded = decodeImageFile(root + QLatin1Char('/') + entries.front()->source);
        if (!decoded) {
            std::lock_guard<std::mutex> lock(m);
            errors.append(QStringLiteral("%1: %2").arg(entries.front()->source, decoded.error()));
            return;
        }
        std::vector<Sample> local;
        for (const PlannedImage *p : entries) {
            Sample s;
            cv::Mat img = renderPlannedImage(decoded.value().rgb, *p, balanceSize);
            s.img = storeSize == balanceSize ? img : resizeRgb(img, storeSize, storeSize);
            s.label = classIndex.value(p->class_name);
            s.image_id = p->image_id;
            s.path = p->source;
            s.augmented = p->augmented;
            local.push_back(std::move(s));
        }
        std::lock_guard<std::mutex> lock(m);
        for (size_t i = 0; i < local.size(); ++i)
            (entries[i]->split == Split::Train ? train : val).push_back(std::move(local[i]));
        done.fetch_add(int(entries.size()));
    };
    if (cb.on_message)
        cb.on_message(Msg::tr("Preparing %1 balanced training and validation images").arg(plan.images.size()));
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, int(std::thread::hardware_concurrency())));
    QtConcurrent::blockingMap(&pool, tasks, work);
    if (control && control->isCancelled())
        return R::failure(Msg::tr("cancelled"));
    for (const QString &e : errors)
        if (cb.on_message)
            cb.on_message(Msg::tr("skipped: %1").arg(e));
    // Threads finish in any order: sort so the data (and so the run) is deterministic.
    auto byKey = [](const Sample &a, const Sample &b) {
        if (a.image_id != b.image_id)
            return a.image_id < b.image_id;
        return a.augmented < b.augmented;
    };
    std::stable_sort(train.begin(), train.end(), byKey);
    std::stable_sort(val.begin(), val.end(), byKey);
    // Augmented copies of one source keep plan order: re-render order is fixed by the plan.
    d.train = std::move(train);
    d.val = std::move(val);
    if (d.train.empty() || d.val.empty())
        return R::failure(Msg::tr("the split left no training or no validation images"));
    for (size_t i = 0; i < std::min<size_t>(d.train.size(), 200); ++i)
        if (!isGreyImage(d.train[i * (d.train.size() / std::min<size_t>(d.train.size(), 200))].img)) {
            d.colour = true;
            break;
        }
    QStringList lines;
    for (const BalanceInput &in : balanceInputsFromStore(store))
        lines.append(in.hash + QLatin1Char(' ') + in.label);
    lines.sort();
    d.dataset_hash = QString::fromLatin1(QCryptographicHash::hash(lines.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256).toHex());
    return d;
}

/// Produces the batches of one epoch on a worker thread, a few batches ahead of the trainer.
class BatchLoader {
public:
    struct Batch {
        torch::Tensor x;      ///< [B*V,3,S,S], sample-major (row i*V+v)
        torch::Tensor labels; ///< [B]
    };

    BatchLoader(const std::vector<Sample> &data, std::vector<int64_t> order, int batch, int views,
                ViewAugmentOptions aug, Normalization norm, quint64 seed, int threads)
        : m_data(data), m_order(std::move(order)), m_batch(batch), m_views(views), m_aug(aug), m_norm(norm),
          m_seed(seed), m_threads(threads)
    {
        m_steps = int(m_order.size()) / m_batch;
        m_thread = std::thread([this] { produce(); });
    }
    ~BatchLoader()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    int steps() const { return m_steps; }

    std::optional<Batch> next()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [this] { return !m_queue.empty() || m_finished; });
        if (m_queue.empty())
            return std::nullopt;
        Batch b = std::move(m_queue.front());
        m_queue.pop_front();
        m_cv.notify_all();
        return b;
    }

private:
    void produce()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(m_threads);
        const int s = m_aug.out_size;
        const size_t plane = size_t(3) * s * s;
        for (int step = 0; step < m_steps; ++step) {
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_cv.wait(lock, [this] { return m_queue.size() < 3 || m_stop; });
                if (m_stop)
                    break;
            }
            Batch b;
            b.x = torch::empty({int64_t(m_batch) * m_views, 3, s, s});
            b.labels = torch::empty({m_batch}, torch::kInt64);
            float *xp = b.x.data_ptr<float>();
            int64_t *lp = b.labels.data_ptr<int64_t>();
            std::vector<int> rows(static_cast<size_t>(m_batch));
            std::iota(rows.begin(), rows.end(), 0);
            auto one = [&](int i) {
                const int64_t idx = m_order[size_t(step) * m_batch + size_t(i)];
                const Sample &smp = m_data[size_t(idx)];
                lp[i] = smp.label;
                for (int v = 0; v < m_views; ++v) {
                    // The RNG depends only on (seed, step, row, view): deterministic whatever
                    // the thread schedule.
                    Rng rng(mix(mix(m_seed, quint64(step)), quint64(i) * 64 + quint64(v)));
                    const cv::Mat view = makeView(smp.img, m_aug, rng);
                    fillNormalized(view, xp + (size_t(i) * m_views + size_t(v)) * plane, m_norm);
                }
            };
            if (m_threads > 1) {
                std::function<void(const int &)> f = [&](const int &i) { one(i); };
                QtConcurrent::blockingMap(&pool, rows, f);
            } else {
                for (int i = 0; i < m_batch; ++i)
                    one(i);
            }
            std::lock_guard<std::mutex> lock(m_mutex);
            m_queue.push_back(std::move(b));
            m_cv.notify_all();
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        m_finished = true;
        m_cv.notify_all();
    }

    const std::vector<Sample> &m_data;
    std::vector<int64_t> m_order;
    int m_batch, m_views;
    ViewAugmentOptions m_aug;
    Normalization m_norm;
    quint64 m_seed;
    int m_threads;
    int m_steps = 0;
    std::mutex m_mutex;              // guards m_queue, m_stop, m_finished
    std::condition_variable m_cv;
    std::deque<Batch> m_queue;
    bool m_stop = false;
    bool m_finished = false;
    std::thread m_thread;
};

Status writeJson(const QString &path, const QJsonObject &o)
{
    if (const QString why = writeFileAtomically(path, QJsonDocument(o).toJson()); !why.isEmpty())
        return Status::failure(Msg::tr("cannot write %1: %2").arg(path, why));
    return Status::success();
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The store's id of the run in runDir: the id its checkpoint names when that record is this run's
// (another project's store may hold an unrelated run under the same id), else the record whose
// folder is runDir, else 0.
qint64 findRunRecord(const ProjectStore &store, qint64 savedId, const QString &runDir)
{
    const auto same = [&](const QString &dir) {
        const QFileInfo a(dir), b(runDir);
        return a.absoluteFilePath() == b.absoluteFilePath() || (a.exists() && a.canonicalFilePath() == b.canonicalFilePath());
    };
    qint64 byDir = 0;
    for (const RunRecord &r : store.runs()) {
        if (!same(r.run_dir))
            continue;
        if (r.id == savedId)
            return r.id;
        byDir = r.id;
    }
    return byDir;
}

// One epoch's row of metrics.csv.
QByteArray csvRow(const EpochReport &e)
{
    return QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
        .arg(e.phase)
        .arg(e.epoch)
        .arg(e.train_loss, 0, 'g', 8)
        .arg(e.val_loss, 0, 'g', 8)
        .arg(e.lr, 0, 'g', 8)
        .arg(e.images_per_s, 0, 'f', 1)
        .arg(e.epoch_s, 0, 'f', 3)
        .arg(e.val_macro_f1, 0, 'g', 6)
        .toUtf8();
}

// One epoch's record in the project store.
EpochMetricsRecord metricsRecord(const EpochReport &e)
{
    EpochMetricsRecord m;
    m.epoch = e.epoch;
    m.phase = e.phase;
    m.train_loss = e.train_loss;
    m.val_loss = e.val_loss;
    m.lr = e.lr;
    m.images_per_s = e.images_per_s;
    m.epoch_s = e.epoch_s;
    m.val_macro_f1 = e.val_macro_f1;
    return m;
}

// Rewrites the CSV at `path` in one step (QSaveFile): its rows starting with `prefix` are
// replaced by `rows`; a missing file is started with `header`. Empty on success, else why not.
QString replaceCsvRows(const QString &path, const QByteArray &prefix, const QByteArray &header, const QByteArray &rows)
{
    QByteArray kept;
    QFile in(path);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly))
            return in.errorString();
        while (!in.atEnd()) {
            const QByteArray line = in.readLine();
            if (!line.startsWith(prefix))
                kept += line;
        }
        in.close();
    }
    if (kept.isEmpty())
        kept = header;
    else if (!kept.endsWith('\n'))
        kept += '\n';
    kept += rows;
    return writeFileAtomically(path, kept);
}

// An epoch's checkpoint files, written whole or not at all. Each is serialised in memory (a
// torch::save straight to a file that hits a full disk throws from its writer's destructor, which
// ends the process), all are written beside their targets, and only when every one is complete do
// they replace the old ones, state.json last. Returns the reason on failure, with nothing replaced.
class CheckpointWrite {
public:
    template <typename T>
    void add(const T &obj, const QString &path)
    {
        if (!m_error.isEmpty())
            return;
        std::ostringstream bytes;
        try {
            torch::save(obj, bytes);
        } catch (const c10::Error &e) {
            m_error = Msg::tr("cannot serialise %1: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(e.what_without_backtrace()));
            return;
        }
        m_files.push_back({path, QByteArray::fromStdString(bytes.str())});
    }
    void addJson(const QJsonObject &o, const QString &path) { m_files.push_back({path, QJsonDocument(o).toJson()}); }

    QString commit()
    {
        std::vector<QString> written;
        auto discard = [&] {
            for (const QString &t : written)
                QFile::remove(t);
        };
        if (!m_error.isEmpty())
            return m_error;
        for (const auto &[path, bytes] : m_files) {
            const QString tmp = path + QStringLiteral(".tmp");
            QFile f(tmp);
            written.push_back(tmp);
            // A short write is followed by one more, which reports why (ENOSPC: "No space left").
            bool ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered);
            for (qint64 at = 0, n = 0; ok && at < bytes.size(); at += n)
                ok = (n = f.write(bytes.constData() + at, bytes.size() - at)) > 0;
            if (!ok) {
                const QString why = f.errorString();
                f.close();
                discard();
                return Msg::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
            }
            f.close();
            if (f.error() != QFileDevice::NoError) {
                discard();
                return Msg::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
            }
        }
        for (const auto &[path, bytes] : m_files) // rename(2) replaces the old file in one step
            if (std::rename(QFile::encodeName(path + QStringLiteral(".tmp")).constData(), QFile::encodeName(path).constData()) != 0) {
                const QString why = QString::fromLocal8Bit(std::strerror(errno));
                discard();
                return Msg::tr("cannot replace %1: %2").arg(QDir::toNativeSeparators(path), why);
            }
        return QString();
    }

private:
    std::vector<std::pair<QString, QByteArray>> m_files;
    QString m_error;
};

// True when `epochsDone` epochs end a cosine cycle (T_0, T_0 T_mult, T_0 T_mult², ...).
bool isCycleEnd(int t0, int tMult, int epochsDone)
{
    for (qint64 end = t0, len = t0; end <= epochsDone; len *= tMult, end += len)
        if (end == epochsDone)
            return true;
    return false;
}

struct Embedded {
    torch::Tensor gated;          ///< [N, members * F], member 0's columns first
    std::vector<torch::Tensor> z; ///< each member's projections [N, D]
};

/// Runs task(k) for every ensemble member k (one after another, or side by side: MemberPool).
using MemberRunner = std::function<void(const std::function<void(int)> &)>;

Embedded embedAll(EncoderSet &enc, const std::vector<Sample> &samples, int inputSize, const Normalization &n,
                  const MemberRunner &forEachMember)
{
    const size_t members = enc->size();
    std::vector<std::vector<torch::Tensor>> g(members), z(members);
    forEachMember([&](int k) {
        torch::NoGradGuard ng; // grad mode is per thread
        EnhancedEncoder m = enc->member(size_t(k));
        const size_t chunk = 256;
        for (size_t b = 0; b < samples.size(); b += chunk) {
            const torch::Tensor x = stackInputs(samples, b, std::min(samples.size(), b + chunk), inputSize, n);
            const torch::Tensor f = m->gate(m->features(x));
            g[size_t(k)].push_back(f);
            z[size_t(k)].push_back(m->project(f));
        }
    });
    Embedded e;
    std::vector<torch::Tensor> parts;
    for (size_t k = 0; k < members; ++k) {
        parts.push_back(torch::cat(g[k]));
        e.z.push_back(torch::cat(z[k]));
    }
    e.gated = members == 1 ? parts.front() : torch::cat(parts, 1);
    return e;
}

/// The seed of ensemble member k: the run's own for member 0, so that a single model is what it
/// was before ensembles.
quint64 memberSeed(quint64 seed, int k)
{
    return k == 0 ? seed : mix(seed, 0x3E3B0000ull + quint64(k));
}

/// Runs one task per ensemble member at a time, member k on thread k (member 0 on the caller's),
/// each with the torch thread count set when the pool was made. Deterministic: a member's work
/// never depends on the others' timing.
class MemberPool {
public:
    explicit MemberPool(int members)
    {
        // Each worker takes the torch thread count on its first parallel call, which sets it
        // process-wide again: one worker at a time, and all before any work.
        for (int k = 1; k < members; ++k) {
            m_threads.emplace_back([this, k] { work(k); });
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock, [&] { return m_ready == k; });
        }
    }
    ~MemberPool()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_quit = true;
        }
        m_cv.notify_all();
        for (std::thread &t : m_threads)
            t.join();
    }
    /// task(k) for every member, side by side; the first exception (by member) is rethrown.
    void run(const std::function<void(int)> &task)
    {
        const int members = int(m_threads.size()) + 1;
        std::vector<std::exception_ptr> errors(static_cast<size_t>(members));
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_task = &task;
            m_errors = &errors;
            m_pending = members - 1;
            ++m_generation;
        }
        m_cv.notify_all();
        try {
            task(0);
        } catch (...) {
            errors[0] = std::current_exception();
        }
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock, [&] { return m_pending == 0; });
            m_task = nullptr;
        }
        for (const std::exception_ptr &e : errors)
            if (e)
                std::rethrow_exception(e);
    }

private:
    void work(int k)
    {
        (void)at::get_num_threads(); // takes the pool's torch thread count for this thread
        quint64 seen = 0;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_ready;
            seen = m_generation;
        }
        m_cv.notify_all();
        for (;;) {
            const std::function<void(int)> *task = nullptr;
            std::vector<std::exception_ptr> *errors = nullptr;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_cv.wait(lock, [&] { return m_quit || m_generation != seen; });
                if (m_quit)
                    return;
                seen = m_generation;
                task = m_task;
                errors = m_errors;
            }
            try {
                (*task)(k);
            } catch (...) {
                (*errors)[size_t(k)] = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                --m_pending;
            }
            m_cv.notify_all();
        }
    }

    std::vector<std::thread> m_threads;
    std::mutex m_mutex; // guards everything below
    std::condition_variable m_cv;
    const std::function<void(int)> *m_task = nullptr;
    std::vector<std::exception_ptr> *m_errors = nullptr;
    quint64 m_generation = 0;
    int m_pending = 0;
    int m_ready = 0;
    bool m_quit = false;
};

torch::Tensor labelsOf(const std::vector<Sample> &samples)
{
    torch::Tensor t = torch::empty({int64_t(samples.size())}, torch::kInt64);
    for (size_t i = 0; i < samples.size(); ++i)
        t[int64_t(i)] = samples[i].label;
    return t;
}

std::vector<int> toVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.to(torch::kInt64).contiguous();
    return std::vector<int>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

} // namespace

namespace {

// The settings that shape the SupCon stage (all but TrainingConfig::resumableKeys()).
QJsonObject encoderSettings(const TrainingConfig &c)
{
    QJsonObject json = c.toJson();
    for (const QString &k : TrainingConfig::resumableKeys())
        json.remove(k);
    return json;
}

QString jsonText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isUndefined())
        return QStringLiteral("(nothing)");
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace

Result<TrainingConfig> readRunConfig(const QString &runDir, QJsonObject *saved)
{
    using R = Result<TrainingConfig>;
    const QString path = runDir + QStringLiteral("/config.json");
    const JsonObjectFile file = readJsonObjectFile(path);
    switch (file.outcome) {
    case JsonObjectFile::Outcome::Ok: break;
    case JsonObjectFile::Outcome::Missing: return R::failure(Msg::tr("%1 is not a training run: it has no config.json").arg(runDir));
    case JsonObjectFile::Outcome::Unreadable:
        return R::failure(Msg::tr("%1 is not a training run: cannot read its config.json (%2)").arg(runDir, file.detail));
    case JsonObjectFile::Outcome::Syntax:
        return R::failure(Msg::tr("%1: its config.json is not valid JSON (%2)").arg(runDir, file.detail));
    case JsonObjectFile::Outcome::NotObject:
        return R::failure(Msg::tr("%1: its config.json is not a run's record (a JSON object with the run's settings), it holds %2")
                              .arg(runDir, file.detail));
    }
    const QJsonObject &json = file.object;
    if (json.isEmpty())
        return R::failure(Msg::tr("%1: its config.json is not a run's record (a JSON object with the run's settings)").arg(runDir));
    if (!json.value(QStringLiteral("config")).isObject())
        return R::failure(Msg::tr("%1: its config.json holds no settings (no \"config\" object); it cannot be resumed").arg(runDir));
    if (saved)
        *saved = json;
    auto cfg = TrainingConfig::fromSavedJson(json.value(QStringLiteral("config")).toObject());
    if (!cfg) // name the file: "the saved settings lack 'epochs'" alone does not say which
        return R::failure(Msg::tr("%1: %2").arg(QDir::toNativeSeparators(path), cfg.error()));
    return cfg;
}

namespace {

// Starts an encoder's backbone from the weights file `c.backbone_weights` (transfer learning):
// the whole backbone must load, finite; the gate and projection head start from scratch.
Result<WeightImportReport> importBackboneWeights(EnhancedEncoder &encoder, const TrainingConfig &c)
{
    using R = Result<WeightImportReport>;
    WeightImportOptions wo;
    wo.add_prefix = "backbone.";
    wo.skip_prefixes = {"backbone.classifier.", "attention.", "projection."};
    wo.strict = true; // partly random weights would train and look valid
    auto rep = importWeights(*encoder, c.backbone_weights, wo);
    if (!rep)
        return R::failure(Msg::tr("cannot start backbone '%1' from these weights: %2").arg(c.backbone, rep.error()));
    if (rep.value().loaded.empty())
        return R::failure(Msg::tr("backbone weights %1 hold nothing for backbone '%2':\n%3")
                              .arg(QDir::toNativeSeparators(c.backbone_weights), c.backbone, rep.value().summary()));
    return rep;
}

} // namespace

Result<TrainingResult> runTraining(const TrainingRequest &requestIn, const TrainingCallbacks &cb, JobControl *control)
{
    using R = Result<TrainingResult>;
    QElapsedTimer clock;
    clock.start();
    TrainingRequest req = requestIn;
    const QString runDir = QFileInfo(req.run_dir).absoluteFilePath();
    const QString ckptDir = runDir + QStringLiteral("/checkpoints");
    // A checkpoint into a module built from config.json; a tensor of another shape means the
    // file was edited after the checkpoints were written (or they belong to another run).
    auto loadCheckpoint = [&](torch::nn::Module &module, const QString &name) -> QString {
        const QString file = ckptDir + QLatin1Char('/') + name;
        if (!QFileInfo::exists(file))
            return Msg::tr("%1 is missing; the run cannot go on without it").arg(QDir::toNativeSeparators(file));
        bool misfit = false;
        const QString error = loadModuleChecked(module, file, &misfit);
        if (error.isEmpty())
            return error;
        if (!misfit)
            return Msg::tr("cannot read %1: %2").arg(QDir::toNativeSeparators(file), error);
        return Msg::tr("%1 does not fit the settings in %2: %3. Were they changed after the run started? A run "
                       "resumes with the sizes it was trained with.")
            .arg(QDir::toNativeSeparators(file), QDir::toNativeSeparators(runDir + QStringLiteral("/config.json")), error);
    };
    QJsonObject state;
    // One training per run folder at a time (two would write the same checkpoints and metrics).
    // Age never makes the lock stale, a dead owner does (QLockFile checks the process).
    QLockFile lock(runDir + QStringLiteral("/.lock"));
    lock.setStaleLockTime(0);
    auto lockOwner = [&] {
        qint64 pid = 0;
        QString host, app;
        return lock.getLockInfo(&pid, &host, &app) ? pid : qint64(0);
    };
    auto takeLock = [&] {
        if (lock.tryLock(0))
            return true;
        // An empty or unreadable lock file names no owner to wait for: a crash left it.
        if (lock.error() == QLockFile::LockFailedError && lockOwner() <= 0 && lock.removeStaleLockFile())
            return lock.tryLock(0);
        return false;
    };
    auto inUse = [&] {
        if (lock.error() != QLockFile::LockFailedError)
            return R::failure(Msg::tr("cannot write to %1").arg(req.run_dir));
        if (const qint64 pid = lockOwner(); pid > 0)
            return R::failure(Msg::tr("%1 is in use by another training (process %2); wait for it or stop it first").arg(req.run_dir).arg(pid));
        return R::failure(Msg::tr("cannot lock %1: %2 is in the way; remove it")
                              .arg(req.run_dir, QDir::toNativeSeparators(runDir + QStringLiteral("/.lock"))));
    };
    QString savedDatasetRoot; // a resumed run's dataset as its config.json names it
    QStringList savedClasses; // and the classes and content it was trained on (the hash since this version)
    QString savedDatasetHash;
    bool fromScratch = false; // resumed before its first epoch was saved: it starts again
    if (req.resume) {
        if (QFileInfo(runDir).isDir() && !takeLock())
            return inUse();
        QJsonObject saved;
        auto cfg = readRunConfig(req.run_dir, &saved);
        if (!cfg)
            return R::failure(cfg.error());
        req.config = cfg.take();
        const QString statePath = ckptDir + QStringLiteral("/state.json");
        state = readJson(statePath);
        // A state.json that is there but unreadable (cut, garbled) is not "no epoch saved": that
        // would start again and overwrite the run's checkpoints.
        if (state.isEmpty() && QFileInfo::exists(statePath))
            return R::failure(Msg::tr("%1 cannot be read (cut or garbled?); the run's checkpoints are left as they are")
                                  .arg(QDir::toNativeSeparators(statePath)));
        // Stopped before the first epoch's checkpoint: nothing to continue, so it starts again
        // (the same model as a run never stopped). A model but no state is not such a run.
        fromScratch = state.isEmpty();
        // The SupCon-stage settings the checkpoints were trained with (kept since this version):
        // config.json must still say the same, also where no tensor's shape shows it (input_size).
        const QJsonObject trained = state.value(QStringLiteral("encoder_settings")).toObject();
        const QJsonObject now = req.config.toJson();
        for (auto it = trained.constBegin(); it != trained.constEnd(); ++it)
            if (now.value(it.key()) != it.value())
                return R::failure(Msg::tr("%1: its config.json says %2 = %3, but its checkpoints were trained with %4; a run "
                                          "resumes with the settings it started with")
                                      .arg(req.run_dir, it.key(), jsonText(now.value(it.key())), jsonText(it.value())));
        if (fromScratch && QFileInfo::exists(runDir + QStringLiteral("/model.bbmodel")))
            return R::failure(Msg::tr("%1 has no checkpoint to resume from").arg(req.run_dir));
        if (!req.resume_overrides.isEmpty()) {
            const Status allowed = TrainingConfig::checkResumeOverrides(req.resume_overrides);
            if (!allowed)
                return R::failure(allowed.message());
            auto changed = TrainingConfig::withOverrides(req.config, req.resume_overrides);
            if (!changed)
                return R::failure(changed.error());
            req.config = changed.take();
            // A finished run's config.json and store record get the changed settings with the new
            // model, not before: a head that fails or is cancelled leaves the run as it was. A
            // stopped run (no model yet) takes them once its checkpoints have loaded.
        }
        savedDatasetRoot = saved.value(QStringLiteral("dataset_root")).toString();
        for (const QJsonValue &v : saved.value(QStringLiteral("classes")).toArray())
            savedClasses.append(v.toString());
        savedDatasetHash = saved.value(QStringLiteral("dataset_hash")).toString();
        if (req.dataset_root.isEmpty()) {
            req.dataset_root = savedDatasetRoot;
            if (req.dataset_root.isEmpty())
                return R::failure(Msg::tr("%1: its config.json names no dataset; pass it: train DATASET --resume %1").arg(req.run_dir));
            if (!QFileInfo(req.dataset_root).isDir())
                return R::failure(Msg::tr("the dataset of %1, %2, is gone; if it moved, pass its new place: train DATASET --resume %1")
                                      .arg(req.run_dir, QDir::toNativeSeparators(req.dataset_root)));
        }
        if (req.project_file.isEmpty()) // the store the run was created in, where it still exists
            if (const QString p = saved.value(QStringLiteral("project_file")).toString(); !p.isEmpty() && QFileInfo::exists(p))
                req.project_file = p;
    } else if (QFileInfo::exists(runDir + QStringLiteral("/config.json"))) {
        return R::failure(Msg::tr("%1 already holds a run; use --resume or another --out").arg(req.run_dir));
    }
    const TrainingConfig &c = req.config;
    const Status valid = c.validate();
    if (!valid)
        return R::failure(valid.message());
    if (!QFileInfo(req.dataset_root).isDir()) // before anything is created, the store inside it included
        return R::failure(Msg::tr("dataset folder does not exist: %1").arg(QDir::toNativeSeparators(req.dataset_root)));
    if (!c.backbone_weights.isEmpty() && (!req.resume || fromScratch)) {
        // Weights that do not fit are refused before the run folder is made (a wrong file would
        // otherwise leave a run that only --resume accepts); the members import them again below.
        try {
            auto probe = makeEncoderFor(c);
            if (!probe)
                return R::failure(probe.error());
            if (auto rep = importBackboneWeights(probe.value(), c); !rep)
                return R::failure(rep.error());
        } catch (const std::exception &e) {
            return R::failure(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
        }
    }
    if (!QDir().mkpath(runDir))
        return R::failure(Msg::tr("cannot create %1").arg(runDir));
    if (!req.resume) { // locked before anything is created inside (a refused run leaves nothing)
        if (!takeLock())
            return inUse();
        if (QFileInfo::exists(runDir + QStringLiteral("/config.json"))) // another run started here meanwhile
            return R::failure(Msg::tr("%1 already holds a run; use --resume or another --out").arg(req.run_dir));
    }
    if (!QDir().mkpath(ckptDir) || !QDir().mkpath(runDir + QStringLiteral("/embeddings")))
        return R::failure(Msg::tr("cannot create %1").arg(runDir));

    const QString storeFile = req.project_file.isEmpty() ? ProjectStore::defaultPathFor(req.dataset_root) : req.project_file;
    auto storeOpened = ProjectStore::open(storeFile);
    if (!storeOpened)
        return R::failure(storeOpened.error());
    std::unique_ptr<ProjectStore> store = storeOpened.take();

    try {
        torch::set_num_threads(c.threads > 0 ? c.threads : std::max(1, int(std::thread::hardware_concurrency())));
        if (const QString w = referenceBlasWarning(); !w.isEmpty() && cb.on_message)
            cb.on_message(w);
        auto prepared = prepareData(req, *store, cb, control);
        if (!prepared)
            return R::failure(prepared.error());
        PreparedData &data = prepared.value();
        if (req.resume) {
            // A run goes on only with the data it started with: other classes would be learnt under
            // the old names, other images would give another split and validation set.
            if (!savedClasses.isEmpty() && savedClasses != data.classes)
                return R::failure(Msg::tr("%1 was trained on the classes %2, but %3 now has %4; a run resumes only on its own "
                                          "dataset (start a new run for this one)")
                                      .arg(QDir::toNativeSeparators(req.run_dir), savedClasses.join(QStringLiteral(", ")),
                                           QDir::toNativeSeparators(data.dataset_root), data.classes.join(QStringLiteral(", "))));
            if (!savedDatasetHash.isEmpty() && savedDatasetHash != data.dataset_hash)
                return R::failure(Msg::tr("%1 has changed since %2 started (images added, removed or relabelled): its split and "
                                          "validation images would not be the run's. Put the dataset back as it was, or start a new run")
                                      .arg(QDir::toNativeSeparators(data.dataset_root), QDir::toNativeSeparators(req.run_dir)));
        }
        const int numClasses = int(data.classes.size());
        const Normalization norm;

        QJsonObject runConfig{{QStringLiteral("config"), c.toJson()},
                              {QStringLiteral("dataset_root"), data.dataset_root},
                              {QStringLiteral("project_file"), QFileInfo(storeFile).absoluteFilePath()},
                              {QStringLiteral("classes"), QJsonArray::fromStringList(data.classes)},
                              {QStringLiteral("dataset_hash"), data.dataset_hash}};
        const QString csvPath = runDir + QStringLiteral("/metrics.csv");
        const QByteArray csvHeader = QByteArrayLiteral("phase,epoch,train_loss,val_loss,lr,images_per_s,epoch_s,val_macro_f1\n");
        qint64 runId = 0;
        if (!req.resume) {
            const Status s = writeJson(runDir + QStringLiteral("/config.json"), runConfig);
            if (!s)
                return R::failure(s.message());
            auto id = store->createRun(QFileInfo(runDir).fileName(), runDir, c.toJson());
            if (id)
                runId = id.value();
            QFile csv(csvPath);
            if (csv.open(QIODevice::WriteOnly))
                csv.write(csvHeader);
        } else {
            runId = findRunRecord(*store, qint64(state.value(QStringLiteral("run_id")).toDouble()), runDir);
            if (runId == 0 && cb.on_message)
                cb.on_message(Msg::tr("the project store %1 has no record of this run; its metrics go to metrics.csv only "
                                      "(pass the project the run was trained in)")
                                  .arg(QDir::toNativeSeparators(storeFile)));
        }
        // Settings changed on resume, into config.json and the store's record of the run; also
        // where the dataset is now, so that a plain --resume finds it after a move.
        auto saveChangedConfig = [&] {
            QJsonObject updated = readJson(runDir + QStringLiteral("/config.json"));
            updated.insert(QStringLiteral("config"), c.toJson());
            updated.insert(QStringLiteral("dataset_root"), data.dataset_root);
            const Status s = writeJson(runDir + QStringLiteral("/config.json"), updated);
            if (!s && cb.on_message)
                cb.on_message(s.message());
            if (runId > 0)
                store->setRunConfig(runId, c.toJson());
        };
        // One epoch's row in metrics.csv (header first if the file is missing) and in the store.
        bool csvWarned = false;
        auto warnCsv = [&](const QString &why) {
            if (!csvWarned && cb.on_message)
                cb.on_message(Msg::tr("cannot write %1 (%2); the epochs are recorded in the project store only")
                                  .arg(QDir::toNativeSeparators(csvPath), why));
            csvWarned = true;
        };
        auto recordMetrics = [&](const EpochReport &e) {
            QFile csv(csvPath);
            const bool fresh = !csv.exists();
            if (!csv.open(QIODevice::Append)) {
                warnCsv(csv.errorString());
            } else {
                if (fresh)
                    csv.write(csvHeader);
                csv.write(csvRow(e));
            }
            if (runId > 0)
                store->addEpochMetrics(runId, metricsRecord(e));
        };
        auto appendMetrics = [&](const EpochReport &e) {
            recordMetrics(e);
            if (cb.on_epoch)
                cb.on_epoch(e);
        };

        // ---- model, optimizer, schedule ----
        // The members of an ensemble, each initialised from its own seed (member 0 from the
        // run's, as a single model is), with its optional auxiliary classifier on the gated
        // features (SupCon stage only, then dropped).
        const int members = c.members;
        std::vector<EnhancedEncoder> memberEncoders;
        torch::nn::ModuleList auxHeads;
        for (int k = 0; k < members; ++k) {
            torch::manual_seed(memberSeed(c.seed, k));
            auto encBuilt = makeEncoderFor(c);
            if (!encBuilt)
                return R::failure(encBuilt.error());
            memberEncoders.push_back(encBuilt.take());
            if (!c.backbone_weights.isEmpty() && (!req.resume || fromScratch)) {
                auto rep = importBackboneWeights(memberEncoders.back(), c);
                if (!rep)
                    return R::failure(rep.error());
                if (cb.on_message && k == 0)
                    cb.on_message(rep.value().summary());
            }
            if (c.aux_ce_weight > 0)
                auxHeads->push_back(torch::nn::Linear(memberEncoders.back()->feature_dim(), numClasses));
        }
        EncoderSet encoder(memberEncoders);
        const bool withAux = !auxHeads->is_empty();
        auto auxHead = [&](int k) { return auxHeads[size_t(k)]->as<torch::nn::Linear>(); };
        std::vector<torch::Tensor> decay, noDecay;
        auto sortParams = [&](const std::vector<torch::Tensor> &params) {
            for (const auto &p : params) {
                if (p.dim() <= 1)
                    noDecay.push_back(p); // BN weights and biases: no weight decay
                else
                    decay.push_back(p);
            }
        };
        for (int k = 0; k < members; ++k) { // a single model's order: encoder, then its classifier
            sortParams(encoder->member(size_t(k))->parameters());
            if (withAux)
                sortParams(auxHeads[size_t(k)]->parameters());
        }
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(c.lr).weight_decay(c.weight_decay)));
        groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(c.lr).weight_decay(0.0)));
        torch::optim::AdamW optimizer(std::move(groups), torch::optim::AdamWOptions(c.lr).weight_decay(c.weight_decay));
        CosineSchedule schedule({c.lr, c.lr}, c.t_0, c.t_mult, c.eta_min);

        SupConOptions so;
        so.temperature = c.temperature;
        so.margin = c.margin;
        so.top_k = c.top_k;
        if (c.class_weighting == QLatin1String("original"))
            so.class_counts = data.original_counts;
        else if (c.class_weighting == QLatin1String("balanced"))
            so.class_counts = data.balanced_counts;
        const EnhancedSupConLoss supcon(so);

        int startEpoch = 0;
        double bestVal = std::numeric_limits<double>::infinity();
        int bestEpoch = -1;
        qint64 globalStep = 0;
        if (req.resume && !fromScratch) {
            if (QString e = loadCheckpoint(*encoder->stored(), QStringLiteral("last-encoder.pt")); !e.isEmpty())
                return R::failure(e);
            if (withAux)
                if (QString e = loadCheckpoint(*storedModule(auxHeads), QStringLiteral("last-aux.pt")); !e.isEmpty())
                    return R::failure(e);
            try {
                torch::load(optimizer, (ckptDir + QStringLiteral("/last-optimizer.pt")).toStdString());
            } catch (const c10::Error &e) { // e.g. aux_ce_weight edited to 0: one parameter group fewer
                return R::failure(Msg::tr("%1 does not fit the settings in %2: %3. Were they changed after the run started?")
                                      .arg(QDir::toNativeSeparators(ckptDir + QStringLiteral("/last-optimizer.pt")),
                                           QDir::toNativeSeparators(runDir + QStringLiteral("/config.json")),
                                           QString::fromStdString(e.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0)));
            }
            CosineSchedule::State st;
            st.t_cur = state.value(QStringLiteral("t_cur")).toDouble();
            st.t_i = qint64(state.value(QStringLiteral("t_i")).toDouble());
            st.last_epoch = qint64(state.value(QStringLiteral("last_epoch")).toDouble());
            schedule.setState(st);
            startEpoch = state.value(QStringLiteral("epochs_done")).toInt();
            bestVal = state.value(QStringLiteral("best_val_loss")).toDouble(std::numeric_limits<double>::infinity());
            bestEpoch = state.value(QStringLiteral("best_epoch")).toInt(-1);
            globalStep = qint64(state.value(QStringLiteral("global_step")).toDouble());
            if (cb.on_message)
                cb.on_message(Msg::tr("Resuming after epoch %1").arg(startEpoch));
        } else if (req.resume) {
            // Rows of an epoch that finished just before a crash, without its checkpoint, go.
            for (const char *phase : {"supcon", "head"}) {
                replaceCsvRows(csvPath, QByteArray(phase) + ',', csvHeader, QByteArray());
                if (runId > 0)
                    store->clearEpochMetrics(runId, QString::fromLatin1(phase));
            }
            if (cb.on_message)
                cb.on_message(Msg::tr("No epoch was saved before the run stopped; it starts again from the first"));
        }
        // The checkpoints loaded: a stopped run (no model yet) takes changed settings now, so
        // stopping it again keeps them, and a moved dataset's new place is kept.
        if (req.resume
            && ((!req.resume_overrides.isEmpty() && !QFileInfo::exists(runDir + QStringLiteral("/model.bbmodel")))
                || savedDatasetRoot != data.dataset_root))
            saveChangedConfig();

        ViewAugmentOptions aug;
        aug.out_size = c.input_size;
        aug.crop_scale_min = c.crop_scale_min;
        aug.crop_ratio_min = 1.0 / c.crop_ratio_max;
        aug.crop_ratio_max = c.crop_ratio_max;
        aug.jitter = c.jitter;
        aug.saturation = c.jitter;
        aug.blur_probability = c.blur_probability;
        aug.grayscale_probability = c.grayscale_probability;
        aug.erase_probability = c.erase_probability;
        aug.colour = data.colour;

        // Per-sample weights 1/N_class, drawn with replacement each epoch (WeightedRandomSampler).
        std::vector<double> counts(size_t(numClasses), 0.0);
        for (const Sample &s : data.train)
            counts[size_t(s.label)] += 1;
        torch::Tensor weights = torch::empty({int64_t(data.train.size())}, torch::kDouble);
        for (size_t i = 0; i < data.train.size(); ++i)
            weights[int64_t(i)] = 1.0 / counts[size_t(data.train[i].label)];
        const torch::Tensor valLabels = labelsOf(data.val);
        // The validation SupCon loss needs two validation images of one class; without them it
        // is 0 in every epoch and would make the first epoch "best": the last epoch is kept.
        bool valLossDefined = false;
        {
            std::vector<int> valCounts(size_t(numClasses), 0);
            for (const Sample &s : data.val)
                valLossDefined = valLossDefined || ++valCounts[size_t(s.label)] >= 2;
        }
        if (!valLossDefined && cb.on_message)
            cb.on_message(Msg::tr("The validation split has no two images of one class, so its SupCon loss is not defined "
                                  "(0 in every epoch); the encoder of the last epoch is kept instead of the one with the "
                                  "lowest validation loss. A larger dataset or val_fraction gives a real choice."));
        const int batch = std::min<int>(c.batch_size, int(data.train.size()));

        bool stopped = false;
        bool stepLimit = false;
        double stepSeconds = 0;  // time inside the step loops (validation and checkpoints excluded)
        qint64 stepImages = 0;
        int epochsDone = startEpoch;
        if (cb.on_message && c.epochs > startEpoch)
            cb.on_message(Msg::tr("SupCon training: %1 training images, %2 validation, %3 classes").arg(data.train.size()).arg(data.val.size()).arg(numClasses));
        // The members of an ensemble train side by side, each on a thread of its own with its
        // share of the torch threads (a small network gains little from a second intra-op
        // thread, a second member gains its whole share); with one torch thread they take turns.
        const int torchThreads = at::get_num_threads();
        struct ThreadCountRestorer { // also when the run ends early
            int threads = 0;
            ~ThreadCountRestorer()
            {
                if (threads > 0)
                    at::set_num_threads(threads);
            }
        } restoreThreads;
        std::unique_ptr<MemberPool> pool; // destroyed before the thread count is restored
        if (members > 1 && torchThreads > 1) {
            restoreThreads.threads = torchThreads;
            at::set_num_threads(std::max(1, torchThreads / members));
            pool = std::make_unique<MemberPool>(members);
        }
        const MemberRunner forEachMember = [&](const std::function<void(int)> &task) {
            if (pool)
                pool->run(task);
            else
                for (int k = 0; k < members; ++k)
                    task(k);
        };
        QElapsedTimer stageClock;
        stageClock.start();
        for (int epoch = startEpoch; epoch < c.epochs && !stopped && !stepLimit; ++epoch) {
            QElapsedTimer epochClock;
            epochClock.start();
            // Each member its own sampling order and views; member 0's are a single model's.
            std::vector<std::unique_ptr<BatchLoader>> loaders;
            for (int k = 0; k < members; ++k) {
                const quint64 epochSeed = mix(memberSeed(c.seed, k), quint64(epoch) + 1);
                if (k == 0)
                    torch::manual_seed(epochSeed); // any other random draws of this epoch
                encoder->member(size_t(k))->backbone()->reseed(epochSeed); // stochastic depth
                auto gen = at::make_generator<at::CPUGeneratorImpl>(epochSeed);
                const torch::Tensor drawn = torch::multinomial(weights, int64_t(data.train.size()), true, gen);
                std::vector<int64_t> order(drawn.data_ptr<int64_t>(), drawn.data_ptr<int64_t>() + drawn.numel());
                loaders.push_back(std::make_unique<BatchLoader>(data.train, std::move(order), batch, c.views, aug, norm, epochSeed, c.loader_threads));
            }
            encoder->train();
            const int steps = loaders.front()->steps();
            std::vector<double> memberLoss(size_t(members), 0.0);
            std::vector<char> memberHadBatch(size_t(members), 0);
            double lossSum = 0;
            int lossCount = 0;
            int stepsDone = 0;
            QElapsedTimer stepThrottle;
            stepThrottle.start();
            for (int step = 0; step < steps; ++step) {
                if (control && (control->isCancelled() || (control->isPaused() && !control->waitWhilePaused()))) {
                    stopped = true;
                    break;
                }
                schedule.step(double(epoch) + double(step) / double(steps));
                setLearningRates(optimizer, schedule.lrs());
                optimizer.zero_grad();
                // Each member's loss and gradients: the members share no parameter, so one AdamW
                // step over all of them is each member's own step.
                forEachMember([&](int k) {
                    std::optional<BatchLoader::Batch> b = loaders[size_t(k)]->next();
                    memberHadBatch[size_t(k)] = b.has_value();
                    if (!b)
                        return;
                    EnhancedEncoder m = encoder->member(size_t(k));
                    const torch::Tensor f = m->embed(b->x); // gated features; z = project(f)
                    torch::Tensor loss = supcon(m->project(f).view({batch, c.views, -1}), b->labels);
                    if (withAux)
                        loss = loss + c.aux_ce_weight * torch::nn::functional::cross_entropy(auxHead(k)->forward(f), b->labels.repeat_interleave(c.views));
                    loss.backward();
                    memberLoss[size_t(k)] = loss.item<double>();
                });
                if (std::find(memberHadBatch.begin(), memberHadBatch.end(), 0) != memberHadBatch.end())
                    break;
                optimizer.step();
                const double l = std::accumulate(memberLoss.begin(), memberLoss.end(), 0.0) / members;
                if (std::isfinite(l)) {
                    lossSum += l;
                    ++lossCount;
                }
                ++globalStep;
                ++stepsDone;
                if (cb.on_step && (stepThrottle.elapsed() >= 100 || step == steps - 1)) {
                    stepThrottle.restart();
                    StepReport r;
                    r.epoch = epoch;
                    r.step = step;
                    r.steps_per_epoch = steps;
                    r.global_step = globalStep;
                    r.loss = l;
                    r.lr = schedule.lr();
                    r.images_per_s = double(step + 1) * batch * members / std::max(1e-9, epochClock.nsecsElapsed() / 1e9);
                    cb.on_step(r);
                }
                if (control)
                    control->report(qint64(epoch) * steps + step + 1, qint64(c.epochs) * steps);
                if (c.max_steps > 0 && globalStep >= c.max_steps) {
                    stepLimit = true;
                    break;
                }
            }
            if (stopped)
                break; // the previous epoch's checkpoint stays the resume point
            const double epochSeconds = epochClock.nsecsElapsed() / 1e9;
            stepSeconds += epochSeconds;
            stepImages += qint64(stepsDone) * batch * members;
            // Validation: SupCon loss of the un-augmented validation images (one view each).
            encoder->eval();
            const Embedded ve = embedAll(encoder, data.val, c.input_size, norm, forEachMember);
            double valLoss = 0; // the members' mean
            for (const torch::Tensor &z : ve.z)
                valLoss += supcon(z, valLabels).item<double>();
            valLoss /= members;
            epochsDone = epoch + 1;
            if (c.embedding_every > 0 && (epoch % c.embedding_every == 0 || epoch + 1 == c.epochs)) {
                EmbeddingSnapshot snap;
                snap.epoch = epoch;
                snap.dim = int(ve.gated.size(1));
                const torch::Tensor g = ve.gated.contiguous();
                snap.data.assign(g.data_ptr<float>(), g.data_ptr<float>() + g.numel());
                snap.labels = toVector(valLabels);
                for (const Sample &s : data.val)
                    snap.paths.append(s.path);
                snap.classes = data.classes;
                QFile f(runDir + QStringLiteral("/embeddings/epoch_%1.csv").arg(epoch, 3, 10, QLatin1Char('0')));
                if (f.open(QIODevice::WriteOnly)) {
                    QByteArray out = "label";
                    for (int j = 0; j < snap.dim; ++j)
                        out += ",e" + QByteArray::number(j);
                    out += '\n';
                    for (size_t i = 0; i < snap.labels.size(); ++i) {
                        out += csvField(data.classes[snap.labels[i]]).toUtf8();
                        for (int j = 0; j < snap.dim; ++j)
                            out += ',' + QByteArray::number(snap.data[i * size_t(snap.dim) + size_t(j)], 'g', 6);
                        out += '\n';
                    }
                    f.write(out);
                }
                if (cb.on_embeddings)
                    cb.on_embeddings(snap);
            }
            // Checkpoint: model, optimizer, schedule and the epoch (the sampler's and the
            // augmentation's RNGs are derived from seed and epoch, so they need no state).
            const bool newBest = valLossDefined ? valLoss < bestVal : true;
            if (newBest) {
                bestVal = valLoss;
                bestEpoch = epoch;
            }
            CheckpointWrite ckpt;
            ckpt.add(encoder->stored(), ckptDir + QStringLiteral("/last-encoder.pt"));
            if (isCycleEnd(c.t_0, c.t_mult, epoch + 1)) // the encoder at each warm restart (snapshot)
                ckpt.add(encoder->stored(), ckptDir + QStringLiteral("/cycle-end-%1-encoder.pt").arg(epoch + 1, 3, 10, QLatin1Char('0')));
            ckpt.add(optimizer, ckptDir + QStringLiteral("/last-optimizer.pt"));
            if (withAux)
                ckpt.add(storedModule(auxHeads), ckptDir + QStringLiteral("/last-aux.pt"));
            if (newBest)
                ckpt.add(encoder->stored(), ckptDir + QStringLiteral("/best-encoder.pt"));
            const CosineSchedule::State st = schedule.state();
            ckpt.addJson(QJsonObject{{QStringLiteral("epochs_done"), epochsDone},
                                     {QStringLiteral("t_cur"), st.t_cur},
                                     {QStringLiteral("t_i"), double(st.t_i)},
                                     {QStringLiteral("last_epoch"), double(st.last_epoch)},
                                     {QStringLiteral("best_val_loss"), bestVal},
                                     {QStringLiteral("best_epoch"), bestEpoch},
                                     {QStringLiteral("global_step"), double(globalStep)},
                                     {QStringLiteral("run_id"), double(runId)},
                                     {QStringLiteral("encoder_settings"), encoderSettings(c)}},
                         ckptDir + QStringLiteral("/state.json"));
            if (const QString saveError = ckpt.commit(); !saveError.isEmpty()) {
                // Stopped, not lost: the previous epoch's checkpoint is whole and resumable.
                if (runId > 0)
                    store->finishRun(runId, QStringLiteral("stopped"), QJsonObject{{QStringLiteral("epochs_done"), epoch}});
                if (epoch == startEpoch && epoch == 0)
                    return R::failure(Msg::tr("%1. The first epoch is not saved; once there is room, train --resume %2 starts the "
                                              "run again")
                                          .arg(saveError, QDir::toNativeSeparators(runDir)));
                return R::failure(Msg::tr("%1. Epoch %2 is not saved; the checkpoint of epoch %3 is intact, and once there is "
                                          "room the run goes on from there with: train --resume %4")
                                      .arg(saveError)
                                      .arg(epoch + 1)
                                      .arg(epoch)
                                      .arg(QDir::toNativeSeparators(runDir)));
            }
            // phase, epoch, epochs, train loss, val loss, lr, images/s, epoch seconds
            EpochReport e{QStringLiteral("supcon"), epoch, c.epochs, lossCount ? lossSum / lossCount : 0.0, valLoss,
                          schedule.lr(), double(stepsDone) * batch * members / std::max(1e-9, epochSeconds),
                          epochClock.nsecsElapsed() / 1e9};
            const double perEpoch = stageClock.nsecsElapsed() / 1e9 / double(epoch + 1 - startEpoch);
            e.eta_s = perEpoch * (c.epochs - epoch - 1);
            appendMetrics(e);
        }
        if (stopped) {
            if (runId > 0)
                store->finishRun(runId, QStringLiteral("stopped"), QJsonObject{{QStringLiteral("epochs_done"), epochsDone}});
            TrainingResult r;
            r.run_dir = runDir;
            r.stopped = true;
            r.supcon_epochs = epochsDone;
            r.seconds = clock.nsecsElapsed() / 1e9;
            r.run_id = runId;
            return r;
        }

        const double supconSeconds = stageClock.nsecsElapsed() / 1e9;

        // ---- classification head on the frozen encoder ----
        if (bestEpoch >= 0) { // else no SupCon epoch ran (epochs 0): the head sees the initial encoder
            const QString best = ckptDir + QStringLiteral("/best-encoder.pt");
            if (!QFile::exists(best))
                return R::failure(Msg::tr("%1 is missing: the encoder of the run's best epoch (%2) is gone, so no head can be trained on it")
                                      .arg(QDir::toNativeSeparators(best))
                                      .arg(bestEpoch + 1));
            if (QString e = loadCheckpoint(*encoder->stored(), QStringLiteral("best-encoder.pt")); !e.isEmpty())
                return R::failure(e);
        }
        encoder->eval();
        for (auto &p : encoder->parameters())
            p.set_requires_grad(false);
        if (cb.on_message)
            cb.on_message(Msg::tr("Training the classification head (encoder frozen, best epoch %1)").arg(bestEpoch + 1));
        std::vector<EpochReport> headRows; // recorded with the model, see below
        Embedded te = embedAll(encoder, data.train, c.input_size, norm, forEachMember);
        torch::Tensor trainX = te.gated, trainY = labelsOf(data.train);
        if (c.head_augment) {
            // Two augmented views per training image: the head sees the variation SupCon saw.
            std::vector<Sample> views;
            views.reserve(data.train.size() * 2);
            for (size_t i = 0; i < data.train.size(); ++i)
                for (int v = 0; v < 2; ++v) {
                    Rng rng(mix(mix(c.seed, 0xEAD), quint64(i) * 4 + quint64(v)));
                    Sample s;
                    s.img = makeView(data.train[i].img, aug, rng);
                    s.label = data.train[i].label;
                    views.push_back(std::move(s));
                }
            const Embedded ae = embedAll(encoder, views, c.input_size, norm, forEachMember);
            trainX = torch::cat({trainX, ae.gated});
            trainY = torch::cat({trainY, labelsOf(views)});
        }
        const Embedded ve = embedAll(encoder, data.val, c.input_size, norm, forEachMember);
        const std::vector<int> valTruth = toVector(valLabels);
        torch::Tensor valMirrored; // embeddings of the mirrored validation images (test_time_flip)
        if (c.test_time_flip) {
            std::vector<Sample> mirrored(data.val.size());
            for (size_t i = 0; i < data.val.size(); ++i)
                cv::flip(data.val[i].img, mirrored[i].img, 1);
            valMirrored = embedAll(encoder, mirrored, c.input_size, norm, forEachMember).gated;
        }

        // One head per member, each on its member's embeddings, trained in step: every epoch
        // each head makes one pass, then the ensemble (the mean of the heads' probabilities) is
        // validated, and early stopping keeps the heads of its best epoch.
        torch::manual_seed(mix(c.seed, 0x4EAD));
        ClassifierHeadSet heads(size_t(members), encoder->member_dim(), c.head_hidden, numClasses, c.head_dropout);
        FocalOptions fo;
        fo.gamma = c.focal_gamma;
        if (c.focal_alpha == QLatin1String("inverse")) {
            double sum = 0;
            for (int64_t n : data.original_counts)
                sum += 1.0 / double(std::max<int64_t>(1, n));
            for (int64_t n : data.original_counts)
                fo.alpha.push_back(numClasses * (1.0 / double(std::max<int64_t>(1, n))) / sum);
        }
        const FocalLoss focal(fo);
        std::vector<std::unique_ptr<torch::optim::AdamW>> headOpts;
        std::vector<at::Generator> headGens;
        std::vector<torch::Tensor> memberX; // each member's part of trainX
        for (int k = 0; k < members; ++k) {
            headOpts.push_back(std::make_unique<torch::optim::AdamW>(heads->head(size_t(k))->parameters(),
                                                                     torch::optim::AdamWOptions(c.head_lr).weight_decay(1e-4)));
            headGens.push_back(at::make_generator<at::CPUGeneratorImpl>(memberSeed(mix(c.seed, 0x5EED), k)));
            if (members > 1) // side by side, dropout must not share torch's global generator
                heads->head(size_t(k))->set_generator(at::make_generator<at::CPUGeneratorImpl>(memberSeed(mix(c.seed, 0xD20F), k)));
            memberX.push_back(heads->part(size_t(k), trainX).contiguous());
        }
        // The heads' learning rate at a fractional epoch (stateless: the heads train side by side).
        auto headLr = [&](double epoch) { return CosineSchedule::lrAtEpoch(c.head_lr, c.head_epochs, 1, c.head_lr * 0.01, epoch); };
        // The predicted class of validation images, the way the Predictor will classify them.
        auto classify = [&]() {
            torch::Tensor p = heads->probabilities(ve.gated);
            if (c.test_time_flip)
                p = p + heads->probabilities(valMirrored);
            return p.argmax(1);
        };
        double bestF1 = -1;
        int bestHeadEpoch = -1, sinceBest = 0;
        std::vector<torch::Tensor> bestHead;
        const int64_t n = trainX.size(0);
        const int hb = std::min<int>(c.head_batch_size, int(n));
        const int steps = int(n / hb);
        std::vector<double> memberLossSum(size_t(members), 0.0);
        for (int epoch = 0; epoch < c.head_epochs; ++epoch) {
            if (control && (control->isCancelled() || (control->isPaused() && !control->waitWhilePaused())))
                return R::failure(Msg::tr("cancelled while training the head; the encoder checkpoint is in %1").arg(ckptDir));
            QElapsedTimer ec;
            ec.start();
            heads->train();
            std::fill(memberLossSum.begin(), memberLossSum.end(), 0.0);
            forEachMember([&](int k) {
                ClassifierHead head = heads->head(size_t(k));
                torch::optim::AdamW &opt = *headOpts[size_t(k)];
                const torch::Tensor perm = torch::randperm(n, headGens[size_t(k)], torch::kInt64);
                for (int s = 0; s < steps; ++s) {
                    setLearningRate(opt, headLr(double(epoch) + double(s) / steps));
                    const torch::Tensor idx = perm.slice(0, int64_t(s) * hb, int64_t(s + 1) * hb);
                    const torch::Tensor loss = focal(head->forward(memberX[size_t(k)].index_select(0, idx)), trainY.index_select(0, idx));
                    opt.zero_grad();
                    loss.backward();
                    opt.step();
                    memberLossSum[size_t(k)] += loss.item<double>();
                }
            });
            heads->eval();
            torch::NoGradGuard ng;
            double valLoss = 0; // the members' mean
            for (int k = 0; k < members; ++k)
                valLoss += focal(heads->head(size_t(k))->forward(heads->part(size_t(k), ve.gated)), valLabels).item<double>();
            valLoss /= members;
            const double f1 = macroF1(valTruth, toVector(classify()), numClasses);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestHeadEpoch = epoch;
                sinceBest = 0;
                bestHead.clear();
                for (const auto &p : heads->parameters())
                    bestHead.push_back(p.detach().clone());
            } else {
                ++sinceBest;
            }
            const double headSeconds = ec.nsecsElapsed() / 1e9;
            const double trainLoss = steps > 0 ? std::accumulate(memberLossSum.begin(), memberLossSum.end(), 0.0) / (double(steps) * members) : 0.0;
            EpochReport e{QStringLiteral("head"), epoch, c.head_epochs, trainLoss, valLoss, headLr(double(epoch) + double(std::max(0, steps - 1)) / std::max(1, steps)),
                          double(steps) * hb * members / std::max(1e-9, headSeconds), headSeconds, f1};
            headRows.push_back(e);
            if (cb.on_epoch)
                cb.on_epoch(e);
            if (sinceBest >= c.head_patience)
                break; // early stopping on validation macro-F1
        }
        {
            torch::NoGradGuard ng;
            auto params = heads->parameters();
            for (size_t i = 0; i < params.size() && i < bestHead.size(); ++i)
                params[i].copy_(bestHead[i]);
        }
        heads->eval();
        std::vector<int> valPred;
        {
            torch::NoGradGuard ng;
            valPred = toVector(classify());
        }
        const ClassificationReport report = classificationReport(valTruth, valPred, data.classes);

        // ---- bundle ----
        // Reference embeddings for "nearest training images": each original once.
        std::vector<float> ref;
        QJsonArray refPaths, refLabels;
        {
            const torch::Tensor g = te.gated.contiguous();
            const int64_t dim = g.size(1);
            QSet<qint64> seen;
            for (size_t i = 0; i < data.train.size(); ++i) {
                if (data.train[i].augmented || seen.contains(data.train[i].image_id))
                    continue;
                seen.insert(data.train[i].image_id);
                const float *row = g.data_ptr<float>() + int64_t(i) * dim;
                ref.insert(ref.end(), row, row + dim);
                refPaths.append(data.train[i].path);
                refLabels.append(data.train[i].label);
            }
        }
        QJsonObject meta{
            {QStringLiteral("format_version"), 1},
            {QStringLiteral("balancebench_version"), QStringLiteral(BB_VERSION)},
            {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("classes"), QJsonArray::fromStringList(data.classes)},
            {QStringLiteral("config"), c.toJson()},
            {QStringLiteral("seed"), QString::number(c.seed)},
            {QStringLiteral("dataset_root"), data.dataset_root},
            {QStringLiteral("dataset_hash"), data.dataset_hash},
            {QStringLiteral("preprocessing"),
             QJsonObject{{QStringLiteral("input_size"), c.input_size},
                         {QStringLiteral("balance_size"), c.balance_size},
                         {QStringLiteral("test_time_flip"), c.test_time_flip},
                         {QStringLiteral("mean"), QJsonArray{norm.mean[0], norm.mean[1], norm.mean[2]}},
                         {QStringLiteral("std"), QJsonArray{norm.std[0], norm.std[1], norm.std[2]}},
                         {QStringLiteral("resize"), QStringLiteral("decode -> balance_size² -> input_size² (area when shrinking, bilinear when growing), RGB")}}},
            {QStringLiteral("metrics"),
             QJsonObject{{QStringLiteral("validation"), report.toJson()},
                         {QStringLiteral("supcon_epochs"), epochsDone},
                         {QStringLiteral("best_supcon_epoch"), bestEpoch},
                         {QStringLiteral("best_val_supcon_loss"), bestVal},
                         {QStringLiteral("best_head_epoch"), bestHeadEpoch},
                         {QStringLiteral("train_images"), int(data.train.size())},
                         {QStringLiteral("val_images"), int(data.val.size())}}},
            {QStringLiteral("reference"),
             QJsonObject{{QStringLiteral("dim"), int(encoder->feature_dim())},
                         {QStringLiteral("paths"), refPaths},
                         {QStringLiteral("labels"), refLabels}}}};
        const QString bundlePath = runDir + QStringLiteral("/model.bbmodel");
        const Status w = writeBundle(bundlePath, meta, encoder, heads, ref);
        if (!w)
            return R::failure(w.message());
        // The head's records go with its model: changed settings reach config.json and the store
        // only now (first, so that they and the bundle disagree for as short a time as possible),
        // and a head trained before (a finished run given a new head) is replaced in the store and
        // metrics.csv; a head that fails or is cancelled changes none of them.
        if (req.resume && !req.resume_overrides.isEmpty())
            saveChangedConfig();
        writeJson(runDir + QStringLiteral("/validation.json"), report.toJson());
        QByteArray headCsv;
        for (const EpochReport &e : headRows)
            headCsv += csvRow(e);
        if (const QString why = replaceCsvRows(csvPath, QByteArrayLiteral("head,"), csvHeader, headCsv); !why.isEmpty())
            warnCsv(why);
        if (runId > 0) {
            std::vector<EpochMetricsRecord> stored;
            for (const EpochReport &e : headRows)
                stored.push_back(metricsRecord(e));
            store->replaceEpochMetrics(runId, QStringLiteral("head"), stored);
        }
        if (runId > 0)
            store->finishRun(runId, QStringLiteral("finished"), meta.value(QStringLiteral("metrics")).toObject());
        TrainingResult r;
        r.bundle_path = bundlePath;
        r.run_dir = runDir;
        r.validation = report;
        r.seconds = clock.nsecsElapsed() / 1e9;
        r.supcon_epochs = epochsDone;
        r.supcon_images_per_s = stepSeconds > 0 ? double(stepImages) / stepSeconds : 0.0;
        r.supcon_seconds = supconSeconds;
        r.run_id = runId;
        return r;
    } catch (const c10::Error &e) {
        return R::failure(Msg::tr("training failed: %1").arg(QString::fromStdString(e.what_without_backtrace())));
    } catch (const std::exception &e) {
        return R::failure(Msg::tr("training failed: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace bb
