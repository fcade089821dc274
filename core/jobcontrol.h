#pragma once
// Cancel/pause token and throttled progress reporting shared by every long core job.

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace bb {

/// One progress report: `done` of `total` units (total 0 = unknown).
struct Progress {
    qint64 done = 0;
    qint64 total = 0;
    QString message;
    double units_per_s = 0.0;
};

/// Passed into core loops, which poll it once per unit of work (STYLE.md 5).
/// cancel()/pause() may be called from any thread; report() from the worker thread.
class JobControl {
public:
    using ProgressFn = std::function<void(const Progress &)>;

    JobControl() = default;
    JobControl(const JobControl &) = delete;
    JobControl &operator=(const JobControl &) = delete;

    void cancel();
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    /// Pause makes waitWhilePaused() block until resume() or cancel().
    void pause();
    void resume();
    bool isPaused() const { return m_paused.load(std::memory_order_relaxed); }
    /// Blocks while paused; returns false if the job was cancelled.
    bool waitWhilePaused();

    /// Progress callbacks are throttled to one per `interval_ms` (the last report is forced).
    void setProgressCallback(ProgressFn fn, int interval_ms = 100);
    void report(qint64 done, qint64 total, const QString &message = QString(), bool force = false);

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_paused{false};
    std::mutex m_pauseMutex;               // guards the wait on m_pauseCv
    std::condition_variable m_pauseCv;
    ProgressFn m_progress;                 // set before the job starts, read by the worker
    int m_interval_ms = 100;
    std::chrono::steady_clock::time_point m_lastReport{};
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    bool m_started = false;
};

} // namespace bb
