#pragma once
// Training losses (libtorch; include only from core .cpp files): the enhanced supervised
// contrastive loss of the representation stage and the focal loss of the classification head.

#include <torch/torch.h>

#include <vector>

namespace bb {

/// Configuration of EnhancedSupConLoss.
struct SupConOptions {
    double temperature = 0.1;
    /// Added to the cosine similarity of every negative pair before dividing by the
    /// temperature: l_an = (s_an + margin) / T. 0 = plain SupCon.
    double margin = 0.0;
    /// Only the top_k most similar (hardest) negatives of each anchor, plus all its positives,
    /// enter the denominator; top_k <= 0 keeps every negative.
    int64_t top_k = 0;
    /// Per-class image counts N_c (index = label). Empty = every class weighs 1; otherwise the
    /// anchor of class c weighs w_c = max_c' N_c' / N_c (labels must index non-zero counts).
    std::vector<int64_t> class_counts;
    /// l2-normalise the features along D first (harmless for already normalised z).
    bool normalize = true;
};

/// Enhanced supervised contrastive loss (Khosla et al. 2020, L_out form) with class weights,
/// margin on negatives and top-k hard negatives:
///
///   s_ij = z_i . z_j;  l_ij = s_ij / T for positives, (s_ij + margin) / T for negatives
///   P(i) = same label, j != i;  D(i) = P(i) u topk_neg(i)
///   L_i  = -1/|P(i)| sum_{p in P(i)} [ l_ip - log sum_{a in D(i)} exp(l_ia) ]
///   L    = sum_{i: |P(i)|>0} w_{y_i} L_i / sum_{i: |P(i)|>0} w_{y_i}
///
/// No base-temperature factor. Anchors without a positive are left out of the mean (not
/// counted as 0); a batch without any positive pair returns 0 (still attached to the graph so
/// backward() works) and logs a warning. Never NaN/inf for finite input.
class EnhancedSupConLoss {
public:
    explicit EnhancedSupConLoss(SupConOptions options = {});

    /// features [B,V,D] with labels [B] (V views of each image), or [N,D] with labels [N]
    /// (views already stacked along the batch). Returns a scalar.
    torch::Tensor operator()(const torch::Tensor &features, const torch::Tensor &labels) const;

    const SupConOptions &options() const { return m_options; }
    /// The per-class weights w_c in use (empty when class_counts is empty).
    const std::vector<double> &class_weights() const { return m_class_weights; }

private:
    SupConOptions m_options;
    std::vector<double> m_class_weights;
};

/// Reduction of FocalLoss.
enum class FocalReduction {
    /// sum_i l_i / sum_i alpha[y_i] — F.cross_entropy(weight=alpha)'s 'mean'; the default.
    WeightedMean,
    Mean, ///< sum_i l_i / N
    Sum,
    None, ///< per-sample [N]
};

/// Configuration of FocalLoss.
struct FocalOptions {
    std::vector<double> alpha; ///< per-class alpha_c (index = label); empty = all 1
    double gamma = 2.0;       ///< >= 0; 0 = alpha-weighted cross-entropy
    FocalReduction reduction = FocalReduction::WeightedMean;
};

/// Softmax focal loss l_i = -alpha[y_i] (1 - p_t)^gamma log p_t with log p_t taken from
/// log_softmax (Lin et al. 2017). Finite values and gradients as p_t -> 0 and p_t -> 1 for
/// any gamma >= 0 ((1 - p_t) is computed as -expm1(log p_t) and clamped at 1e-12 before the
/// power, so gamma < 1 has no infinite derivative). With gamma = 0 the computation is exactly
/// torch::nll_loss(log_softmax(z), y, alpha), i.e. cross-entropy.
class FocalLoss {
public:
    explicit FocalLoss(FocalOptions options = {});
    /// logits [N,C], targets [N] (int64 class indices).
    torch::Tensor operator()(const torch::Tensor &logits, const torch::Tensor &targets) const;
    const FocalOptions &options() const { return m_options; }

private:
    FocalOptions m_options;
};

} // namespace bb
