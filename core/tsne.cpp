#include "tsne.h"

#include "jobcontrol.h"
#include "logging.h"
#include "vptree.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

namespace bb {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

int resolveThreads(int requested)
{
    if (requested > 0)
        return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? int(hw) : 1;
}

// A tiny fork-join pool kept for the whole run: t-SNE does ~1000 short parallel steps, so
// starting threads per step (or per QtConcurrent task) would cost more than small-N steps take.
// Work is handed out in chunks through an atomic counter; every task writes only its own
// points' outputs, so results never depend on the thread count or the schedule.
class WorkerPool {
public:
    explicit WorkerPool(int threads)
    {
        for (int t = 1; t < threads; ++t)
            m_threads.emplace_back([this] { workerLoop(); });
    }
    ~WorkerPool()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (std::thread &t : m_threads)
            t.join();
    }
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    int size() const { return int(m_threads.size()) + 1; }

    /// Calls body(begin, end) over [0, n) in chunks of `grain`, on all threads; returns when done.
    template <typename F>
    void parallelFor(qint64 n, qint64 grain, F &&body)
    {
        if (n <= 0)
            return;
        if (m_threads.empty() || n <= grain) {
            body(qint64(0), n);
            return;
        }
        std::atomic<qint64> next{0};
        const std::function<void()> task = [&] {
            for (;;) {
                const qint64 begin = next.fetch_add(grain);
                if (begin >= n)
                    return;
                body(begin, std::min(n, begin + grain));
            }
        };
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_task = &task;
            m_pending = int(m_threads.size());
            ++m_generation;
        }
        m_wake.notify_all();
        task();
        std::unique_lock<std::mutex> lock(m_mutex);
        m_done.wait(lock, [this] { return m_pending == 0; });
        m_task = nullptr;
    }

private:
    void workerLoop()
    {
        quint64 seen = 0;
        for (;;) {
            const std::function<void()> *task = nullptr;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
                if (m_stop)
                    return;
                seen = m_generation;
                task = m_task;
            }
            (*task)();
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (--m_pending == 0)
                    m_done.notify_one();
            }
        }
    }

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void()> *m_task = nullptr; // guarded by m_mutex
    int m_pending = 0;                             // guarded by m_mutex
    quint64 m_generation = 0;                      // guarded by m_mutex
    bool m_stop = false;                           // guarded by m_mutex
};

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::Tsne)
};

// ---------------------------------------------------------------------------------------------
// Affinities

// sklearn's _binary_search_perplexity for one point, on squared distances. Distances are shifted
// by their minimum before exponentiating: the normalised P and the entropy are unchanged, but
// exp() can no longer underflow to an all-zero row for far-away or tightly calibrated points.
void calibrateRow(const double *sqdist, int k, double perplexity, double *p)
{
    constexpr int kSteps = 100;
    constexpr double kTolerance = 1e-5;
    const double desired = std::log(perplexity);
    const double dmin = *std::min_element(sqdist, sqdist + k);
    double beta = 1.0;
    double betaMin = -std::numeric_limits<double>::infinity();
    double betaMax = std::numeric_limits<double>::infinity();
    for (int step = 0; step < kSteps; ++step) {
        double sum = 0.0;
        for (int j = 0; j < k; ++j) {
            p[j] = std::exp(-(sqdist[j] - dmin) * beta);
            sum += p[j];
        }
        double weighted = 0.0;
        for (int j = 0; j < k; ++j) {
            p[j] /= sum;
            weighted += (sqdist[j] - dmin) * p[j];
        }
        const double entropy = std::log(sum) + beta * weighted;
        const double diff = entropy - desired;
        if (std::fabs(diff) <= kTolerance)
            break;
        if (diff > 0) {
            betaMin = beta;
            beta = std::isinf(betaMax) ? beta * 2.0 : (beta + betaMax) / 2.0;
        } else {
            betaMax = beta;
            beta = std::isinf(betaMin) ? beta / 2.0 : (beta + betaMin) / 2.0;
        }
    }
}

// Conditional P over k neighbours -> symmetric joint P in CSR, normalised to sum 1.
TsneAffinities symmetrise(int n, int k, const std::vector<int> &nbr, const std::vector<double> &cond)
{
    std::vector<qint64> count(size_t(n) + 1, 0);
    for (int i = 0; i < n; ++i) {
        for (int m = 0; m < k; ++m) {
            ++count[size_t(i) + 1];
            ++count[size_t(nbr[size_t(i) * k + m]) + 1];
        }
    }
    std::partial_sum(count.begin(), count.end(), count.begin());
    std::vector<std::pair<int, double>> entries(size_t(count.back()));
    std::vector<qint64> fill(count.begin(), count.end() - 1);
    for (int i = 0; i < n; ++i) {
        for (int m = 0; m < k; ++m) {
            const int j = nbr[size_t(i) * k + m];
            const double v = cond[size_t(i) * k + m];
            entries[size_t(fill[size_t(i)]++)] = {j, v};
            entries[size_t(fill[size_t(j)]++)] = {i, v};
        }
    }
    TsneAffinities p;
    p.n = n;
    p.row_start.assign(size_t(n) + 1, 0);
    p.columns.reserve(entries.size());
    p.values.reserve(entries.size());
    double total = 0.0;
    for (int i = 0; i < n; ++i) {
        auto first = entries.begin() + count[size_t(i)];
        auto last = entries.begin() + count[size_t(i) + 1];
        std::sort(first, last, [](const auto &a, const auto &b) { return a.first < b.first; });
        for (auto it = first; it != last; ++it) {
            if (!p.columns.empty() && qint64(p.columns.size()) > p.row_start[size_t(i)] && p.columns.back() == it->first) {
                p.values.back() += it->second;
            } else {
                p.columns.push_back(it->first);
                p.values.push_back(it->second);
            }
            total += it->second;
        }
        p.row_start[size_t(i) + 1] = qint64(p.columns.size());
    }
    const double scale = 1.0 / std::max(total, std::numeric_limits<double>::min());
    for (double &v : p.values)
        v *= scale;
    return p;
}

