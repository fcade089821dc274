#pragma once
// Adds the training, evaluation and prediction pages (issue 6) to the workbench window and
// wires them to the browser, the inspector and each other through MainWindow's public API.

class QWidget;

namespace bb {

class EvaluationView;
class MainWindow;
class PredictionView;
class TrainingView;

struct WorkbenchViews {
    TrainingView *training = nullptr;
    EvaluationView *evaluation = nullptr;
    PredictionView *prediction = nullptr;
};

/// Creates the three pages in `window` (after its docks exist), each in a scroll area: a clicked t-SNE point opens
/// its image in the inspector; a finished run's model becomes the evaluation and prediction
/// model; "Show in Browser" of a confusion cell selects its images in the browser page.
WorkbenchViews installWorkbenchViews(MainWindow *window);

/// Makes the page holding `view` (a page itself or inside one) the window's current page.
void showWorkbenchPage(MainWindow *window, QWidget *view);

} // namespace bb
