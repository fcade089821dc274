#include "jobcontrol.h"

namespace bb {

void JobControl::cancel()
{
    m_cancelled.store(true);
    std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_pauseCv.notify_all();
}

void JobControl::pause()
{
    m_paused.store(true);
}

void JobControl::resume()
{
    m_paused.store(false);
    std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_pauseCv.notify_all();
}

bool JobControl::waitWhilePaused()
{
    std::unique_lock<std::mutex> lock(m_pauseMutex);
    m_pauseCv.wait(lock, [this] { return !m_paused.load() || m_cancelled.load(); });
    return !m_cancelled.load();
}

void JobControl::setProgressCallback(ProgressFn fn, int interval_ms)
{
    m_progress = std::move(fn);
    m_interval_ms = interval_ms;
}

void JobControl::report(qint64 done, qint64 total, const QString &message, bool force)
{
    const auto now = std::chrono::steady_clock::now();
    if (!m_started) {
        m_started = true;
        m_start = now;
    }
    if (!m_progress)
        return;
    if (!force && now - m_lastReport < std::chrono::milliseconds(m_interval_ms))
        return;
    m_lastReport = now;
    Progress p;
    p.done = done;
    p.total = total;
    p.message = message;
    const double secs = std::chrono::duration<double>(now - m_start).count();
    p.units_per_s = secs > 0 ? double(done) / secs : 0.0;
    m_progress(p);
}

} // namespace bb
