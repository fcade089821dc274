#pragma once
// Loads a project's images and rescans its dataset off the GUI thread (STYLE.md 4).

#include "jobcontrol.h"
#include "metatypes.h"

#include <QObject>
#include <QString>

#include <memory>

namespace bb {

/// Lowers the calling thread's scheduling priority (and that of threads it creates later).
void lowerThreadPriority();

/// Lives on ProjectSession's scan thread. run() opens its own ProjectStore on the project file
/// (a store is bound to the thread that opened it), first emits what the store already knows in
/// batches, then scans incrementally and emits every committed batch as it arrives.
class ScanWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

public Q_SLOTS:
    /// Every signal carries `generation`, so results of a superseded scan can be told apart.
    /// `control` is shared with the GUI thread, which may cancel it at any time.
    void run(const QString &datasetRoot, const QString &storeFile, std::shared_ptr<bb::JobControl> control,
             quint64 generation);

Q_SIGNALS:
    void recordsArrived(const BbImageRecords &records, quint64 generation);
    void splitLoaded(const BbSplitMap &split, quint64 generation);
    /// Classes with counts, after the initial load, every few batches and before finished().
    void classesArrived(const BbClassRecords &classes, quint64 generation);
    void progress(qint64 done, qint64 total, double filesPerSecond, quint64 generation);
    /// ok=false with a message when the scan failed or was cancelled (what was committed stays);
    /// ok=true with a message that names folders the scan could not read (empty when none).
    void finished(bool ok, const QString &message, int decoded, int unchanged, int missing, double seconds,
                  quint64 generation);
};

} // namespace bb