struct NeighbourGraph {
    int k = 0;
    std::vector<int> index;     // n x k
    std::vector<double> sqdist; // n x k, recomputed in double
};

// Exact kNN by a vantage-point tree, queries in parallel. Returns false when cancelled.
bool nearestNeighbours(const std::vector<float> &data, int n, int dim, int k, quint64 seed, WorkerPool &pool,
                       JobControl *control, NeighbourGraph &out)
{
    const VpTree tree(data.data(), n, dim, seed);
    out.k = k;
    out.index.assign(size_t(n) * k, 0);
    out.sqdist.assign(size_t(n) * k, 0.0);
    std::atomic<bool> cancelled{false};
    pool.parallelFor(n, 64, [&](qint64 begin, qint64 end) {
        std::vector<int> idx;
        std::vector<float> dist;
        for (qint64 i = begin; i < end; ++i) {
            if (control && control->isCancelled()) {
                cancelled.store(true);
                return;
            }
            const float *xi = data.data() + size_t(i) * dim;
            tree.search(xi, k, int(i), idx, dist);
            for (int m = 0; m < k; ++m) {
                const int j = idx[size_t(m)];
                const float *xj = data.data() + size_t(j) * dim;
                double s = 0.0;
                for (int c = 0; c < dim; ++c) {
                    const double d = double(xi[c]) - double(xj[c]);
                    s += d * d;
                }
                out.index[size_t(i) * k + m] = j;
                out.sqdist[size_t(i) * k + m] = s;
            }
        }
    });
    return !cancelled.load();
}

TsneAffinities affinitiesFromGraph(const NeighbourGraph &g, int n, double perplexity, WorkerPool &pool)
{
    const int k = g.k;
    std::vector<double> cond(size_t(n) * k, 0.0);
    pool.parallelFor(n, 256, [&](qint64 begin, qint64 end) {
        for (qint64 i = begin; i < end; ++i)
            calibrateRow(g.sqdist.data() + size_t(i) * k, k, perplexity, cond.data() + size_t(i) * k);
    });
    return symmetrise(n, k, g.index, cond);
}

// ---------------------------------------------------------------------------------------------
// Initialisation

// Top-2 principal axes by subspace iteration on the covariance (explicit for moderate D,
// implicit X^T X v for large D, where D x D would be too big). Deterministic start.
std::vector<double> pcaLayout(const std::vector<float> &data, int n, int dim, WorkerPool &pool)
{
    std::vector<double> mean(size_t(dim), 0.0);
    for (int i = 0; i < n; ++i)
        for (int c = 0; c < dim; ++c)
            mean[size_t(c)] += data[size_t(i) * dim + c];
    for (double &m : mean)
        m /= n;

    const bool explicitCov = dim <= 512;
    std::vector<double> cov;
    if (explicitCov) {
        cov.assign(size_t(dim) * dim, 0.0);
        // Rows of the covariance in parallel: each task owns whole rows.
        pool.parallelFor(dim, 4, [&](qint64 begin, qint64 end) {
            std::vector<double> xc(static_cast<size_t>(dim));
            for (int i = 0; i < n; ++i) {
                const float *x = data.data() + size_t(i) * dim;
                for (int c = 0; c < dim; ++c)
                    xc[size_t(c)] = x[c] - mean[size_t(c)];
                for (qint64 a = begin; a < end; ++a) {
                    const double xa = xc[size_t(a)];
                    double *row = cov.data() + size_t(a) * dim;
                    for (int b = 0; b < dim; ++b)
                        row[b] += xa * xc[size_t(b)];
                }
            }
        });
    }
    auto apply = [&](const std::vector<double> &v, std::vector<double> &w) { // w = C v, v: dim x 2
        w.assign(size_t(dim) * 2, 0.0);
        if (explicitCov) {
            for (int a = 0; a < dim; ++a)
                for (int b = 0; b < dim; ++b) {
                    const double c = cov[size_t(a) * dim + b];
                    w[size_t(a) * 2] += c * v[size_t(b) * 2];
                    w[size_t(a) * 2 + 1] += c * v[size_t(b) * 2 + 1];
                }
            return;
        }
        for (int i = 0; i < n; ++i) {
            const float *x = data.data() + size_t(i) * dim;
            double p0 = 0, p1 = 0;
            for (int c = 0; c < dim; ++c) {
                const double xc = x[c] - mean[size_t(c)];
                p0 += xc * v[size_t(c) * 2];
                p1 += xc * v[size_t(c) * 2 + 1];
            }
            for (int c = 0; c < dim; ++c) {
                const double xc = x[c] - mean[size_t(c)];
                w[size_t(c) * 2] += xc * p0;
                w[size_t(c) * 2 + 1] += xc * p1;
            }
        }
    };
    auto orthonormalise = [&](std::vector<double> &v) {
        for (int col = 0; col < 2; ++col) {
            if (col == 1) {
                double dot = 0;
                for (int c = 0; c < dim; ++c)
                    dot += v[size_t(c) * 2] * v[size_t(c) * 2 + 1];
                for (int c = 0; c < dim; ++c)
                    v[size_t(c) * 2 + 1] -= dot * v[size_t(c) * 2];
            }
            double norm = 0;
            for (int c = 0; c < dim; ++c)
                norm += v[size_t(c) * 2 + col] * v[size_t(c) * 2 + col];
            norm = std::sqrt(norm);
            if (norm < 1e-300) {
                for (int c = 0; c < dim; ++c)
                    v[size_t(c) * 2 + col] = 0.0;
                continue;
            }
            for (int c = 0; c < dim; ++c)
                v[size_t(c) * 2 + col] /= norm;
        }
    };
    std::vector<double> v(size_t(dim) * 2), w;
    std::mt19937_64 rng(0x7C5Eull);
    for (double &x : v)
        x = double(rng() >> 11) / double(1ull << 53) - 0.5;
    orthonormalise(v);
    const int maxIter = explicitCov ? 300 : 60;
    for (int it = 0; it < maxIter; ++it) {
        apply(v, w);
        orthonormalise(w);
        double change = 0;
        for (size_t c = 0; c < v.size(); ++c)
            change = std::max(change, std::fabs(std::fabs(w[c]) - std::fabs(v[c])));
        v.swap(w);
        if (change < 1e-10)
            break;
    }
    std::vector<double> y(size_t(n) * 2, 0.0);
    for (int i = 0; i < n; ++i) {
        const float *x = data.data() + size_t(i) * dim;
        for (int c = 0; c < dim; ++c) {
            const double xc = x[c] - mean[size_t(c)];
            y[size_t(i) * 2] += xc * v[size_t(c) * 2];
            y[size_t(i) * 2 + 1] += xc * v[size_t(c) * 2 + 1];
        }
    }
    // Sign convention (as sklearn's svd_flip): the largest |score| of each axis is positive.
    for (int col = 0; col < 2; ++col) {
        double best = 0;
        for (int i = 0; i < n; ++i)
            if (std::fabs(y[size_t(i) * 2 + col]) > std::fabs(best))
                best = y[size_t(i) * 2 + col];
        if (best < 0)
            for (int i = 0; i < n; ++i)
                y[size_t(i) * 2 + col] = -y[size_t(i) * 2 + col];
    }
    return y;
}

