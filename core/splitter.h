#pragma once
// Stratified train/validation(/test) split keyed by content hash.

#include <QString>
#include <QStringList>

#include <vector>

namespace bb {

enum class Split { Train = 0, Val = 1, Test = 2 };

QString splitName(Split s);

struct SplitItem {
    QString hash;    ///< content hash; identical hashes are one group and never straddle splits
    int class_index = 0;
};

struct SplitOptions {
    double val_fraction = 0.2;
    double test_fraction = 0.0;
    quint64 seed = 42;
};

struct SplitResult {
    std::vector<Split> assignment; ///< one per input item
    QStringList warnings;
};

/// Per class, round(fraction * count) images go to validation (and test), at least one when the
/// class has two or more images; a class with a single image goes to train with a warning.
/// Groups of identical content are kept whole; a group counts for the class of its first member.
SplitResult stratifiedSplit(const std::vector<SplitItem> &items, const QStringList &classNames,
                            const SplitOptions &options);

/// Deterministic 64-bit random numbers (SplitMix64), the same on every platform and compiler.
class Rng {
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next();
    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n).
    quint64 below(quint64 n);
    template <typename It>
    void shuffle(It first, It last)
    {
        const auto n = last - first;
        for (auto i = n - 1; i > 0; --i)
            std::swap(first[i], first[qint64(below(quint64(i + 1)))]);
    }

private:
    quint64 m_state;
};

} // namespace bb
