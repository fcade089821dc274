#pragma once
// The one place where RGB8 images become normalised network input (STYLE.md libtorch idioms).

#include <torch/torch.h>

#include <opencv2/core.hpp>

#include <array>

namespace bb {

/// Per-channel normalisation (x / 255 - mean) / std, RGB order.
struct Normalization {
    std::array<float, 3> mean = {0.485f, 0.456f, 0.406f}; ///< ImageNet (torchvision)
    std::array<float, 3> std = {0.229f, 0.224f, 0.225f};
};

/// CV_8UC3 RGB [H,W] -> float tensor [3,H,W] normalised with `norm` (owns its memory).
torch::Tensor rgbToTensor(const cv::Mat &rgb, const Normalization &norm = {});

} // namespace bb
