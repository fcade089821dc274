// bb_screenshots_views: PNGs of the training, evaluation and prediction views (issue 6) in the
// workbench window with the Fashion-MNIST demo dataset, for the README.
//
//   QT_QPA_PLATFORM=offscreen bb_screenshots_views OUT_DIR [--language CODE]   (default: en)
//   BB_SHOT_SIZE=1280x800 sets the window size (default 1600x940)
//
// Trains a short run live (the screenshots show its plots and t-SNE), evaluates it on the demo
// test split and classifies a few test images as if dropped. Settings go to a separate
// organisation so the user's layout is not touched.

#include "demodataset.h"
#include "evaluationview.h"
#include "language.h"
#include "mainwindow.h"
#include "predictionview.h"
#include "projectsession.h"
#include "projectstore.h"
#include "thumbnailcache.h"
#include "trainingview.h"
#include "workbenchviews.h"

#include "screenshotutil.h"
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>

#include <cstdio>

namespace {

using bbshots::save;
using bbshots::waitFor;
using bbshots::waitMs;

template <typename T>
T *pageOf(bb::MainWindow &w, const QString &title, bb::ProjectSession *session)
{
    if (T *existing = w.findChild<T *>())
        return existing;
    auto *page = new T(session, &w);
    w.addPage(page, title);
    return page;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    bbshots::useScreenshotSettings();
    const QStringList args = QApplication::arguments();
    if (args.size() != 2 && !(args.size() == 4 && args[2] == QLatin1String("--language"))) {
        std::fprintf(stderr, "usage: bb_screenshots_views OUT_DIR [--language CODE]\n");
        return 2;
    }
    bb::installTranslators(args.size() == 4 ? args[3] : QStringLiteral("en"));
    const QString out = QFileInfo(args[1]).absoluteFilePath();
    QDir().mkpath(out);
    QTemporaryDir tmp;
    const QString train = tmp.filePath(QStringLiteral("fashion-demo")), test = tmp.filePath(QStringLiteral("fashion-test"));
    bb::DemoDatasetOptions trainOpts;
    bb::DemoDatasetOptions testOpts;
    testOpts.test_split = true;
    testOpts.test_per_class = 60;
    for (const auto &[dir, opts] : {std::pair{train, trainOpts}, std::pair{test, testOpts}}) {
        auto r = bb::writeDemoDataset(dir, opts);
        if (!r) {
            std::fprintf(stderr, "demo dataset: %s\n", qPrintable(r.error()));
            return 1;
        }
    }

    bb::MainWindow w;
    w.resize(bbshots::windowSize({1600, 940}));
    w.show();
    bb::ProjectSession *session = w.session();
    session->thumbnails()->setDiskCacheDir(tmp.filePath(QStringLiteral("thumbs")));
    bool scanned = false;
    QObject::connect(session, &bb::ProjectSession::scanFinished, &app, [&] { scanned = true; });
    if (!session->open(train, tmp.filePath(QStringLiteral("project.sqlite"))) || !waitFor([&] { return scanned; }, 600000))
        return 1;
    auto *training = pageOf<bb::TrainingView>(w, QStringLiteral("Training"), session);
    auto *evaluation = pageOf<bb::EvaluationView>(w, QStringLiteral("Evaluation"), session);
    auto *prediction = pageOf<bb::PredictionView>(w, QStringLiteral("Prediction"), session);
    w.statusBar()->clearMessage();
    int failures = 0;

    // Training: a short run of the quick profile, shot mid-run and at the end.
    bb::showWorkbenchPage(&w, training);
    bb::TrainingConfig c = bb::TrainingConfig::fromProfile(QStringLiteral("quick")).value();
    c.balance_target = 120;
    c.epochs = 4;
    c.head_epochs = 25;
    training->setConfig(c);
    training->setRunsFolder(tmp.filePath(QStringLiteral("runs")));
    bool finished = false;
    QString bundle;
    QObject::connect(training, &bb::TrainingView::trainingFinished, &app, [&](bool ok, bool, const QString &b, const QString &m) {
        finished = true;
        bundle = b;
        if (!ok)
            std::fprintf(stderr, "training: %s\n", qPrintable(m));
    });
    if (!training->start())
        return 1;
    waitFor([&] { return training->tsneUpdates() >= 2 || finished; }, 900000);
    failures += !save(&w, out + QStringLiteral("/06-training-live.png"));
    waitFor([&] { return finished; }, 1800000);
    waitFor([&] { return !training->tsneBusy(); }, 120000);
    waitMs(1000);
    failures += !save(&w, out + QStringLiteral("/07-training-finished.png"));
    if (bundle.isEmpty())
        return 1;

    // A second, shorter run so the runs page has two to compare.
    c.epochs = 2;
    c.lr = 1e-3;
    training->setConfig(c);
    finished = false;
    training->start();
    waitFor([&] { return finished; }, 1800000);
    training->refreshRuns();
    QList<qint64> ids;
    for (const bb::RunRecord &r : session->store()->runs())
        ids.append(r.id);
    training->setComparedRuns(ids);
    training->tabs()->setCurrentIndex(1);
    failures += !save(&w, out + QStringLiteral("/08-training-runs-compare.png"));
    training->tabs()->setCurrentIndex(0);

    // Evaluation on the demo test split, with one confusion cell opened.
    bb::showWorkbenchPage(&w, evaluation);
    evaluation->setModelPath(bundle);
    evaluation->setTestFolder(test);
    bool evaluated = false;
    QObject::connect(evaluation, &bb::EvaluationView::evaluationFinished, &app, [&] { evaluated = true; });
    evaluation->evaluate();
    waitFor([&] { return evaluated; }, 600000);
    failures += !save(&w, out + QStringLiteral("/09-evaluation.png"));
    if (evaluation->result()) {
        int br = 0, bc = 1;
        const int n = int(evaluation->result()->classes.size());
        for (int r = 0; r < n; ++r)
            for (int col = 0; col < n; ++col)
                if (r != col && evaluation->cellValue(r, col) > evaluation->cellValue(br, bc)) {
                    br = r;
                    bc = col;
                }
        evaluation->selectCell(br, bc);
        evaluation->findChild<QTabWidget *>(QStringLiteral("evaluationTabs"))->setCurrentIndex(2);
        waitMs(1500);
        evaluation->setNormalized(true);
        failures += !save(&w, out + QStringLiteral("/10-evaluation-cell-normalised.png"));
        w.setTheme(bb::Theme::Dark);
        evaluation->setNormalized(false);
        failures += !save(&w, out + QStringLiteral("/12-evaluation-dark.png"));
        bb::showWorkbenchPage(&w, training);
        failures += !save(&w, out + QStringLiteral("/13-training-dark.png"));
        w.setTheme(bb::Theme::Light);
    }

    // Prediction: a few test images and an unreadable file dropped onto the window.
    bb::showWorkbenchPage(&w, prediction);
    prediction->setModelPath(bundle);
    QList<QUrl> urls;
    const QStringList classes = QDir(test).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &cls : classes) {
        const QStringList files = QDir(test + QLatin1Char('/') + cls).entryList(QDir::Files);
        if (!files.isEmpty())
            urls.append(QUrl::fromLocalFile(test + QLatin1Char('/') + cls + QLatin1Char('/') + files.first()));
    }
    const QString broken = tmp.filePath(QStringLiteral("scan-0042.png"));
    QFile b(broken);
    if (b.open(QIODevice::WriteOnly))
        b.write("\x89PNG\r\n\x1a\n truncated");
    b.close();
    urls.append(QUrl::fromLocalFile(broken));
    QMimeData mime;
    mime.setUrls(urls);
    bool predicted = false;
    QObject::connect(prediction, &bb::PredictionView::finished, &app, [&] { predicted = true; });
    prediction->handleMimeData(&mime);
    waitFor([&] { return predicted; }, 300000);
    failures += !save(&w, out + QStringLiteral("/11-prediction.png"));
    session->close();
    return failures == 0 ? 0 : 1;
}
