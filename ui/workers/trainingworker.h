#pragma once
// Runs core's runTraining() on a QThread (STYLE.md 4): the request comes in through run(),
// progress and results go out as queued signals.

#include "jobcontrol.h"
#include "jobtypes.h"

#include <QObject>

#include <memory>

namespace bb {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Blocking; call on the worker's thread. `control` is shared with the GUI thread, which
    /// pauses, resumes and cancels through it.
    void run(const bb::TrainingRequest &request, std::shared_ptr<bb::JobControl> control);

Q_SIGNALS:
    void stepReported(const bb::StepReport &report);
    void epochReported(const bb::EpochReport &report);
    void embeddingsReady(const bb::EmbeddingSnapshotPtr &snapshot);
    void message(const QString &text);
    /// ok=false with the error; a stopped run is ok with result.stopped set.
    void finished(bool ok, const QString &error, const bb::TrainingResult &result);
};

} // namespace bb