double columnStd(const std::vector<double> &y, int n, int col)
{
    double mean = 0;
    for (int i = 0; i < n; ++i)
        mean += y[size_t(i) * 2 + col];
    mean /= n;
    double var = 0;
    for (int i = 0; i < n; ++i) {
        const double d = y[size_t(i) * 2 + col] - mean;
        var += d * d;
    }
    return std::sqrt(var / n);
}

void gaussianFill(std::vector<double> &y, double scale, quint64 seed)
{
    std::mt19937_64 rng(seed);
    // Box-Muller on raw 53-bit draws: std::normal_distribution is not specified bit-for-bit.
    auto uniform = [&] { return (double(rng() >> 11) + 0.5) / double(1ull << 53); };
    for (size_t c = 0; c < y.size(); c += 2) {
        const double r = std::sqrt(-2.0 * std::log(uniform()));
        const double a = 2.0 * M_PI * uniform();
        y[c] = scale * r * std::cos(a);
        if (c + 1 < y.size())
            y[c + 1] = scale * r * std::sin(a);
    }
}

// ---------------------------------------------------------------------------------------------
// Barnes-Hut quadtree over the 2-D layout, rebuilt every iteration.

class QuadTree {
public:
    struct Node {
        double cx, cy;    // centre of mass
        double width_sq;  // squared full width of the cell
        int count;
        int begin, end;   // points of the cell in m_order
        int skip;         // next node after this subtree (pre-order), for stackless traversal
        bool leaf;
    };

    void build(const std::vector<double> &y, int n)
    {
        m_order.resize(size_t(n));
        std::iota(m_order.begin(), m_order.end(), 0);
        m_nodes.clear();
        m_y = y.data();
        double minX = std::numeric_limits<double>::infinity(), minY = minX;
        double maxX = -minX, maxY = -minX;
        for (int i = 0; i < n; ++i) {
            minX = std::min(minX, y[size_t(i) * 2]);
            maxX = std::max(maxX, y[size_t(i) * 2]);
            minY = std::min(minY, y[size_t(i) * 2 + 1]);
            maxY = std::max(maxY, y[size_t(i) * 2 + 1]);
        }
        const double half = std::max(std::max(maxX - minX, maxY - minY) * 0.5 * (1 + 1e-9), 1e-300);
        m_minHalf = half * 1e-12;
        buildNode(0, n, (minX + maxX) * 0.5, (minY + maxY) * 0.5, half, 0);
    }

    const std::vector<Node> &nodes() const { return m_nodes; }
    const std::vector<int> &order() const { return m_order; }

    /// The topmost nodes holding at most maxCount points (and oversized duplicate leaves):
    /// a partition of all points into spatially compact groups, in tree order.
    void groups(int maxCount, std::vector<int> &out) const
    {
        out.clear();
        int node = 0;
        while (node < int(m_nodes.size())) {
            const Node &nd = m_nodes[size_t(node)];
            if (nd.count <= maxCount || nd.leaf) {
                out.push_back(node);
                node = nd.skip;
            } else {
                ++node;
            }
        }
    }

private:
    static constexpr int kLeafSize = 8;
    static constexpr int kMaxDepth = 48;

    void buildNode(int begin, int end, double cx, double cy, double half, int depth)
    {
        const int self = int(m_nodes.size());
        m_nodes.push_back(Node{});
        double sx = 0, sy = 0;
        for (int p = begin; p < end; ++p) {
            sx += m_y[size_t(m_order[size_t(p)]) * 2];
            sy += m_y[size_t(m_order[size_t(p)]) * 2 + 1];
        }
        const int count = end - begin;
        Node node{sx / count, sy / count, 4.0 * half * half, count, begin, end, 0, false};
        // Coincident points (duplicates) cannot be split: stop at a depth/size limit and keep
        // them together in one leaf, whose members then interact exactly.
        if (count <= kLeafSize || depth >= kMaxDepth || half < m_minHalf) {
            node.leaf = true;
            node.skip = self + 1;
            m_nodes[size_t(self)] = node;
            return;
        }
        m_nodes[size_t(self)] = node;
        const double *y = m_y;
        auto first = m_order.begin() + begin;
        auto last = m_order.begin() + end;
        auto splitY = std::partition(first, last, [&](int i) { return y[size_t(i) * 2 + 1] < cy; });
        auto splitLow = std::partition(first, splitY, [&](int i) { return y[size_t(i) * 2] < cx; });
        auto splitHigh = std::partition(splitY, last, [&](int i) { return y[size_t(i) * 2] < cx; });
        const int b0 = begin, b1 = int(splitLow - m_order.begin()), b2 = int(splitY - m_order.begin()),
                  b3 = int(splitHigh - m_order.begin());
        const double q = half * 0.5;
        if (b1 > b0)
            buildNode(b0, b1, cx - q, cy - q, q, depth + 1);
        if (b2 > b1)
            buildNode(b1, b2, cx + q, cy - q, q, depth + 1);
        if (b3 > b2)
            buildNode(b2, b3, cx - q, cy + q, q, depth + 1);
        if (end > b3)
            buildNode(b3, end, cx + q, cy + q, q, depth + 1);
        m_nodes[size_t(self)].skip = int(m_nodes.size());
    }

