#pragma once
// Runs core's t-SNE engine on its own QThread for the live embedding view: each request may be
// warm-started from the previous layout; intermediate layouts stream out so points move.

#include "jobcontrol.h"
#include "jobtypes.h"

#include <QObject>

#include <memory>

namespace bb {

class TsneWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Blocking; call on the worker's thread. `init` empty = cold start. Every signal carries
    /// `generation` so the view can drop results of a superseded request.
    void run(quint64 generation, const bb::EmbeddingSnapshotPtr &snapshot, const bb::FloatVector &init,
             int iterations, int threads, std::shared_ptr<bb::JobControl> control);

Q_SIGNALS:
    /// An intermediate layout (N x 2), every ~50 iterations.
    void frame(quint64 generation, const bb::FloatVector &layout, int iteration);
    void finished(quint64 generation, bool ok, const QString &error, const bb::FloatVector &layout,
                  double klDivergence, double seconds);
};

} // namespace bb
