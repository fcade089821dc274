#pragma once
// Shared fixtures of the issue-6 view tests: a tiny training configuration (16 px, 3 classes,
// 2 epochs: seconds on 2 CPU cores) and a trained bundle produced through core's runTraining().

#include "trainer.h"
#include "trainingconfig.h"
#include "uitestutil.h"

#include <QFileInfo>

namespace bbtest {

/// The quick profile shrunk to a job that finishes in seconds.
inline bb::TrainingConfig tinyConfig(int epochs = 2)
{
    bb::TrainingConfig c = bb::TrainingConfig::fromProfile(QStringLiteral("quick")).value();
    c.input_size = 16;
    c.balance_size = 16;
    c.balance_target = 24;
    c.epochs = epochs;
    c.batch_size = 16;
    c.projection_hidden = 32;
    c.projection_dim = 16;
    c.head_hidden = 32;
    c.head_epochs = 10;
    c.head_batch_size = 32;
    c.threads = 1; // leaves a core to the GUI thread whose stalls the tests measure
    c.embedding_every = 1;
    return c;
}

/// Trains `config` on `root` (project file and run folder under `work`); returns the bundle path.
inline QString trainBundle(const QString &root, const QString &work, const bb::TrainingConfig &config)
{
    bb::TrainingRequest req;
    req.dataset_root = root;
    req.project_file = work + QStringLiteral("/train-project.sqlite");
    req.run_dir = work + QStringLiteral("/bundle-run");
    req.config = config;
    auto r = bb::runTraining(req);
    if (!r) {
        qWarning("training failed: %s", qPrintable(r.error()));
        return QString();
    }
    return r.value().bundle_path;
}

} // namespace bbtest
