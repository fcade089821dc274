#pragma once
// Class-count bar chart (QCustomPlot) with the imbalance ratio; optionally two series
// (before/after balancing).

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPBars;
class QLabel;

namespace bb {

class ClassChart : public QWidget {
    Q_OBJECT
public:
    explicit ClassChart(QWidget *parent = nullptr);

    /// One bar per class, coloured by class.
    void setCounts(const QStringList &names, const std::vector<int> &counts, const std::vector<QColor> &colors);
    /// Grouped bars: `before` (muted) and `after` (class colour) per class.
    void setBeforeAfter(const QStringList &names, const std::vector<int> &before, const std::vector<int> &after,
                        const std::vector<QColor> &colors);
    /// max count / min non-zero count of the last data set (0 when there is no data).
    double imbalanceRatio() const { return m_ratio; }
    QCustomPlot *plot() const { return m_plot; }
    /// Bars along the class names (names on the y axis) rather than upright: chosen from the
    /// plot's shape on every redraw and resize.
    bool horizontalBars() const { return m_horizontal; }
    /// Re-reads the palette (after a theme change).
    void updateColors();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setupAxes(const QStringList &names, int maxValue);
    bool wantsHorizontalBars(int classes) const;
    void redraw();
    // The last data set, so a palette change can redraw the labels in the new colours.
    QStringList m_names;
    std::vector<int> m_counts, m_after;
    std::vector<QColor> m_colors;
    bool m_beforeAfter = false;
    bool m_horizontal = false;
    QCustomPlot *m_plot;
    QLabel *m_caption;
    double m_ratio = 0;
};

} // namespace bb
