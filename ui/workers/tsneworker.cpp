#include "tsneworker.h"

#include "tsne.h"

namespace bb {

void TsneWorker::run(quint64 generation, const EmbeddingSnapshotPtr &snapshot, const FloatVector &init,
                     int iterations, int threads, std::shared_ptr<JobControl> control)
{
    static thread_local bool lowered = false;
    if (!lowered) {
        lowerCurrentThreadPriority(8);
        lowered = true;
    }
    TsneOptions o;
    o.iterations = iterations;
    o.seed = 1;
    o.threads = threads;
    o.init = init;
    o.align_to_init = true;
    o.kl_every = 50;
    o.on_snapshot = [this, generation](int iteration, double, const std::vector<float> &layout) {
        Q_EMIT frame(generation, layout, iteration);
    };
    Result<TsneResult> r = Tsne::run(snapshot->data, snapshot->dim, o, control.get());
    if (!r)
        Q_EMIT finished(generation, false, r.error(), {}, 0, 0);
    else
        Q_EMIT finished(generation, true, QString(), r.value().layout, r.value().kl_divergence, r.value().seconds);
}

} // namespace bb
