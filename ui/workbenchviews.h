#pragma once
// Adds the training, evaluation and prediction pages (issue 6) to the workbench window and
// wires them to the browser, the inspector and each other through MainWindow's public API.

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

/// Creates the three pages in `window` (after its docks exist): a clicked t-SNE point opens
/// its image in the inspector; a finished run's model becomes the evaluation and prediction
/// model; "Show in Browser" of a confusion cell selects its images in the browser page.
WorkbenchViews installWorkbenchViews(MainWindow *window);

} // namespace bb
