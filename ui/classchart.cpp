#include "classchart.h"

#include "plotutil.h"

#include <QEvent>
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
    updateColors();
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

void ClassChart::setupAxes(const QStringList &names, int maxValue)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < names.size(); ++i)
        ticker->addTick(i + 1, names[i]);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(names.size() > 6 ? 35 : 0);
    m_plot->xAxis->setSubTicks(false);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->xAxis->setRange(0.4, names.size() + 0.6);
    m_plot->yAxis->setRange(0, std::max(1.0, maxValue * (m_beforeAfter ? 1.35 : 1.15)));
    m_plot->yAxis->setLabel(tr("Images"));
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
    // One QCPBars per class so each bar carries its class colour.
    for (int i = 0; i < names.size() && i < int(counts.size()); ++i) {
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setWidth(0.7);
        const QColor c = i < int(colors.size()) ? colors[size_t(i)] : QColor(Qt::gray);
        bars->setBrush(c);
        bars->setPen(QPen(c.darker(130)));
        bars->addData(i + 1, counts[size_t(i)]);
        auto *label = new QCPItemText(m_plot);
        label->position->setCoords(i + 1, counts[size_t(i)]);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
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
    auto *beforeBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    auto *afterBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
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
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_caption->setText(tr("Imbalance ratio <b>%1</b> → <b>%2</b>")
                           .arg(rb > 0 ? QString::number(rb, 'f', 2) + QStringLiteral(" : 1") : QStringLiteral("–"),
                                ra > 0 ? QString::number(ra, 'f', 2) + QStringLiteral(" : 1") : QStringLiteral("–")));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace bb
