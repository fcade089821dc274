#include "embeddingplot.h"

#include "plotutil.h"

#include <QEvent>
#include <QFileInfo>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bb {

EmbeddingPlot::EmbeddingPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("tsnePlot"));
    m_plot->setMinimumSize(200, 160);
    m_plot->setInteractions(QCP::iRangeZoom);
    m_plot->setMouseTracking(true);
    m_plot->xAxis->setTickLabels(false);
    m_plot->yAxis->setTickLabels(false);
    m_plot->legend->setVisible(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_plot->legend->setFont(small);
    placeLegendAbove(m_plot); // never over the points
    m_anim.setStartValue(0.0);
    m_anim.setEndValue(1.0);
    m_anim.setEasingCurve(QEasingCurve::OutCubic);
    connect(&m_anim, &QVariantAnimation::valueChanged, this, [this](const QVariant &v) {
        const double t = v.toDouble();
        if (t >= 1.0) {
            m_shown = m_to; // exactly the target, not a rounded interpolation of it
        } else {
            for (size_t i = 0; i < m_to.size(); ++i)
                m_shown[i] = float(m_from[i] + t * (m_to[i] - m_from[i]));
        }
        updateGraphData();
    });
    connect(&m_anim, &QVariantAnimation::finished, this, [this] {
        m_shown = m_to;
        updateGraphData();
    });
    connect(m_plot, &QCustomPlot::mousePress, this, &EmbeddingPlot::onPress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &EmbeddingPlot::onMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &EmbeddingPlot::onRelease);
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_userZoomed = true; });
    updateColors();
}

void EmbeddingPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) // deferred: the plot gets its palette after us
        QMetaObject::invokeMethod(this, &EmbeddingPlot::updateColors, Qt::QueuedConnection);
    QWidget::changeEvent(event);
}

void EmbeddingPlot::updateColors()
{
    const QPalette pal = palette();
    const QColor fg = pal.color(QPalette::WindowText), grid = pal.color(QPalette::Mid);
    m_plot->setBackground(pal.color(QPalette::Base));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(grid));
        axis->setTickPen(QPen(grid));
        axis->setSubTickPen(QPen(grid));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    }
    m_plot->legend->setBrush(pal.color(QPalette::Base));
    m_plot->legend->setTextColor(fg);
    m_plot->legend->setBorderPen(Qt::NoPen);
    if (m_selectedGraph)
        m_selectedGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(fg, 1.6), Qt::NoBrush, 10));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingPlot::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    rebuildGraphs();
}

void EmbeddingPlot::setPoints(const QStringList &paths, const std::vector<int> &labels, const QStringList &classes,
                              const std::vector<QColor> &colors)
{
    Q_ASSERT(int(labels.size()) == paths.size());
    const bool sameCount = labels.size() == m_labels.size();
    m_paths = paths;
    m_labels = labels;
    m_classes = classes;
    m_colors = colors;
    m_notes = QStringList();
    for (qsizetype i = 0; i < paths.size(); ++i)
        m_notes.append(QString());
    m_selected.assign(labels.size(), 0);
    if (!sameCount) {
        m_anim.stop();
        m_to.assign(labels.size() * 2, 0.f);
        m_from = m_to;
        m_shown = m_to;
        m_userZoomed = false;
    }
    rebuildGraphs();
    Q_EMIT selectionChanged(0);
}

void EmbeddingPlot::rebuildGraphs()
{
    m_plot->clearGraphs();
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_graphs.clear();
    for (int c = 0; c < m_classes.size(); ++c) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(m_classes[c]);
        g->setLineStyle(QCPGraph::lsNone);
        const QColor col = c < int(m_colors.size()) ? m_colors[size_t(c)] : QColor(Qt::gray);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, col.darker(115), col, 6));
        g->setPen(QPen(col));
        m_graphs.push_back(g);
    }
    m_selectedGraph = m_plot->addGraph();
    m_selectedGraph->setLineStyle(QCPGraph::lsNone);
    m_selectedGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette().color(QPalette::WindowText), 1.6), Qt::NoBrush, 10));
    m_selectedGraph->removeFromLegend();
    m_lasso = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_lasso->setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
    m_lasso->setBrush(QColor(palette().color(QPalette::Highlight).red(), palette().color(QPalette::Highlight).green(),
                             palette().color(QPalette::Highlight).blue(), 40));
    m_lasso->removeFromLegend();
    m_plot->legend->setVisible(!m_classes.isEmpty());
    refitLegend(m_plot);
    if (m_labels.empty() && !m_placeholder.isEmpty()) {
        auto *text = new QCPItemText(m_plot);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(m_placeholder);
        text->setColor(palette().color(QPalette::PlaceholderText));
    }
    updateGraphData();
}

