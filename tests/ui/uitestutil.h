#pragma once
// Fixtures for the widget tests: small generated datasets in temporary folders (never the
// working directory) and helpers to wait for the session's background scan.

#include "language.h"
#include "projectsession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

#include <ctime>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace bbtest {

/// Rows "en" and "de" of a `language` column, for layout tests in both (German labels are the
/// longer ones).
inline void addLanguageRows()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
}

/// Installs the translators of `code` for one test function; English again on destruction.
struct LanguageScope {
    explicit LanguageScope(const QString &code) { installed = bb::installTranslators(code); }
    ~LanguageScope() { bb::installTranslators(QStringLiteral("en")); }
    LanguageScope(const LanguageScope &) = delete;
    LanguageScope &operator=(const LanguageScope &) = delete;
    QString installed;
};

/// Writes root/<class>/<class>_<i>.png (size x size, distinct pixels per image) for each class.
inline void writeDataset(const QString &root, const QList<QPair<QString, int>> &classes, int size = 16)
{
    int serial = 0;
    for (const auto &c : classes) {
        QDir().mkpath(root + QLatin1Char('/') + c.first);
        for (int i = 0; i < c.second; ++i, ++serial) {
            cv::Mat img(size, size, CV_8UC3);
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x)
                    img.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar((serial * 7 + x) & 255), uchar((serial >> 3) & 255),
                                                        uchar((serial * 13 + y * 5) & 255));
            // Two more bytes of identity so no two images share content (their hashes key the split).
            img.at<cv::Vec3b>(0, 0) = cv::Vec3b(uchar(serial & 255), uchar((serial >> 8) & 255), 77);
            const QString path = QStringLiteral("%1/%2/%2_%3.png").arg(root, c.first).arg(i, 5, 10, QLatin1Char('0'));
            cv::imwrite(path.toStdString(), img, {cv::IMWRITE_PNG_COMPRESSION, 1});
        }
    }
}

/// Opens `root` in `session` with the project file inside `projectDir` and waits for the scan.
inline bool openAndScan(bb::ProjectSession &session, const QString &root, const QString &projectFile,
                        int timeout_ms = 60000)
{
    QSignalSpy finished(&session, &bb::ProjectSession::scanFinished);
    const bb::Status s = session.open(root, projectFile);
    if (!s) {
        qWarning("open failed: %s", qPrintable(s.message()));
        return false;
    }
    if (!finished.wait(timeout_ms))
        return false;
    return finished.first().at(0).toBool();
}

/// CPU time consumed by the calling thread, in ms.
inline double threadCpu_ms()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/// True when more threads want to run than there are cores (other builds, tests, ...): then the
/// OS, not our code, decides how long the GUI thread waits.
inline bool machineOversubscribed()
{
    double load = 0;
    QFile f(QStringLiteral("/proc/loadavg"));
    if (f.open(QIODevice::ReadOnly))
        load = f.readAll().split(' ').value(0).toDouble();
    return load > QThread::idealThreadCount();
}

/// Measures the longest gap between ticks of a fast timer on the GUI thread: the worst
/// event-loop stall while it runs (minus the timer's own interval). It also records the GUI
/// thread's CPU time between ticks: how long our own code kept the loop busy, whatever the
/// scheduler did.
class StallDetector : public QObject {
public:
    explicit StallDetector(int interval_ms = 5) : m_interval_ms(interval_ms)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(interval_ms);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            const double cpu = threadCpu_ms();
            m_max_ms = std::max(m_max_ms, now - m_last_ms - m_interval_ms);
            m_maxCpu_ms = std::max(m_maxCpu_ms, cpu - m_lastCpu_ms);
            m_last_ms = now;
            m_lastCpu_ms = cpu;
            ++m_ticks;
        });
    }
    void start()
    {
        m_clock.start();
        m_last_ms = 0;
        m_max_ms = 0;
        m_lastCpu_ms = threadCpu_ms();
        m_maxCpu_ms = 0;
        m_ticks = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    /// Worst wall-clock gap between ticks.
    qint64 maxStall_ms() const { return m_max_ms; }
    /// Worst GUI-thread CPU time between two ticks.
    double maxBusy_ms() const { return m_maxCpu_ms; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_interval_ms;
    qint64 m_last_ms = 0;
    qint64 m_max_ms = 0;
    double m_lastCpu_ms = 0;
    double m_maxCpu_ms = 0;
    int m_ticks = 0;
};

} // namespace bbtest
