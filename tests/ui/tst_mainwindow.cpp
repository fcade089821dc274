// MainWindow: opening a generated 20 000-image dataset (fresh scan and re-open) while scrolling
// the grid never blocks the event loop for more than 100 ms; folders dropped on the window open;
// recent projects and the theme are remembered.

#include "balanceview.h"
#include "browserview.h"
#include "classchart.h"
#include "classlistmodel.h"
#include "imagelistmodel.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "thumbnailcache.h"
#include "thumbnailview.h"
#include "uitestutil.h"

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>

using namespace bb;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_large;
    static constexpr int kLarge = 20000;

    struct Stalls {
        qint64 wall_ms = -1;  ///< worst gap between timer ticks
        double busy_ms = -1;  ///< worst GUI-thread CPU time between ticks
    };

    // Opens `path` in `w` and scrolls the grid a page every 40 ms until the scan is done and
    // for a second after (so thumbnails load while scrolling); returns the worst stalls.
    Stalls openWhileScrolling(MainWindow &w, const QString &path, int *batches)
    {
        ProjectSession *s = w.session();
        QSignalSpy finished(s, &ProjectSession::scanFinished);
        QSignalSpy inserted(s->imageModel(), &QAbstractItemModel::rowsInserted);
        QScrollBar *bar = w.browser()->view()->verticalScrollBar();
        QTimer scroller;
        scroller.setInterval(40);
        int direction = 1;
        connect(&scroller, &QTimer::timeout, this, [&] {
            if (bar->value() >= bar->maximum())
                direction = -1;
            else if (bar->value() <= bar->minimum())
                direction = 1;
            bar->setValue(bar->value() + direction * bar->pageStep());
        });
        bbtest::StallDetector stalls;
        stalls.start();
        scroller.start();
        if (!w.openPath(path) || !finished.wait(300000))
            return {};
        QElapsedTimer after;
        after.start();
        while (after.elapsed() < 1000)
            QTest::qWait(20);
        scroller.stop();
        stalls.stop();
        *batches = int(inserted.count());
        qInfo("open %s: %d rows in %d batches; worst event-loop stall %lld ms (GUI thread busy at most %.1f ms) "
              "over %d ticks; %d thumbnails loaded; machine oversubscribed: %s",
              qPrintable(QFileInfo(path).fileName()), s->imageModel()->rowCount(), *batches, stalls.maxStall_ms(),
              stalls.maxBusy_ms(), stalls.ticks(), s->thumbnails()->decodedCount() + s->thumbnails()->diskHitCount(),
              bbtest::machineOversubscribed() ? "yes" : "no");
        return {stalls.maxStall_ms(), stalls.maxBusy_ms()};
    }

    // The wall-clock bound is the requirement; on a machine with more runnable threads than
    // cores the scheduler alone can exceed it, so there the GUI thread's own busy time is held to
    // the bound instead (and the wall-clock figure is printed above).
    static void verifyNoStall(const Stalls &s, const char *what)
    {
        QVERIFY2(s.wall_ms >= 0, "open or scan failed");
        QVERIFY2(s.busy_ms < 100, qPrintable(QStringLiteral("%1: GUI thread busy %2 ms at once").arg(QLatin1String(what)).arg(s.busy_ms)));
        if (!bbtest::machineOversubscribed())
            QVERIFY2(s.wall_ms < 100, qPrintable(QStringLiteral("%1: worst stall %2 ms").arg(QLatin1String(what)).arg(s.wall_ms)));
        else if (s.wall_ms >= 100)
            qWarning("%s: wall-clock stall %lld ms on an oversubscribed machine (not counted)", what, s.wall_ms);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BalanceBenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        m_large = m_dir.filePath(QStringLiteral("large"));
        QElapsedTimer t;
        t.start();
        // 20 000 16x16 PNGs in an imbalanced 7-class profile.
        bbtest::writeDataset(m_large, {{QStringLiteral("a_shirt"), 6000}, {QStringLiteral("b_shoe"), 5000},
                                       {QStringLiteral("c_bag"), 4000}, {QStringLiteral("d_coat"), 2500},
                                       {QStringLiteral("e_dress"), 1500}, {QStringLiteral("f_hat"), 700},
                                       {QStringLiteral("g_sock"), 300}});
        qInfo("generated %d images in %lld ms", kLarge, t.elapsed());
    }

    void openLargeDatasetWithoutStalls()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        int batches = 0;
        const Stalls fresh = openWhileScrolling(w, m_large, &batches);
        verifyNoStall(fresh, "fresh scan");
        QCOMPARE(w.session()->imageModel()->rowCount(), kLarge);
        QVERIFY2(batches >= 10, "the browser should fill in batches as the scan commits them");
        QCOMPARE(w.session()->classModel()->rowCount(), 7);
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("statusImages"))->text(),
                 QCoreApplication::translate("bb::MainWindow", "%Ln image(s)", nullptr, kLarge));
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("statusProject"))->text().endsWith(QStringLiteral("project.sqlite")));

        // Re-open: the store's 20 000 records arrive in batches, the scan finds nothing new.
        w.session()->close();
        QCOMPARE(w.session()->imageModel()->rowCount(), 0);
        const Stalls reopen = openWhileScrolling(w, m_large, &batches);
        verifyNoStall(reopen, "re-open");
        QCOMPARE(w.session()->imageModel()->rowCount(), kLarge);
        QVERIFY(batches >= 5);
        // Only thumbnails of cells that were painted are decoded, not all 20 000.
        QVERIFY(w.session()->thumbnails()->decodedCount() + w.session()->thumbnails()->diskHitCount() < kLarge / 2);
    }

    void cancelScanKeepsCommittedBatches()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ProjectSession *s = w.session();
        auto *progress = w.findChild<QProgressBar *>(QStringLiteral("scanProgress"));
        QVERIFY(progress);
        QSignalSpy finished(s, &ProjectSession::scanFinished);
        QSignalSpy inserted(s->imageModel(), &QAbstractItemModel::rowsInserted);
        const QString file = m_dir.filePath(QStringLiteral("cancel.sqlite"));
        QVERIFY(s->open(m_large, file));
        QVERIFY(s->isScanning());
        QVERIFY(progress->isVisible());
        QVERIFY(w.action(QStringLiteral("actionCancelScan"))->isEnabled());
        QVERIFY(inserted.wait(60000)); // the first committed batch is in the browser
        w.action(QStringLiteral("actionCancelScan"))->trigger();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(!progress->isVisible());
        const int partial = s->imageModel()->rowCount();
        QVERIFY2(partial > 0 && partial < kLarge, qPrintable(QString::number(partial)));
        // What was committed stays; a rescan only reads the rest.
        finished.clear();
        w.action(QStringLiteral("actionRescan"))->trigger();
        QVERIFY(finished.wait(300000));
        QVERIFY(finished.first().at(0).toBool());
        QCOMPARE(s->imageModel()->rowCount(), kLarge);
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("%1 unchanged").arg(partial)),
                 qPrintable(finished.first().at(1).toString()));
    }

    void dropFolderOpensIt()
    {
        const QString small = m_dir.filePath(QStringLiteral("small"));
        bbtest::writeDataset(small, {{QStringLiteral("x"), 3}, {QStringLiteral("y"), 2}});
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(small)});
        const QPoint pos(w.width() / 2, w.height() / 2);
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QSignalSpy finished(w.session(), &ProjectSession::scanFinished);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(finished.wait(30000));
        QCOMPARE(w.session()->datasetRoot(), QFileInfo(small).canonicalFilePath());
        QCOMPARE(w.session()->imageModel()->rowCount(), 5);
        QCOMPARE(w.recentProjects().first(), QFileInfo(small).absoluteFilePath());

        // A text file is not a dataset: refused at drag-enter.
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("nothing.txt")))});
        QDragEnterEvent enter2(pos, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter2);
        QVERIFY(!enter2.isAccepted());
    }

    // A 1280x800 laptop screen (and a 1024x768 one), first start: the side panels get a share of the width (fixed
    // sizes left the class panel 156 px, its counts cut and the chart's labels run together) and
    // the balance page stacks its export box under the options instead of widening the centre.
    void panelsShareASmallWindow()
    {
        QSettings().remove(QStringLiteral("ui/state"));
        QSettings().remove(QStringLiteral("ui/geometry"));
        const QString small = m_dir.filePath(QStringLiteral("small"));
        bbtest::writeDataset(small, {{QStringLiteral("bag"), 30}, {QStringLiteral("dress"), 20}, {QStringLiteral("pullover"), 15},
                                     {QStringLiteral("sandal"), 5}, {QStringLiteral("sneaker"), 6}, {QStringLiteral("trouser"), 12},
                                     {QStringLiteral("tshirt"), 14}});
        for (const int width : {1024, 1152, 1280, 1600}) { // 1152: the first-start window on a 1280 screen
            MainWindow w;
            w.resize(width, width == 1024 ? 768 : 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QSignalSpy finished(w.session(), &ProjectSession::scanFinished);
            QVERIFY(w.openPath(small));
            QVERIFY(finished.wait(60000));
            w.pages()->setCurrentWidget(w.balanceView());
            auto *classes = w.findChild<QDockWidget *>(QStringLiteral("classesDock"));
            auto *inspector = w.findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
            QVERIFY(classes && inspector);
            const QString sizes = QStringLiteral("%1 px: classes %2, inspector %3, centre %4")
                                      .arg(width).arg(classes->width()).arg(inspector->width()).arg(w.pages()->width());
            QTRY_VERIFY2(classes->width() >= 200, qPrintable(sizes));
            // At 1024 px three columns do not fit (the window grew to 1085 px and the class panel
            // shrank to 70): the inspector is a tab beside the class counts in the left column.
            QCOMPARE(w.dockWidgetArea(inspector), width < 1100 ? Qt::LeftDockWidgetArea : Qt::RightDockWidgetArea);
            QVERIFY2(inspector->width() >= (width < 1100 ? 200 : 220), qPrintable(sizes));
            QVERIFY2(w.pages()->width() >= (width < 1100 ? 700 : 560), qPrintable(sizes));
            QVERIFY2(w.width() == width, qPrintable(sizes)); // nothing wider than the window asked for
            // Nothing on the balance page is squeezed below its minimum.
            QVERIFY2(w.balanceView()->width() >= w.balanceView()->minimumSizeHint().width(), qPrintable(sizes));
            QCOMPARE(w.balanceView()->exportStacked(), width < 1400);
            // The class-count chart in its narrow dock lays its bars down at 1280.
            if (width == 1280)
                QTRY_VERIFY(w.classChart()->horizontalBars());
        }
    }

    void settingsRemembered()
    {
        {
            MainWindow w;
            w.setTheme(Theme::Dark);
            QVERIFY(isDarkPalette());
            w.resize(1111, 777);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.close(); // saves geometry and layout
        }
        applyTheme(Theme::Light);
        MainWindow again;
        QCOMPARE(again.theme(), Theme::Dark);
        QVERIFY(isDarkPalette());
        QCOMPARE(again.size(), QSize(1111, 777));
        QVERIFY(!again.recentProjects().isEmpty());
        // Shortcuts are on the actions, so menus list them.
        QCOMPARE(again.action(QStringLiteral("actionUndo"))->shortcut(), QKeySequence(QKeySequence::Undo));
        QCOMPARE(again.action(QStringLiteral("actionLabelKey1"))->shortcut(), QKeySequence(Qt::Key_1));
        again.setTheme(Theme::Light);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
