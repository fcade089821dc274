#include "datasetscanner.h"

#include "logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <cerrno>
#include <cstring>
#include <thread>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::DatasetScanner)
};

struct Candidate {
    QString abs_path;
    QString rel_path;
    QString folder_class;
    qint64 size = 0;
    qint64 mtime_ms = 0;
    bool bad_name = false; ///< its path is not valid in the file-name encoding (UTF-8): no QString names it
};

// Whether a raw file name survives the round trip through QString (UTF-8 on Linux). One that
// does not (Latin-1 bytes from an old archive) cannot be opened by the name Qt gives it.
bool nameIsEncodable(const QByteArray &raw)
{
    return QFile::encodeName(QFile::decodeName(raw)) == raw;
}

// Walks a class folder with readdir/fstatat (a re-scan is mostly this walk, and QFileInfo
// costs several times more per file), without following symlinked folders (no cycles) and
// without entering dot-folders.
// A folder that cannot be listed goes to `unreadable` ("relative/path: reason") when given.
void walk(const QByteArray &dir, const QString &relDir, const QString &className, std::vector<Candidate> &out,
          int depth, QStringList *unreadable = nullptr)
{
    if (depth > 64)
        return;
    DIR *d = ::opendir(dir.constData());
    if (!d) {
        if (unreadable)
            unreadable->append(relDir + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    const int fd = ::dirfd(d);
    const bool dirEncodable = nameIsEncodable(dir);
    std::vector<std::pair<QByteArray, bool>> entries; // name, is folder
    while (dirent *e = ::readdir(d)) {
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        struct stat st;
        if (::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISLNK(st.st_mode)) {
            // Symlinked files are followed, symlinked folders are not.
            if (::fstatat(fd, name, &st, 0) != 0 || !S_ISREG(st.st_mode))
                continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (name[0] != '.')
                entries.emplace_back(QByteArray(name), true);
            continue;
        }
        if (!S_ISREG(st.st_mode))
            continue;
        Candidate c;
        const QString fileName = QFile::decodeName(name);
        c.rel_path = relDir + QLatin1Char('/') + fileName;
        c.abs_path = QFile::decodeName(dir) + QLatin1Char('/') + fileName;
        c.folder_class = className;
        c.size = qint64(st.st_size);
        c.mtime_ms = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
        c.bad_name = !dirEncodable || !nameIsEncodable(QByteArray(name));
        out.push_back(std::move(c));
    }
    ::closedir(d);
    for (const auto &[name, isDir] : entries)
        walk(dir + '/' + name, relDir + QLatin1Char('/') + QFile::decodeName(name), className, out, depth + 1, unreadable);
}

ImageRecord examine(const Candidate &c, const DecodeOptions &decode, bool &ignoredOut)
{
    ImageRecord r;
    r.path = c.rel_path;
    r.size = c.size;
    r.mtime_ms = c.mtime_ms;
    r.folder_class = c.folder_class;
    ignoredOut = false;
    if (c.bad_name) {
        r.status = QStringLiteral("skipped");
        r.reason = Msg::tr("its name is not valid UTF-8, so it cannot be opened by name; rename it");
        return r;
    }
    QFile f(c.abs_path);
    if (!f.open(QIODevice::ReadOnly)) {
        const QString name = QFileInfo(c.abs_path).fileName();
        if (!ignoreReason(name, QByteArray()).isEmpty() && !hasImageExtension(name)) {
            ignoredOut = true;
            return r;
        }
        r.status = QStringLiteral("skipped");
        r.reason = Msg::tr("cannot open file: %1").arg(f.errorString());
        return r;
    }
    const QByteArray head = f.peek(64);
    const QString why = ignoreReason(QFileInfo(c.abs_path).fileName(), head);
    if (!why.isEmpty()) {
        ignoredOut = true;
        return r;
    }
    const ImageHeader header = readImageHeader(f.peek(64 * 1024));
    if (const QString refused = refusalBeforeReading(f.size(), header, decode); !refused.isEmpty()) {
        r.status = QStringLiteral("skipped");
        r.format = header.format;
        r.width = header.width;
        r.height = header.height;
        r.reason = refused;
        return r;
    }
    const QByteArray bytes = f.readAll();
    r.size = bytes.size();
    r.hash = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    auto decoded = decodeImage(bytes, decode);
    if (!decoded) {
        r.status = QStringLiteral("skipped");
        r.format = header.format;
        r.reason = decoded.error();
        return r;
    }
    r.status = QStringLiteral("ok");
    r.format = decoded.value().format;
    r.width = decoded.value().rgb.cols;
    r.height = decoded.value().rgb.rows;
    return r;
}

} // namespace

QString ignoreReason(const QString &fileName, const QByteArray &head)
{
    if (fileName.startsWith(QLatin1String("._")))
        return Msg::tr("resource-fork companion file");
    static const QSet<QString> kMeta = {QStringLiteral(".ds_store"), QStringLiteral("thumbs.db"),
                                        QStringLiteral("desktop.ini"), QStringLiteral("ehthumbs.db"),
                                        QStringLiteral(".directory")};
    if (kMeta.contains(fileName.toLower()))
        return Msg::tr("operating-system metadata");
    if (fileName.startsWith(QLatin1Char('.')))
        return Msg::tr("hidden file");
    if (hasImageExtension(fileName))
        return QString();
    if (!head.isEmpty() && !readImageHeader(head).format.isEmpty())
        return QString(); // image content under another name: still an image
    return Msg::tr("not an image");
}

static bool isCandidate(const QString &absPath)
{
    const QString name = QFileInfo(absPath).fileName();
    if (hasImageExtension(name))
        return ignoreReason(name, QByteArray()).isEmpty();
    QFile f(absPath);
    const QByteArray head = f.open(QIODevice::ReadOnly) ? f.read(64) : QByteArray();
    return ignoreReason(name, head).isEmpty();
}

std::vector<DatasetFile> listDatasetFiles(const QString &root, int *ignored)
{
    std::vector<DatasetFile> out;
    const QString rootAbs = QFileInfo(root).canonicalFilePath();
    if (rootAbs.isEmpty())
        return out;
    std::vector<Candidate> found;
    const QFileInfoList top = QDir(rootAbs).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &fi : top)
        if (!fi.fileName().startsWith(QLatin1Char('.')))
            walk(QFile::encodeName(fi.absoluteFilePath()), fi.fileName(), fi.fileName(), found, 0);
    int skipped = 0;
    for (const Candidate &c : found) {
        if (!isCandidate(c.abs_path)) {
            ++skipped;
            continue;
        }
        out.push_back({c.abs_path, c.rel_path, c.folder_class});
    }
    std::sort(out.begin(), out.end(), [](const DatasetFile &a, const DatasetFile &b) { return a.rel_path < b.rel_path; });
    if (ignored)
        *ignored = skipped;
    return out;
}

