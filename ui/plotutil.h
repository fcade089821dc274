#pragma once
// Small shared helpers for the QCustomPlot charts of the training and evaluation views.

#include <QColor>
#include <QHash>
#include <QStringList>
#include <QString>

#include <vector>

class QCustomPlot;

namespace bb {

/// Axis, grid, legend and background colours from the widget's palette (light or dark).
void applyPlotPalette(QCustomPlot *plot);
/// Moves the legend out of the axis rect into a row above it (entries side by side), so it never
/// hides data in small plots.
void placeLegendAbove(QCustomPlot *plot, int perRow = 0);
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
