#pragma once
// Strong augmentation of the contrastive views (DESIGN.md step 4): random resized crop,
// horizontal flip, colour jitter, Gaussian blur and, for colour data, random greyscale.

#include "splitter.h"

#include <opencv2/core.hpp>

namespace bb {

struct ViewAugmentOptions {
    int out_size = 28;
    double crop_scale_min = 0.6; ///< crop area fraction drawn from [crop_scale_min, 1]
    double crop_ratio_min = 3.0 / 4.0;
    double crop_ratio_max = 4.0 / 3.0;
    double flip_probability = 0.5;
    double jitter_probability = 0.8;
    double jitter = 0.4;          ///< brightness and contrast factors in [1 - jitter, 1 + jitter]
    double saturation = 0.4;      ///< colour data only
    double blur_probability = 0.3;
    double grayscale_probability = 0.2;
    /// Random erasing (torchvision RandomErasing, value="random"): with this probability a
    /// rectangle of 2-33 % of the view, aspect ratio in [0.3, 3.3], is filled with noise.
    double erase_probability = 0.0;
    bool colour = true;           ///< false for grey datasets: no saturation or greyscale step
};

/// One random view of an RGB8 image, out_size x out_size RGB8. Deterministic for the RNG state.
cv::Mat makeView(const cv::Mat &rgb, const ViewAugmentOptions &options, Rng &rng);

/// True when every pixel has R == G == B.
bool isGreyImage(const cv::Mat &rgb);

} // namespace bb
