#pragma once
// The C++ prediction API: load a model bundle once, classify images. Torch-free header, so
// the GUI, the CLI and other programs link it without libtorch headers.

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>

#include <memory>
#include <vector>

namespace bb {

struct ClassProbability {
    QString label;
    double probability = 0;
};

struct Prediction {
    QString path;                        ///< as given (empty for in-memory images)
    QString label;                       ///< top-1 class
    double probability = 0;
    std::vector<ClassProbability> top;   ///< top-k, most probable first
    std::vector<float> embedding;        ///< the head's input embedding
    QString error;                       ///< set when the image could not be classified
    bool ok() const { return error.isEmpty(); }
};

/// A training image close to a query in embedding space.
struct NeighbourImage {
    QString path;   ///< absolute when the dataset root is known, else dataset-relative
    QString label;
    double distance = 0; ///< Euclidean distance of the embeddings
};

class Predictor {
public:
    /// Loads a .bbmodel bundle. `threads` > 0 sets torch's intra-op threads. Never throws.
    static Result<Predictor> load(const QString &bundlePath, int threads = 0);

    Predictor(Predictor &&) noexcept;
    Predictor &operator=(Predictor &&) noexcept;
    ~Predictor();

    QStringList classes() const;
    int inputSize() const;
    /// The bundle's metadata: config, seed, dataset hash, metrics, preprocessing.
    QJsonObject metadata() const;

    /// Whether probabilities are the mean of the image's and its mirror image's (the bundle's
    /// `test_time_flip`, from the training config); settable, e.g. to compare both.
    bool testTimeFlip() const;
    void setTestTimeFlip(bool on);

    /// Classifies an RGB8 image with the training preprocessing. Never throws.
    Prediction predict(const cv::Mat &rgb, int topK = 3) const;
    /// Decodes `path` with the one decode path and classifies it; errors go into the result.
    Prediction predictFile(const QString &path, int topK = 3) const;
    /// Classifies many files in batches; one bad file never stops the others. `progress`
    /// (optional) is called after each batch with the number done.
    std::vector<Prediction> predictFiles(const QStringList &paths, int topK = 3, int batch = 64,
                                         const std::function<bool(int done)> &progress = {}) const;

    /// The k training images nearest to `embedding` (empty if the bundle has no references).
    std::vector<NeighbourImage> nearest(const std::vector<float> &embedding, int k = 5) const;

private:
    struct Impl;
    explicit Predictor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace bb
