#pragma once
// Shared by the two README screenshot tools (bb_screenshots, bb_screenshots_views): event-loop
// waits, the PNG grab, and an application whose settings never touch the user's own layout.

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QSize>
#include <QString>
#include <QWidget>
#include <QWindow>

#include <cstdio>

namespace bbshots {

/// Processes events until `pred()` holds; false after `timeout_ms`.
template <typename Pred>
bool waitFor(Pred pred, int timeout_ms)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeout_ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

inline void waitMs(int ms)
{
    waitFor([] { return false; }, ms);
}

/// Lets pending repaints settle, then writes `w` as PNG: grabbed from the screen with
/// `realWindow` (X11, e.g. under xvfb-run), otherwise rendered by the widget. Prints a line.
inline bool save(QWidget *w, const QString &file, bool realWindow = false, int settleMs = 400)
{
    waitMs(settleMs);
    QPixmap pm;
    if (realWindow && w->windowHandle() && w->screen())
        pm = w->screen()->grabWindow(w->winId());
    if (pm.isNull())
        pm = w->grab();
    const bool ok = pm.save(file);
    std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(file), pm.width(), pm.height());
    std::fflush(stdout);
    return ok;
}

/// The window size: BB_SHOT_SIZE=WxH (e.g. 1280x800, to look at a laptop's screen) or `fallback`.
inline QSize windowSize(QSize fallback)
{
    const QList<QByteArray> wh = qgetenv("BB_SHOT_SIZE").split('x');
    if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
        return {wh[0].toInt(), wh[1].toInt()};
    return fallback;
}

/// Settings go to a separate organisation, cleared on start.
inline void useScreenshotSettings()
{
    QApplication::setOrganizationName(QStringLiteral("BalanceBenchScreenshots"));
    QApplication::setApplicationName(QStringLiteral("balancebench"));
    QSettings().clear();
}

} // namespace bbshots
