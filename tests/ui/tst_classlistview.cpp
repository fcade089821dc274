// ClassListView: dropping dragged thumbnails (the grid's own MIME payload) on a class relabels
// them as one undoable action; drops between rows or of foreign data are refused.

#include "browserview.h"
#include "classchart.h"
#include "classlistmodel.h"
#include "classlistview.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "projectstore.h"
#include "thumbnailview.h"
#include "uitestutil.h"

#include <QHBoxLayout>
#include <QImage>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUndoStack>

#include <qcustomplot.h>

using namespace bb;

class TestClassListView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // Sends the enter/move/drop sequence a real drag produces, at `pos` of the viewport.
    static Qt::DropAction simulateDrop(QWidget *target, const QPoint &pos, QMimeData *mime)
    {
        QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QDragMoveEvent move(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &move);
        if (!move.isAccepted())
            return Qt::IgnoreAction;
        QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        bbtest::writeDataset(m_dir.filePath(QStringLiteral("ds")),
                             {{QStringLiteral("red"), 4}, {QStringLiteral("green"), 3}, {QStringLiteral("blue"), 2}});
    }

    void dropThumbnailsOnClass()
    {
        ProjectSession session;
        const QString file = m_dir.filePath(QStringLiteral("drop.sqlite"));
        QVERIFY(bbtest::openAndScan(session, m_dir.filePath(QStringLiteral("ds")), file));
        QWidget window;
        auto *layout = new QHBoxLayout(&window);
        auto *classes = new ClassListView(&window);
        classes->setModel(session.classModel());
        auto *browser = new BrowserView(&session, &window);
        layout->addWidget(classes);
        layout->addWidget(browser, 1);
        window.resize(1000, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Select two "red" thumbnails; the payload is what ThumbnailView::startDrag puts on the drag.
        ThumbnailView *grid = browser->view();
        browser->setClassFilter(QStringLiteral("red"));
        grid->selectionModel()->select(QItemSelection(grid->model()->index(0, 0), grid->model()->index(1, 0)),
                                       QItemSelectionModel::ClearAndSelect);
        const QList<qint64> ids = grid->selectedIds();
        QCOMPARE(ids.size(), 2);
        std::unique_ptr<QMimeData> mime(grid->model()->mimeData(grid->selectionModel()->selectedIndexes()));
        QVERIFY(mime);

        // Drop on the "green" row (classes are sorted: blue, green, red).
        const int greenRow = session.classModel()->rowOf(QStringLiteral("green"));
        QCOMPARE(greenRow, 1);
        const QRect rect = classes->visualRect(session.classModel()->index(greenRow));
        QVERIFY(rect.isValid());
        QCOMPARE(simulateDrop(classes->viewport(), rect.center(), mime.get()), Qt::CopyAction);

        auto store = ProjectStore::open(file);
        int green = 0;
        for (const ImageRecord &r : store.value()->images())
            if (ids.contains(r.id))
                green += r.label == QLatin1String("green") ? 1 : 0;
        QCOMPARE(green, 2);
        QCOMPARE(session.classModel()->classes()[size_t(greenRow)].count, 5);
        QCOMPARE(session.undoStack()->count(), 1);
        QCOMPARE(grid->model()->rowCount(), 2); // they left the "red" filter; nothing else was removed
        QCOMPARE(session.imageModel()->rowCount(), 9);
        session.undoStack()->undo();
        QCOMPARE(session.classModel()->classes()[size_t(greenRow)].count, 3);

        // Below the last row (not on a class): refused, nothing changes.
        const QPoint below(rect.center().x(), classes->visualRect(session.classModel()->index(2)).bottom() + 20);
        QCOMPARE(simulateDrop(classes->viewport(), below, mime.get()), Qt::IgnoreAction);
        QCOMPARE(session.undoStack()->count(), 1);

        // Foreign data (text) is refused.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QCOMPARE(simulateDrop(classes->viewport(), rect.center(), &text), Qt::IgnoreAction);
        QCOMPARE(session.undoStack()->count(), 1);
    }

    // The class-count chart follows a palette change (dark theme) at once, axes and background.
    void classChartFollowsPalette()
    {
        bb::ClassChart chart;
        chart.resize(300, 200);
        chart.setCounts({QStringLiteral("a"), QStringLiteral("b")}, {10, 3}, {Qt::red, Qt::blue});
        chart.show();
        QPalette dark = chart.palette();
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        chart.setPalette(dark);
        QCOMPARE(chart.plot()->xAxis->tickLabelColor(), QColor(0xee, 0xee, 0xee));
        const QImage img = chart.plot()->toPixmap(200, 120).toImage();
        QCOMPARE(QColor(img.pixel(2, 2)), QColor(0x20, 0x20, 0x20)); // the plot's background
    }

    // In a narrow dock (a 1280-pixel window gave it 156 px) upright bars' value labels and
    // rotated names ran into each other: the bars lie down along a name column there, and stand
    // up again when the chart is widened.
    void classChartLaysBarsDownWhenNarrow()
    {
        bb::ClassChart chart;
        const QStringList names = {QStringLiteral("bag"),    QStringLiteral("dress"),   QStringLiteral("pullover"),
                                   QStringLiteral("sandal"), QStringLiteral("sneaker"), QStringLiteral("trouser"),
                                   QStringLiteral("tshirt")};
        const std::vector<int> counts = {1000, 542, 500, 90, 100, 469, 542};
        const std::vector<QColor> colors(7, Qt::darkCyan);
        chart.resize(160, 380);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setCounts(names, counts, colors);
        QCustomPlot *plot = chart.plot();
        auto labelRects = [&] {
            plot->replot(QCustomPlot::rpImmediateRefresh);
            std::vector<QRectF> rects;
            for (int i = 0; i < plot->itemCount(); ++i)
                if (auto *t = qobject_cast<QCPItemText *>(plot->item(i))) {
                    const QRectF r = QFontMetricsF(t->font()).boundingRect(t->text());
                    const QPointF p = t->position->pixelPosition();
                    const Qt::Alignment a = t->positionAlignment();
                    const double x = a & Qt::AlignLeft ? p.x() : a & Qt::AlignRight ? p.x() - r.width() : p.x() - r.width() / 2;
                    const double y = a & Qt::AlignTop ? p.y() : a & Qt::AlignBottom ? p.y() - r.height() : p.y() - r.height() / 2;
                    rects.emplace_back(x, y, r.width(), r.height());
                }
            return rects;
        };
        auto overlapping = [](const std::vector<QRectF> &rects) {
            for (size_t i = 0; i < rects.size(); ++i)
                for (size_t j = i + 1; j < rects.size(); ++j)
                    if (rects[i].intersects(rects[j]))
                        return true;
            return false;
        };
        QTRY_VERIFY(chart.horizontalBars());
        chart.setCounts(names, counts, colors); // as the main window redraws it
        QVERIFY(chart.horizontalBars());
        QCOMPARE(labelRects().size(), size_t(7));
        QVERIFY(!overlapping(labelRects()));
        // Every value label inside the plot, the class names on the y axis, the first on top.
        for (const QRectF &r : labelRects())
            QVERIFY2(r.right() <= plot->width(), qPrintable(QString::number(r.right())));
        QCOMPARE(plot->yAxis->tickVectorLabels().size(), 7);
        QVERIFY(plot->yAxis->coordToPixel(1) < plot->yAxis->coordToPixel(7));
        QCOMPARE(plot->xAxis->label(), QStringLiteral("Images"));
        chart.resize(640, 300);
        QTRY_VERIFY(!chart.horizontalBars());
        QVERIFY(!overlapping(labelRects()));
        QCOMPARE(plot->xAxis->tickVectorLabels().size(), 7);
        QCOMPARE(plot->yAxis->label(), QStringLiteral("Images"));
    }
};

QTEST_MAIN(TestClassListView)
#include "tst_classlistview.moc"
