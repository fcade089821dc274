#pragma once
// Common interface of the image backbones (libtorch; include only from core .cpp files).

#include "result.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace bb {

/// nn::Sequential with a plain Tensor -> Tensor forward(), so Sequentials can nest (libtorch's
/// AnyModule cannot hold a Sequential, whose forward() is a template). Children are named
/// "0", "1", ... like Python's nn.Sequential, which keeps torchvision's state-dict keys.
class ChainImpl : public torch::nn::SequentialImpl {
public:
    using torch::nn::SequentialImpl::SequentialImpl;
    torch::Tensor forward(torch::Tensor x) { return torch::nn::SequentialImpl::forward(std::move(x)); }
};
TORCH_MODULE(Chain);

/// An image backbone: normalised RGB batch [N,3,H,W] -> globally pooled features [N, feature_dim()].
/// Parameter names are stable (registered children), so state dicts round-trip by name.
class BackboneImpl : public torch::nn::Module {
public:
    /// The last feature map [N, feature_dim(), h, w], before any pooling.
    virtual torch::Tensor feature_map(const torch::Tensor &x) = 0;
    /// The output maps of the last `n` stages (1 <= n <= stage_count()), earlier first; the last
    /// is feature_map(x). One forward pass.
    virtual std::vector<torch::Tensor> stage_maps(const torch::Tensor &x, int n) = 0;
    /// Channels of every stage's output map, first stage first; the last is feature_dim().
    virtual std::vector<int64_t> stage_dims() const = 0;
    /// Pooled features [N, feature_dim()] (global average pooling of the last feature map).
    virtual torch::Tensor forward_features(const torch::Tensor &x) = 0;
    /// Length of the vector forward_features() returns per image.
    virtual int64_t feature_dim() const = 0;
    /// The name makeBackbone() knows this backbone by (see backbonenames.h).
    virtual std::string backbone_name() const = 0;
    /// Seeds the backbone's own random draws in training (stochastic depth) for what follows,
    /// from a generator of its own: the draws do not depend on what other threads draw (the
    /// members of an ensemble train side by side). No-op for a backbone without any.
    virtual void reseed(uint64_t /*seed*/) {}
};
using BackbonePtr = std::shared_ptr<BackboneImpl>;

/// Options shared by the backbone factory.
struct BackboneOptions {
    /// Stochastic-depth / dropout style regularisers are built in training form; eval() disables them.
    double stochastic_depth_prob = 0.2; ///< EfficientNet-B0 only (torchvision default 0.2)
    /// "compact" only: stage widths; empty = CompactNetOptions' default {32, 64, 128}. The
    /// last width is feature_dim(). Narrower stages train faster (cost ~ width^2).
    std::vector<int64_t> compact_widths;
};

/// Builds the backbone called `name` (one of backboneNames()) with from-scratch init
/// (uses the global torch RNG: call torch::manual_seed first for reproducibility).
/// EfficientNet-B0 is built without its 1000-class classifier. Never throws.
Result<BackbonePtr> makeBackbone(const std::string &name, const BackboneOptions &options = {});

} // namespace bb
