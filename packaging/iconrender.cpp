// Build tool: renders the scalable application icon into the hicolor PNG sizes.
// Usage: bb_iconrender ICON.svg OUT_DIR SIZE...   writes OUT_DIR/<S>x<S>/apps/balancebench.png

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: bb_iconrender ICON.svg OUT_DIR SIZE...\n");
        return 2;
    }
    QSvgRenderer svg(args[1]);
    if (!svg.isValid()) {
        std::fprintf(stderr, "bb_iconrender: cannot read %s\n", qPrintable(args[1]));
        return 1;
    }
    for (int i = 3; i < args.size(); ++i) {
        const int s = args[i].toInt();
        QImage img(s, s, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        svg.render(&p);
        p.end();
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args[2]).arg(s);
        QDir().mkpath(dir);
        if (!img.save(dir + QStringLiteral("/balancebench.png"))) {
            std::fprintf(stderr, "bb_iconrender: cannot write %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