    std::vector<Node> m_nodes;
    std::vector<int> m_order;
    const double *m_y = nullptr;
    double m_minHalf = 0;
};

// Interaction list of one group of target points: far cells (centre of mass, count) and near
// points (count 1) in structure-of-arrays form, padded with massless entries to a multiple of 4.
struct InteractionList {
    std::vector<double> x, y, m;
    void clear()
    {
        x.clear();
        y.clear();
        m.clear();
    }
    void add(double px, double py, double mass)
    {
        x.push_back(px);
        y.push_back(py);
        m.push_back(mass);
    }
    void pad()
    {
        while (x.size() % 4 != 0)
            add(0.0, 0.0, 0.0);
    }
};

#if defined(__GNUC__)
typedef double Vec4 __attribute__((vector_size(32)));
#endif

// sum_k m_k q_k (z), sum_k m_k q_k^2 (x_i - x_k) (fx, fy), q_k = 1 / (1 + |y_i - y_k|^2).
// This loop is where t-SNE spends its time; GCC's vector extension makes it 4-wide (two SSE2
// halves by default, one AVX register in the AVX2 clone picked at load time).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void interact(double xi, double yi, const double *px, const double *py, const double *pm, size_t len, double &fx,
              double &fy, double &z)
{
#if defined(__GNUC__)
    const Vec4 vx = {xi, xi, xi, xi}, vy = {yi, yi, yi, yi}, one = {1.0, 1.0, 1.0, 1.0};
    Vec4 ax = {0, 0, 0, 0}, ay = {0, 0, 0, 0}, az = {0, 0, 0, 0};
    for (size_t k = 0; k < len; k += 4) {
        Vec4 cx, cy, cm;
        std::memcpy(&cx, px + k, sizeof cx);
        std::memcpy(&cy, py + k, sizeof cy);
        std::memcpy(&cm, pm + k, sizeof cm);
        const Vec4 dx = vx - cx, dy = vy - cy;
        const Vec4 q = one / (one + dx * dx + dy * dy);
        const Vec4 mq = cm * q;
        const Vec4 mqq = mq * q;
        az += mq;
        ax += mqq * dx;
        ay += mqq * dy;
    }
    fx = (ax[0] + ax[1]) + (ax[2] + ax[3]);
    fy = (ay[0] + ay[1]) + (ay[2] + ay[3]);
    z = (az[0] + az[1]) + (az[2] + az[3]);
#else
    double sx = 0, sy = 0, sz = 0;
    for (size_t k = 0; k < len; ++k) {
        const double dx = xi - px[k], dy = yi - py[k];
        const double q = 1.0 / (1.0 + dx * dx + dy * dy);
        sz += pm[k] * q;
        sx += pm[k] * q * q * dx;
        sy += pm[k] * q * q * dy;
    }
    fx = sx;
    fy = sy;
    z = sz;
#endif
}

// Attraction of one point over its sparse row of P: sum_j p_ij q_ij (y_i - y_j) and, for the
// KL divergence, sum_j p_ij log(1 + d_ij^2). Four edges at a time (gathered by hand) so that the
// divisions overlap; this is the second hot loop after the repulsion kernel.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void attract(double xi, double yi, const double *y, const int *cols, const double *vals, qint64 len, bool wantLog,
             double &fxOut, double &fyOut, double &logOut)
{
    qint64 e = 0;
    double fx = 0, fy = 0, lg = 0;
#if defined(__GNUC__)
    const Vec4 vx = {xi, xi, xi, xi}, vy = {yi, yi, yi, yi}, one = {1.0, 1.0, 1.0, 1.0};
    Vec4 ax = {0, 0, 0, 0}, ay = {0, 0, 0, 0};
    for (; e + 4 <= len; e += 4) {
        const int j0 = cols[e], j1 = cols[e + 1], j2 = cols[e + 2], j3 = cols[e + 3];
        const Vec4 px = {y[size_t(j0) * 2], y[size_t(j1) * 2], y[size_t(j2) * 2], y[size_t(j3) * 2]};
        const Vec4 py = {y[size_t(j0) * 2 + 1], y[size_t(j1) * 2 + 1], y[size_t(j2) * 2 + 1], y[size_t(j3) * 2 + 1]};
        Vec4 pv;
        std::memcpy(&pv, vals + e, sizeof pv);
        const Vec4 dx = vx - px, dy = vy - py;
        const Vec4 d2 = dx * dx + dy * dy;
        const Vec4 pq = pv / (one + d2);
        ax += pq * dx;
        ay += pq * dy;
        if (wantLog)
            for (int l = 0; l < 4; ++l)
                lg += pv[l] * std::log1p(d2[l]);
    }
    fx = (ax[0] + ax[1]) + (ax[2] + ax[3]);
    fy = (ay[0] + ay[1]) + (ay[2] + ay[3]);
#endif
    for (; e < len; ++e) {
        const int j = cols[e];
        const double dx = xi - y[size_t(j) * 2], dy = yi - y[size_t(j) * 2 + 1];
        const double d2 = dx * dx + dy * dy;
        const double pq = vals[e] / (1.0 + d2);
        fx += pq * dx;
        fy += pq * dy;
        if (wantLog)
            lg += vals[e] * std::log1p(d2);
    }
    fxOut = fx;
    fyOut = fy;
    logOut = lg;
}

