// plotutil: legends placed above a plot wrap to its width (never clipped, never wider than the
// layout gives), and tick labels carry as many digits as the tick step needs.

#include "plotutil.h"

#include <QSet>
#include <QtTest>

#include <qcustomplot.h>

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
