#include "classchart.h"

#include "plotutil.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace bb {

ClassChart::ClassChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this)), m_caption(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_caption->setObjectName(QStringLiteral("imbalanceCaption"));
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    layout->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(160);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->installEventFilter(this);
    updateColors();
}

bool ClassChart::eventFilter(QObject *watched, QEvent *event)
{
    // Upright or lying bars follow the plot's shape (a dock dragged narrower, a class added).
    if (watched == m_plot && event->type() == QEvent::Resize && wantsHorizontalBars(int(m_names.size())) != m_horizontal)
        QMetaObject::invokeMethod(this, &ClassChart::redraw, Qt::QueuedConnection);
    return QWidget::eventFilter(watched, event);
}

void ClassChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateColors();
    QWidget::changeEvent(event);
}

void ClassChart::updateColors()
{
    // This widget receives PaletteChange before its children are updated: hand the plot the
    // new palette first, then style it.
    m_plot->setPalette(palette());
    applyPlotPalette(m_plot);
    redraw();
}

void ClassChart::redraw()
{
    if (m_beforeAfter)
        setBeforeAfter(m_names, m_counts, m_after, m_colors);
    else
        setCounts(m_names, m_counts, m_colors);
}

bool ClassChart::wantsHorizontalBars(int classes) const
{
    // Upright bars need room for their value label and a rotated name each; in a narrow dock
    // (or with many classes) bars along a name column read better, as long as the height gives
    // each class at least as much room as the width would.
    if (classes <= 0)
        return false;
    const int w = m_plot->width(), h = m_plot->height();
    if (w <= 0 || h <= 0)
        return m_horizontal;
    const QFontMetrics fm(m_plot->xAxis->tickLabelFont());
    const int perClassNeeded = fm.horizontalAdvance(QStringLiteral("0000")) + fm.horizontalAdvance(QLatin1Char(' '));
    return w / classes < perClassNeeded && h / classes > w / classes;
}

void ClassChart::setupAxes(const QStringList &names, int maxValue)
{
    QCPAxis *keyAxis = m_horizontal ? m_plot->yAxis : m_plot->xAxis;
    QCPAxis *valueAxis = m_horizontal ? m_plot->xAxis : m_plot->yAxis;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < names.size(); ++i)
        ticker->addTick(i + 1, names[i]);
    keyAxis->setTicker(ticker);
    keyAxis->setTickLabelRotation(!m_horizontal && names.size() > 6 ? 35 : 0);
    keyAxis->setSubTicks(false);
    keyAxis->grid()->setVisible(false);
    keyAxis->setLabel(QString());
    // The first class on top when the bars lie down, as in the class list beside the chart.
    keyAxis->setRangeReversed(m_horizontal);
    keyAxis->setRange(0.4, names.size() + 0.6);
    useStepPrecisionTicks(valueAxis); // "0 500 1000", not "025050075010001250" in a narrow dock
    valueAxis->setTickLabelRotation(0);
    valueAxis->setSubTicks(true);
    valueAxis->grid()->setVisible(true);
    valueAxis->setRangeReversed(false);
    // Room for the value labels at the bars' ends.
    valueAxis->setRange(0, std::max(1.0, maxValue * (m_horizontal ? 1.3 : 1.15)));
    valueAxis->setLabel(tr("Images"));
}

