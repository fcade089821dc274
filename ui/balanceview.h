#pragma once
// The balancing preview page: options, the plan table, before/after chart, a strip of real
// rendered samples per class (same seed, same code as the balancer) and the export job.

#include "balancer.h"
#include "jobcontrol.h"

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <memory>

class QBoxLayout;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace bb {

class BalanceTableModel;
class ClassChart;
class ProjectSession;

struct PlanOutcome {
    bool ok = false;
    QString error;
    BalancePlan plan;
    quint64 generation = 0;
};

struct PreviewSample {
    QString class_name;
    QImage image;     ///< exactly what writeBalance writes (size x size)
    QString caption;  ///< output name and augmentation parameters
};

struct PreviewOutcome {
    std::vector<PreviewSample> samples;
    quint64 generation = 0;
};

struct ExportOutcome {
    bool ok = false;
    QString error;
    BalanceSummary summary;
};

class BalanceView : public QWidget {
    Q_OBJECT
public:
    explicit BalanceView(ProjectSession *session, QWidget *parent = nullptr);
    ~BalanceView() override;

    BalanceTableModel *tableModel() const { return m_table; }
    QTableView *tableView() const { return m_tableView; }
    ClassChart *chart() const { return m_chart; }
    /// The options the controls describe (what the next plan uses).
    BalanceOptions options() const;
    void setTarget(int target);
    void setOutputSize(int size);
    void setSeed(quint64 seed);
    void setClassTarget(const QString &className, int target); ///< 0 removes the override
    /// Samples shown per class in the preview strip.
    static constexpr int kSamplesPerClass = 6;
    int previewSampleCount() const { return m_previewCount; }
    bool isPlanning() const { return m_planning; }
    bool isExporting() const { return bool(m_exportControl); }
    /// Narrow enough for a 1280-pixel window with both side panels: the export box goes under
    /// the options when the two do not fit side by side.
    QSize minimumSizeHint() const override;
    /// True while the export box sits under the options.
    bool exportStacked() const;

public Q_SLOTS:
    void replan();
    void newSeed();
    /// Asks for an output folder, then writes the balanced dataset in the background.
    void exportBalanced();
    void exportTo(const QString &outDir, bool replace);
    void cancelExport();
    void saveSplit();

Q_SIGNALS:
    void planReady();
    void previewReady();
    void exportFinished(bool ok, const QString &message);
    void exportProgress(qint64 done, qint64 total);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void reflowTop();
    void schedulePlan();
    void onPlanFinished();
    void onPreviewFinished();
    void onExportFinished();
    void clearPreview();

    ProjectSession *m_session;
    BalanceTableModel *m_table;
    QTableView *m_tableView;
    ClassChart *m_chart;
    QWidget *m_optionsBox, *m_exportBox;
    QBoxLayout *m_top, *m_exportLayout;
    QSpinBox *m_target, *m_size;
    QDoubleSpinBox *m_val, *m_test;
    QLineEdit *m_seed;
    QPushButton *m_newSeed, *m_resetTargets, *m_export, *m_cancel, *m_saveSplit;
    QLabel *m_status;
    QLabel *m_warnings;
    QProgressBar *m_progress;
    QWidget *m_previewHost;
    QGridLayout *m_previewGrid;
    QTimer *m_planDelay;
    QHash<QString, int> m_classTargets;
    quint64 m_generation = 0;
    bool m_planning = false;
    bool m_dirty = true;
    int m_previewCount = 0;
    QFutureWatcher<PlanOutcome> m_planWatcher;
    QFutureWatcher<PreviewOutcome> m_previewWatcher;
    QFutureWatcher<ExportOutcome> m_exportWatcher;
    std::shared_ptr<JobControl> m_exportControl;
};

} // namespace bb
