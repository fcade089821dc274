#include "nn/backbonenames.h"

namespace bb {

QStringList backboneNames()
{
    return {efficientNetB0Name(), compactNetName()};
}

bool isBackboneName(const QString &name)
{
    return backboneNames().contains(name);
}

QString backboneDescription(const QString &name)
{
    if (name == efficientNetB0Name())
        return QStringLiteral("EfficientNet-B0 (torchvision layout, 1280-d features, 224 px inputs)");
    if (name == compactNetName())
        return QStringLiteral("Compact 6-conv CNN (128-d features, 28-64 px inputs, fast on CPU)");
    return {};
}

int backboneFeatureDim(const QString &name)
{
    // Must agree with EfficientNetB0Impl::feature_dim() and CompactNetOptions' defaults;
    // tst_nn_models checks both against the built modules.
    if (name == efficientNetB0Name())
        return 1280;
    if (name == compactNetName())
        return 128;
    return 0;
}

int backboneStageCount(const QString &name)
{
    // Must agree with the backbones' stage_dims(); tst_nn_models checks it.
    if (name == efficientNetB0Name())
        return 9;
    if (name == compactNetName())
        return 3;
    return 0;
}

} // namespace bb
