#pragma once
// Live t-SNE engine (issue 4): sparse perplexity-calibrated affinities over exact k nearest
// neighbours (vantage-point tree), Barnes-Hut or exact repulsion in 2-D, gradient descent with
// gains and momentum, warm start with Procrustes alignment. Torch-free, multi-threaded,
// deterministic for a given seed (the result does not depend on the thread count either).

#include "result.h"

#include <QtGlobal>

#include <functional>
#include <vector>

namespace bb {

class JobControl;

/// How the repulsive (normalisation) forces are computed.
enum class TsneRepulsion {
    Auto,      ///< Barnes-Hut (chosen by measurement, see tests/bench/RESULTS-tsne.md)
    BarnesHut, ///< quadtree, O(N log N) per iteration, accuracy set by TsneOptions::theta
    Exact,     ///< all pairs, O(N^2) per iteration; for small N and for tests
};

/// Parameters of one t-SNE run. Defaults follow sklearn/openTSNE (REFERENCES.md 5).
struct TsneOptions {
    double perplexity = 30.0;           ///< clamped so that 3 * perplexity < N (logged)
    int iterations = 1000;              ///< total iterations, early exaggeration included
    quint64 seed = 0;
    int threads = 0;                    ///< 0 = all hardware threads
    TsneRepulsion repulsion = TsneRepulsion::Auto;
    double theta = 0.5;                 ///< Barnes-Hut opening angle
    /// Step size in the bhtsne/openTSNE scale (gradient without the factor 4);
    /// 0 = auto = max(N / 12, 50).
    double learning_rate = 0.0;
    double early_exaggeration = 12.0;
    int early_exaggeration_iterations = 250;
    int kl_every = 50;                  ///< KL divergence is computed every this many iterations

    /// Warm start: a previous layout (x, y per point, row-major) for the first init.size() / 2
    /// points. Rows with a non-finite coordinate and points beyond the end are new: they start at
    /// the position of their nearest (input-space) known neighbour. Early exaggeration is skipped
    /// and, with align_to_init, the result is rotated/reflected and translated onto the old layout.
    /// A live update needs far fewer iterations than a cold run (~300: a t-SNE layout keeps
    /// slowly expanding, so more iterations mean more apparent motion, see RESULTS-tsne.md).
    std::vector<float> init;
    bool align_to_init = true;

    /// Optional observer, called on the worker thread every kl_every iterations with the current
    /// layout (for a live view) and its KL divergence (of the true, unexaggerated P). Must not
    /// block for long.
    std::function<void(int iteration, double kl_divergence, const std::vector<float> &layout)> on_snapshot;
};

/// The outcome of Tsne::run().
struct TsneResult {
    std::vector<float> layout;   ///< N x 2, row-major
    double kl_divergence = 0.0;  ///< KL(P || Q) of the final layout, see Tsne::run()
    double perplexity = 0.0;     ///< the perplexity actually used (after clamping)
    int iterations = 0;          ///< iterations run
    double seconds = 0.0;        ///< wall time of the whole run
    double knn_seconds = 0.0;    ///< of which neighbour search + affinities
};

/// Symmetric joint probabilities P (sum 1) in compressed sparse rows; columns sorted per row.
struct TsneAffinities {
    int n = 0;
    std::vector<qint64> row_start; ///< n + 1 offsets into columns/values
    std::vector<int> columns;
    std::vector<double> values;

    /// p_ij, 0 where not stored.
    double at(int i, int j) const;
};

/// t-SNE in two dimensions. All functions are reentrant; run() may be called from any thread.
class Tsne {
public:
    /// Embeds the N = data.size() / dim points of `data` (row-major) in 2-D.
    /// Fails on bad input (dim < 1, ragged size, non-finite values) or when `control` is
    /// cancelled. N <= 3 yields a trivial layout. The reported KL divergence is exact over the
    /// sparse P, with the normalisation Z from the same (Barnes-Hut or exact) evaluation that
    /// the gradient uses, which is how sklearn computes `kl_divergence_`.
    /// `control` (optional) is polled every iteration and gets report(iteration, iterations,
    /// "KL ...") progress.
    static Result<TsneResult> run(const std::vector<float> &data, int dim, const TsneOptions &options = {},
                                  JobControl *control = nullptr);

    /// The affinities P for perplexity `perplexity` over k = floor(3 * perplexity) exact nearest
    /// neighbours: per-point binary search on the Gaussian precision (entropy tolerance 1e-5,
    /// at most 100 steps, as sklearn's _binary_search_perplexity), then P = (P + P^T) / sum.
    /// The caller ensures 3 * perplexity < N.
    static Result<TsneAffinities> affinities(const std::vector<float> &data, int dim, double perplexity,
                                             int threads = 0, quint64 seed = 0);

    /// Gradient of the per-point forces for layout `y` (N x 2): grad = exaggeration * attraction
    /// - repulsion / Z, i.e. dKL/dy / 4 (the bhtsne/openTSNE convention). theta 0 = exact.
    /// Returns Z = sum over i != j of (1 + |y_i - y_j|^2)^-1 as evaluated.
    static double gradient(const TsneAffinities &p, const std::vector<double> &y, double theta,
                           double exaggeration, std::vector<double> &grad, int threads = 1);

    /// Exact KL(P || Q) for layout `y` (all-pairs Z; O(N^2), for tests and small N).
    static double klDivergence(const TsneAffinities &p, const std::vector<double> &y);

    /// `layout` rotated/reflected and translated (no scaling) to best match `reference` in the
    /// least-squares sense over the first `count` points (orthogonal Procrustes).
    static std::vector<float> alignTo(const std::vector<float> &layout, const std::vector<float> &reference,
                                      int count);
};

} // namespace bb
