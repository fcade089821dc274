#include "icons.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

namespace bb {
namespace {

// Renders the SVG with its "currentColor" replaced by the palette's text colour at paint time,
// so one set of files serves light and dark palettes and every device pixel ratio.
class TintedSvgEngine : public QIconEngine {
public:
    explicit TintedSvgEngine(QByteArray svg) : m_svg(std::move(svg)) {}
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette pal = QApplication::palette();
        QColor c = pal.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        if (mode == QIcon::Selected)
            c = pal.color(QPalette::HighlightedText);
        QByteArray svg = m_svg;
        svg.replace("currentColor", c.name().toLatin1());
        QSvgRenderer renderer(svg);
        renderer.render(painter, rect);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QImage img(size, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        p.end();
        return QPixmap::fromImage(img);
    }
    QIconEngine *clone() const override { return new TintedSvgEngine(m_svg); }

private:
    QByteArray m_svg;
};

} // namespace

QIcon themedIcon(const QString &name)
{
    QFile f(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!f.open(QIODevice::ReadOnly))
        return QIcon();
    return QIcon(new TintedSvgEngine(f.readAll()));
}

QIcon appIcon()
{
    return QIcon(QStringLiteral(":/icons/balancebench.svg"));
}

} // namespace bb
