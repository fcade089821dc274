#include "nn/losses.h"

#include "logging.h"

#include <algorithm>
#include <atomic>
#include <limits>

namespace bb {

EnhancedSupConLoss::EnhancedSupConLoss(SupConOptions options)
    : m_options(std::move(options))
{
    TORCH_CHECK(m_options.temperature > 0.0, "SupCon temperature must be > 0");
    if (!m_options.class_counts.empty()) {
        const int64_t max_count = *std::max_element(m_options.class_counts.begin(), m_options.class_counts.end());
        for (int64_t n : m_options.class_counts) {
            // A class with no images never appears as an anchor; weight 0 keeps it inert.
            m_class_weights.push_back(n > 0 ? static_cast<double>(max_count) / static_cast<double>(n) : 0.0);
        }
    }
}

torch::Tensor EnhancedSupConLoss::operator()(const torch::Tensor &features, const torch::Tensor &labels_in) const
{
    TORCH_CHECK(features.dim() == 2 || features.dim() == 3, "SupCon features must be [B,V,D] or [N,D]");
    torch::Tensor z;
    torch::Tensor labels = labels_in.to(torch::kLong).flatten();
    if (features.dim() == 3) {
        TORCH_CHECK(labels.size(0) == features.size(0), "SupCon: labels must be [B] for features [B,V,D]");
        const int64_t views = features.size(1);
        // View-major stacking (row v*B + i = view v of image i), as in SupContrast.
        z = torch::cat(features.unbind(1), 0);
        labels = labels.repeat({views});
    } else {
        TORCH_CHECK(labels.size(0) == features.size(0), "SupCon: labels must be [N] for features [N,D]");
        z = features;
    }
    if (m_options.normalize)
        z = torch::nn::functional::normalize(z, torch::nn::functional::NormalizeFuncOptions().dim(1).eps(1e-12));

    const int64_t n = z.size(0);
    const auto same = labels.unsqueeze(1).eq(labels.unsqueeze(0));
    const auto eye = torch::eye(n, torch::TensorOptions().dtype(torch::kBool).device(z.device()));
    const auto pos = same.logical_and(eye.logical_not());
    const auto neg = same.logical_not();

    // Anchors without a positive are dropped up front: every remaining row then has at least
    // one finite entry in its denominator, so logsumexp never sees an all -inf row (whose
    // backward would be NaN even when masked out afterwards).
    const auto pos_count = pos.sum(1);
    const auto valid = pos_count.gt(0);
    if (!valid.any().item<bool>()) {
        // Said once per process at warning level: a tiny validation split meets this in every
        // epoch (and every member of an ensemble), which would bury the log; later ones are debug.
        static std::atomic<bool> warned{false};
        if (!warned.exchange(true))
            logger()->warn("SupCon: batch of {} samples has no positive pair (no two samples of one class); loss is 0. "
                           "Further such batches are logged at debug level (--verbose)",
                           n);
        else
            logger()->debug("SupCon: batch of {} samples has no positive pair; loss is 0", n);
        return z.sum() * 0.0;
    }
    const auto rows = valid.nonzero().flatten();

    const auto sim = torch::matmul(z.index_select(0, rows), z.t()); // [A, N]
    const auto pos_r = pos.index_select(0, rows);
    const auto neg_r = neg.index_select(0, rows);
    auto logits = torch::where(neg_r, sim + m_options.margin, sim) / m_options.temperature;

    auto denom = pos_r.logical_or(neg_r);
    if (m_options.top_k > 0) {
        const int64_t k = std::min<int64_t>(m_options.top_k, n);
        // Hardness is ranked on the (margin-shifted) negative logits; non-negatives rank last
        // and are removed again by the final AND.
        const auto neg_only = torch::where(neg_r, logits.detach(),
                                           torch::full({}, -std::numeric_limits<float>::infinity(), logits.options()));
        const auto top = std::get<1>(neg_only.topk(k, 1));
        auto top_mask = torch::zeros_like(neg_r).scatter_(1, top, true).logical_and(neg_r);
        denom = pos_r.logical_or(top_mask);
    }
    const auto masked = torch::where(denom, logits,
                                     torch::full({}, -std::numeric_limits<float>::infinity(), logits.options()));
    const auto log_denominator = torch::logsumexp(masked, 1, /*keepdim=*/true);
    const auto log_prob = logits - log_denominator;
    const auto pos_f = pos_r.to(logits.scalar_type());
    const auto per_anchor = -(log_prob * pos_f).sum(1) / pos_f.sum(1);

    torch::Tensor weights;
    if (m_class_weights.empty()) {
        weights = torch::ones_like(per_anchor);
    } else {
        const auto lab = labels.index_select(0, rows);
        TORCH_CHECK(lab.min().item<int64_t>() >= 0 &&
                        lab.max().item<int64_t>() < static_cast<int64_t>(m_class_weights.size()),
                    "SupCon: label outside the configured class_counts");
        const auto table = torch::tensor(m_class_weights, torch::TensorOptions().dtype(torch::kDouble))
                               .to(per_anchor.options());
        weights = table.index_select(0, lab);
    }
    return (weights * per_anchor).sum() / weights.sum();
}

FocalLoss::FocalLoss(FocalOptions options)
    : m_options(std::move(options))
{
    TORCH_CHECK(m_options.gamma >= 0.0, "focal gamma must be >= 0");
}

torch::Tensor FocalLoss::operator()(const torch::Tensor &logits, const torch::Tensor &targets) const
{
    TORCH_CHECK(logits.dim() == 2, "focal loss expects logits [N,C]");
    const auto y = targets.to(torch::kLong).flatten();
    auto logp = torch::log_softmax(logits, 1);
    if (m_options.gamma > 0.0) {
        const auto logp_t = logp.gather(1, y.unsqueeze(1)); // [N,1]
        // -expm1(log p) is 1 - p without cancellation near p = 1; the clamp bounds the
        // derivative gamma * (1-p)^(gamma-1), which is infinite at p = 1 when gamma < 1.
        const auto one_minus = (-torch::expm1(logp_t)).clamp_min(1e-12);
        const auto factor = one_minus.pow(m_options.gamma);
        // Scaling the whole row by its sample's factor lets nll_loss pick log p_t and apply
        // alpha and the reduction exactly as cross-entropy would.
        logp = logp * factor;
    }
    torch::Tensor alpha;
    if (!m_options.alpha.empty()) {
        TORCH_CHECK(static_cast<int64_t>(m_options.alpha.size()) == logits.size(1),
                    "focal alpha must have one entry per class");
        alpha = torch::tensor(m_options.alpha, torch::TensorOptions().dtype(torch::kDouble))
                    .to(logits.options());
    }
    switch (m_options.reduction) {
    case FocalReduction::WeightedMean:
        return torch::nll_loss(logp, y, alpha, at::Reduction::Mean);
    case FocalReduction::Sum:
        return torch::nll_loss(logp, y, alpha, at::Reduction::Sum);
    case FocalReduction::None:
        return torch::nll_loss(logp, y, alpha, at::Reduction::None);
    case FocalReduction::Mean:
        return torch::nll_loss(logp, y, alpha, at::Reduction::Sum) / static_cast<double>(y.size(0));
    }
    return {};
}

} // namespace bb
