#include "nn/backbone.h"

#include "nn/backbonenames.h"
#include "nn/compactnet.h"
#include "nn/efficientnet.h"

namespace bb {

Result<BackbonePtr> makeBackbone(const std::string &name, const BackboneOptions &options)
{
    try {
        if (name == efficientNetB0Name().toStdString()) {
            EfficientNetOptions o;
            o.num_classes = 0;
            o.stochastic_depth_prob = options.stochastic_depth_prob;
            return BackbonePtr(std::make_shared<EfficientNetB0Impl>(o));
        }
        if (name == compactNetName().toStdString()) {
            CompactNetOptions o;
            if (!options.compact_widths.empty())
                o.widths = options.compact_widths;
            return BackbonePtr(std::make_shared<CompactNetImpl>(o));
        }
    } catch (const std::exception &e) {
        return Result<BackbonePtr>::failure(
            QStringLiteral("cannot build backbone '%1': %2").arg(QString::fromStdString(name), QString::fromUtf8(e.what())));
    }
    return Result<BackbonePtr>::failure(QStringLiteral("unknown backbone '%1' (known: %2)")
                                            .arg(QString::fromStdString(name), backboneNames().join(QStringLiteral(", "))));
}

} // namespace bb
