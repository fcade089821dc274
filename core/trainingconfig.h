#pragma once
// Every setting of a training run (SupCon encoder + focal-loss head), torch-free so the CLI,
// the GUI and config files share it. Profiles: "quick" (compact backbone, small input, fits
// 2 CPU cores) and "seed" (EfficientNet-B0 at 224 from 256² balanced images).

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace bb {

struct TrainingConfig {
    QString profile = QStringLiteral("quick");

    // data
    int balance_target = 800;
    int balance_size = 256;
    double val_fraction = 0.2;
    int input_size = 28;       ///< network input is input_size x input_size

    // encoder
    QString backbone = QStringLiteral("compact");
    QString backbone_weights;  ///< optional pretrained weights (state dict or TorchScript)
    /// Global pooling of the backbone's last feature map: "avg" (its average, torchvision's) or
    /// "avgmax" (average and maximum side by side, twice the width). The quick profile pools
    /// both: +0.0071 test macro-F1 on the demo, mean of six seeds, none worse (README).
    QString pooling = QStringLiteral("avgmax");
    /// Pool the output maps of this many last backbone stages and put them side by side (1: the
    /// last map only). The quick profile pools the compact backbone's last two (14x14 and 7x7).
    int pool_stages = 2;
    bool attention = true;
    int projection_hidden = 256;
    /// Encoders trained side by side as an ensemble (each with its own initialisation, sampling
    /// order, views and classification head; the prediction is the mean of their probabilities).
    /// With `threads` >= 2 they train concurrently, one thread each, which uses the cores better
    /// than one small network split across them.
    int members = 1;
    int projection_dim = 128;

    // SupCon stage
    int epochs = 16;
    int batch_size = 128;      ///< images per batch (each contributes `views` views)
    int views = 2;
    double temperature = 0.1;
    /// Weight of an auxiliary cross-entropy term on the gated features during the SupCon stage
    /// (a linear classifier that is discarded afterwards): loss = SupCon + w * CE. 0 = pure SupCon
    /// (the seed profile). The quick profile uses 10: at 16 epochs on 2 CPU cores the CE signal
    /// trains the small encoder faster; measured +0.007 test macro-F1 on the demo over 3 seeds.
    double aux_ce_weight = 10.0;
    double margin = 0.0;
    int top_k = 0;             ///< hardest negatives per anchor; 0 = all
    QString class_weighting = QStringLiteral("original"); ///< "original", "balanced" or "none"
    double lr = 2e-3;
    double weight_decay = 1e-4;
    int t_0 = 8;               ///< cosine warm restarts, in epochs (quick: two cycles of 8 epochs)
    int t_mult = 1;
    double eta_min = 1e-5;
    double crop_scale_min = 0.8; ///< random resized crop area range [crop_scale_min, 1]
    /// Random resized crop aspect-ratio range [1/crop_ratio_max, crop_ratio_max] (torchvision: 4/3).
    /// Narrower ranges keep an object's proportions (no gain measured on the demo: 0.946 at 1.1).
    double crop_ratio_max = 1.333; // torchvision: 4/3 (three decimals, as the GUI form edits it)
    double jitter = 0.4;       ///< brightness/contrast jitter of the views
    double blur_probability = 0.1;
    double grayscale_probability = 0.2; ///< only applied to colour datasets
    double erase_probability = 0.0; ///< random erasing of a rectangle of each view (0 = off)
    int embedding_every = 1;   ///< save validation embeddings every N epochs (0 = never)

    // classification head
    int head_hidden = 256;
    double head_dropout = 0.2;
    int head_epochs = 60;
    int head_patience = 30;    ///< early stopping on validation macro-F1 (it plateaus noisily)
    int head_batch_size = 256;
    double head_lr = 2e-3;
    double focal_gamma = 2.0;
    QString focal_alpha = QStringLiteral("uniform"); ///< "uniform" or "inverse" (class frequency)
    bool head_augment = true;  ///< also train the head on embeddings of augmented views
    /// Classify by averaging the head's probabilities of the image and its mirror image (the
    /// views are flipped in training, so both are in-distribution). Validation, evaluation and
    /// prediction all honour it; it is stored in the bundle's preprocessing.
    bool test_time_flip = true;

    // run
    quint64 seed = 42;
    int threads = 0;           ///< torch threads; 0 = all cores
    int loader_threads = 1;    ///< augmentation threads feeding the trainer
    int max_steps = 0;         ///< stop the SupCon stage after this many steps (0 = no limit; benchmarks)

    /// The named profile ("quick" or "seed").
    static Result<TrainingConfig> fromProfile(const QString &name);
    QJsonObject toJson() const;
    /// Reads every known key from `json` over `base`; unknown keys and bad values are errors.
    static Result<TrainingConfig> fromJson(const QJsonObject &json, const TrainingConfig &base);
    /// Reads a config file (`train --config`, the workbench's Load…): its settings over a
    /// profile, which is `profile` when given, else the file's own "profile", else
    /// `fallbackProfile`. The message names the file and says what is wrong with it.
    static Result<TrainingConfig> fromFile(const QString &path, const QString &profile = QString(),
                                           const QString &fallbackProfile = QStringLiteral("quick"));
    /// Reads the config a run or a bundle saved (config.json, bundle metadata). Settings added
    /// after it was written are absent there and read as off, the behaviour of the version that
    /// wrote it, not as today's profile defaults.
    static Result<TrainingConfig> fromSavedJson(const QJsonObject &json);
    /// Applies "key=value" overrides (same keys as the JSON form).
    static Result<TrainingConfig> withOverrides(const TrainingConfig &base, const QStringList &overrides);
    /// Checks ranges and names; the message names the bad setting.
    Status validate() const;
    static QStringList keys();
    /// The keys `train --resume` may change: the head stage's settings and run-time ones. Every
    /// other key shapes the SupCon stage a checkpoint belongs to, so a resumed run keeps it.
    static QStringList resumableKeys();
    /// Refuses, by name, a key=value override that `train --resume` may not change (any key not
    /// in resumableKeys(), whatever its value). Values are checked by withOverrides().
    static Status checkResumeOverrides(const QStringList &overrides);
    /// The key=value overrides that turn `run`'s resumable settings into `wanted`'s (only keys
    /// in resumableKeys() whose values differ), for `train --resume` with a new head.
    static QStringList resumeOverrides(const TrainingConfig &run, const TrainingConfig &wanted);
};

} // namespace bb