// Barnes-Hut with interaction lists (Barnes 1990): instead of one tree walk per point, one walk
// per group of <= kGroupSize nearby points. A cell is summarised for the whole group only if the
// opening criterion width / distance < theta holds for every point of the group (distance from
// the group's bounding circle), so accuracy is at least that of per-point Barnes-Hut, while the
// branchy walk is shared and the arithmetic runs in the vectorised kernel above.
constexpr int kGroupSize = 32;

void buildInteractionList(const QuadTree &tree, const double *y, int group, double theta_sq, InteractionList &list)
{
    const auto &nodes = tree.nodes();
    const auto &order = tree.order();
    const QuadTree::Node &g = nodes[size_t(group)];
    double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
    for (int p = g.begin; p < g.end; ++p) {
        const int i = order[size_t(p)];
        minX = std::min(minX, y[size_t(i) * 2]);
        maxX = std::max(maxX, y[size_t(i) * 2]);
        minY = std::min(minY, y[size_t(i) * 2 + 1]);
        maxY = std::max(maxY, y[size_t(i) * 2 + 1]);
    }
    const double gx = (minX + maxX) * 0.5, gy = (minY + maxY) * 0.5;
    const double radius = 0.5 * std::hypot(maxX - minX, maxY - minY);
    list.clear();
    const int count = int(nodes.size());
    int node = 0;
    while (node < count) {
        const QuadTree::Node &nd = nodes[size_t(node)];
        const bool containsGroup = nd.begin <= g.begin && g.end <= nd.end;
        if (!containsGroup) {
            const double dx = gx - nd.cx, dy = gy - nd.cy;
            const double gap = std::sqrt(dx * dx + dy * dy) - radius;
            if (gap > 0 && nd.width_sq < theta_sq * gap * gap) {
                list.add(nd.cx, nd.cy, nd.count);
                node = nd.skip;
                continue;
            }
        }
        if (nd.leaf || node == group) {
            for (int p = nd.begin; p < nd.end; ++p) {
                const int j = order[size_t(p)];
                list.add(y[size_t(j) * 2], y[size_t(j) * 2 + 1], 1.0);
            }
            node = nd.skip;
        } else {
            ++node;
        }
    }
    list.pad();
}

// One gradient evaluation; the scratch buffers live across iterations.
class GradientEvaluator {
public:
    GradientEvaluator(const TsneAffinities &p, double theta, WorkerPool &pool)
        : m_p(p), m_theta(theta), m_pool(pool)
    {
        m_plogp = 0;
        for (double v : p.values)
            if (v > 0)
                m_plogp += v * std::log(v);
    }

    /// grad = exaggeration * attraction - repulsion / Z. Returns Z; with klOut also KL(P||Q).
    double evaluate(const std::vector<double> &y, double exaggeration, std::vector<double> &grad, double *klOut)
    {
        const int n = m_p.n;
        m_rep.resize(size_t(n) * 3);
        m_attrLog.assign(size_t(n), 0.0);
        grad.resize(size_t(n) * 2);
        const bool exact = m_theta <= 0.0;
        const bool wantKl = klOut != nullptr;
        // Repulsion. Every point's own entry in its list contributes exactly q = 1 to z and
        // nothing to the force; it is subtracted afterwards so the kernel stays branch-free.
        auto store = [&](int i, double fx, double fy, double z) {
            m_rep[size_t(i) * 3] = fx;
            m_rep[size_t(i) * 3 + 1] = fy;
            m_rep[size_t(i) * 3 + 2] = z - 1.0;
        };
        if (exact) {
            InteractionList all;
            for (int j = 0; j < n; ++j)
                all.add(y[size_t(j) * 2], y[size_t(j) * 2 + 1], 1.0);
            all.pad();
            m_pool.parallelFor(n, 16, [&](qint64 begin, qint64 end) {
                for (qint64 i = begin; i < end; ++i) {
                    double fx, fy, z;
                    interact(y[size_t(i) * 2], y[size_t(i) * 2 + 1], all.x.data(), all.y.data(), all.m.data(),
                             all.x.size(), fx, fy, z);
                    store(int(i), fx, fy, z);
                }
            });
        } else {
            m_tree.build(y, n);
            m_tree.groups(kGroupSize, m_groups);
            const double theta_sq = m_theta * m_theta;
            const auto &nodes = m_tree.nodes();
            const auto &order = m_tree.order();
            m_pool.parallelFor(qint64(m_groups.size()), 4, [&](qint64 begin, qint64 end) {
                InteractionList list;
                for (qint64 gi = begin; gi < end; ++gi) {
                    const int group = m_groups[size_t(gi)];
                    buildInteractionList(m_tree, y.data(), group, theta_sq, list);
                    const QuadTree::Node &g = nodes[size_t(group)];
                    for (int p = g.begin; p < g.end; ++p) {
                        const int i = order[size_t(p)];
                        double fx, fy, z;
                        interact(y[size_t(i) * 2], y[size_t(i) * 2 + 1], list.x.data(), list.y.data(),
                                 list.m.data(), list.x.size(), fx, fy, z);
                        store(i, fx, fy, z);
                    }
                }
            });
        }
        // Attraction over the sparse rows of P.
        m_pool.parallelFor(n, 256, [&](qint64 begin, qint64 end) {
            for (qint64 i = begin; i < end; ++i) {
                const qint64 first = m_p.row_start[size_t(i)];
                double ax, ay, lg;
                attract(y[size_t(i) * 2], y[size_t(i) * 2 + 1], y.data(), m_p.columns.data() + first,
                        m_p.values.data() + first, m_p.row_start[size_t(i) + 1] - first, wantKl, ax, ay, lg);
                grad[size_t(i) * 2] = exaggeration * ax;
                grad[size_t(i) * 2 + 1] = exaggeration * ay;
                m_attrLog[size_t(i)] = lg;
            }
        });
        // Sequential sums in index order keep Z (and so everything) independent of threads.
        double z = 0, lg = 0;
        for (int i = 0; i < n; ++i) {
            z += m_rep[size_t(i) * 3 + 2];
            lg += m_attrLog[size_t(i)];
        }
        const double safeZ = std::max(z, std::numeric_limits<double>::min());
        for (int i = 0; i < n; ++i) {
            grad[size_t(i) * 2] -= m_rep[size_t(i) * 3] / safeZ;
            grad[size_t(i) * 2 + 1] -= m_rep[size_t(i) * 3 + 1] / safeZ;
        }
        // KL = sum p log p - sum p log q, q_ij = (1 + d^2)^-1 / Z and sum p = 1.
        if (wantKl)
            *klOut = m_plogp + lg + std::log(safeZ);
        return z;
    }

private:
    const TsneAffinities &m_p;
    double m_theta;
    WorkerPool &m_pool;
    QuadTree m_tree;
    std::vector<int> m_groups;     // tree nodes whose points share one interaction list
    std::vector<double> m_rep;     // per point: fx, fy, z
    std::vector<double> m_attrLog; // per point: sum_j p_ij log(1 + d_ij^2)
    double m_plogp = 0;
};

