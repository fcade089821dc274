#include "plotutil.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFileInfo>
#include <QFontMetrics>
#include <QHash>
#include <QStringList>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bb {

void applyPlotPalette(QCustomPlot *plot)
{
    const QPalette pal = plot->palette();
    const QColor fg = pal.color(QPalette::WindowText), grid = pal.color(QPalette::Mid);
    plot->setBackground(pal.color(QPalette::Base));
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(fg));
            axis->setTickPen(QPen(fg));
            axis->setSubTickPen(QPen(fg));
            axis->setTickLabelColor(fg);
            axis->setLabelColor(fg);
            axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
        }
    plot->legend->setBrush(pal.color(QPalette::Base));
    plot->legend->setTextColor(fg);
    if (plot->legend->layout() == plot->plotLayout())
        plot->legend->setBorderPen(Qt::NoPen);
    else
        plot->legend->setBorderPen(QPen(grid));
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *t = qobject_cast<QCPItemText *>(plot->item(i)); t && t->property("bbTitle").toBool())
            t->setColor(fg);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

namespace {

// Re-wraps the legend whenever its plot is resized. A child of the plot, so it lives as long.
class LegendFitter : public QObject
{
public:
    LegendFitter(QCustomPlot *plot, int maxPerRow) : QObject(plot), m_plot(plot), m_maxPerRow(maxPerRow)
    {
        setObjectName(QStringLiteral("bbLegendFitter"));
        plot->installEventFilter(this);
    }
    void setMaxPerRow(int n) { m_maxPerRow = n; }

    void refit()
    {
        QCPLegend *legend = m_plot->legend;
        // The grid's cells in fill order; a wrapped grid has empty cells after its last entry.
        std::vector<int> widths;
        for (int i = 0; i < legend->elementCount(); ++i)
            if (QCPLayoutElement *e = legend->elementAt(i))
                widths.push_back(e->minimumOuterSizeHint().width());
        const int n = int(widths.size());
        if (n == 0)
            return;
        const QMargins lm = legend->margins(), pm = m_plot->plotLayout()->margins();
        const int avail = m_plot->width() - lm.left() - lm.right() - pm.left() - pm.right() - 2;
        int perRow = m_maxPerRow > 0 ? std::min(m_maxPerRow, n) : n;
        for (; perRow > 1; --perRow) {
            // Columns-first filling: entry i goes to column i % perRow.
            std::vector<int> column(size_t(perRow), 0);
            for (int i = 0; i < n; ++i)
                column[size_t(i % perRow)] = std::max(column[size_t(i % perRow)], widths[size_t(i)]);
            int total = legend->columnSpacing() * (perRow - 1);
            for (int w : column)
                total += w;
            if (total <= avail)
                break;
        }
        if (perRow != legend->wrap() || legend->columnCount() > perRow) {
            legend->setWrap(perRow);
            legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_plot && event->type() == QEvent::Resize)
            refit();
        return QObject::eventFilter(watched, event);
    }

private:
    QCustomPlot *m_plot;
    int m_maxPerRow;
};

LegendFitter *legendFitter(QCustomPlot *plot)
{
    return plot->findChild<LegendFitter *>(QStringLiteral("bbLegendFitter"), Qt::FindDirectChildrenOnly);
}

// Significant digits from the tick step (QCustomPlot's number precision is fixed per axis), and
// no more ticks than the axis has room for: a 140-pixel axis over 0..2 read "0.51.52" with the
// default five.
class StepPrecisionTicker : public QCPAxisTicker
{
public:
    explicit StepPrecisionTicker(QCPAxis *axis) : m_axis(axis) {} // never null: one ticker per axis

protected:
    double getTickStep(const QCPRange &range) override
    {
        const int wanted = tickCount();
        const bool horizontal = m_axis->orientation() == Qt::Horizontal;
        // QCustomPlot picks the ticks before it lays out the new size: the axis rect still has
        // the last layout's size. Its length is corrected by how much the plot changed since,
        // and one more replot (queued) settles the labels on the exact length.
        int room = 0;
        if (m_axis->axisRect()) {
            const QSize viewport = m_axis->parentPlot()->viewport().size();
            room = horizontal ? m_axis->axisRect()->width() : m_axis->axisRect()->height();
            if (m_lastViewport.isValid())
                room += horizontal ? viewport.width() - m_lastViewport.width() : viewport.height() - m_lastViewport.height();
            if (viewport != m_lastViewport) // once per size: a hidden, empty plot does not replot forever
                m_axis->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
            m_lastViewport = viewport;
        }
        const QFontMetrics fm(m_axis->tickLabelFont());
        double fallback = 0; // the last step that still gave two ticks
        for (int count = wanted; count >= 1; --count) {
            setTickCount(count);
            m_step = QCPAxisTicker::getTickStep(range);
            const double first = std::ceil(range.lower / m_step - 1e-9) * m_step;
            int ticks = 0, needed = 0;
            for (double t = first; t <= range.upper + m_step * 1e-6 && ticks < 50; t += m_step, ++ticks) {
                const QString text = label(t, m_axis->parentPlot()->locale());
                needed = std::max(needed, horizontal ? fm.horizontalAdvance(text) : fm.height());
            }
            if (ticks < 2) {
                if (fallback > 0)
                    m_step = fallback;
                break;
            }
            fallback = m_step;
            if (room <= 0 || range.size() <= 0)
                break;
            // Neighbouring labels are one step apart on screen; each needs its size and a gap.
            const int gap = horizontal ? fm.horizontalAdvance(QLatin1Char('0')) : fm.height() / 3;
            if (m_step / range.size() * room >= needed + gap)
                break;
        }
        setTickCount(wanted); // the next layout starts from the count asked for again
        return m_step;
    }
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override
    {
        Q_UNUSED(precision);
        if (m_step <= 0 || !std::isfinite(m_step) || std::abs(tick) < m_step * 1e-6)
            return QCPAxisTicker::getTickLabel(std::abs(tick) < m_step * 1e-6 ? 0.0 : tick, locale, formatChar, 6);
        return label(tick, locale);
    }

private:
    QString label(double tick, const QLocale &locale) const
    {
        if (std::abs(tick) < m_step * 1e-6)
            tick = 0.0;
        if (tick == 0.0)
            return locale.toString(0);
        // Fixed notation with the step's decimals (10 with a step of 10 read "1e+01" as one
        // significant digit); scientific only for very large or small magnitudes.
        const double magnitude = std::max(std::abs(tick), m_step);
        if (magnitude >= 1e6 || magnitude < 1e-4) {
            const int digits = std::clamp(int(std::floor(std::log10(std::abs(tick)) + 1e-9)) - int(std::floor(std::log10(m_step) + 1e-9)) + 1, 1, 15);
            return locale.toString(tick, 'g', digits);
        }
        int decimals = 0; // as many as the step needs exactly (0.25 needs two)
        for (double scaled = m_step; decimals < 15 && std::abs(scaled - std::round(scaled)) > 1e-6 * scaled; scaled *= 10)
            ++decimals;
        QString text = locale.toString(tick, 'f', decimals);
        // 0.00195 with a step of 0.00005 needs five decimals; trailing zeros of a coarser tick go.
        if (text.contains(locale.decimalPoint())) {
            while (text.endsWith(locale.zeroDigit()))
                text.chop(1);
            if (text.endsWith(locale.decimalPoint()))
                text.chop(1);
        }
        return text;
    }

