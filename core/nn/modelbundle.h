#pragma once
// The deployable model bundle (one file) and the classification head (libtorch; include
// only from core .cpp files). The torch-free way to use a bundle is bb::Predictor.
//
// File layout (little endian):
//   "BBMODEL1"                                   8 bytes magic
//   u32 n, n bytes                               JSON metadata (UTF-8), see writeBundle()
//   u64 n, n bytes                               encoder state (torch::serialize archive)
//   u64 n, n bytes                               head state (torch::serialize archive)
//   u64 n, n bytes                               reference embeddings, float32 [rows x dim]

#include "nn/encoder.h"
#include "nn/imagetensor.h"
#include "result.h"
#include "trainingconfig.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace bb {

/// MLP classifier over frozen embeddings: Linear(in, hidden) - ReLU - Dropout - Linear(hidden,
/// classes), or a single Linear when hidden == 0. Submodules "hidden" and "out".
class ClassifierHeadImpl : public torch::nn::Module {
public:
    ClassifierHeadImpl(int64_t in_dim, int64_t hidden, int64_t classes, double dropout);
    torch::Tensor forward(const torch::Tensor &x);
    /// Dropout in training draws from `g` (default: torch's global generator), so that heads
    /// trained side by side draw what they would one after another.
    void set_generator(const at::Generator &g) { m_gen = g; }

private:
    torch::nn::Linear m_hidden{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    torch::nn::Linear m_out{nullptr};
    c10::optional<at::Generator> m_gen;
};
TORCH_MODULE(ClassifierHead);

/// The heads of an ensemble, one per member of an EncoderSet, each reading its member's part of
/// the side-by-side embeddings. The ensemble's prediction is the mean of the members' class
/// probabilities. Files hold stored() (the head itself when there is one member).
class ClassifierHeadSetImpl : public torch::nn::Module {
public:
    ClassifierHeadSetImpl(size_t members, int64_t member_dim, int64_t hidden, int64_t classes, double dropout);
    size_t size() const { return m_heads->size(); }
    ClassifierHead head(size_t k) const;
    /// Member k's part of side-by-side embeddings [N, size() * member_dim].
    torch::Tensor part(size_t k, const torch::Tensor &embeddings) const;
    /// Class probabilities [N, classes]: the mean of the members' softmax outputs.
    torch::Tensor probabilities(const torch::Tensor &embeddings);
    std::shared_ptr<torch::nn::Module> stored() const { return storedModule(m_heads); }

private:
    torch::nn::ModuleList m_heads{nullptr};
    int64_t m_member_dim = 0;
};
TORCH_MODULE(ClassifierHeadSet);

/// Everything in a bundle, rebuilt and in eval mode.
struct LoadedBundle {
    QJsonObject meta;
    EncoderSet encoder{nullptr};
    ClassifierHeadSet head{nullptr};
    QStringList classes;
    int input_size = 0;
    int balance_size = 0;
    bool test_time_flip = false;       ///< average the probabilities of the image and its mirror
    Normalization norm;
    std::vector<float> ref_embeddings; ///< embeddings of the training images, rows x ref_dim
    int ref_dim = 0;
    QStringList ref_paths;             ///< dataset-relative paths of those images
    std::vector<int> ref_labels;
    QString dataset_root;
};

/// One encoder as a training config describes it (backbone, pooling, attention gate,
/// projection sizes); initialised from the global torch RNG.
Result<EnhancedEncoder> makeEncoderFor(const TrainingConfig &config);
/// All config.members encoders of a config, as a set (for loading weights into).
Result<EncoderSet> makeEncoderSetFor(const TrainingConfig &config);

/// Builds the encoders and heads that `meta` describes (meta["config"], meta["classes"]).
Result<std::pair<EncoderSet, ClassifierHeadSet>> buildModelsFromMeta(const QJsonObject &meta);

/// Writes a bundle atomically. `meta` must hold "config", "classes", "preprocessing"
/// {input_size, balance_size, mean, std}; reference rows are optional.
Status writeBundle(const QString &path, const QJsonObject &meta, EncoderSet &encoder, ClassifierHeadSet &head,
                   const std::vector<float> &refEmbeddings);

/// Reads and rebuilds a bundle. Never throws.
Result<LoadedBundle> readBundle(const QString &path);

/// Loads a torch::save()d module file (a checkpoint) into `module`, refusing any tensor whose
/// shape differs from the module's, by name. Module::load alone replaces a parameter with the
/// file's tensor whatever its shape, so a config edited after its checkpoints were written
/// trained on silently with other sizes than it says. Empty on success; never throws.
/// `misfit` (optional) tells a shape or key mismatch (true) from a file that cannot be read.
QString loadModuleChecked(torch::nn::Module &module, const QString &file, bool *misfit = nullptr);

} // namespace bb
