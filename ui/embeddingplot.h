#pragma once
// Scatter plot of a 2-D embedding (the live t-SNE of the training view), coloured by class:
// animated moves between layouts, hover tooltips (file name and class), click to activate a
// point, lasso (freehand) selection with Ctrl to add, wheel zoom.

#include <QColor>
#include <QPolygonF>
#include <QStringList>
#include <QVariantAnimation>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPCurve;
class QMouseEvent;
class QWheelEvent;

namespace bb {

class EmbeddingPlot : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingPlot(QWidget *parent = nullptr);

    /// Replaces the points (paths, class index per point, class names and colours) and clears the
    /// selection. Positions are kept when the count is unchanged, else reset to the origin.
    void setPoints(const QStringList &paths, const std::vector<int> &labels, const QStringList &classes,
                   const std::vector<QColor> &colors);
    /// Moves the points to `layout` (N x 2, row-major), animated over `duration_ms` (0 = at once).
    void setPositions(const std::vector<float> &layout, int duration_ms = 350);
    /// The layout the points are moving to (or sit at).
    const std::vector<float> &targetPositions() const { return m_to; }
    /// Where the points are drawn right now (differs from the target while animating).
    const std::vector<float> &shownPositions() const { return m_shown; }
    int pointCount() const { return int(m_labels.size()); }
    QString pathAt(int index) const { return m_paths.value(index); }
    int labelAt(int index) const { return m_labels[size_t(index)]; }
    QStringList classes() const { return m_classes; }
    /// Extra tooltip line of a point (e.g. "now labelled X"); empty clears it.
    void setNote(int index, const QString &note);

    /// Selects the points inside `polygon` (plot coordinates); `add` keeps the current selection.
    void selectPolygon(const QPolygonF &polygon, bool add = false);
    void setSelection(const QList<int> &indices);
    QList<int> selection() const;
    void clearSelection();

    /// The point drawn within `radius_px` of widget pixel `pos` (nearest), or -1.
    int pointAt(const QPoint &pos, double radius_px = 8) const;
    /// Widget pixel of point `index` as drawn now.
    QPoint pixelOf(int index) const;
    /// Tooltip text for widget pixel `pos` (empty when no point is there).
    QString toolTipAt(const QPoint &pos) const;
    /// Plot coordinates of a widget pixel.
    QPointF coordOf(const QPoint &pos) const;
    QCustomPlot *plot() const { return m_plot; }
    /// Fits the axes to the points again (after zooming).
    void resetView();
    bool isAnimating() const { return m_anim.state() == QAbstractAnimation::Running; }
    void setPlaceholder(const QString &text);

Q_SIGNALS:
    void pointActivated(int index);
    void selectionChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildGraphs();
    void updateGraphData();
    void updateSelectionGraph();
    void fitRange();
    void updateColors();
    void onPress(QMouseEvent *event);
    void onMove(QMouseEvent *event);
    void onRelease(QMouseEvent *event);

    QCustomPlot *m_plot;
    std::vector<QCPGraph *> m_graphs; // one per class
    QCPGraph *m_selectedGraph = nullptr;
    QCPCurve *m_lasso = nullptr;
    QStringList m_paths, m_classes, m_notes;
    std::vector<int> m_labels;
    std::vector<QColor> m_colors;
    std::vector<float> m_from, m_to, m_shown;
    std::vector<char> m_selected;
    QVariantAnimation m_anim;
    QPolygonF m_lassoPolygon;
    QPoint m_pressPos;
    int m_maxDrag_px = 0;
    bool m_pressed = false;
    bool m_userZoomed = false;
    QString m_placeholder;
};

} // namespace bb
