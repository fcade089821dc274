#pragma once
// A compact CNN backbone that learns quickly on a 2-core CPU from small inputs
// (28-64 px, e.g. Fashion-MNIST-like photos replicated to RGB).
//
// Architecture (widths w = {32, 64, 128} by default, every conv 3x3 / padding 1 / no bias,
// each followed by BatchNorm2d(eps 1e-5, momentum 0.1) and ReLU):
//
//   stage 1: conv(3   -> w0), conv(w0 -> w0), max-pool 2x2     28x28 -> 14x14
//   stage 2: conv(w0  -> w1), conv(w1 -> w1), max-pool 2x2     14x14 ->  7x7
//   stage 3: conv(w1  -> w2), conv(w2 -> w2)                   7x7 (no pooling: keeps detail)
//   global average pool -> w2 features (128)
//
// ~0.29 M parameters, ~30 M multiply-adds per 28x28 image forward. Module names:
// "stages.<s>.<i>.{0 conv,1 bn}" (Sequential of conv-bn-relu triples), so checkpoints are stable.
// Kaiming-normal (fan_out, ReLU) conv init, BN weight 1 / bias 0.

#include "nn/backbone.h"

#include <vector>

namespace bb {

/// Options of CompactNet; the defaults are what makeBackbone("compact") builds.
struct CompactNetOptions {
    std::vector<int64_t> widths = {32, 64, 128}; ///< output channels of the stages
    int64_t in_channels = 3;
};

/// The compact backbone described above.
class CompactNetImpl : public BackboneImpl {
public:
    explicit CompactNetImpl(const CompactNetOptions &options = {});
    torch::Tensor feature_map(const torch::Tensor &x) override;
    std::vector<torch::Tensor> stage_maps(const torch::Tensor &x, int n) override;
    std::vector<int64_t> stage_dims() const override { return m_widths; }
    torch::Tensor forward_features(const torch::Tensor &x) override;
    torch::Tensor forward(const torch::Tensor &x) { return forward_features(x); }
    int64_t feature_dim() const override { return m_feature_dim; }
    std::string backbone_name() const override { return "compact"; }

private:
    torch::nn::ModuleList m_stages{nullptr};
    std::vector<int64_t> m_widths;
    int64_t m_feature_dim = 0;
};
TORCH_MODULE(CompactNet);

} // namespace bb
