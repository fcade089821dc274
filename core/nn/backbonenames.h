#pragma once
// Torch-free catalogue of the backbones makeBackbone() can build, for the CLI, the GUI and
// config validation (they must not include libtorch headers).

#include <QString>
#include <QStringList>

namespace bb {

/// Name of the torchvision-compatible EfficientNet-B0 backbone (the seed profile).
inline QString efficientNetB0Name() { return QStringLiteral("efficientnet_b0"); }
/// Name of the small CNN for 28-64 px inputs on CPU (the quick profile), see compactnet.h.
inline QString compactNetName() { return QStringLiteral("compact"); }

/// Every name makeBackbone() accepts, in display order.
QStringList backboneNames();

/// True when `name` is one of backboneNames() (exact, case-sensitive).
bool isBackboneName(const QString &name);

/// One-line human-readable description of a backbone; empty for an unknown name.
QString backboneDescription(const QString &name);

/// Length of the pooled feature vector of a backbone built with default options (for
/// "compact": the default widths); 0 if unknown.
int backboneFeatureDim(const QString &name);

/// Number of stages whose output maps the encoder can pool (pool_stages); 0 if unknown.
int backboneStageCount(const QString &name);

} // namespace bb
