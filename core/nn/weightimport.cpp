#include "nn/weightimport.h"

#include <torch/script.h>

#include <QFile>

#include <map>
#include <sstream>

namespace bb {

namespace {

std::string shapeString(const torch::Tensor &t)
{
    std::ostringstream s;
    s << t.sizes();
    return s.str();
}

bool hasPrefix(const std::string &name, const std::vector<std::string> &prefixes)
{
    for (const auto &p : prefixes) {
        if (name.compare(0, p.size(), p) == 0)
            return true;
    }
    return false;
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

QString WeightImportReport::summary() const
{
    QStringList lines;
    lines << QStringLiteral("%1: %2 loaded, %3 missing, %4 unexpected, %5 shape mismatches, %6 skipped")
                 .arg(format)
                 .arg(loaded.size())
                 .arg(missing.size())
                 .arg(unexpected.size())
                 .arg(mismatched.size())
                 .arg(skipped.size());
    if (!nonfinite.empty())
        lines.last() += QStringLiteral(", %1 with NaN or inf values").arg(nonfinite.size());
    // A wrong file can mismatch hundreds of entries; name the first few of each kind (the
    // vectors keep all of them).
    constexpr size_t kListed = 20;
    const auto list = [&lines](const std::vector<std::string> &names, const QString &label) {
        for (size_t i = 0; i < names.size() && i < kListed; ++i)
            lines << QStringLiteral("  %1: %2").arg(label, fromStd(names[i]));
        if (names.size() > kListed)
            lines << QStringLiteral("  ... and %1 more %2").arg(names.size() - kListed).arg(label);
    };
    list(missing, QStringLiteral("missing"));
    list(unexpected, QStringLiteral("unexpected"));
    list(mismatched, QStringLiteral("shape mismatch"));
    list(nonfinite, QStringLiteral("NaN or inf in"));
    return lines.join(QLatin1Char('\n'));
}

Result<std::vector<std::pair<std::string, torch::Tensor>>> readNamedTensors(const QString &path, QString *format)
{
    using Named = std::vector<std::pair<std::string, torch::Tensor>>;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<Named>::failure(QStringLiteral("cannot open weights '%1': %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    file.close();
    if (bytes.startsWith("BBMODEL1"))
        return Result<Named>::failure(QStringLiteral("'%1' is a BalanceBench model bundle, not backbone weights: bundles are for "
                                                     "predict and evaluate; backbone weights are a torchvision state dict "
                                                     "(torch.save(dict(model.state_dict()), f)), a TorchScript file or a "
                                                     "run's encoder checkpoint (RUN_DIR/checkpoints/best-encoder.pt)")
                                          .arg(path));

    QString pickle_error;
    try {
        const std::vector<char> data(bytes.constBegin(), bytes.constEnd());
        const torch::IValue value = torch::pickle_load(data);
        if (!value.isGenericDict()) {
            pickle_error = QStringLiteral("the pickle holds a %1, not a dict (re-save with "
                                          "torch.save(dict(model.state_dict()), f))")
                               .arg(QString::fromStdString(value.tagKind()));
        } else {
            Named out;
            for (const auto &entry : value.toGenericDict()) {
                if (!entry.key().isString() || !entry.value().isTensor())
                    continue; // e.g. metadata entries; only named tensors are weights
                out.emplace_back(entry.key().toStringRef(), entry.value().toTensor());
            }
            if (format)
                *format = QStringLiteral("state_dict");
            return out;
        }
    } catch (const std::exception &e) {
        pickle_error = QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
    }

    try {
        // A pickle that is not a dict may still be a TorchScript archive (both are zip files).
        torch::jit::Module script = torch::jit::load(path.toStdString(), torch::kCPU);
        Named out;
        for (const auto &p : script.named_parameters(/*recurse=*/true))
            out.emplace_back(p.name, p.value);
        for (const auto &b : script.named_buffers(/*recurse=*/true))
            out.emplace_back(b.name, b.value);
        if (format)
            *format = QStringLiteral("torchscript");
        return out;
    } catch (const std::exception &e) {
        // libtorch's unpickler cannot rebuild Python's OrderedDict, which is what
        // torch.save(model.state_dict(), f) writes; it fails with an internal assertion.
        if (pickle_error.contains(QLatin1String("GenericDict")))
            return Result<Named>::failure(
                QStringLiteral("'%1' looks like torch.save(model.state_dict(), f): an OrderedDict, which libtorch cannot "
                               "read. Re-save it as a plain dict: torch.save(dict(model.state_dict()), f)")
                    .arg(path));
        // The same unpickler stops at Python objects it has no class for (an OrderedDict built
        // by hand, a dict inside the dict such as a training checkpoint {"state_dict": ...}).
        if (pickle_error.contains(QLatin1String("Unknown opcode")))
            return Result<Named>::failure(
                QStringLiteral("'%1' is a pickle libtorch cannot read (%2): it holds Python objects other than a plain "
                               "dict of tensors, e.g. an OrderedDict or a training checkpoint with the weights nested "
                               "inside. Save the weights alone as a plain dict: torch.save(dict(model.state_dict()), f)")
                    .arg(path, pickle_error));
        return Result<Named>::failure(
            QStringLiteral("'%1' is neither a plain-dict state dict (%2) nor a TorchScript file (%3)")
                .arg(path, pickle_error, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

Result<WeightImportReport> importWeights(torch::nn::Module &module, const QString &path,
                                         const WeightImportOptions &options)
{
    QString format;
    auto named = readNamedTensors(path, &format);
    if (!named)
        return Result<WeightImportReport>::failure(named.error());

    WeightImportReport report;
    report.format = format;
    try {
        std::map<std::string, torch::Tensor> target;
        for (const auto &p : module.named_parameters(/*recurse=*/true))
            target.emplace(p.key(), p.value());
        for (const auto &b : module.named_buffers(/*recurse=*/true))
            target.emplace(b.key(), b.value());

        // A BalanceBench encoder checkpoint (RUN_DIR/checkpoints/*-encoder.pt) names its backbone's
        // tensors "backbone.<torchvision name>": when no file key matches as it is and some match
        // without that prefix, the backbone is taken from it and the rest (attention gate,
        // projection head) is skipped, so a trained run's backbone serves `features` and transfer.
        static const std::string kEncoderPrefix = "backbone.";
        const auto countMatches = [&](bool strip) {
            size_t n = 0;
            for (const auto &entry : named.value()) {
                if (strip && entry.first.compare(0, kEncoderPrefix.size(), kEncoderPrefix) != 0)
                    continue;
                n += target.count(options.add_prefix + entry.first.substr(strip ? kEncoderPrefix.size() : 0));
            }
            return n;
        };
        const bool stripEncoderPrefix = countMatches(false) == 0 && countMatches(true) > 0;
        if (stripEncoderPrefix)
            report.format += QStringLiteral(" (BalanceBench encoder checkpoint: its backbone)");

        std::map<std::string, torch::Tensor> source;
        for (auto &entry : named.value()) {
            if (stripEncoderPrefix) {
                if (entry.first.compare(0, kEncoderPrefix.size(), kEncoderPrefix) != 0) {
                    report.skipped.push_back(entry.first);
                    continue;
                }
                entry.first.erase(0, kEncoderPrefix.size());
            }
            const std::string key = options.add_prefix + entry.first;
            if (hasPrefix(entry.first, options.skip_prefixes) || hasPrefix(key, options.skip_prefixes)) {
                report.skipped.push_back(key);
                continue;
            }
            if (target.count(key) == 0) {
                report.unexpected.push_back(key);
                continue;
            }
            source.emplace(key, entry.second);
        }

        std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
        for (const auto &[name, dst] : target) {
            auto it = source.find(name);
            if (it == source.end()) {
                if (!hasPrefix(name, options.skip_prefixes))
                    report.missing.push_back(name);
                continue;
            }
            if (it->second.sizes() != dst.sizes()) {
                report.mismatched.push_back(name + ": file " + shapeString(it->second) + " vs model " + shapeString(dst));
                continue;
            }
            if (it->second.is_floating_point() && !torch::isfinite(it->second).all().item<bool>()) {
                report.nonfinite.push_back(name); // a NaN weight makes every output NaN
                continue;
            }
            copies.emplace_back(dst, it->second);
            report.loaded.push_back(name);
        }
        if (options.strict && !report.complete())
            return Result<WeightImportReport>::failure(QStringLiteral("incomplete weights in '%1':\n%2").arg(path, report.summary()));

        torch::NoGradGuard no_grad;
        for (auto &[dst, src] : copies)
            dst.copy_(src.to(dst.device(), dst.scalar_type()));
    } catch (const std::exception &e) {
        return Result<WeightImportReport>::failure(
            QStringLiteral("cannot import weights from '%1': %2").arg(path, QString::fromUtf8(e.what())));
    }
    return report;
}

} // namespace bb