    QCPAxis *m_axis;
    double m_step = 0;
    QSize m_lastViewport; // the plot's size when the ticks were last chosen
};

} // namespace

void placeLegendAbove(QCustomPlot *plot, int perRow)
{
    if (LegendFitter *fitter = legendFitter(plot))
        fitter->setMaxPerRow(perRow);
    else
        new LegendFitter(plot, perRow);
    if (plot->plotLayout()->rowCount() > 1 && plot->plotLayout()->element(0, 0) == plot->legend) {
        refitLegend(plot);
        return;
    }
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setMargins(QMargins(2, 0, 2, 0));
    plot->legend->setRowSpacing(1); // 0 clipped the underscores of the row above
    plot->legend->setColumnSpacing(8);
    plot->legend->setIconSize(18, 10); // half the default width: more entries a row
    plot->legend->setIconTextPadding(4);
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
    plot->plotLayout()->setRowSpacing(0);
    refitLegend(plot);
}

void refitLegend(QCustomPlot *plot)
{
    if (LegendFitter *fitter = legendFitter(plot))
        fitter->refit();
}

void padRange(QCPAxis *axis, double fraction)
{
    QCPRange r = axis->range();
    double pad = r.size() * fraction;
    if (!(pad > 0))
        pad = std::max(std::abs(r.center()) * fraction, 1e-12);
    axis->setRange(r.lower - pad, r.upper + pad);
}

void fitEpochPlot(QCustomPlot *plot)
{
    plot->rescaleAxes();
    padRange(plot->yAxis);
    padRange(plot->xAxis, 0.03);
    plot->xAxis->setRangeLower(0);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void useStepPrecisionTicks(QCustomPlot *plot)
{
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes())
            useStepPrecisionTicks(axis);
}

void useStepPrecisionTicks(QCPAxis *axis)
{
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new StepPrecisionTicker(axis)));
    axis->setNumberFormat(QStringLiteral("g"));
}

QColor seriesColor(int index)
{
    static const QColor kColors[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                                     QColor(0xcc, 0x79, 0xa7), QColor(0xd5, 0x5e, 0x00), QColor(0x56, 0xb4, 0xe9),
                                     QColor(0xf0, 0xe4, 0x42), QColor(0x66, 0x66, 0x66), QColor(0x88, 0x22, 0x55),
                                     QColor(0x44, 0xaa, 0x99)};
    const int n = int(sizeof(kColors) / sizeof(kColors[0]));
    return kColors[((index % n) + n) % n];
}

std::vector<QColor> classColors(const QStringList &classes, const QHash<QString, QColor> &known)
{
    std::vector<QColor> out;
    for (int i = 0; i < classes.size(); ++i) {
        const QColor c = known.value(classes[i]);
        out.push_back(c.isValid() ? c : seriesColor(i));
    }
    return out;
}

QString exportPlot(QCustomPlot *plot, const QString &file, int width, int height)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    const int w = width > 0 ? width : plot->width(), h = height > 0 ? height : plot->height();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot->savePng(file, w, h, 2.0);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(file, w, h);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(file);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(QFileInfo(file).completeBaseName());
        svg.setDescription(QCoreApplication::translate("bb::exportPlot", "Exported by BalanceBench"));
        QCPPainter painter;
        if (painter.begin(&svg)) {
            plot->toPainter(&painter, w, h);
            ok = painter.end();
        }
        ok = ok && QFileInfo(file).size() > 0;
    } else {
        return QCoreApplication::translate("bb::exportPlot", "Unknown image format “%1” (use .png, .svg or .pdf)").arg(suffix);
    }
    return ok ? QString() : QCoreApplication::translate("bb::exportPlot", "Cannot write %1").arg(file);
}

QString formatDuration(double seconds)
{
    if (!(seconds >= 0) || !std::isfinite(seconds))
        return QStringLiteral("–");
    const qint64 s = qint64(std::llround(seconds));
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace bb
