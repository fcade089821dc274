#include "scanworker.h"

#include "datasetscanner.h"
#include "logging.h"

#include <QElapsedTimer>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace bb {

void lowerThreadPriority()
{
#ifdef Q_OS_LINUX
    // Linux keeps a nice value per thread, and threads created later inherit it: background
    // decoding then never competes with the GUI thread on equal terms.
    static thread_local bool done = false;
    if (!done) {
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
        done = true;
    }
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

void ScanWorker::run(const QString &datasetRoot, const QString &storeFile, std::shared_ptr<JobControl> control,
                     quint64 generation)
{
    lowerThreadPriority();
    auto opened = ProjectStore::open(storeFile);
    if (!opened) {
        Q_EMIT finished(false, opened.error(), 0, 0, 0, 0, generation);
        return;
    }
    std::unique_ptr<ProjectStore> store = opened.take();

    // What the store already knows goes out first, in batches, so a re-opened project
    // shows its images at once and the GUI thread never inserts 20 000 rows in one go.
    {
        std::vector<ImageRecord> all = store->images();
        const size_t batch = 2048;
        for (size_t start = 0; start < all.size(); start += batch) {
            if (control->isCancelled())
                break;
            const size_t end = std::min(all.size(), start + batch);
            Q_EMIT recordsArrived(BbImageRecords(std::make_move_iterator(all.begin() + qint64(start)),
                                                 std::make_move_iterator(all.begin() + qint64(end))),
                                  generation);
        }
        Q_EMIT splitLoaded(store->split(), generation);
        Q_EMIT classesArrived(store->classes(), generation);
    }

    control->setProgressCallback([this, generation](const Progress &p) {
        Q_EMIT progress(p.done, p.total, p.units_per_s, generation);
    });
    ScanOptions options;
    // Leave a core to the GUI thread on small machines; the pool threads inherit our lower priority.
    options.threads = std::max(1, QThread::idealThreadCount() - 1);
    QElapsedTimer sinceCounts;
    sinceCounts.start();
    ProjectStore *st = store.get();
    options.on_batch = [this, generation, st, &sinceCounts](const std::vector<ImageRecord> &records) {
        Q_EMIT recordsArrived(records, generation);
        if (sinceCounts.elapsed() >= 300) { // counting is a full pass over the labels
            Q_EMIT classesArrived(st->classes(), generation);
            sinceCounts.restart();
        }
    };
    auto scanned = scanDataset(datasetRoot, *store, options, control.get());
    Q_EMIT classesArrived(store->classes(), generation);
    if (!scanned) {
        logger()->warn("scan of {} stopped: {}", toStd(datasetRoot), toStd(scanned.error()));
        Q_EMIT finished(false, scanned.error(), 0, 0, 0, 0, generation);
        return;
    }
    const ScanSummary &s = scanned.value();
    if (s.missing > 0) // statuses changed without a batch: send the store's view of everything
        Q_EMIT recordsArrived(store->images(), generation);
    QString note; // folders that could not be listed: their images are silently absent otherwise
    if (const int n = int(s.unreadable_folders.size()); n > 0) {
        QStringList shown = s.unreadable_folders.mid(0, 3);
        if (n > 3)
            shown.append(QStringLiteral("…"));
        note = tr("%n folder(s) could not be read, so their images are missing: %1", nullptr, n).arg(shown.join(QStringLiteral("; ")));
    }
    Q_EMIT finished(true, note, s.decoded, s.unchanged, s.missing, s.seconds, generation);
}

} // namespace bb