QStringList listImageFiles(const QString &path, int *ignored)
{
    QStringList out;
    int skipped = 0;
    const QFileInfo fi(path);
    if (fi.isFile()) {
        out.append(fi.absoluteFilePath());
    } else if (fi.isDir()) {
        std::vector<Candidate> found;
        walk(QFile::encodeName(fi.absoluteFilePath()), QString(), QString(), found, 0);
        for (const Candidate &c : found) {
            if (isCandidate(c.abs_path))
                out.append(c.abs_path);
            else
                ++skipped;
        }
        out.sort();
    }
    if (ignored)
        *ignored = skipped;
    return out;
}

Result<ScanSummary> scanDataset(const QString &root, ProjectStore &store, const ScanOptions &options,
                                JobControl *control)
{
    using R = Result<ScanSummary>;
    QElapsedTimer timer;
    timer.start();
    const QFileInfo rootInfo(root);
    if (!rootInfo.exists())
        return R::failure(Msg::tr("dataset folder does not exist: %1").arg(root));
    if (!rootInfo.isDir())
        return R::failure(Msg::tr("not a folder: %1").arg(root));
    const QString rootAbs = rootInfo.canonicalFilePath();
    if (!rootInfo.isReadable() || !rootInfo.isExecutable())
        return R::failure(Msg::tr("cannot read the dataset folder %1").arg(QDir::toNativeSeparators(rootAbs)));

    ScanSummary summary;
    std::vector<Candidate> found;
    const QFileInfoList top = QDir(rootAbs).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &fi : top) {
        if (fi.fileName().startsWith(QLatin1Char('.')))
            continue; // .balancebench, .git, ...
        walk(QFile::encodeName(fi.absoluteFilePath()), fi.fileName(), fi.fileName(), found, 0, &summary.unreadable_folders);
    }
    // Qt leaves out the folders whose names are not valid UTF-8: found here, said, not lost.
    if (DIR *d = ::opendir(QFile::encodeName(rootAbs).constData())) {
        const int fd = ::dirfd(d);
        while (dirent *e = ::readdir(d)) {
            struct stat st;
            const QByteArray name(e->d_name);
            if (name.startsWith('.') || nameIsEncodable(name) || ::fstatat(fd, e->d_name, &st, 0) != 0 || !S_ISDIR(st.st_mode))
                continue;
            summary.unreadable_folders.append(
                Msg::tr("%1: the folder's name is not valid UTF-8, so it cannot be opened by name; rename it").arg(QFile::decodeName(name)));
        }
        ::closedir(d);
    }
    if (control && control->isCancelled())
        return R::failure(Msg::tr("cancelled"));
    for (const QString &f : summary.unreadable_folders)
        logger()->warn("scan {}: cannot read the folder {}", rootAbs.toStdString(), f.toStdString());

    // Incremental: known files with the same size and mtime are not read again.
    const QHash<QString, ProjectStore::FileState> known = store.fileStates();
    std::vector<Candidate> todo;
    QSet<QString> present;
    for (Candidate &c : found) {
        present.insert(c.rel_path);
        auto it = known.constFind(c.rel_path);
        // Files that could not be used are tried again every time: what kept them out (a file
        // away or unreadable while an earlier scan ran, permissions) may have changed without
        // changing their size or mtime.
        if (it != known.constEnd() && it->status != QLatin1String("missing") && it->status != QLatin1String("skipped") && it->size == c.size
            && it->mtime_ms == c.mtime_ms && it->folder_class == c.folder_class) {
            ++summary.unchanged;
            continue;
        }
        todo.push_back(std::move(c));
    }
    QStringList gone;
    for (auto it = known.cbegin(); it != known.cend(); ++it)
        if (!present.contains(it.key()) && it->status != QLatin1String("missing"))
            gone.append(it.key());
    summary.missing = int(gone.size());
    if (!gone.isEmpty()) {
        const Status s = store.markMissing(gone);
        if (!s)
            return R::failure(s.message());
    }

    // Files are decoded in batches on the pool while this thread writes the previous batch to the
    // store: the store's inserts are about as much work as decoding small images, and doing them
    // in turn left the workers idle for a third of the scan.
    std::atomic<int> ignored{0}; // before the pool: its destructor waits for the workers using it
    QThreadPool pool;
    pool.setMaxThreadCount(options.threads > 0 ? options.threads : std::max(1, int(std::thread::hardware_concurrency())));
    const qint64 total = qint64(todo.size());
    const size_t batch = 512;
    const DecodeOptions decode = options.decode;
    std::function<ImageRecord(const Candidate &)> work = [decode, &ignored](const Candidate &c) {
        bool ign = false;
        ImageRecord r = examine(c, decode, ign);
        if (ign) {
            ignored.fetch_add(1);
            r.status.clear();
        }
        return r;
    };
    auto launch = [&](size_t start) {
        const size_t end = std::min(todo.size(), start + batch);
        return QtConcurrent::mapped(&pool, std::vector<Candidate>(todo.begin() + qint64(start), todo.begin() + qint64(end)), work);
    };
    if (control && control->isCancelled())
        return R::failure(Msg::tr("cancelled after %1 of %2 files (progress so far is saved)").arg(0).arg(total));
    QFuture<ImageRecord> pending;
    if (!todo.empty())
        pending = launch(0);
    for (size_t start = 0; start < todo.size(); start += batch) {
        const size_t end = std::min(todo.size(), start + batch);
        const QList<ImageRecord> results = pending.results(); // waits for this batch
        const bool cancelled = control && control->isCancelled();
        if (!cancelled && end < todo.size())
            pending = launch(end); // the next batch decodes while this one is stored
        std::vector<ImageRecord> records;
        records.reserve(size_t(results.size()));
        for (const ImageRecord &r : results)
            if (!r.status.isEmpty())
                records.push_back(r);
        const Status s = store.upsertImages(records);
        if (!s) {
            pending.waitForFinished();
            return R::failure(Msg::tr("cannot write to the project store: %1").arg(s.message()));
        }
        summary.decoded += int(records.size());
        if (options.on_batch)
            options.on_batch(records);
        if (control)
            control->report(qint64(end), total);
        if (cancelled && end < todo.size())
            return R::failure(Msg::tr("cancelled after %1 of %2 files (progress so far is saved)").arg(end).arg(total));
    }
    summary.ignored += ignored.load();
    if (control)
        control->report(total, total, QString(), true);

    store.setMeta(QStringLiteral("dataset_root"), rootAbs);
    summary.images = store.countWithStatus(QStringLiteral("ok"));
    summary.skipped = store.imagesWithStatus(QStringLiteral("skipped"));
    for (const ClassRecord &c : store.classes())
        if (c.count > 0)
            summary.classes.push_back(c);
    summary.seconds = double(timer.nsecsElapsed()) / 1e9;
    logger()->debug("scan {}: {} decoded, {} unchanged, {} ignored, {} missing in {:.2f}s", rootAbs.toStdString(),
                    summary.decoded, summary.unchanged, summary.ignored, summary.missing, summary.seconds);
    return summary;
}

} // namespace bb
