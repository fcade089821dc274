#include "nn/efficientnet.h"

#include <ATen/CPUGeneratorImpl.h>
#include <mutex>

#include <cmath>

namespace bb {

namespace {

// torchvision's Conv2dNormActivation: Sequential[Conv2d(no bias), BatchNorm2d, (SiLU)].
// Being a Sequential is what gives the ".0.weight"/".1.running_mean" key suffixes.
Chain convBnAct(int64_t in, int64_t out, int64_t kernel, int64_t stride,
                                int64_t groups, bool activation)
{
    Chain seq;
    seq->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                         .stride(stride)
                                         .padding((kernel - 1) / 2)
                                         .groups(groups)
                                         .bias(false)));
    // torchvision B0-B4 use PyTorch's BatchNorm defaults (B5+ would need eps 1e-3, momentum 0.01).
    seq->push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5).momentum(0.1)));
    if (activation)
        seq->push_back(torch::nn::SiLU());
    return seq;
}

struct StageConfig {
    int64_t expand_ratio, kernel, stride, in_channels, out_channels, layers;
};

// torchvision _efficientnet_conf(width_mult=1.0, depth_mult=1.0): no channel/depth rounding
// is needed at B0 because all multipliers are 1.
constexpr StageConfig kStages[] = {
    {1, 3, 1, 32, 16, 1},  {6, 3, 2, 16, 24, 2},  {6, 5, 2, 24, 40, 2},   {6, 3, 2, 40, 80, 3},
    {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4}, {6, 3, 1, 192, 320, 1},
};

} // namespace

torch::Tensor stochasticDepth(const torch::Tensor &x, double p, bool training, c10::optional<at::Generator> gen)
{
    if (!training || p == 0.0)
        return x;
    const double survival = 1.0 - p;
    std::vector<int64_t> shape(static_cast<size_t>(x.dim()), 1);
    shape[0] = x.size(0);
    auto noise = torch::empty(shape, x.options()).bernoulli_(survival, gen);
    if (survival > 0.0)
        noise.div_(survival);
    return x * noise;
}

SqueezeExcitationImpl::SqueezeExcitationImpl(int64_t channels, int64_t squeeze_channels)
    : m_fc1(register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, squeeze_channels, 1))))
    , m_fc2(register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(squeeze_channels, channels, 1))))
{
}

torch::Tensor SqueezeExcitationImpl::forward(const torch::Tensor &x)
{
    auto scale = torch::adaptive_avg_pool2d(x, {1, 1});
    scale = torch::sigmoid(m_fc2->forward(torch::silu(m_fc1->forward(scale))));
    return x * scale;
}

MBConvImpl::MBConvImpl(int64_t expand_ratio, int64_t kernel, int64_t stride, int64_t in_channels,
                       int64_t out_channels, double stochastic_depth_prob)
    : m_residual(stride == 1 && in_channels == out_channels)
    , m_sd_prob(stochastic_depth_prob)
{
    const int64_t expanded = in_channels * expand_ratio;
    Chain block;
    if (expanded != in_channels)
        block->push_back(convBnAct(in_channels, expanded, 1, 1, 1, true));
    block->push_back(convBnAct(expanded, expanded, kernel, stride, expanded, true));
    // torchvision sizes the squeeze from the block *input* channels, not the expanded ones.
    block->push_back(SqueezeExcitation(expanded, std::max<int64_t>(1, in_channels / 4)));
    block->push_back(convBnAct(expanded, out_channels, 1, 1, 1, false));
    m_block = register_module("block", block);
}

torch::Tensor MBConvImpl::forward(const torch::Tensor &x)
{
    auto out = m_block->forward(x);
    if (m_residual)
        out = stochasticDepth(out, m_sd_prob, is_training(), m_gen) + x;
    return out;
}

EfficientNetB0Impl::EfficientNetB0Impl(const EfficientNetOptions &options)
{
    Chain features;
    features->push_back(convBnAct(3, 32, 3, 2, 1, true));
    int64_t total_blocks = 0;
    for (const StageConfig &s : kStages)
        total_blocks += s.layers;
    int64_t block_id = 0;
    for (const StageConfig &s : kStages) {
        Chain stage;
        for (int64_t i = 0; i < s.layers; ++i) {
            const int64_t in = i == 0 ? s.in_channels : s.out_channels;
            const int64_t stride = i == 0 ? s.stride : 1;
            // Same float expression as torchvision so the drop rates are bit-identical.
            const double sd = options.stochastic_depth_prob * static_cast<double>(block_id) /
                              static_cast<double>(total_blocks);
            stage->push_back(MBConv(s.expand_ratio, s.kernel, stride, in, s.out_channels, sd));
            ++block_id;
        }
        features->push_back(stage);
    }
    features->push_back(convBnAct(320, 1280, 1, 1, 1, true));
    m_features = register_module("features", features);
    if (options.num_classes > 0) {
        Chain classifier;
        classifier->push_back(torch::nn::Dropout(torch::nn::DropoutOptions(options.dropout)));
        classifier->push_back(torch::nn::Linear(1280, options.num_classes));
        m_classifier = register_module("classifier", classifier);
    }
    reset_parameters();
}

void EfficientNetB0Impl::reset_parameters()
{
    torch::NoGradGuard no_grad;
    for (auto &module : modules(/*include_self=*/false)) {
        if (auto *conv = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut);
            if (conv->bias.defined())
                torch::nn::init::zeros_(conv->bias);
        } else if (auto *bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        } else if (auto *linear = module->as<torch::nn::Linear>()) {
            const double range = 1.0 / std::sqrt(static_cast<double>(linear->options.out_features()));
            torch::nn::init::uniform_(linear->weight, -range, range);
            torch::nn::init::zeros_(linear->bias);
        }
    }
}

void EfficientNetB0Impl::reseed(uint64_t seed)
{
    if (!m_gen.defined()) {
        m_gen = at::make_generator<at::CPUGeneratorImpl>(seed);
        for (auto &m : modules(false))
            if (auto *block = m->as<MBConvImpl>())
                block->set_generator(m_gen);
    }
    std::lock_guard<std::mutex> lock(m_gen.mutex());
    m_gen.set_current_seed(seed);
}

torch::Tensor EfficientNetB0Impl::feature_map(const torch::Tensor &x)
{
    return m_features->forward(x);
}

std::vector<torch::Tensor> EfficientNetB0Impl::stage_maps(const torch::Tensor &x, int n)
{
    const int stages = int(m_features->size());
    TORCH_CHECK(n >= 1 && n <= stages, "EfficientNet-B0 has ", stages, " stages, not ", n);
    std::vector<torch::Tensor> maps;
    auto h = x;
    for (int i = 0; i < stages; ++i) {
        h = m_features[size_t(i)]->as<Chain>()->forward(h);
        if (i >= stages - n)
            maps.push_back(h);
    }
    return maps;
}

torch::Tensor EfficientNetB0Impl::forward_features(const torch::Tensor &x)
{
    return torch::adaptive_avg_pool2d(feature_map(x), {1, 1}).flatten(1);
}

torch::Tensor EfficientNetB0Impl::forward(const torch::Tensor &x)
{
    TORCH_CHECK(!m_classifier.is_empty(), "EfficientNetB0 was built without a classifier (num_classes = 0)");
    return m_classifier->forward(forward_features(x));
}

} // namespace bb
