#include "trainingworker.h"

#include <algorithm>
#include <cerrno>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace bb {

void registerJobMetaTypes()
{
    static const bool once = [] {
        qRegisterMetaType<bb::StepReport>();
        qRegisterMetaType<bb::EpochReport>();
        qRegisterMetaType<bb::TrainingResult>();
        qRegisterMetaType<bb::EmbeddingSnapshotPtr>();
        qRegisterMetaType<bb::EvaluationResultPtr>();
        qRegisterMetaType<bb::PredictionItems>();
        qRegisterMetaType<bb::FloatVector>();
        return true;
    }();
    Q_UNUSED(once);
}

void lowerCurrentThreadPriority(int niceness)
{
#ifdef Q_OS_LINUX
    // Linux's nice value is per thread and inherited by the threads it creates (the trainer's
    // loader threads, torch's pool), which QThread::setPriority cannot do under SCHED_OTHER.
    const auto tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        ::setpriority(PRIO_PROCESS, tid, std::min(19, current + niceness));
#else
    Q_UNUSED(niceness);
#endif
}

void TrainingWorker::run(const TrainingRequest &request, std::shared_ptr<JobControl> control)
{
    static thread_local bool lowered = false;
    if (!lowered) {
        lowerCurrentThreadPriority(5);
        lowered = true;
    }
    TrainingCallbacks cb;
    // Called on this thread; the signals queue the copies to the GUI thread (steps arrive
    // throttled to ~10 per second by the trainer).
    cb.on_step = [this](const StepReport &r) { Q_EMIT stepReported(r); };
    cb.on_epoch = [this](const EpochReport &r) { Q_EMIT epochReported(r); };
    cb.on_embeddings = [this](const EmbeddingSnapshot &s) {
        Q_EMIT embeddingsReady(std::make_shared<const EmbeddingSnapshot>(s));
    };
    cb.on_message = [this](const QString &m) { Q_EMIT message(m); };
    Result<TrainingResult> r = runTraining(request, cb, control.get());
    if (!r)
        Q_EMIT finished(false, r.error(), TrainingResult{});
    else
        Q_EMIT finished(true, QString(), r.value());
}

} // namespace bb
