#pragma once
// Torch-free front end for "balancebench-cli features": pooled backbone features of images
// (before the encoder's attention gate), for downstream use and torchvision cross-checks.

#include "result.h"

#include <QString>

#include <opencv2/core.hpp>

#include <memory>
#include <vector>

namespace bb {

/// What to extract with.
struct FeatureExtractorOptions {
    QString backbone = QStringLiteral("efficientnet_b0"); ///< one of backboneNames()
    /// Optional weights (plain-dict state dict or TorchScript); classifier.* is ignored.
    /// Without weights the backbone is initialised from scratch with seed `seed`.
    QString weights_path;
    int input_size = 0;  ///< resize to SxS before normalising; 0 keeps the image's size
    int threads = 0;     ///< torch intra-op threads; 0 leaves torch's default
    uint64_t seed = 0;
};

/// Backbone in eval mode + preprocessing (bb::resizeRgb, ImageNet mean/std, RGB).
class FeatureExtractor {
public:
    /// Builds the backbone and loads the weights; the report of the import (if any) is
    /// available from weightReport(). Never throws.
    static Result<FeatureExtractor> create(const FeatureExtractorOptions &options);

    FeatureExtractor(FeatureExtractor &&) noexcept;
    FeatureExtractor &operator=(FeatureExtractor &&) noexcept;
    ~FeatureExtractor();

    /// Pooled features of one RGB8 image. Never throws.
    Result<std::vector<float>> extract(const cv::Mat &rgb) const;
    /// Decodes `path` with bb::decodeImageFile, then extract(). Never throws.
    Result<std::vector<float>> extractFile(const QString &path) const;

    int featureDim() const;
    /// Human-readable summary of the weight import; empty when no weights were given.
    QString weightReport() const;

private:
    struct Impl;
    explicit FeatureExtractor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace bb