bool validate(const std::vector<float> &data, int dim, QString &error)
{
    if (dim < 1) {
        error = Msg::tr("t-SNE: the input dimension must be at least 1");
        return false;
    }
    if (data.size() % size_t(dim) != 0) {
        error = Msg::tr("t-SNE: %1 values do not form rows of %2").arg(qulonglong(data.size())).arg(dim);
        return false;
    }
    if (data.size() / size_t(dim) > size_t(std::numeric_limits<int>::max() / 4)) {
        error = Msg::tr("t-SNE: too many points");
        return false;
    }
    for (size_t c = 0; c < data.size(); ++c) {
        if (!std::isfinite(data[c])) {
            error = Msg::tr("t-SNE: non-finite value in row %1").arg(qulonglong(c / size_t(dim)) + 1);
            return false;
        }
    }
    return true;
}

std::vector<float> toFloat(const std::vector<double> &y)
{
    return std::vector<float>(y.begin(), y.end());
}

// Orthogonal Procrustes in 2-D: y -> (y - from) Q + to, Q a rotation or reflection.
struct RigidTransform {
    double from[2] = {0, 0};
    double to[2] = {0, 0};
    double q[2][2] = {{1, 0}, {0, 1}};

    void apply(std::vector<float> &layout) const
    {
        for (size_t i = 0; i + 1 < layout.size(); i += 2) {
            const double ax = layout[i] - from[0], ay = layout[i + 1] - from[1];
            layout[i] = float(ax * q[0][0] + ay * q[1][0] + to[0]);
            layout[i + 1] = float(ax * q[0][1] + ay * q[1][1] + to[1]);
        }
    }
};

// The transform taking point set a (x, y rows) closest to b in least squares.
RigidTransform procrustes(const std::vector<float> &a, const std::vector<float> &b)
{
    RigidTransform t;
    const size_t count = std::min(a.size(), b.size()) / 2;
    if (count == 0)
        return t;
    for (size_t i = 0; i < count; ++i)
        for (int c = 0; c < 2; ++c) {
            t.from[c] += a[i * 2 + c];
            t.to[c] += b[i * 2 + c];
        }
    for (int c = 0; c < 2; ++c) {
        t.from[c] /= double(count);
        t.to[c] /= double(count);
    }
    // M = A^T B over centred points; the best orthogonal Q maximises trace(Q^T M). In 2-D the
    // best rotation and the best reflection have closed forms; keep the better of the two.
    double m11 = 0, m12 = 0, m21 = 0, m22 = 0;
    for (size_t i = 0; i < count; ++i) {
        const double ax = a[i * 2] - t.from[0], ay = a[i * 2 + 1] - t.from[1];
        const double bx = b[i * 2] - t.to[0], by = b[i * 2 + 1] - t.to[1];
        m11 += ax * bx;
        m12 += ax * by;
        m21 += ay * bx;
        m22 += ay * by;
    }
    const double rotScore = std::hypot(m11 + m22, m21 - m12);
    const double refScore = std::hypot(m11 - m22, m12 + m21);
    if (rotScore >= refScore) {
        const double ang = std::atan2(m21 - m12, m11 + m22);
        t.q[0][0] = std::cos(ang), t.q[0][1] = -std::sin(ang), t.q[1][0] = std::sin(ang), t.q[1][1] = std::cos(ang);
    } else {
        const double ang = std::atan2(m12 + m21, m11 - m22);
        t.q[0][0] = std::cos(ang), t.q[0][1] = std::sin(ang), t.q[1][0] = std::sin(ang), t.q[1][1] = -std::cos(ang);
    }
    return t;
}

} // namespace

// ---------------------------------------------------------------------------------------------

double TsneAffinities::at(int i, int j) const
{
    const auto first = columns.begin() + row_start[size_t(i)];
    const auto last = columns.begin() + row_start[size_t(i) + 1];
    const auto it = std::lower_bound(first, last, j);
    return it != last && *it == j ? values[size_t(it - columns.begin())] : 0.0;
}

Result<TsneAffinities> Tsne::affinities(const std::vector<float> &data, int dim, double perplexity, int threads,
                                        quint64 seed)
{
    QString error;
    if (!validate(data, dim, error))
        return Result<TsneAffinities>::failure(error);
    const int n = int(data.size() / size_t(dim));
    const int k = std::min(n - 1, int(std::floor(3.0 * perplexity)));
    if (n < 2 || k < 1 || !(perplexity > 0))
        return Result<TsneAffinities>::failure(Msg::tr("t-SNE: need 3 * perplexity >= 1 and at least 2 points"));
    WorkerPool pool(resolveThreads(threads));
    NeighbourGraph g;
    nearestNeighbours(data, n, dim, k, seed, pool, nullptr, g);
    return affinitiesFromGraph(g, n, perplexity, pool);
}

