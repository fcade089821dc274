#pragma once
// The balancer's light augmentation for up-sampled duplicates.

#include "splitter.h"

#include <opencv2/core.hpp>

namespace bb {

/// Ranges of the balancing augmentation (DESIGN.md step 3).
struct AugmentRanges {
    double flip_probability = 0.5;
    double max_rotation_deg = 20.0;
    double brightness = 0.2; ///< factor drawn from [1 - b, 1 + b]
    double contrast = 0.2;
    double saturation = 0.2;
};

/// The exact parameters applied to one output image (recorded in the manifest).
struct AugmentParams {
    bool flip = false;
    double rotation_deg = 0.0;
    double brightness = 1.0;
    double contrast = 1.0;
    double saturation = 1.0;
    bool isIdentity() const;
};

/// Draws parameters in a fixed order: flip, rotation, brightness, contrast, saturation.
AugmentParams sampleAugment(Rng &rng, const AugmentRanges &ranges);

/// Applies flip, rotation about the centre (edges replicated), then brightness, contrast
/// (around the mean grey level) and saturation (blend with grey) to an RGB8 image.
cv::Mat applyAugment(const cv::Mat &rgb, const AugmentParams &params);

} // namespace bb
