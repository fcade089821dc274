#pragma once
// The training page: a form for every training setting (profiles, load/save of the config files
// the CLI reads with `train --config`), start/pause/resume/stop of core's training job on a
// worker thread, progress (epoch, step, images/s, ETA), live loss/learning-rate/head plots, a
// live t-SNE of the validation embeddings computed on its own thread (warm-started, animated,
// hover, click to open, lasso to relabel through the session's undo stack) and the project's runs
// with their configs and metrics, any two of them compared on one plot.

#include "jobcontrol.h"
#include "trainingconfig.h"
#include "workers/jobtypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QThread>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QBoxLayout;
class QFormLayout;
class QScrollArea;
class QSplitter;
class QSpinBox;
class QTabWidget;
class QToolButton;
class QTreeWidget;

namespace bb {

class ElidedLabel;
class EmbeddingPlot;
class ProjectSession;
class TrainingWorker;
class TsneWorker;

class TrainingView : public QWidget {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingView(ProjectSession *session, QWidget *parent = nullptr);
    ~TrainingView() override;

    // --- configuration form ---
    /// Shows `config` in the form.
    void setConfig(const TrainingConfig &config);
    /// The form's settings, validated by core (the message names the bad setting).
    Result<TrainingConfig> config() const;
    /// Applies a named profile ("quick" or "seed") to the form.
    Status applyProfile(const QString &name);
    /// Reads a config file as `balancebench-cli train --config FILE` does (over the current profile).
    Status loadConfigFile(const QString &path);
    /// Writes the form's settings as a config file for the CLI (atomically).
    Status saveConfigFile(const QString &path) const;
    /// The editor widget of a setting (key as in TrainingConfig::keys()), for tests.
    QWidget *fieldWidget(const QString &key) const { return m_fields.value(key); }

    // --- the job ---
    /// Folder under which each run gets its own sub-folder (default: next to the project file).
    void setRunsFolder(const QString &dir);
    QString runsFolder() const;
    /// Starts a new run on the open dataset; false (with a message) when it cannot start.
    bool start();
    /// Continues a stopped run from its last checkpoint.
    bool resumeRun(const QString &runDir);
    /// Trains a new head on a finished run's encoder with the form's head settings (those of
    /// TrainingConfig::resumableKeys() that differ from the run's); the encoder is not trained again.
    bool trainNewHead(const QString &runDir);
    /// Puts a run's settings (its config.json) into the form.
    Status useRunSettings(const QString &runDir);
    void pause();
    void resume();
    /// Asks the job to stop within one batch; a resumable checkpoint stays in the run folder.
    void stop();
    State state() const { return m_state; }
    QString currentRunDir() const { return m_runDir; }
    QString lastBundlePath() const { return m_lastBundle; }

    // --- live t-SNE ---
    /// Feeds validation embeddings to the t-SNE (what the running job does every N epochs).
    void showEmbeddings(const bb::EmbeddingSnapshotPtr &snapshot);
    EmbeddingPlot *embeddingPlot() const { return m_tsne; }
    int tsneUpdates() const { return m_tsneUpdates; }
    bool tsneBusy() const { return m_tsneBusy; }
    /// Relabels the points selected in the t-SNE as `className` through the session's undo stack.
    bool relabelSelection(const QString &className);