double Tsne::gradient(const TsneAffinities &p, const std::vector<double> &y, double theta, double exaggeration,
                      std::vector<double> &grad, int threads)
{
    WorkerPool pool(resolveThreads(threads));
    GradientEvaluator eval(p, theta, pool);
    return eval.evaluate(y, exaggeration, grad, nullptr);
}

double Tsne::klDivergence(const TsneAffinities &p, const std::vector<double> &y)
{
    const int n = p.n;
    double z = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            if (i == j)
                continue;
            const double dx = y[size_t(i) * 2] - y[size_t(j) * 2], dy = y[size_t(i) * 2 + 1] - y[size_t(j) * 2 + 1];
            z += 1.0 / (1.0 + dx * dx + dy * dy);
        }
    double kl = 0;
    for (int i = 0; i < n; ++i)
        for (qint64 e = p.row_start[size_t(i)]; e < p.row_start[size_t(i) + 1]; ++e) {
            const int j = p.columns[size_t(e)];
            const double v = p.values[size_t(e)];
            if (v <= 0)
                continue;
            const double dx = y[size_t(i) * 2] - y[size_t(j) * 2], dy = y[size_t(i) * 2 + 1] - y[size_t(j) * 2 + 1];
            const double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
            kl += v * std::log(v / q);
        }
    return kl;
}

std::vector<float> Tsne::alignTo(const std::vector<float> &layout, const std::vector<float> &reference, int count)
{
    count = std::min({count, int(layout.size() / 2), int(reference.size() / 2)});
    std::vector<float> out = layout;
    if (count < 1)
        return out;
    const std::vector<float> a(layout.begin(), layout.begin() + size_t(count) * 2);
    const std::vector<float> b(reference.begin(), reference.begin() + size_t(count) * 2);
    procrustes(a, b).apply(out);
    return out;
}

