// plotutil: legends placed above a plot wrap to its width (never clipped, never wider than the
// layout gives), and tick labels carry as many digits as the tick step needs.

#include "plotutil.h"

#include <QFontMetrics>
#include <QSet>
#include <QtTest>

#include <qcustomplot.h>

#include <limits>

using namespace bb;

class TestPlotUtil : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void legendWrapsToTheWidth()
    {
        QCustomPlot plot;
        for (int i = 0; i < 7; ++i)
            plot.addGraph()->setName(QStringLiteral("class number %1").arg(i));
        placeLegendAbove(&plot);
        plot.resize(1600, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(plot.legend->rowCount(), 1); // all seven side by side
        QCOMPARE(plot.legend->columnCount(), 7);
        plot.resize(260, 300);
        QTRY_VERIFY(plot.legend->columnCount() < 7);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY2(plot.legend->outerRect().right() <= plot.width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(plot.legend->outerRect().right()).arg(plot.width())));
        int items = 0;
        for (int i = 0; i < plot.legend->elementCount(); ++i)
            items += plot.legend->elementAt(i) != nullptr;
        QCOMPARE(items, 7); // rearranged, none lost
        // One entry a row at the narrowest, and an upper bound is kept when given.
        plot.resize(60, 300);
        QTRY_COMPARE(plot.legend->columnCount(), 1);
        QCOMPARE(plot.legend->rowCount(), 7);
        placeLegendAbove(&plot, 2);
        plot.resize(1600, 300);
        QTRY_COMPARE(plot.legend->columnCount(), 2);
        QCOMPARE(plot.legend->rowCount(), 4);
        // Entries added later fit after refitLegend().
        placeLegendAbove(&plot);
        for (int i = 0; i < 3; ++i)
            plot.addGraph()->setName(QStringLiteral("late %1").arg(i));
        refitLegend(&plot);
        QCOMPARE(plot.legend->columnCount(), 10);
    }

    void tickLabelsFollowTheStep()
    {
        QCustomPlot plot;
        useStepPrecisionTicks(&plot);
        const QLocale c = QLocale::c();
        auto labelsFor = [&](double lo, double hi) {
            QVector<double> ticks;
            QVector<QString> labels;
            plot.yAxis->ticker()->generate(QCPRange(lo, hi), c, QLatin1Char('g'), 6, ticks, nullptr, &labels);
            return std::pair{ticks, labels};
        };
        // A learning rate decaying from 2e-3: QCustomPlot's fixed precision 2 printed
        // 0.0019 twice and 0.002 twice.
        for (auto [lo, hi] : {std::pair{0.00175, 0.002}, std::pair{0.0019990, 0.0020}, std::pair{1e-5, 2e-3},
                              std::pair{0.0, 25.0}, std::pair{1234.0, 1234.5}, std::pair{-3.0, 3.0}}) {
            const auto [ticks, labels] = labelsFor(lo, hi);
            QVERIFY(ticks.size() >= 2);
            QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
            // Each label reads back as its tick (to the step's resolution).
            const double step = ticks[1] - ticks[0];
            for (int i = 0; i < ticks.size(); ++i) {
                bool ok = false;
                const double v = c.toDouble(labels[i], &ok);
                QVERIFY2(ok, qPrintable(labels[i]));
                QVERIFY2(std::abs(v - ticks[i]) < step * 1e-3, qPrintable(QStringLiteral("%1 for %2").arg(labels[i]).arg(ticks[i], 0, 'g', 17)));
            }
        }
        const auto [ticks, labels] = labelsFor(0.00175, 0.002);
        QVERIFY(labels.contains(QStringLiteral("0.00195")));
        QVERIFY(labels.contains(QStringLiteral("0.002")));
        // Whole numbers stay whole: a 60-epoch axis read "1e+01 2e+01 …" with one significant digit.
        const auto epochs = labelsFor(0, 60).second;
        QVERIFY2(epochs.contains(QStringLiteral("10")) && epochs.contains(QStringLiteral("50")), qPrintable(QStringList(epochs.begin(), epochs.end()).join(QLatin1Char(' '))));
        for (const QString &l : epochs)
            QVERIFY2(!l.contains(QLatin1Char('e')), qPrintable(l));
        const auto hundreds = labelsFor(0, 450).second;
        QVERIFY(hundreds.contains(QStringLiteral("100")));
        // A step of 0.25 keeps both decimals.
        const auto quarters = labelsFor(0, 1.2);
        if (std::abs(quarters.first[1] - quarters.first[0] - 0.25) < 1e-12)
            QVERIFY(quarters.second.contains(QStringLiteral("0.25")));
        const auto zero = labelsFor(-1, 1).second;
        QVERIFY(zero.contains(QStringLiteral("0"))); // not 1e-17
    }

    void tickLabelsFitTheAxis()
    {
        // The training page's small plots in a 1280-pixel window: an epoch axis over 0..2 and a
        // learning-rate axis read "0 0.51.52" and "0.50.75 11.25" with QCustomPlot's five ticks.
        QCustomPlot plot;
        useStepPrecisionTicks(&plot);
        plot.xAxis->setLabel(QStringLiteral("Epoch"));
        plot.yAxis->setLabel(QStringLiteral("Learning rate"));
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const QFontMetrics fm(plot.xAxis->tickLabelFont());
        auto gaps = [&](QCPAxis *axis) {
            const QVector<double> ticks = axis->tickVector();
            const QVector<QString> labels = axis->tickVectorLabels();
            int smallest = std::numeric_limits<int>::max();
            for (int i = 1; i < ticks.size(); ++i) {
                const double between = std::abs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1]));
                const int used = axis->orientation() == Qt::Horizontal
                                     ? (fm.horizontalAdvance(labels[i]) + fm.horizontalAdvance(labels[i - 1])) / 2
                                     : fm.height();
                smallest = std::min(smallest, int(between) - used);
            }
            return std::pair{int(ticks.size()), smallest};
        };
        for (auto [lo, hi] : {std::pair{0.0, 2.0}, std::pair{0.00175, 0.002}, std::pair{0.0, 16.0}, std::pair{0.5, 1.25}}) {
            plot.xAxis->setRange(lo, hi);
            plot.yAxis->setRange(lo, hi);
            plot.replot(QCustomPlot::rpQueuedReplot);
            for (const QSize size : {QSize(150, 90), QSize(220, 140), QSize(900, 600), QSize(150, 90)}) {
                // Only what a resize does by itself (its queued replots), as when a dock is
                // dragged narrower: QCustomPlot chooses the ticks before it lays out the new
                // size, so the count must not come from the old one.
                plot.resize(size);
                QTest::qWait(50);
                for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
                    const auto [count, gap] = gaps(axis);
                    const QString what = QStringLiteral("%1..%2 on %3 px, %4 axis: %5 ticks, gap %6")
                                             .arg(lo).arg(hi).arg(axis == plot.xAxis ? size.width() : size.height())
                                             .arg(axis == plot.xAxis ? QStringLiteral("x") : QStringLiteral("y")).arg(count).arg(gap);
                    QVERIFY2(count >= 2, qPrintable(what));
                    QVERIFY2(gap > 0, qPrintable(what)); // no two labels touch
                    if (size.width() >= 900)
                        QVERIFY2(count >= 4, qPrintable(what)); // a large plot keeps its ticks
                }
            }
        }
    }

    void padRangeKeepsExtremesInside()
    {
        QCustomPlot plot;
        plot.yAxis->setRange(5, 6);
        padRange(plot.yAxis);
        QCOMPARE(plot.yAxis->range().lower, 4.95);
        QCOMPARE(plot.yAxis->range().upper, 6.05);
        // A single point (QCustomPlot's rescale gives it a range around the value): still inside.
        plot.addGraph()->addData(1, 2);
        plot.rescaleAxes();
        padRange(plot.yAxis);
        QVERIFY(plot.yAxis->range().lower < 2 && plot.yAxis->range().upper > 2);
    }
};

QTEST_MAIN(TestPlotUtil)
#include "tst_plotutil.moc"
