#pragma once
// Pretrained-weight import for transfer learning (libtorch; include only from core .cpp files).
// Accepts a torchvision state dict re-saved as a plain dict in Python
//     torch.save(dict(model.state_dict()), f)
// (torch::load cannot read Python pickles; a raw OrderedDict fails, see REFERENCES.md 3)
// and a TorchScript file (torch.jit.save of a scripted or traced model).

#include "result.h"

#include <torch/torch.h>

#include <QString>

#include <string>
#include <vector>

namespace bb {

/// What an import matched, by state-dict name.
struct WeightImportReport {
    QString format;                   ///< "state_dict" or "torchscript"
    std::vector<std::string> loaded;     ///< copied into the module
    std::vector<std::string> missing;    ///< in the module, not in the file (left as they were)
    std::vector<std::string> unexpected; ///< in the file, not in the module
    std::vector<std::string> mismatched; ///< "name: file [a,b] vs model [c,d]" (not copied)
    std::vector<std::string> skipped;    ///< matched a skip prefix (e.g. classifier.*)
    std::vector<std::string> nonfinite;  ///< floating-point entries holding NaN or inf (not copied)

    /// True when nothing is missing, mismatched or non-finite (unexpected/skipped entries are allowed).
    bool complete() const { return missing.empty() && mismatched.empty() && nonfinite.empty(); }
    /// Multi-line human-readable summary naming the problem entries (first 20 of each kind).
    QString summary() const;
};

/// How to match file entries to module entries.
struct WeightImportOptions {
    /// File entries (and module entries) starting with one of these are not copied; by
    /// default torchvision's ImageNet classifier, replaced when fine-tuning.
    std::vector<std::string> skip_prefixes = {"classifier."};
    /// Prepended to every file key before matching (e.g. "backbone." to load a torchvision
    /// backbone into an EnhancedEncoder directly). Empty by default.
    std::string add_prefix;
    /// Fail (and copy nothing) when entries are missing or mismatched.
    bool strict = false;
};

/// Loads named tensors from `path` (state dict or TorchScript, detected by trying both).
/// Never throws.
Result<std::vector<std::pair<std::string, torch::Tensor>>> readNamedTensors(const QString &path, QString *format = nullptr);

/// Copies matching parameters and buffers from `path` into `module` (names and shapes must
/// match; dtype is converted). Never throws; a file that cannot be read is an error, name or
/// shape problems are in the report (an error only in strict mode).
Result<WeightImportReport> importWeights(torch::nn::Module &module, const QString &path,
                                         const WeightImportOptions &options = {});

} // namespace bb
