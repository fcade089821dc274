#pragma once
// EnhancedEncoder: backbone -> global pooling -> optional attention gate -> MLP projection
// head -> l2 normalisation (DESIGN.md step 4). libtorch; include only from core .cpp files.
//
// Global pooling is the average of the last feature map (torchvision's), or its average and
// its maximum side by side ("avgmax", twice the backbone's width): the maximum keeps a small
// part that is present anywhere (a strap, a sleeve's end) that the average dilutes. It may pool
// the maps of the last few backbone stages and put them side by side (pool_stages): an earlier
// stage's map is finer (14x14 against 7x7 for the compact backbone at 28 px) and its features
// are smaller parts.

#include "nn/backbone.h"

namespace bb {

/// Shape of the heads on top of the backbone.
struct EncoderOptions {
    enum class Pooling { Average, AverageMax };
    Pooling pooling = Pooling::Average; ///< global pooling of the backbone's last feature map
    int pool_stages = 1;                ///< the maps of this many last backbone stages are pooled
    bool attention = true;          ///< gate a = sigmoid(W2 ReLU(W1 f)), f <- f * a
    int64_t attention_reduction = 4; ///< W1: F -> max(1, F / reduction), W2: back to F
    int64_t projection_hidden = 512; ///< hidden width of the projection MLP; 0 = one Linear
    int64_t projection_dim = 128;   ///< length of z
};

/// Supervised-contrastive encoder. Submodules: "backbone" (the BackboneImpl given),
/// "attention" (Sequential Linear-ReLU-Linear, absent when disabled) and "projection"
/// (Sequential Linear-ReLU-Linear, or one Linear). Inputs are normalised RGB [N,3,H,W].
class EnhancedEncoderImpl : public torch::nn::Module {
public:
    EnhancedEncoderImpl(BackbonePtr backbone, const EncoderOptions &options = {});

    /// l2-normalised projection z [N, projection_dim()] — what the SupCon loss consumes.
    torch::Tensor forward(const torch::Tensor &x);
    /// The embedding the classification head consumes: pooled backbone features after the
    /// attention gate (equal to features(x) when attention is off), [N, feature_dim()].
    /// Not normalised and not projected: the projection head is discarded after SupCon.
    torch::Tensor embed(const torch::Tensor &x);
    /// Pooled backbone features before the attention gate, [N, feature_dim()].
    torch::Tensor features(const torch::Tensor &x);
    /// Pools a backbone feature map [N, C, h, w] as the options say: [N, C] or [N, 2C].
    torch::Tensor pool(const torch::Tensor &map) const;

    /// Applies the attention gate to pooled features f [N, feature_dim()].
    torch::Tensor gate(const torch::Tensor &f);
    /// Projection head + l2 normalisation applied to gated features [N, feature_dim()].
    torch::Tensor project(const torch::Tensor &gated);

    /// Width of the pooled features (the backbone's, twice that with average + max pooling).
    int64_t feature_dim() const;
    int64_t projection_dim() const { return m_options.projection_dim; }
    const EncoderOptions &options() const { return m_options; }
    BackbonePtr backbone() const { return m_backbone; }

private:
    EncoderOptions m_options;
    BackbonePtr m_backbone;
    torch::nn::Sequential m_attention{nullptr};
    torch::nn::Sequential m_projection{nullptr};
};
TORCH_MODULE(EnhancedEncoder);

/// An ensemble: K encoders of one shape, initialised and trained independently side by side
/// (TrainingConfig::members). Their embeddings are used side by side, member 0's first, and
/// each member has a classification head of its own (ClassifierHeadSet).
///
/// Files (checkpoints, bundles) hold stored(): the member itself when there is only one, so a
/// single model's tensors keep the names they had before ensembles ("backbone.…"), and the
/// members' list otherwise ("0.backbone.…", "1.backbone.…").
class EncoderSetImpl : public torch::nn::Module {
public:
    explicit EncoderSetImpl(const std::vector<EnhancedEncoder> &members);
    size_t size() const { return m_members->size(); }
    EnhancedEncoder member(size_t k) const;
    /// The members' embeddings side by side, [N, feature_dim()].
    torch::Tensor embed(const torch::Tensor &x);
    /// One member's embedding width (all members have the same shape).
    int64_t member_dim() const { return m_member_dim; }
    /// Width of embed(): size() * member_dim().
    int64_t feature_dim() const { return int64_t(size()) * m_member_dim; }
    /// What a file holds; see the class comment.
    std::shared_ptr<torch::nn::Module> stored() const;

private:
    torch::nn::ModuleList m_members{nullptr};
    int64_t m_member_dim = 0;
};
TORCH_MODULE(EncoderSet);

/// The module a file holds for `list`: its only element, or the list itself (elements "0", "1", …).
std::shared_ptr<torch::nn::Module> storedModule(const torch::nn::ModuleList &list);

/// Builds backbone `backbone_name` (see makeBackbone) wrapped in an EnhancedEncoder. Never throws.
Result<EnhancedEncoder> makeEncoder(const std::string &backbone_name, const EncoderOptions &options = {},
                                    const BackboneOptions &backbone_options = {});

} // namespace bb
