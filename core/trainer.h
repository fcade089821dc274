#pragma once
// The training job: split -> balance (in memory) -> SupCon encoder -> frozen-encoder MLP head
// with focal loss -> validation report -> model bundle. Torch-free header; the same job runs
// in the CLI and on the GUI's worker thread.

#include "jobcontrol.h"
#include "metrics.h"
#include "result.h"
#include "trainingconfig.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace bb {

struct TrainingRequest {
    QString dataset_root;
    QString run_dir;
    QString project_file;  ///< empty: ProjectStore::defaultPathFor(dataset_root)
    TrainingConfig config;
    bool resume = false;   ///< continue from run_dir's last checkpoint (config is read from the run)
    /// With resume: key=value changes to the run's config, only TrainingConfig::resumableKeys()
    /// (head and run-time settings). On a finished run this trains a new head on its encoder.
    QStringList resume_overrides;
};

/// One optimisation step of the SupCon stage.
struct StepReport {
    int epoch = 0;           ///< 0-based
    int step = 0;            ///< within the epoch
    int steps_per_epoch = 0;
    qint64 global_step = 0;
    double loss = 0;
    double lr = 0;
    double images_per_s = 0;
};

/// End of an epoch, SupCon ("supcon") or head ("head"). The trainer fills it by aggregate
/// initialisation, in member order.
struct EpochReport {
    QString phase;
    int epoch = 0; ///< 0-based
    int epochs = 0;
    double train_loss = 0;
    double val_loss = 0;
    double lr = 0;
    double images_per_s = 0;
    double epoch_s = 0;
    double val_macro_f1 = -1; ///< head phase only
    double eta_s = 0;
};

/// Validation embeddings after a SupCon epoch (for the live t-SNE).
struct EmbeddingSnapshot {
    int epoch = 0;
    int dim = 0;
    std::vector<float> data;   ///< rows x dim, the embedding the head consumes
    std::vector<int> labels;   ///< class index per row
    QStringList paths;         ///< dataset-relative path per row
    QStringList classes;
};

struct TrainingCallbacks {
    std::function<void(const StepReport &)> on_step;       ///< throttled to ~10 per second
    std::function<void(const EpochReport &)> on_epoch;
    std::function<void(const EmbeddingSnapshot &)> on_embeddings;
    std::function<void(const QString &)> on_message;       ///< phase changes, warnings
};

struct TrainingResult {
    QString bundle_path;
    QString run_dir;
    ClassificationReport validation;
    double seconds = 0;
    int supcon_epochs = 0;
    double supcon_images_per_s = 0; ///< images (each with all its views) per second of SupCon steps, loading included
    double supcon_seconds = 0;      ///< wall time of the SupCon stage
    bool stopped = false; ///< cancelled: a resumable checkpoint is in run_dir, no bundle
    qint64 run_id = 0;
};

/// Runs the whole job. Cancellation (control->cancel()) stops within one batch and leaves the
/// last epoch's checkpoint for `resume`; pause blocks between batches. Never throws.
/// The settings a run folder's config.json holds, as saved (see TrainingConfig::fromSavedJson),
/// refused with a message naming the folder when the file is missing, unreadable or holds no
/// settings; `saved`, when given, gets the whole file (dataset_root, project_file, classes).
Result<TrainingConfig> readRunConfig(const QString &runDir, QJsonObject *saved = nullptr);

Result<TrainingResult> runTraining(const TrainingRequest &request, const TrainingCallbacks &callbacks = {},
                                   JobControl *control = nullptr);

} // namespace bb