void ClassChart::setCounts(const QStringList &names, const std::vector<int> &counts, const std::vector<QColor> &colors)
{
    m_names = names;
    m_counts = counts;
    m_colors = colors;
    m_beforeAfter = false;
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->legend->setVisible(false);
    int maxValue = 0, minValue = 0;
    for (int c : counts) {
        maxValue = std::max(maxValue, c);
        if (c > 0)
            minValue = minValue == 0 ? c : std::min(minValue, c);
    }
    m_ratio = minValue > 0 ? double(maxValue) / minValue : 0;
    m_horizontal = wantsHorizontalBars(int(names.size()));
    QCPAxis *keyAxis = m_horizontal ? m_plot->yAxis : m_plot->xAxis;
    QCPAxis *valueAxis = m_horizontal ? m_plot->xAxis : m_plot->yAxis;
    // One QCPBars per class so each bar carries its class colour.
    for (int i = 0; i < names.size() && i < int(counts.size()); ++i) {
        auto *bars = new QCPBars(keyAxis, valueAxis);
        bars->setWidth(0.7);
        const QColor c = i < int(colors.size()) ? colors[size_t(i)] : QColor(Qt::gray);
        bars->setBrush(c);
        bars->setPen(QPen(c.darker(130)));
        bars->addData(i + 1, counts[size_t(i)]);
        auto *label = new QCPItemText(m_plot);
        label->position->setAxes(m_plot->xAxis, m_plot->yAxis);
        if (m_horizontal) {
            label->position->setCoords(counts[size_t(i)], i + 1);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            label->setPadding(QMargins(3, 0, 0, 0));
        } else {
            label->position->setCoords(i + 1, counts[size_t(i)]);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        }
        label->setText(QString::number(counts[size_t(i)]));
        label->setColor(palette().color(QPalette::WindowText));
        label->setClipToAxisRect(false);
    }
    setupAxes(names, maxValue);
    if (names.isEmpty())
        m_caption->setText(tr("No classes yet"));
    else
        m_caption->setText(tr("<b>%n class(es)</b> · imbalance ratio (largest / smallest) <b>%1</b>", nullptr,
                              int(names.size()))
                               .arg(m_ratio > 0 ? QString::number(m_ratio, 'f', 2) + QStringLiteral(" : 1")
                                                : QStringLiteral("–")));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ClassChart::setBeforeAfter(const QStringList &names, const std::vector<int> &before, const std::vector<int> &after,
                                const std::vector<QColor> &colors)
{
    m_names = names;
    m_counts = before;
    m_after = after;
    m_colors = colors;
    m_beforeAfter = true;
    m_plot->clearPlottables();
    m_plot->clearItems();
    int maxValue = 0, minBefore = 0, maxBefore = 0, minAfter = 0, maxAfter = 0;
    m_horizontal = wantsHorizontalBars(int(names.size()));
    QCPAxis *keyAxis = m_horizontal ? m_plot->yAxis : m_plot->xAxis;
    QCPAxis *valueAxis = m_horizontal ? m_plot->xAxis : m_plot->yAxis;
    auto *beforeBars = new QCPBars(keyAxis, valueAxis);
    auto *afterBars = new QCPBars(keyAxis, valueAxis);
    beforeBars->setName(tr("Original (train split)"));
    afterBars->setName(tr("Balanced"));
    const QColor muted(0x9a, 0xa0, 0xa6); // readable on light and dark backgrounds
    beforeBars->setBrush(muted);
    beforeBars->setPen(QPen(muted.darker(120)));
    afterBars->setBrush(QColor(0x2f, 0x7b, 0xd0));
    afterBars->setPen(QPen(QColor(0x2f, 0x7b, 0xd0).darker(130)));
    beforeBars->setWidth(0.38);
    afterBars->setWidth(0.38);
    for (int i = 0; i < names.size(); ++i) {
        const int b = i < int(before.size()) ? before[size_t(i)] : 0;
        const int a = i < int(after.size()) ? after[size_t(i)] : 0;
        // Before, then after: left to right upright, top to bottom lying down.
        beforeBars->addData(i + 1 - 0.2, b);
        afterBars->addData(i + 1 + 0.2, a);
        maxValue = std::max({maxValue, a, b});
        maxBefore = std::max(maxBefore, b);
        maxAfter = std::max(maxAfter, a);
        if (b > 0)
            minBefore = minBefore == 0 ? b : std::min(minBefore, b);
        if (a > 0)
            minAfter = minAfter == 0 ? a : std::min(minAfter, a);
    }
    Q_UNUSED(colors);
    const double rb = minBefore > 0 ? double(maxBefore) / minBefore : 0;
    const double ra = minAfter > 0 ? double(maxAfter) / minAfter : 0;
    m_ratio = ra;
    setupAxes(names, maxValue);
    // Above the bars: inside the axis rect it covered the tallest ones.
    placeLegendAbove(m_plot);
    m_plot->legend->setVisible(true);
    m_caption->setText(tr("Imbalance ratio <b>%1</b> → <b>%2</b>")
                           .arg(rb > 0 ? QString::number(rb, 'f', 2) + QStringLiteral(" : 1") : QStringLiteral("–"),
                                ra > 0 ? QString::number(ra, 'f', 2) + QStringLiteral(" : 1") : QStringLiteral("–")));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace bb