    // --- plots and runs, for tests and screenshots ---
    QCustomPlot *lossPlot() const { return m_lossPlot; }
    QCustomPlot *lrPlot() const { return m_lrPlot; }
    QCustomPlot *headPlot() const { return m_headPlot; }
    QCustomPlot *comparePlot() const { return m_comparePlot; }
    QProgressBar *progressBar() const { return m_progress; }
    QTreeWidget *runList() const { return m_runs; }
    QTabWidget *tabs() const { return m_tabs; }
    /// Reloads the runs list from the project store.
    void refreshRuns();
    /// Ticks the runs (by store id) to compare on the compare plot.
    void setComparedRuns(const QList<qint64> &runIds);

Q_SIGNALS:
    void stateChanged(bb::TrainingView::State state);
    void epochFinished(const bb::EpochReport &report);
    /// ok=false with the error message; stopped runs are ok with `stopped` set.
    void trainingFinished(bool ok, bool stopped, const QString &bundlePath, const QString &message);
    /// A t-SNE layout was shown (after each completed t-SNE run).
    void tsneUpdated(int points, bool warmStart);
    /// The user clicked an embedding point: the image (id 0 when it is not in the open project).
    void imageActivated(qint64 imageId, const QString &absolutePath);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildForm(QWidget *host);
    QWidget *buildControls();
    QWidget *buildLivePage();
    QWidget *buildRunsPage();
    void setupPlot(QCustomPlot *plot, const QString &xLabel, const QString &yLabel);
    void updatePlotColors();
    void setState(State s);
    void resetLive();
    bool launch(const TrainingRequest &request);
    bool resumeWith(const QString &runDir, bool newHead);
    /// A run folder's config.json (showing the error in the form when it cannot be read).
    Result<TrainingConfig> readRunConfig(const QString &runDir);
    QString selectedRunDir(const QString &status) const;
    void onStep(const bb::StepReport &r);
    void onEpoch(const bb::EpochReport &r);
    void onMessage(const QString &text);
    void onFinished(bool ok, const QString &error, const bb::TrainingResult &result);
    void startTsne(const bb::EmbeddingSnapshotPtr &snapshot);
    void onTsneFrame(quint64 generation, const bb::FloatVector &layout, int iteration);
    void onTsneFinished(quint64 generation, bool ok, const QString &error, const bb::FloatVector &layout, double kl,
                        double seconds);
    void updateProgressText();
    void updateButtons();
    void updateRunDetails();
    void updateComparePlot();
    void updateRelabelControls();
    void loadPlotsFromStore(qint64 runId);
    qint64 imageIdForPath(const QString &relPath) const;
    std::vector<QColor> colorsFor(const QStringList &classes) const;
    void showError(const QString &message);

    ProjectSession *m_session;
    State m_state = State::Idle;

    // form
    QHash<QString, QWidget *> m_fields; // key -> editor
    QComboBox *m_profile = nullptr;
    QLineEdit *m_runsFolder = nullptr;
    QLabel *m_formError = nullptr;
    bool m_settingForm = false;

    // controls
    QPushButton *m_start, *m_pause, *m_stop, *m_resumeRun;
    QToolButton *m_useRunSettings = nullptr, *m_newHead = nullptr; // on the runs page
    QProgressBar *m_progress;
    QLabel *m_status;
    QPlainTextEdit *m_log;
    QTabWidget *m_tabs;

    // live plots
    QCustomPlot *m_lossPlot, *m_lrPlot, *m_headPlot;
    EmbeddingPlot *m_tsne;
    ElidedLabel *m_tsneStatus;
    QComboBox *m_relabelClass;
    QPushButton *m_relabel;
    ElidedLabel *m_selectionLabel;

    // runs
    QTreeWidget *m_runs = nullptr;
    QPlainTextEdit *m_runDetails;
    QComboBox *m_compareMetric;
    QCustomPlot *m_comparePlot;

    // the training job (STYLE.md 4): worker on a member thread, shared cancel/pause token
    QThread m_trainThread;
    TrainingWorker *m_trainer;
    std::shared_ptr<JobControl> m_control;
    QString m_runDir;
    QString m_lastBundle;
    QString m_lastStoppedRun;
    TrainingConfig m_running; // config of the job in flight
    StepReport m_lastStep;
    bool m_haveStep = false;
    bool m_headPhase = false;
    EpochReport m_lastEpoch;
    QElapsedTimer m_sinceStart, m_sinceEpoch;
    double m_epochEta_s = -1;
    QString m_phaseText;

    // the t-SNE job: its own thread; one request at a time, the newest snapshot waits
    QThread m_tsneThread;
    TsneWorker *m_tsneWorker;
    std::shared_ptr<JobControl> m_tsneControl;
    quint64 m_tsneGeneration = 0;
    bool m_tsneBusy = false;
    bool m_tsneWarm = false;
    QSplitter *m_splitter = nullptr;
    QScrollArea *m_formScroll = nullptr;
    QList<QFormLayout *> m_forms;
    QBoxLayout *m_profileRow = nullptr;
    int m_formWideWidth = 0;   ///< the form's width with every label beside its field
    int m_formNarrowWidth = 0; ///< ... and with every label above its field
    /// Labels above their fields when the form is narrower than m_formWideWidth.
    void updateFormWrap();
    void setFormWrapped(bool wrapped);
    bool m_splitterPlaced = false;
    int m_tsneUpdates = 0;
    EmbeddingSnapshotPtr m_tsneSnapshot;  // shown (or being computed)
    EmbeddingSnapshotPtr m_tsnePending;   // arrived while busy
    std::vector<float> m_tsneLayout;      // last completed layout, the next warm start
    QHash<QString, qint64> m_idByPath;    // dataset-relative path -> image id, built on demand
};

} // namespace bb
