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

private:
    torch::nn::Linear m_hidden{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    torch::nn::Linear m_out{nullptr};
};
TORCH_MODULE(ClassifierHead);

/// Everything in a bundle, rebuilt and in eval mode.
struct LoadedBundle {
    QJsonObject meta;
    EnhancedEncoder encoder{nullptr};
    ClassifierHead head{nullptr};
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

/// The encoder a training config describes (backbone, attention gate, projection sizes).
Result<EnhancedEncoder> makeEncoderFor(const TrainingConfig &config);

/// Builds the encoder and head that `meta` describes (meta["config"], meta["classes"]).
Result<std::pair<EnhancedEncoder, ClassifierHead>> buildModelsFromMeta(const QJsonObject &meta);

/// Writes a bundle atomically (QSaveFile). `meta` must hold "config", "classes",
/// "preprocessing" {input_size, balance_size, mean, std}; reference rows are optional.
Status writeBundle(const QString &path, const QJsonObject &meta, EnhancedEncoder &encoder, ClassifierHead &head,
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
