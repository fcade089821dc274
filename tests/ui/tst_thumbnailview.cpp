// ThumbnailView in the BrowserView: number keys label the selection and advance; Ctrl+wheel zooms.

#include "browserview.h"
#include "classlistmodel.h"
#include "imagefilterproxy.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "projectstore.h"
#include "thumbnailcache.h"
#include "thumbnailview.h"
#include "uitestutil.h"

#include <QTemporaryDir>
#include <QUndoStack>

using namespace bb;

class TestThumbnailView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString storedLabel(const QString &file, qint64 id)
    {
        auto store = ProjectStore::open(file);
        for (const ImageRecord &r : store.value()->images())
            if (r.id == id)
                return r.label;
        return QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        bbtest::writeDataset(m_dir.filePath(QStringLiteral("ds")),
                             {{QStringLiteral("apple"), 5}, {QStringLiteral("kiwi"), 5}, {QStringLiteral("pear"), 5}});
    }

    void numberKeysLabelAndAdvance()
    {
        ProjectSession session;
        session.thumbnails()->setDiskCacheDir(m_dir.filePath(QStringLiteral("thumbs")));
        const QString file = m_dir.filePath(QStringLiteral("keys.sqlite"));
        QVERIFY(bbtest::openAndScan(session, m_dir.filePath(QStringLiteral("ds")), file));
        BrowserView browser(&session);
        browser.resize(900, 600);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        ThumbnailView *view = browser.view();
        QCOMPARE(view->model()->rowCount(), 15);

        // Key 3 = third class ("pear") on the first image (an apple); the next image becomes current.
        view->setFocus();
        view->selectRow(0);
        const qint64 first = browser.currentId();
        QCOMPARE(session.imageModel()->recordById(first)->label, QStringLiteral("apple"));
        QTest::keyClick(view, Qt::Key_3);
        QCOMPARE(session.imageModel()->recordById(first)->label, QStringLiteral("pear"));
        QCOMPARE(storedLabel(file, first), QStringLiteral("pear"));
        QCOMPARE(view->currentIndex().row(), 1);
        QCOMPARE(view->selectedIds().size(), 1);

        // Multi-selection: rows 1-3 with key 2 ("kiwi"); advance past the last selected row.
        view->selectionModel()->select(QItemSelection(view->model()->index(1, 0), view->model()->index(3, 0)),
                                       QItemSelectionModel::ClearAndSelect);
        const QList<qint64> ids = view->selectedIds();
        QCOMPARE(ids.size(), 3);
        QTest::keyClick(view, Qt::Key_2);
        for (qint64 id : ids)
            QCOMPARE(storedLabel(file, id), QStringLiteral("kiwi"));
        QCOMPARE(view->currentIndex().row(), 4);
        QCOMPARE(session.undoStack()->count(), 2);

        // A key without a class (there are three) does nothing.
        QTest::keyClick(view, Qt::Key_7);
        QCOMPARE(session.undoStack()->count(), 2);

        // With a class filter, labelled images leave the view and the next one is current.
        browser.setClassFilter(QStringLiteral("kiwi"));
        QCOMPARE(view->model()->rowCount(), 8);
        view->selectRow(0);
        const qint64 secondInView = view->model()->index(1, 0).data(ImageListModel::IdRole).toLongLong();
        QTest::keyClick(view, Qt::Key_1);
        QCOMPARE(view->model()->rowCount(), 7);
        QCOMPARE(browser.currentId(), secondInView);

        // Undo restores the store and the filtered view.
        session.undoStack()->undo();
        QCOMPARE(view->model()->rowCount(), 8);
    }

    void thumbnailsArriveAndZoom()
    {
        ProjectSession session;
        session.thumbnails()->setDiskCacheDir(QString());
        QVERIFY(bbtest::openAndScan(session, m_dir.filePath(QStringLiteral("ds")),
                                    m_dir.filePath(QStringLiteral("zoom.sqlite"))));
        BrowserView browser(&session);
        browser.resize(900, 600);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        // Painting asks for the visible cells' thumbnails; they arrive from the pool.
        QTRY_VERIFY_WITH_TIMEOUT(session.thumbnails()->contains(browser.view()->model()->index(0, 0)
                                                                    .data(ImageListModel::IdRole).toLongLong()),
                                 10000);
        const int before = browser.thumbnailSize();
        QWheelEvent wheel(QPointF(50, 50), browser.view()->viewport()->mapToGlobal(QPointF(50, 50)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(browser.view()->viewport(), &wheel);
        QVERIFY(browser.thumbnailSize() > before);
        QCOMPARE(session.thumbnails()->pixelSize(), int(browser.thumbnailSize() * browser.devicePixelRatioF()));
    }
};

QTEST_MAIN(TestThumbnailView)
#include "tst_thumbnailview.moc"
