#include "workbenchviews.h"

#include "browserselection.h"
#include "browserview.h"
#include "evaluationview.h"
#include "icons.h"
#include "inspectorwidget.h"
#include "mainwindow.h"
#include "predictionview.h"
#include "trainingview.h"

#include <QScrollArea>
#include <QTabWidget>

namespace bb {

void showWorkbenchPage(MainWindow *window, QWidget *view)
{
    for (QWidget *w = view; w; w = w->parentWidget())
        if (window->pages()->indexOf(w) >= 0) {
            window->pages()->setCurrentWidget(w);
            return;
        }
}

WorkbenchViews installWorkbenchViews(MainWindow *w)
{
    WorkbenchViews v;
    v.training = new TrainingView(w->session(), w);
    v.evaluation = new EvaluationView(w->session(), w);
    v.prediction = new PredictionView(w->session(), w);
    // Each page scrolls when the window is smaller than the page's minimum, so these dense pages
    // never force a minimum size on the whole window.
    auto scrolled = [w](QWidget *page) {
        auto *area = new QScrollArea(w);
        area->setObjectName(page->objectName() + QStringLiteral("Scroll"));
        area->setFrameShape(QFrame::NoFrame);
        area->setWidgetResizable(true);
        area->setWidget(page);
        return area;
    };
    w->addPage(scrolled(v.training), MainWindow::tr("&Training"), themedIcon(QStringLiteral("train")));
    w->addPage(scrolled(v.evaluation), MainWindow::tr("&Evaluation"), themedIcon(QStringLiteral("matrix")));
    w->addPage(scrolled(v.prediction), MainWindow::tr("&Prediction"), themedIcon(QStringLiteral("predict")));
    TrainingView *training = v.training;
    EvaluationView *evaluation = v.evaluation;
    PredictionView *prediction = v.prediction;
    QObject::connect(training, &TrainingView::imageActivated, w, [w](qint64 id) {
        if (id > 0 && w->inspector())
            w->inspector()->setImage(id);
    });
    QObject::connect(training, &TrainingView::trainingFinished, w,
                     [evaluation, prediction](bool ok, bool stopped, const QString &bundle) {
                         if (ok && !stopped && !bundle.isEmpty()) {
                             evaluation->setModelPath(bundle);
                             prediction->setModelPath(bundle);
                         }
                     });
    QObject::connect(evaluation, &EvaluationView::showInBrowserRequested, w, [w](const QList<qint64> &ids) {
        w->pages()->setCurrentWidget(w->browser());
        selectImagesInBrowser(w->browser(), w->session(), ids);
    });
    return v;
}

} // namespace bb
