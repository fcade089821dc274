#include "plotutil.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QStringList>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <cmath>

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

void placeLegendAbove(QCustomPlot *plot, int perRow)
{
    plot->legend->setWrap(perRow);
    if (plot->plotLayout()->rowCount() > 1 && plot->plotLayout()->element(0, 0) == plot->legend)
        return;
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->legend->setWrap(perRow);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setMargins(QMargins(2, 0, 2, 0));
    plot->legend->setRowSpacing(0);
    plot->legend->setColumnSpacing(8);
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
    plot->plotLayout()->setRowSpacing(0);
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
