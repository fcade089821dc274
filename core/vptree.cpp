#include "vptree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

namespace bb {
namespace {

// Ranges this small are scanned linearly: cheaper than descending further.
constexpr int kLeafSize = 16;

// Exact distances dominate the neighbour search (D is typically 64..1280). Eight independent
// accumulators let the compiler vectorise without -ffast-math; the AVX2 clone is picked at load
// time on CPUs that have it, so the binary still runs on plain x86-64.
// The squared distance, except that it may stop early and return any value > bound once the
// partial sum exceeds it: a candidate farther than the current k-th neighbour needs no more.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
float squaredDistanceBounded(const float *a, const float *b, int dim, float bound)
{
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int j = 0;
    while (j + 8 <= dim) {
        const int stop = std::min(dim - dim % 8, j + 32);
        for (; j < stop; j += 8) {
            for (int l = 0; l < 8; ++l) {
                const float d = a[j + l] - b[j + l];
                acc[l] += d * d;
            }
        }
        const float partial = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        if (partial > bound)
            return partial;
    }
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; j < dim; ++j) {
        const float d = a[j] - b[j];
        s += d * d;
    }
    return s;
}

// Tree-space distances are short (<= 32 coordinates): inline, no dispatch through the clones.
inline float squaredDistanceShort(const float *a, const float *b, int dim)
{
    float acc[4] = {0, 0, 0, 0};
    int j = 0;
    for (; j + 4 <= dim; j += 4)
        for (int l = 0; l < 4; ++l) {
            const float d = a[j + l] - b[j + l];
            acc[l] += d * d;
        }
    float s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (; j < dim; ++j) {
        const float d = a[j] - b[j];
        s += d * d;
    }
    return s;
}

quint64 splitmix(quint64 &state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

// Max-heap of the best k so far; its top is the current search radius tau.
struct VpTree::Query {
    const float *point;
    const float *treePoint; // the query in tree space (its sketch, or the point itself)
    int k;
    int exclude;
    std::priority_queue<Candidate> heap;
    float tau = std::numeric_limits<float>::infinity();

    void offer(float d, int index)
    {
        if (index == exclude)
            return;
        const Candidate c{d, index};
        if (int(heap.size()) < k) {
            heap.push(c);
        } else if (c < heap.top()) {
            heap.pop();
            heap.push(c);
        } else {
            return;
        }
        if (int(heap.size()) == k)
            tau = heap.top().distance;
    }
};

VpTree::VpTree(const float *points, int n, int dim, quint64 seed) : m_n(n), m_dim(dim)
{
    std::vector<int> order(size_t(std::max(n, 0)));
    for (int i = 0; i < n; ++i)
        order[size_t(i)] = i;
    m_threshold.assign(order.size(), 0.f);
    m_points.assign(points, points + size_t(n) * size_t(dim));
    // The tree is built in "tree space": the sketches when the dimension is high, else the
    // points themselves. Sketch distances are lower bounds of true distances, so pruning with
    // them is still exact, and the sketches' low dimension lets the tree actually prune.
    buildSketches();
    if (m_sketchDim == 0) {
        m_treeDim = dim;
        m_tree = m_points;
    }
    std::vector<float> scratch(order.size());
    quint64 state = seed ^ 0x5DEECE66Dull;
    build(0, n, order, scratch, state);
    // Store points and sketches in tree order so that a query reads memory in descent order.
    std::vector<float> sortedPoints(m_points.size()), sortedTree(m_tree.size());
    for (int pos = 0; pos < n; ++pos) {
        const size_t from = size_t(order[size_t(pos)]);
        std::copy_n(points + from * size_t(dim), dim, sortedPoints.begin() + size_t(pos) * size_t(dim));
        std::copy_n(m_tree.begin() + from * size_t(m_treeDim), m_treeDim, sortedTree.begin() + size_t(pos) * size_t(m_treeDim));
    }
    m_points.swap(sortedPoints);
    m_tree.swap(sortedTree);
    m_ids.swap(order);
}

void VpTree::buildSketches()
{
    // Only worth it when a distance is much dearer than a sketch comparison.
    if (m_dim < 32 || m_n < 2 * kLeafSize)
        return;
    const int m = 16;
    const int dim = m_dim;
    // The basis only decides how tight the bound is, not whether it holds, so a strided sample
    // of at most 2048 points is enough to estimate the principal subspace.
    const int step = std::max(1, m_n / 2048);
    std::vector<double> mean(size_t(dim), 0.0);
    int samples = 0;
    for (int pos = 0; pos < m_n; pos += step, ++samples)
        for (int c = 0; c < dim; ++c)
            mean[size_t(c)] += m_points[size_t(pos) * dim + c];
    for (double &v : mean)
        v /= samples;
    std::vector<double> cov(static_cast<size_t>(dim) * dim, 0.0), xc(static_cast<size_t>(dim));
    for (int pos = 0; pos < m_n; pos += step) {
        for (int c = 0; c < dim; ++c)
            xc[size_t(c)] = m_points[size_t(pos) * dim + c] - mean[size_t(c)];
        for (int a = 0; a < dim; ++a)
            for (int b = a; b < dim; ++b)
                cov[size_t(a) * dim + b] += xc[size_t(a)] * xc[size_t(b)];
    }
    for (int a = 0; a < dim; ++a)
        for (int b = 0; b < a; ++b)
            cov[size_t(a) * dim + b] = cov[size_t(b) * dim + a];
    // Subspace iteration with Gram-Schmidt; deterministic start.
    std::vector<double> v(size_t(m) * dim), w(size_t(m) * dim);
    quint64 state = 0x51E7C4ull;
    for (double &x : v)
        x = double(splitmix(state) >> 11) / double(1ull << 53) - 0.5;
    // The lower bound is only valid for an orthonormal basis: Gram-Schmidt twice ("twice is
    // enough"), and rows that are numerically zero (rank-deficient data) are dropped to exact zeros
    // rather than normalised noise.
    auto orthonormalise = [&](std::vector<double> &u) {
        double largest = 0;
        for (int r = 0; r < m; ++r) {
            double *ur = u.data() + size_t(r) * dim;
            double before = 0;
            for (int c = 0; c < dim; ++c)
                before += ur[c] * ur[c];
            before = std::sqrt(before);
            largest = std::max(largest, before);
            for (int pass = 0; pass < 2; ++pass)
                for (int q = 0; q < r; ++q) {
                    const double *uq = u.data() + size_t(q) * dim;
                    double dot = 0;
                    for (int c = 0; c < dim; ++c)
                        dot += ur[c] * uq[c];
                    for (int c = 0; c < dim; ++c)
                        ur[c] -= dot * uq[c];
                }
            double norm = 0;
            for (int c = 0; c < dim; ++c)
                norm += ur[c] * ur[c];
            norm = std::sqrt(norm);
            const bool keep = norm > 1e-6 * before && norm > 1e-12 * largest && norm > 1e-300;
            for (int c = 0; c < dim; ++c)
                ur[c] = keep ? ur[c] / norm : 0.0;
        }
    };
    orthonormalise(v);
    for (int it = 0; it < 20; ++it) {
        for (int r = 0; r < m; ++r)
            for (int a = 0; a < dim; ++a) {
                double s = 0;
                for (int b = 0; b < dim; ++b)
                    s += cov[size_t(a) * dim + b] * v[size_t(r) * dim + b];
                w[size_t(r) * dim + a] = s;
            }
        orthonormalise(w);
        v.swap(w);
    }
    m_sketchDim = m;
    m_treeDim = m + 1;
    m_mean.assign(mean.begin(), mean.end());
    m_basis.assign(v.begin(), v.end());
    m_tree.resize(size_t(m_n) * size_t(m_treeDim));
    for (int i = 0; i < m_n; ++i)
        sketch(m_points.data() + size_t(i) * dim, m_tree.data() + size_t(i) * size_t(m_treeDim));
}

void VpTree::sketch(const float *point, float *out) const
{
    const int m = m_sketchDim;
    double total = 0, inSpan = 0;
    for (int c = 0; c < m_dim; ++c) {
        const double d = double(point[c]) - m_mean[size_t(c)];
        total += d * d;
    }
    for (int r = 0; r < m; ++r) {
        const float *b = m_basis.data() + size_t(r) * m_dim;
        double s = 0;
        for (int c = 0; c < m_dim; ++c)
            s += (double(point[c]) - m_mean[size_t(c)]) * b[c];
        out[r] = float(s);
        inSpan += s * s;
    }
    out[m] = float(std::sqrt(std::max(0.0, total - inSpan)));
}

void VpTree::build(int lo, int hi, std::vector<int> &order, std::vector<float> &scratch, quint64 &state)
{
    // Iterative on the right half, recursive on the left: depth stays O(log N).
    while (hi - lo > kLeafSize) {
        const int pick = lo + int(splitmix(state) % quint64(hi - lo));
        std::swap(order[size_t(lo)], order[size_t(pick)]);
        const float *vantage = m_tree.data() + size_t(order[size_t(lo)]) * size_t(m_treeDim);
        for (int p = lo + 1; p < hi; ++p)
            scratch[size_t(order[size_t(p)])] = std::sqrt(
                squaredDistanceShort(vantage, m_tree.data() + size_t(order[size_t(p)]) * size_t(m_treeDim), m_treeDim));
        const int mid = lo + 1 + (hi - lo - 1) / 2;
        std::nth_element(order.begin() + lo + 1, order.begin() + mid, order.begin() + hi, [&](int a, int b) {
            const float da = scratch[size_t(a)], db = scratch[size_t(b)];
            return da < db || (da == db && a < b);
        });
        m_threshold[size_t(lo)] = scratch[size_t(order[size_t(mid)])];
        build(lo + 1, mid, order, scratch, state);
        lo = mid;
    }
}

void VpTree::consider(int pos, float treeSq, Query &q) const
{
    const float bound = q.tau * q.tau;
    if (m_sketchDim == 0) { // tree space is the input space: treeSq is the distance
        if (treeSq <= bound)
            q.offer(std::sqrt(treeSq), m_ids[size_t(pos)]);
        return;
    }
    // The sketch distance is a lower bound; the margin covers float rounding, so no true
    // neighbour is ever rejected.
    if (treeSq > bound * 1.001f + 1e-30f)
        return;
    const float d2 = squaredDistanceBounded(q.point, m_points.data() + size_t(pos) * size_t(m_dim), m_dim, bound);
    if (d2 <= bound)
        q.offer(std::sqrt(d2), m_ids[size_t(pos)]);
}

void VpTree::searchRange(int lo, int hi, Query &q) const
{
    const float *qt = q.treePoint;
    while (lo < hi) {
        if (hi - lo <= kLeafSize) {
            for (int p = lo; p < hi; ++p)
                consider(p, squaredDistanceShort(qt, m_tree.data() + size_t(p) * size_t(m_treeDim), m_treeDim), q);
            return;
        }
        // Left range [lo+1, mid): tree distance to the vantage point <= threshold; right
        // [mid, hi): >=. The triangle inequality in tree space bounds the tree distance of every
        // point of a range, which bounds its true distance from below: prune a range when that
        // bound exceeds the current k-th distance tau (with a rounding margin).
        const float dsq = squaredDistanceShort(qt, m_tree.data() + size_t(lo) * size_t(m_treeDim), m_treeDim);
        consider(lo, dsq, q);
        const float d = std::sqrt(dsq);
        const float tau = q.tau * 1.0005f + 1e-30f;
        const int mid = lo + 1 + (hi - lo - 1) / 2;
        const float t = m_threshold[size_t(lo)];
        if (d < t) {
            if (d - tau <= t)
                searchRange(lo + 1, mid, q);
            if (d + q.tau * 1.0005f >= t) {
                lo = mid;
                continue;
            }
        } else {
            if (d + tau >= t)
                searchRange(mid, hi, q);
            if (d - q.tau * 1.0005f <= t) {
                hi = mid;
                ++lo;
                continue;
            }
        }
        return;
    }
}

void VpTree::search(const float *query, int k, int exclude, std::vector<int> &indices,
                    std::vector<float> &distances) const
{
    indices.clear();
    distances.clear();
    if (k <= 0 || m_n == 0)
        return;
    Query q{query, nullptr, k, exclude, {}, std::numeric_limits<float>::infinity()};
    std::vector<float> querySketch;
    if (m_sketchDim > 0) {
        querySketch.resize(size_t(m_treeDim));
        sketch(query, querySketch.data());
        q.treePoint = querySketch.data();
    } else {
        q.treePoint = query;
    }
    searchRange(0, m_n, q);
    const size_t found = q.heap.size();
    indices.resize(found);
    distances.resize(found);
    for (size_t r = found; r-- > 0;) {
        indices[r] = q.heap.top().index;
        distances[r] = q.heap.top().distance;
        q.heap.pop();
    }
}

} // namespace bb
