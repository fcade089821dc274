#include "featureextractor.h"

#include "imagedecoder.h"
#include "nn/backbone.h"
#include "nn/backbonenames.h"
#include "nn/imagetensor.h"
#include "nn/weightimport.h"

namespace bb {

struct FeatureExtractor::Impl {
    FeatureExtractorOptions options;
    BackbonePtr backbone;
    QString report;
};

FeatureExtractor::FeatureExtractor(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}
FeatureExtractor::FeatureExtractor(FeatureExtractor &&) noexcept = default;
FeatureExtractor &FeatureExtractor::operator=(FeatureExtractor &&) noexcept = default;
FeatureExtractor::~FeatureExtractor() = default;

Result<FeatureExtractor> FeatureExtractor::create(const FeatureExtractorOptions &options)
{
    if (!isBackboneName(options.backbone)) {
        return Result<FeatureExtractor>::failure(QStringLiteral("unknown backbone '%1' (known: %2)")
                                                     .arg(options.backbone, backboneNames().join(QStringLiteral(", "))));
    }
    try {
        if (options.threads > 0)
            torch::set_num_threads(options.threads);
        torch::manual_seed(options.seed);
        auto backbone = makeBackbone(options.backbone.toStdString());
        if (!backbone)
            return Result<FeatureExtractor>::failure(backbone.error());
        auto impl = std::make_unique<Impl>();
        impl->options = options;
        impl->backbone = backbone.take();
        if (!options.weights_path.isEmpty()) {
            auto imported = importWeights(*impl->backbone, options.weights_path);
            if (!imported)
                return Result<FeatureExtractor>::failure(imported.error());
            // Features from partly random weights would look valid but mean nothing.
            if (!imported.value().complete()) {
                return Result<FeatureExtractor>::failure(
                    QStringLiteral("weights '%1' do not fit backbone '%2':\n%3")
                        .arg(options.weights_path, options.backbone, imported.value().summary()));
            }
            impl->report = imported.value().summary();
        }
        impl->backbone->eval();
        return FeatureExtractor(std::move(impl));
    } catch (const std::exception &e) {
        return Result<FeatureExtractor>::failure(QStringLiteral("cannot set up feature extraction: %1").arg(QString::fromUtf8(e.what())));
    }
}

Result<std::vector<float>> FeatureExtractor::extract(const cv::Mat &rgb) const
{
    using R = Result<std::vector<float>>;
    if (rgb.empty() || rgb.type() != CV_8UC3)
        return R::failure(QStringLiteral("expected a non-empty RGB8 image"));
    try {
        const int size = m_impl->options.input_size;
        const cv::Mat sized = (size > 0 && (rgb.cols != size || rgb.rows != size)) ? resizeRgb(rgb, size, size) : rgb;
        torch::NoGradGuard no_grad;
        const auto x = rgbToTensor(sized).unsqueeze(0);
        const auto f = m_impl->backbone->forward_features(x).flatten().contiguous().to(torch::kFloat);
        return std::vector<float>(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
    } catch (const std::exception &e) {
        return R::failure(QStringLiteral("feature extraction failed: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

Result<std::vector<float>> FeatureExtractor::extractFile(const QString &path) const
{
    auto decoded = decodeImageFile(path);
    if (!decoded)
        return Result<std::vector<float>>::failure(decoded.error());
    return extract(decoded.value().rgb);
}

int FeatureExtractor::featureDim() const
{
    return static_cast<int>(m_impl->backbone->feature_dim());
}

QString FeatureExtractor::weightReport() const
{
    return m_impl->report;
}

} // namespace bb
