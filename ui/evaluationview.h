#pragma once
// The evaluation page: a model and a folder-per-class test set are evaluated in the background
// by core (the numbers of `balancebench-cli evaluate`); the confusion matrix as a heatmap
// (counts or row-normalised), per-class precision/recall/F1/support, macro-F1 and accuracy;
// a cell click lists that cell's images by confidence (to show in the browser and relabel);
// the matrix and the per-class chart export as PNG/SVG/PDF, the metrics as CSV/JSON.

#include "jobcontrol.h"
#include "predictionexport.h"
#include "workers/jobtypes.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPItemRect;
class QCPItemText;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace bb {

class ImageLoader;
class ModelPicker;
class ProjectSession;

class EvaluationView : public QWidget {
    Q_OBJECT
public:
    explicit EvaluationView(ProjectSession *session, QWidget *parent = nullptr);
    ~EvaluationView() override;

    void setModelPath(const QString &path);
    QString modelPath() const;
    void setTestFolder(const QString &path);
    QString testFolder() const;
    /// Starts the evaluation in the background; false (with a message) if it cannot start.
    bool evaluate();
    void cancel();
    bool isRunning() const { return m_running; }

    /// The last result (null before the first evaluation finished).
    EvaluationResultPtr result() const { return m_result; }
    /// Counts (false) or row-normalised fractions (true) in the heatmap.
    void setNormalized(bool on);
    bool isNormalized() const;
    /// The value shown in heatmap cell (true row, predicted column) and its text.
    double cellValue(int row, int column) const;
    QString cellText(int row, int column) const;

    /// Selects confusion cell (true class `row`, predicted `column`) and lists its images.
    void selectCell(int row, int column);
    /// Absolute paths of the listed cell images, most confident first.
    QStringList cellImagePaths() const { return m_cellPaths; }
    int selectedRow() const { return m_cellRow; }
    int selectedColumn() const { return m_cellColumn; }
    /// Widget pixel (in the matrix plot) of the centre of a cell.
    QPoint cellCenter(int row, int column) const;

    // exports (the format follows the suffix; errors are returned)
    Status exportMatrix(const QString &file);
    Status exportChart(const QString &file);
    Status exportMetricsJson(const QString &file) const;
    Status exportMetricsCsv(const QString &file) const;
    Status exportPredictionsCsv(const QString &file) const;

    QCustomPlot *matrixPlot() const { return m_matrix; }
    QCustomPlot *chartPlot() const { return m_chart; }
    QTableWidget *classTable() const { return m_table; }
    QListWidget *cellList() const { return m_cellList; }
    QLabel *summaryLabel() const { return m_summary; }

Q_SIGNALS:
    void evaluationFinished(bool ok, const QString &message);
    /// A confusion cell was chosen: its images (project ids where they belong to the open project,
    /// and all absolute paths), most confident first.
    void cellImagesChosen(const QList<qint64> &imageIds, const QStringList &absolutePaths);
    /// The user asked to see the listed images in the browser.
    void showInBrowserRequested(const QList<qint64> &imageIds);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onFinished();
    void showResult();
    void rebuildMatrix();
    void fitCellFonts();
    void rebuildChart();
    void rebuildTable();
    void relabelCellSelection();
    void showExportMenu();
    void setMessage(const QString &text, bool error = false);
    Status saveText(const QString &file, const QByteArray &data) const;

    struct Outcome {
        bool ok = false;
        QString error;
        std::shared_ptr<EvaluationResult> result;
    };

    ProjectSession *m_session;
    ModelPicker *m_model;
    QLineEdit *m_testFolder;
    QPushButton *m_run, *m_cancel, *m_export;
    QProgressBar *m_progress;
    QLabel *m_summary, *m_message;
    QCheckBox *m_normalized;
    QCustomPlot *m_matrix, *m_chart;
    QCPColorMap *m_map = nullptr;
    QCPItemRect *m_cellMarker = nullptr;
    QList<QCPItemText *> m_cellTexts;
    QTableWidget *m_table;
    QListWidget *m_cellList;
    QLabel *m_cellTitle;
    QComboBox *m_relabelClass;
    QPushButton *m_relabel, *m_showInBrowser;
    ImageLoader *m_loader;

    bool m_running = false;
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
    EvaluationResultPtr m_result;
    int m_cellRow = -1, m_cellColumn = -1;
    QStringList m_cellPaths;
};

} // namespace bb