Result<TsneResult> Tsne::run(const std::vector<float> &data, int dim, const TsneOptions &options, JobControl *control)
{
    const auto t0 = Clock::now();
    QString error;
    if (!validate(data, dim, error))
        return Result<TsneResult>::failure(error);
    if (!(options.perplexity > 0) || options.iterations < 0 || options.theta < 0 || options.kl_every < 1)
        return Result<TsneResult>::failure(Msg::tr("t-SNE: invalid options (perplexity > 0, iterations >= 0, theta >= 0)"));
    if (options.init.size() % 2 != 0)
        return Result<TsneResult>::failure(Msg::tr("t-SNE: the initial layout must have two coordinates per point"));
    const int n = int(data.size() / size_t(dim));
    if (int(options.init.size() / 2) > n)
        return Result<TsneResult>::failure(
            Msg::tr("t-SNE: the initial layout has %1 points, the input only %2").arg(options.init.size() / 2).arg(n));

    TsneResult result;
    result.perplexity = options.perplexity;
    if (n <= 3) {
        // Nothing to embed: points on a line, one unit apart (or their given positions).
        result.layout.assign(size_t(n) * 2, 0.f);
        for (int i = 0; i < n; ++i) {
            const bool known = size_t(i) * 2 + 1 < options.init.size() && std::isfinite(options.init[size_t(i) * 2])
                && std::isfinite(options.init[size_t(i) * 2 + 1]);
            result.layout[size_t(i) * 2] = known ? options.init[size_t(i) * 2] : float(i) - float(n - 1) / 2.f;
            result.layout[size_t(i) * 2 + 1] = known ? options.init[size_t(i) * 2 + 1] : 0.f;
        }
        result.perplexity = std::min(options.perplexity, std::max(n - 1, 0) / 3.0);
        result.seconds = secondsSince(t0);
        return result;
    }

    double perplexity = options.perplexity;
    if (3.0 * perplexity >= n) {
        perplexity = (n - 1) / 3.0;
        logger()->warn("t-SNE: perplexity {} is too large for {} points; using {:.4g} (3 * perplexity < N)",
                       options.perplexity, n, perplexity);
    }
    const int k = std::max(1, std::min(n - 1, int(std::floor(3.0 * perplexity + 1e-9))));
    result.perplexity = perplexity;

    WorkerPool pool(resolveThreads(options.threads));
    auto cancelled = [&] {
        if (!control)
            return false;
        if (control->isPaused() && !control->waitWhilePaused())
            return true;
        return control->isCancelled();
    };
    const auto cancelledResult = [] { return Result<TsneResult>::failure(Msg::tr("t-SNE cancelled")); };

    if (control)
        control->report(0, options.iterations, Msg::tr("nearest neighbours"), true);
    NeighbourGraph graph;
    if (!nearestNeighbours(data, n, dim, k, options.seed, pool, control, graph))
        return cancelledResult();
    const TsneAffinities p = affinitiesFromGraph(graph, n, perplexity, pool);
    result.knn_seconds = secondsSince(t0);
    if (cancelled())
        return cancelledResult();

    // --- initial layout
    const int known = int(options.init.size() / 2);
    std::vector<char> isKnown(size_t(n), 0);
    int knownCount = 0;
    for (int i = 0; i < known; ++i) {
        isKnown[size_t(i)] = std::isfinite(options.init[size_t(i) * 2]) && std::isfinite(options.init[size_t(i) * 2 + 1]);
        knownCount += isKnown[size_t(i)];
    }
    const bool warm = knownCount > 0;
    std::vector<double> y(size_t(n) * 2, 0.0);
    if (warm) {
        for (int i = 0; i < n; ++i)
            if (isKnown[size_t(i)]) {
                y[size_t(i) * 2] = options.init[size_t(i) * 2];
                y[size_t(i) * 2 + 1] = options.init[size_t(i) * 2 + 1];
            }
        if (knownCount < n) {
            // New points start on their nearest known neighbour in input space, jittered by a
            // tiny seeded offset so that they do not coincide with it exactly.
            std::vector<int> knownIds;
            std::vector<float> knownData;
            for (int i = 0; i < n; ++i)
                if (isKnown[size_t(i)]) {
                    knownIds.push_back(i);
                    knownData.insert(knownData.end(), data.begin() + size_t(i) * dim, data.begin() + size_t(i + 1) * dim);
                }
            const VpTree tree(knownData.data(), knownCount, dim, options.seed);
            const double extent = std::max(columnStd(y, n, 0), 1e-12);
            std::vector<double> jitter(size_t(n) * 2);
            gaussianFill(jitter, 1e-4 * extent, options.seed ^ 0xA11CEull);
            pool.parallelFor(n, 64, [&](qint64 begin, qint64 end) {
                std::vector<int> idx;
                std::vector<float> dist;
                for (qint64 i = begin; i < end; ++i) {
                    if (isKnown[size_t(i)])
                        continue;
                    tree.search(data.data() + size_t(i) * dim, 1, -1, idx, dist);
                    const int j = knownIds[size_t(idx[0])];
                    y[size_t(i) * 2] = options.init[size_t(j) * 2] + jitter[size_t(i) * 2];
                    y[size_t(i) * 2 + 1] = options.init[size_t(j) * 2 + 1] + jitter[size_t(i) * 2 + 1];
                }
            });
        }
    } else {
        y = pcaLayout(data, n, dim, pool);
        const double sd = columnStd(y, n, 0);
        if (sd > 1e-12 * (1.0 + std::fabs(y[0]))) {
            for (double &v : y)
                v *= 1e-4 / sd;
            // Rank-1 input (collinear points) has no second axis; with every y coordinate equal
            // the gradient could never leave the line, so give the second axis a little noise.
            if (columnStd(y, n, 1) < 1e-6 * 1e-4) {
                std::vector<double> noise(y.size());
                gaussianFill(noise, 1e-6, options.seed);
                for (int i = 0; i < n; ++i)
                    y[size_t(i) * 2 + 1] += noise[size_t(i) * 2 + 1];
            }
        } else {
            // Degenerate input (all points equal): no principal axis, start from seeded noise.
            gaussianFill(y, 1e-4, options.seed);
        }
    }

    // --- gradient descent (bhtsne/sklearn update with per-coordinate gains)
    const double eta = options.learning_rate > 0 ? options.learning_rate : std::max(n / 12.0, 50.0);
    const int exaggerationIters = warm ? 0 : std::min(options.early_exaggeration_iterations, options.iterations);
    const double theta = options.repulsion == TsneRepulsion::Exact ? 0.0 : options.theta;
    GradientEvaluator eval(p, theta, pool);
    std::vector<double> grad, update(y.size(), 0.0), gains(y.size(), 1.0);
    double kl = std::numeric_limits<double>::quiet_NaN();
    const int total = options.iterations;
    for (int it = 0; it < total; ++it) {
        if (cancelled())
            return cancelledResult();
        const bool exaggerated = it < exaggerationIters;
        if (it == exaggerationIters && it > 0) {
            // As sklearn: the second phase starts with fresh velocity and gains, since both were
            // built up under the exaggerated attraction.
            std::fill(update.begin(), update.end(), 0.0);
            std::fill(gains.begin(), gains.end(), 1.0);
        }
        const double exaggeration = exaggerated ? options.early_exaggeration : 1.0;
        const double momentum = exaggerated ? 0.5 : 0.8;
        const bool klNow = (it + 1) % options.kl_every == 0;
        double klIter = 0;
        // The KL terms use the true P, so KL is meaningful during early exaggeration too.
        eval.evaluate(y, exaggeration, grad, klNow ? &klIter : nullptr);
        for (size_t c = 0; c < y.size(); ++c) {
            const double g = grad[c];
            double &gain = gains[c];
            gain = update[c] * g < 0.0 ? gain + 0.2 : gain * 0.8;
            gain = std::max(gain, 0.01);
            update[c] = momentum * update[c] - eta * gain * g;
            y[c] += update[c];
        }
        // Keep the layout centred: the quadtree's bounds and float output stay well scaled.
        double mx = 0, my = 0;
        for (int i = 0; i < n; ++i) {
            mx += y[size_t(i) * 2];
            my += y[size_t(i) * 2 + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; ++i) {
            y[size_t(i) * 2] -= mx;
            y[size_t(i) * 2 + 1] -= my;
        }
        if (klNow)
            kl = klIter;
        if (control)
            control->report(it + 1, total, std::isfinite(kl) ? Msg::tr("KL %1").arg(kl, 0, 'f', 4) : QString());
        if (klNow && options.on_snapshot)
            options.on_snapshot(it + 1, kl, toFloat(y));
    }
    // Final KL at the final layout, with the same repulsion approximation as the descent.
    eval.evaluate(y, 1.0, grad, &kl);
    result.kl_divergence = kl;
    result.iterations = total;
    result.layout = toFloat(y);
    if (warm && options.align_to_init) {
        // Fit on the points that had a previous position, apply to all (new ones included).
        std::vector<float> a, b;
        for (int i = 0; i < known; ++i)
            if (isKnown[size_t(i)]) {
                a.push_back(result.layout[size_t(i) * 2]);
                a.push_back(result.layout[size_t(i) * 2 + 1]);
                b.push_back(options.init[size_t(i) * 2]);
                b.push_back(options.init[size_t(i) * 2 + 1]);
            }
        procrustes(a, b).apply(result.layout);
    }
    if (!std::isfinite(result.kl_divergence)) {
        for (float v : result.layout)
            if (!std::isfinite(v))
                return Result<TsneResult>::failure(Msg::tr("t-SNE diverged (non-finite layout)"));
    }
    result.seconds = secondsSince(t0);
    if (control)
        control->report(total, total, Msg::tr("KL %1").arg(kl, 0, 'f', 4), true);
    return result;
}

} // namespace bb
