#pragma once
// Small shared helpers for the QCustomPlot charts of the training and evaluation views.

#include <QColor>
#include <QHash>
#include <QStringList>
#include <QString>

#include <vector>

class QCPAxis;
class QCustomPlot;

namespace bb {

/// Axis, grid, legend and background colours from the widget's palette (light or dark).
void applyPlotPalette(QCustomPlot *plot);
/// Moves the legend out of the axis rect into rows above it, so it never hides data in small
/// plots. The entries are wrapped to the plot's width on every resize (at most `perRow` a row when
/// that is > 0), so a long legend never clips and never makes the plot wider than its layout gives
/// it. Call refitLegend() after adding or removing entries.
void placeLegendAbove(QCustomPlot *plot, int perRow = 0);
/// Wraps a legend placed by placeLegendAbove() to the plot's current width.
void refitLegend(QCustomPlot *plot);
/// Widens the axis' range by `fraction` of its size on both sides (after rescaleAxes), so the
/// points at the extremes are drawn whole rather than cut by the axis rect.
void padRange(QCPAxis *axis, double fraction = 0.05);
/// Fits a plot over epochs to its data: rescaleAxes(), padRange() on y (and 3 % on x), x from 0,
/// then a queued replot.
void fitEpochPlot(QCustomPlot *plot);
/// Tick labels with as many significant digits as the tick step needs: a learning-rate axis
/// from 0.0018 to 0.002 reads 0.00185, 0.0019, 0.00195, not 0.0019, 0.0019, 0.002.
/// Also: no more ticks than the axis has room for, so labels never run into each other.
void useStepPrecisionTicks(QCustomPlot *plot);
/// The same for one axis.
void useStepPrecisionTicks(QCPAxis *axis);
/// A qualitative colour for series `index` (colour-blind friendly, Okabe-Ito order).
QColor seriesColor(int index);
/// Class colours: `known` by name when present, otherwise seriesColor(index).
std::vector<QColor> classColors(const QStringList &classes, const QHash<QString, QColor> &known);
/// Writes the plot as PNG, PDF or SVG (chosen by the file's suffix) at `width` x `height`
/// (0 = the widget's size). Returns an error message, empty on success.
QString exportPlot(QCustomPlot *plot, const QString &file, int width = 0, int height = 0);
/// "1:05" / "1:02:03" for a number of seconds; "–" when negative.
QString formatDuration(double seconds);

} // namespace bb
