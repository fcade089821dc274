// bb_screenshots: writes PNGs of each view of the workbench with a real dataset, for the README.
//
//   bb_screenshots OUT_DIR [DATASET]      (default: the Fashion-MNIST demo dataset, generated)
//   QT_QPA_PLATFORM=offscreen bb_screenshots out/          widget grabs, no display needed
//   xvfb-run -a bb_screenshots --real-window out/          grabs the real X11 window from the screen
//   bb_screenshots --language de out/                      the German interface (default: en)
//   BB_SHOT_SIZE=1280x800 bb_screenshots ...                another window size (default 1480x920)
//
// Settings go to a separate organisation so the user's own layout is not touched.

#include "balanceview.h"
#include "browserview.h"
#include "classlistmodel.h"
#include "classlistview.h"
#include "classpanel.h"
#include "imagelistmodel.h"
#include "language.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "thumbnailcache.h"
#include "thumbnailview.h"

#include "screenshotutil.h"
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace {

using bbshots::waitFor;
using bbshots::waitMs;

bool save(QWidget *w, bool realWindow, const QString &file)
{
    return bbshots::save(w, file, realWindow, 300);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    bbshots::useScreenshotSettings();

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("Folder for the PNGs."));
    parser.addPositionalArgument(QStringLiteral("dataset"), QStringLiteral("Dataset folder (default: demo dataset)."));
    QCommandLineOption real(QStringLiteral("real-window"), QStringLiteral("Grab the window from the screen (X11)."));
    parser.addOption(real);
    QCommandLineOption language(QStringLiteral("language"), QStringLiteral("Interface language (en, de)."),
                                QStringLiteral("CODE"), QStringLiteral("en"));
    parser.addOption(language);
    parser.process(app);
    bb::installTranslators(parser.value(language));
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        parser.showHelp(2);
    const QString out = QFileInfo(args.at(0)).absoluteFilePath();
    QDir().mkpath(out);
    const bool realWindow = parser.isSet(real);

    QTemporaryDir tmp;
    QString dataset = args.size() > 1 ? args.at(1) : QString();
    if (dataset.isEmpty()) {
        dataset = tmp.filePath(QStringLiteral("fashion-demo"));
        QProcess cli;
        cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        cli.start(QStringLiteral(BB_CLI_PATH), {QStringLiteral("demo-dataset"), dataset});
        if (!cli.waitForFinished(600000) || cli.exitCode() != 0) {
            std::fprintf(stderr, "demo-dataset failed\n");
            return 1;
        }
    }
    // Keep the screenshot run's project file out of the dataset folder when it is the user's.
    const QString projectFile = tmp.filePath(QStringLiteral("project.sqlite"));

    bb::MainWindow w;
    w.resize(bbshots::windowSize({1480, 920}));
    w.show();
    bb::ProjectSession *session = w.session();
    session->thumbnails()->setDiskCacheDir(tmp.filePath(QStringLiteral("thumbs")));
    bool scanned = false;
    QObject::connect(session, &bb::ProjectSession::scanFinished, &app, [&] { scanned = true; });
    const bb::Status s = session->open(QFileInfo(dataset).canonicalFilePath(), projectFile);
    if (!s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.message()));
        return 1;
    }
    if (!waitFor([&] { return scanned; }, 600000))
        return 1;
    w.statusBar()->clearMessage();
    bb::BrowserView *browser = w.browser();
    bb::ThumbnailView *grid = browser->view();
    grid->setFocus();
    grid->selectRow(3);
    waitFor([&] { return session->thumbnails()->contains(grid->currentIndex().data(bb::ImageListModel::IdRole).toLongLong()); },
            20000);
    waitMs(1500);
    int failures = 0;
    failures += !save(&w, realWindow, out + QStringLiteral("/01-browser.png"));

    // Labeling: one class shown with its filter; an image relabelled and the relabel undone, so
    // the inspector shows a label history; then a multi-selection ready for a number key.
    const QString shown = session->classModel()->classForShortcut(4);
    const QString other = session->classModel()->classForShortcut(5);
    browser->setClassFilter(shown);
    waitMs(300);
    const qint64 relabelled = grid->model()->index(1, 0).data(bb::ImageListModel::IdRole).toLongLong();
    session->assignLabel({relabelled}, other);
    session->undoStack()->undo();
    grid->selectionModel()->select(QItemSelection(grid->model()->index(1, 0), grid->model()->index(4, 0)),
                                   QItemSelectionModel::ClearAndSelect);
    grid->selectionModel()->setCurrentIndex(grid->model()->index(1, 0), QItemSelectionModel::Select);
    waitMs(1500);
    failures += !save(&w, realWindow, out + QStringLiteral("/02-labeling-filtered.png"));
    browser->setClassFilter(QString());

    // Balancing preview with the seed's profile: target 800, 256 px.
    bool planned = false, previewed = false;
    QObject::connect(w.balanceView(), &bb::BalanceView::planReady, &app, [&] { planned = true; });
    QObject::connect(w.balanceView(), &bb::BalanceView::previewReady, &app, [&] { previewed = true; });
    w.pages()->setCurrentWidget(w.balanceView());
    waitFor([&] { return planned && previewed; }, 60000);
    failures += !save(&w, realWindow, out + QStringLiteral("/03-balance-preview.png"));

    // Dark palette.
    w.setTheme(bb::Theme::Dark);
    failures += !save(&w, realWindow, out + QStringLiteral("/04-balance-dark.png"));
    w.pages()->setCurrentWidget(browser);
    grid->selectRow(10);
    waitMs(1200);
    failures += !save(&w, realWindow, out + QStringLiteral("/05-browser-dark.png"));
    w.setTheme(bb::Theme::Light);
    session->close();
    return failures == 0 ? 0 : 1;
}