void EmbeddingPlot::updateGraphData()
{
    std::vector<QVector<double>> xs(m_graphs.size()), ys(m_graphs.size());
    for (size_t i = 0; i < m_labels.size(); ++i) {
        const int c = m_labels[i];
        if (c < 0 || c >= int(m_graphs.size()))
            continue;
        xs[size_t(c)].append(m_shown[2 * i]);
        ys[size_t(c)].append(m_shown[2 * i + 1]);
    }
    for (size_t c = 0; c < m_graphs.size(); ++c)
        m_graphs[c]->setData(xs[c], ys[c]);
    updateSelectionGraph();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingPlot::updateSelectionGraph()
{
    if (!m_selectedGraph)
        return;
    QVector<double> x, y;
    for (size_t i = 0; i < m_selected.size(); ++i)
        if (m_selected[i]) {
            x.append(m_shown[2 * i]);
            y.append(m_shown[2 * i + 1]);
        }
    m_selectedGraph->setData(x, y);
}

void EmbeddingPlot::fitRange()
{
    if (m_userZoomed || m_to.empty())
        return;
    double x0 = std::numeric_limits<double>::max(), x1 = -x0, y0 = x0, y1 = -x0;
    for (const std::vector<float> *v : {&m_from, &m_to})
        for (size_t i = 0; i + 1 < v->size(); i += 2) {
            x0 = std::min(x0, double((*v)[i]));
            x1 = std::max(x1, double((*v)[i]));
            y0 = std::min(y0, double((*v)[i + 1]));
            y1 = std::max(y1, double((*v)[i + 1]));
        }
    const double padX = std::max(1e-3, (x1 - x0) * 0.06), padY = std::max(1e-3, (y1 - y0) * 0.06);
    m_plot->xAxis->setRange(x0 - padX, x1 + padX);
    m_plot->yAxis->setRange(y0 - padY, y1 + padY);
}

void EmbeddingPlot::setPositions(const std::vector<float> &layout, int duration_ms)
{
    if (layout.size() != m_labels.size() * 2)
        return;
    m_anim.stop();
    m_from = m_shown;
    m_to = layout;
    fitRange();
    if (duration_ms <= 0) {
        m_shown = m_to;
        updateGraphData();
        return;
    }
    m_anim.setDuration(duration_ms);
    m_anim.start();
}

void EmbeddingPlot::resetView()
{
    m_userZoomed = false;
    m_from = m_to;
    fitRange();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingPlot::setNote(int index, const QString &note)
{
    if (index >= 0 && index < m_notes.size())
        m_notes[index] = note;
}

void EmbeddingPlot::selectPolygon(const QPolygonF &polygon, bool add)
{
    if (!add)
        std::fill(m_selected.begin(), m_selected.end(), 0);
    for (size_t i = 0; i < m_labels.size(); ++i)
        if (polygon.containsPoint(QPointF(m_shown[2 * i], m_shown[2 * i + 1]), Qt::OddEvenFill))
            m_selected[i] = 1;
    updateSelectionGraph();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT selectionChanged(int(std::count(m_selected.begin(), m_selected.end(), 1)));
}

void EmbeddingPlot::setSelection(const QList<int> &indices)
{
    std::fill(m_selected.begin(), m_selected.end(), 0);
    for (int i : indices)
        if (i >= 0 && i < int(m_selected.size()))
            m_selected[size_t(i)] = 1;
    updateSelectionGraph();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT selectionChanged(int(std::count(m_selected.begin(), m_selected.end(), 1)));
}

QList<int> EmbeddingPlot::selection() const
{
    QList<int> out;
    for (size_t i = 0; i < m_selected.size(); ++i)
        if (m_selected[i])
            out.append(int(i));
    return out;
}

void EmbeddingPlot::clearSelection()
{
    setSelection({});
}

QPoint EmbeddingPlot::pixelOf(int index) const
{
    const double px = m_plot->xAxis->coordToPixel(m_shown[2 * size_t(index)]);
    const double py = m_plot->yAxis->coordToPixel(m_shown[2 * size_t(index) + 1]);
    return m_plot->mapTo(this, QPoint(int(std::lround(px)), int(std::lround(py))));
}

QPointF EmbeddingPlot::coordOf(const QPoint &pos) const
{
    const QPoint p = m_plot->mapFrom(this, pos);
    return {m_plot->xAxis->pixelToCoord(p.x()), m_plot->yAxis->pixelToCoord(p.y())};
}

int EmbeddingPlot::pointAt(const QPoint &pos, double radius_px) const
{
    const QPoint p = m_plot->mapFrom(this, pos);
    int best = -1;
    double bestD = radius_px * radius_px;
    for (size_t i = 0; i < m_labels.size(); ++i) {
        const double dx = m_plot->xAxis->coordToPixel(m_shown[2 * i]) - p.x();
        const double dy = m_plot->yAxis->coordToPixel(m_shown[2 * i + 1]) - p.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestD) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

QString EmbeddingPlot::toolTipAt(const QPoint &pos) const
{
    const int i = pointAt(pos);
    if (i < 0)
        return QString();
    const int c = m_labels[size_t(i)];
    QString text = tr("%1\nClass: %2").arg(QFileInfo(m_paths[i]).fileName(), m_classes.value(c));
    if (!m_notes.value(i).isEmpty())
        text += QLatin1Char('\n') + m_notes[i];
    return text;
}

void EmbeddingPlot::onPress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_pressPos = event->pos();
    m_maxDrag_px = 0;
    m_lassoPolygon = QPolygonF();
    m_lassoPolygon.append(QPointF(m_plot->xAxis->pixelToCoord(event->pos().x()), m_plot->yAxis->pixelToCoord(event->pos().y())));
}

void EmbeddingPlot::onMove(QMouseEvent *event)
{
    if (!m_pressed) {
        const QString tip = toolTipAt(m_plot->mapTo(this, event->pos()));
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
        return;
    }
    m_maxDrag_px = std::max(m_maxDrag_px, (event->pos() - m_pressPos).manhattanLength());
    m_lassoPolygon.append(QPointF(m_plot->xAxis->pixelToCoord(event->pos().x()), m_plot->yAxis->pixelToCoord(event->pos().y())));
    QVector<double> t, x, y;
    for (int i = 0; i <= m_lassoPolygon.size(); ++i) {
        const QPointF &q = m_lassoPolygon[i % m_lassoPolygon.size()];
        t.append(i);
        x.append(q.x());
        y.append(q.y());
    }
    m_lasso->setData(t, x, y, true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingPlot::onRelease(QMouseEvent *event)
{
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    m_lasso->data()->clear();
    const bool add = event->modifiers() & Qt::ControlModifier;
    // A lasso usually ends where it began: what tells a click from a lasso is how far it went.
    m_maxDrag_px = std::max(m_maxDrag_px, (event->pos() - m_pressPos).manhattanLength());
    if (m_maxDrag_px < 5 || m_lassoPolygon.size() < 3) {
        const int i = pointAt(m_plot->mapTo(this, event->pos()));
        if (i >= 0) {
            if (add) {
                m_selected[size_t(i)] = !m_selected[size_t(i)];
                setSelection(selection());
            }
            Q_EMIT pointActivated(i);
        } else if (!add) {
            clearSelection();
        }
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    selectPolygon(m_lassoPolygon, add);
}

} // namespace bb
