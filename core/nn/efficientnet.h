#pragma once
// EfficientNet-B0 in libtorch with torchvision 0.14's exact module tree, so parameter and
// buffer names match torchvision's state dict key for key (features.0.0.weight,
// features.1.0.block.0.0.weight, ..., classifier.1.bias: 360 entries, 5,288,548 parameters
// with the 1000-class classifier). See REFERENCES.md section 3.

#include "nn/backbone.h"

namespace bb {

/// Construction options; the defaults are torchvision's efficientnet_b0().
struct EfficientNetOptions {
    /// Classifier outputs; 0 builds no classifier (a pure backbone: 352 state-dict entries).
    int64_t num_classes = 1000;
    double dropout = 0.2;               ///< classifier.0 Dropout
    double stochastic_depth_prob = 0.2; ///< block i drops its residual branch with p = prob * i / 16
};

/// Squeeze-and-excitation: x * sigmoid(fc2(SiLU(fc1(avgpool(x))))), fc1/fc2 1x1 convs with bias.
class SqueezeExcitationImpl : public torch::nn::Module {
public:
    SqueezeExcitationImpl(int64_t channels, int64_t squeeze_channels);
    torch::Tensor forward(const torch::Tensor &x);

private:
    torch::nn::Conv2d m_fc1{nullptr};
    torch::nn::Conv2d m_fc2{nullptr};
};
TORCH_MODULE(SqueezeExcitation);

/// One MBConv block: [expand 1x1] -> depthwise kxk -> SE -> project 1x1 (registered as
/// "block", an nn::Sequential), plus a stochastic-depth residual when stride 1 and in == out.
class MBConvImpl : public torch::nn::Module {
public:
    MBConvImpl(int64_t expand_ratio, int64_t kernel, int64_t stride, int64_t in_channels,
               int64_t out_channels, double stochastic_depth_prob);
    torch::Tensor forward(const torch::Tensor &x);
    double stochastic_depth_prob() const { return m_sd_prob; }
    bool has_residual() const { return m_residual; }
    /// The generator stochastic depth draws from (default: torch's global one).
    void set_generator(const at::Generator &g) { m_gen = g; }

private:
    Chain m_block{nullptr};
    bool m_residual = false;
    double m_sd_prob = 0.0;
    c10::optional<at::Generator> m_gen;
};
TORCH_MODULE(MBConv);

/// Row-mode stochastic depth (torchvision.ops.stochastic_depth): in training, each sample's
/// `x` is zeroed with probability p and otherwise scaled by 1/(1-p); identity in eval or p == 0.
/// Draws from `gen` when given, else from torch's global generator.
torch::Tensor stochasticDepth(const torch::Tensor &x, double p, bool training, c10::optional<at::Generator> gen = c10::nullopt);

/// EfficientNet-B0. forward() returns classifier logits (requires num_classes > 0);
/// forward_features() the 1280-d pooled features; feature_map() the [N,1280,H/32,W/32] map.
/// Initialised like torchvision (kaiming-normal fan_out convs, BN 1/0, Linear U(+-1/sqrt(out))).
class EfficientNetB0Impl : public BackboneImpl {
public:
    explicit EfficientNetB0Impl(const EfficientNetOptions &options = {});

    torch::Tensor forward(const torch::Tensor &x);
    torch::Tensor feature_map(const torch::Tensor &x) override;
    /// Stages are the nine children of "features": stem, seven MBConv stages, the 1x1 head conv.
    std::vector<torch::Tensor> stage_maps(const torch::Tensor &x, int n) override;
    std::vector<int64_t> stage_dims() const override { return {32, 16, 24, 40, 80, 112, 192, 320, 1280}; }
    torch::Tensor forward_features(const torch::Tensor &x) override;
    int64_t feature_dim() const override { return 1280; }
    std::string backbone_name() const override { return "efficientnet_b0"; }
    /// Every block's stochastic depth draws from one generator of this backbone, seeded here.
    void reseed(uint64_t seed) override;

    /// Re-runs torchvision's initialisation on every submodule (uses the global torch RNG).
    void reset_parameters();

private:
    Chain m_features{nullptr};
    Chain m_classifier{nullptr};
    at::Generator m_gen; ///< undefined until reseed()
};
TORCH_MODULE(EfficientNetB0);

} // namespace bb
