#pragma once
// Split first, then balance the training split (DESIGN.md step 3).

#include "augment.h"
#include "jobcontrol.h"
#include "result.h"
#include "splitter.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace bb {

class ProjectStore;

struct BalanceOptions {
    int target = 800;                  ///< images per class in the balanced training split
    QHash<QString, int> class_targets; ///< per-class overrides of `target`
    int size = 256;                    ///< output images are size x size
    SplitOptions split;
    AugmentRanges augment;
    int threads = 0;                   ///< 0 = all cores
    int png_compression = 1;           ///< zlib level 0-9 of the written PNGs

    QJsonObject toJson() const;
};

/// One usable, labelled image.
struct BalanceInput {
    qint64 image_id = 0;
    QString path;  ///< relative to the dataset root
    QString hash;
    QString label;
};

/// One output file of the plan.
struct PlannedImage {
    QString output;   ///< relative to the output folder, e.g. "train/bag/x.png"
    Split split = Split::Train;
    QString class_name;
    qint64 image_id = 0;
    QString source;   ///< relative to the dataset root
    QString source_hash;
    bool augmented = false;
    AugmentParams params;
};

struct ClassPlan {
    QString name;
    int original = 0; ///< images in the training split before balancing
    int final = 0;    ///< images in the balanced training split
    int val = 0;
    int test = 0;
    /// "down-sample", "up-sample" or "keep".
    QString action() const;
};

struct BalancePlan {
    BalanceOptions options;
    std::vector<ClassPlan> classes; ///< sorted by name
    std::vector<PlannedImage> images;
    QHash<qint64, Split> split;     ///< image id -> split
    QStringList warnings;
};

struct BalanceSummary {
    QString out_dir;
    int written = 0;
    QStringList errors; ///< sources that could not be read now, with reasons
    double seconds = 0;
};

/// The usable inputs from the store: status ok, not excluded, labelled.
std::vector<BalanceInput> balanceInputsFromStore(const ProjectStore &store);

/// Computes the split and the balancing plan; nothing is written.
Result<BalancePlan> planBalance(const std::vector<BalanceInput> &inputs, const BalanceOptions &options);

/// Renders one planned image from its decoded RGB source exactly as writeBalance() does.
cv::Mat renderPlannedImage(const cv::Mat &sourceRgb, const PlannedImage &planned, int size);

/// Writes the plan into `outDir` (train/, val/, test/, manifest.csv, balance.json) through a
/// temporary sibling folder that is renamed at the end, so a cancelled or failed run leaves
/// no half-written output. An existing non-empty `outDir` is replaced only with `replace`.
Result<BalanceSummary> writeBalance(const BalancePlan &plan, const QString &datasetRoot, const QString &outDir,
                                    bool replace, JobControl *control = nullptr);

} // namespace bb
