#include "predictor.h"

#include "imagedecoder.h"
#include "nn/modelbundle.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <functional>

namespace bb {
namespace {
// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::Predictor)
};
} // namespace

struct Predictor::Impl {
    mutable LoadedBundle bundle; // forward() is non-const in libtorch; eval-mode inference does not mutate

    // Training and prediction share this: resize to the balancing size, then to the input size.
    torch::Tensor preprocess(const cv::Mat &rgb) const
    {
        cv::Mat img = rgb;
        if (bundle.balance_size > 0 && (rgb.cols != bundle.balance_size || rgb.rows != bundle.balance_size))
            img = resizeRgb(rgb, bundle.balance_size, bundle.balance_size);
        img = resizeRgb(img, bundle.input_size, bundle.input_size);
        return rgbToTensor(img, bundle.norm);
    }

    std::vector<Prediction> run(const std::vector<torch::Tensor> &inputs, int topK) const
    {
        std::vector<Prediction> out(inputs.size());
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::stack(inputs);
        const torch::Tensor emb = bundle.encoder->embed(x);
        torch::Tensor prob = bundle.head->probabilities(emb);
        if (bundle.test_time_flip) // mirror along the width (NCHW dim 3); the embedding stays the unflipped one
            prob = 0.5 * (prob + bundle.head->probabilities(bundle.encoder->embed(x.flip({3}))));
        prob = prob.contiguous();
        const int k = std::clamp(topK, 1, int(bundle.classes.size()));
        const auto topk = prob.topk(k, 1);
        const auto values = std::get<0>(topk).contiguous(), indices = std::get<1>(topk).contiguous();
        const torch::Tensor embc = emb.contiguous();
        for (size_t i = 0; i < inputs.size(); ++i) {
            Prediction &p = out[i];
            for (int j = 0; j < k; ++j)
                p.top.push_back({bundle.classes[int(indices[int64_t(i)][j].item<int64_t>())],
                                 double(values[int64_t(i)][j].item<float>())});
            p.label = p.top.front().label;
            p.probability = p.top.front().probability;
            const float *e = embc[int64_t(i)].data_ptr<float>();
            p.embedding.assign(e, e + embc.size(1));
        }
        return out;
    }
};

Predictor::Predictor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Predictor::Predictor(Predictor &&) noexcept = default;
Predictor &Predictor::operator=(Predictor &&) noexcept = default;
Predictor::~Predictor() = default;

Result<Predictor> Predictor::load(const QString &bundlePath, int threads)
{
    if (threads > 0)
        torch::set_num_threads(threads);
    auto bundle = readBundle(bundlePath);
    if (!bundle)
        return Result<Predictor>::failure(bundle.error());
    auto impl = std::make_unique<Impl>();
    impl->bundle = bundle.take();
    return Predictor(std::move(impl));
}

QStringList Predictor::classes() const { return m_impl->bundle.classes; }
int Predictor::inputSize() const { return m_impl->bundle.input_size; }
QJsonObject Predictor::metadata() const { return m_impl->bundle.meta; }
bool Predictor::testTimeFlip() const { return m_impl->bundle.test_time_flip; }
void Predictor::setTestTimeFlip(bool on) { m_impl->bundle.test_time_flip = on; }

Prediction Predictor::predict(const cv::Mat &rgb, int topK) const
{
    try {
        if (rgb.empty() || rgb.type() != CV_8UC3) {
            Prediction p;
            p.error = Msg::tr("expected an 8-bit RGB image");
            return p;
        }
        return m_impl->run({m_impl->preprocess(rgb)}, topK).front();
    } catch (const std::exception &e) {
        Prediction p;
        p.error = Msg::tr("prediction failed: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
        return p;
    }
}

Prediction Predictor::predictFile(const QString &path, int topK) const
{
    auto decoded = decodeImageFile(path);
    if (!decoded) {
        Prediction p;
        p.path = path;
        p.error = decoded.error();
        return p;
    }
    Prediction p = predict(decoded.value().rgb, topK);
    p.path = path;
    return p;
}

std::vector<Prediction> Predictor::predictFiles(const QStringList &paths, int topK, int batch,
                                                const std::function<bool(int)> &progress) const
{
    std::vector<Prediction> out(size_t(paths.size()));
    batch = std::max(1, batch);
    for (qsizetype start = 0; start < paths.size(); start += batch) {
        const qsizetype end = std::min(paths.size(), start + batch);
        std::vector<torch::Tensor> inputs;
        std::vector<size_t> slots;
        for (qsizetype i = start; i < end; ++i) {
            out[size_t(i)].path = paths[i];
            auto decoded = decodeImageFile(paths[i]);
            if (!decoded) {
                out[size_t(i)].error = decoded.error();
                continue;
            }
            try {
                inputs.push_back(m_impl->preprocess(decoded.value().rgb));
                slots.push_back(size_t(i));
            } catch (const std::exception &e) {
                out[size_t(i)].error = QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
            }
        }
        if (!inputs.empty()) {
            try {
                std::vector<Prediction> r = m_impl->run(inputs, topK);
                for (size_t j = 0; j < slots.size(); ++j) {
                    r[j].path = paths[qsizetype(slots[j])];
                    out[slots[j]] = std::move(r[j]);
                }
            } catch (const std::exception &e) {
                for (size_t s : slots)
                    out[s].error = Msg::tr("prediction failed: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
            }
        }
        if (progress && !progress(int(end)))
            break;
    }
    return out;
}

std::vector<NeighbourImage> Predictor::nearest(const std::vector<float> &embedding, int k) const
{
    const LoadedBundle &b = m_impl->bundle;
    std::vector<NeighbourImage> out;
    if (b.ref_dim == 0 || int(embedding.size()) != b.ref_dim || k <= 0)
        return out;
    const size_t rows = size_t(b.ref_paths.size());
    std::vector<std::pair<double, size_t>> d(rows);
    for (size_t r = 0; r < rows; ++r) {
        const float *e = b.ref_embeddings.data() + r * size_t(b.ref_dim);
        double s = 0;
        for (int j = 0; j < b.ref_dim; ++j) {
            const double t = double(e[j]) - embedding[size_t(j)];
            s += t * t;
        }
        d[r] = {s, r};
    }
    const size_t n = std::min(rows, size_t(k));
    std::partial_sort(d.begin(), d.begin() + qint64(n), d.end());
    for (size_t i = 0; i < n; ++i) {
        const size_t r = d[i].second;
        NeighbourImage img;
        img.path = b.dataset_root.isEmpty() ? b.ref_paths[qsizetype(r)] : QDir(b.dataset_root).filePath(b.ref_paths[qsizetype(r)]);
        const int lab = r < b.ref_labels.size() ? b.ref_labels[r] : -1;
        img.label = lab >= 0 && lab < b.classes.size() ? b.classes[lab] : QString();
        img.distance = std::sqrt(d[i].first);
        out.push_back(img);
    }
    return out;
}

} // namespace bb
