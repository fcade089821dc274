#include "splitter.h"

#include <QCoreApplication>
#include <QHash>

#include <cmath>

namespace bb {
namespace {
// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::Splitter)
};
} // namespace

QString splitName(Split s)
{
    switch (s) {
    case Split::Train: return QStringLiteral("train");
    case Split::Val: return QStringLiteral("val");
    case Split::Test: return QStringLiteral("test");
    }
    return QString();
}

quint64 Rng::next()
{
    quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

quint64 Rng::below(quint64 n)
{
    // Rejection sampling keeps the draw unbiased.
    const quint64 limit = ~quint64(0) - (~quint64(0) % n);
    quint64 v;
    do {
        v = next();
    } while (v >= limit);
    return v % n;
}

SplitResult stratifiedSplit(const std::vector<SplitItem> &items, const QStringList &classNames,
                            const SplitOptions &options)
{
    SplitResult result;
    result.assignment.assign(items.size(), Split::Train);

    // Group identical content; the group belongs to the class of its first member.
    QHash<QString, int> groupOf;
    std::vector<std::vector<size_t>> groups;
    std::vector<int> groupClass;
    int conflicting = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        const QString key = items[i].hash.isEmpty() ? QStringLiteral("#%1").arg(i) : items[i].hash;
        auto it = groupOf.find(key);
        if (it == groupOf.end()) {
            groupOf.insert(key, int(groups.size()));
            groups.push_back({i});
            groupClass.push_back(items[i].class_index);
        } else {
            if (groupClass[size_t(*it)] != items[i].class_index)
                ++conflicting;
            groups[size_t(*it)].push_back(i);
        }
    }
    if (conflicting > 0)
        result.warnings.append(Msg::tr("images with the same content as an image with a different label: %1").arg(conflicting));

    Rng rng(options.seed);
    const int numClasses = int(classNames.size());
    for (int c = 0; c < numClasses; ++c) {
        std::vector<int> members;
        int count = 0;
        for (size_t g = 0; g < groups.size(); ++g)
            if (groupClass[g] == c) {
                members.push_back(int(g));
                count += int(groups[g].size());
            }
        if (count == 0)
            continue;
        const QString &name = classNames[c];
        if (count == 1) {
            result.warnings.append(Msg::tr("class '%1' has a single image; it goes to the training split only").arg(name));
            continue;
        }
        rng.shuffle(members.begin(), members.end());
        auto quota = [&](double frac) {
            return frac > 0 ? std::max(1, int(std::floor(frac * count + 0.5))) : 0;
        };
        int wantVal = quota(options.val_fraction);
        int wantTest = quota(options.test_fraction);
        // Train keeps at least one image.
        while (wantVal + wantTest > count - 1) {
            if (wantTest > wantVal && wantTest > 0)
                --wantTest;
            else if (wantVal > 0)
                --wantVal;
            else
                break;
        }
        int inVal = 0, inTest = 0, inTrain = 0;
        for (int g : members) {
            const int size = int(groups[size_t(g)].size());
            const int remainingAfter = count - inVal - inTest - inTrain - size; // not yet placed, excluding g
            Split target = Split::Train;
            const bool trainStillEmpty = inTrain == 0 && remainingAfter == 0;
            if (!trainStillEmpty && inVal < wantVal && (inVal + size <= wantVal || inVal == 0))
                target = Split::Val;
            else if (!trainStillEmpty && inTest < wantTest && (inTest + size <= wantTest || inTest == 0))
                target = Split::Test;
            for (size_t i : groups[size_t(g)])
                result.assignment[i] = target;
            (target == Split::Val ? inVal : target == Split::Test ? inTest : inTrain) += size;
        }
        if (wantVal > 0 && inVal == 0)
            result.warnings.append(Msg::tr("class '%1': identical copies prevent a validation image").arg(name));
    }
    return result;
}

} // namespace bb
