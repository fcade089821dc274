#pragma once
// The embedded default dataset: seven Fashion-MNIST classes in the seed's imbalance profile.

#include "jobcontrol.h"
#include "result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace bb {

struct DemoClass {
    QString name;
    int fashion_label = 0; ///< index in Fashion-MNIST
    int train_count = 0;   ///< images in the demo's train split
};

struct DemoDatasetOptions {
    QString source_dir = QStringLiteral("/usr/share/datasets/fashion-mnist");
    bool test_split = false;  ///< false: imbalanced train profile; true: 200 per class from t10k
    int test_per_class = 200;
    quint64 seed = 20240607;
};

struct DemoDatasetSummary {
    QString out_dir;
    quint64 seed = 0;
    QString split;
    std::vector<std::pair<QString, int>> counts;
};

/// The seven classes and their train counts (542/469/500/542/90/100/1000).
std::vector<DemoClass> demoClasses();

/// Writes OUT_DIR/<class>/<index>.png from Debian's Fashion-MNIST IDX files. The sample is
/// deterministic for the seed; images with identical pixels are drawn once only, so the
/// dataset has no duplicate content. A `demo.json` next to the classes records the seed.
Result<DemoDatasetSummary> writeDemoDataset(const QString &outDir, const DemoDatasetOptions &options,
                                            JobControl *control = nullptr);

} // namespace bb
