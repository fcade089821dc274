#pragma once
// Exact Euclidean k-nearest-neighbour search by a vantage-point tree (Yianilos 1993), as in
// bhtsne: O(N log N) construction and, for data of moderate intrinsic dimension, sub-linear
// queries, so t-SNE's neighbour step is not O(N^2). For high-dimensional input the tree is built
// over distance-lower-bounding sketches (see m_tree) and candidates are re-ranked exactly.

#include <QtGlobal>

#include <vector>

namespace bb {

/// A vantage-point tree over n points of dimension dim (copied, float). Immutable after
/// construction, so search() may be called from several threads at once.
class VpTree {
public:
    /// Builds the tree; `seed` picks the vantage points (the tree, hence tie order, is
    /// deterministic for a given seed).
    VpTree(const float *points, int n, int dim, quint64 seed = 0);

    int size() const { return m_n; }
    int dim() const { return m_dim; }

    /// The k nearest points to `query`, nearest first (ties broken by index), skipping the point
    /// with index `exclude` (-1 = none). Fewer than k when the tree holds fewer points.
    /// `distances` are Euclidean (not squared).
    void search(const float *query, int k, int exclude, std::vector<int> &indices,
                std::vector<float> &distances) const;

private:
    struct Candidate {
        float distance;
        int index;
        bool operator<(const Candidate &o) const
        {
            return distance < o.distance || (distance == o.distance && index < o.index);
        }
    };
    struct Query;

    void build(int lo, int hi, std::vector<int> &order, std::vector<float> &scratch, quint64 &state);
    void buildSketches();
    void sketch(const float *point, float *out) const;
    void searchRange(int lo, int hi, Query &q) const;
    void consider(int pos, float treeSq, Query &q) const;

    int m_n = 0;
    int m_dim = 0;
    std::vector<float> m_points;     ///< points in tree order, n x dim
    std::vector<int> m_ids;          ///< original index of each tree position
    std::vector<float> m_threshold;  ///< per range start: split radius (tree space) of its vantage point
    // For high dim the tree is built over sketches: coordinates in an orthonormal m-dim principal
    // subspace plus the norm of the rest. Their Euclidean distance is a lower bound of the true
    // distance (a projection is a contraction; | |a| - |b| | <= |a - b|), so pruning stays exact,
    // and being low-dimensional the tree prunes far better than in 128-d, where distances
    // concentrate. Candidates that pass are re-ranked by their exact distance.
    int m_sketchDim = 0;             ///< m; 0 = tree space is the input space (low dim)
    int m_treeDim = 0;               ///< m + 1, or dim
    std::vector<float> m_mean;       ///< dim
    std::vector<float> m_basis;      ///< m x dim, orthonormal rows
    std::vector<float> m_tree;       ///< per tree position: its tree-space coordinates
};

} // namespace bb
