#include "nn/compactnet.h"

namespace bb {

namespace {

Chain convBnRelu(int64_t in, int64_t out)
{
    Chain seq;
    seq->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
    seq->push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5).momentum(0.1)));
    seq->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    return seq;
}

} // namespace

CompactNetImpl::CompactNetImpl(const CompactNetOptions &options)
{
    TORCH_CHECK(!options.widths.empty(), "CompactNet needs at least one stage width");
    torch::nn::ModuleList stages;
    int64_t in = options.in_channels;
    for (int64_t width : options.widths) {
        Chain stage;
        stage->push_back(convBnRelu(in, width));
        stage->push_back(convBnRelu(width, width));
        stages->push_back(stage);
        in = width;
    }
    m_stages = register_module("stages", stages);
    m_widths = options.widths;
    m_feature_dim = in;

    torch::NoGradGuard no_grad;
    for (auto &module : modules(false)) {
        if (auto *conv = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
        } else if (auto *bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        }
    }
}

torch::Tensor CompactNetImpl::feature_map(const torch::Tensor &x)
{
    return stage_maps(x, 1).back();
}

std::vector<torch::Tensor> CompactNetImpl::stage_maps(const torch::Tensor &x, int n)
{
    const int stages = int(m_stages->size());
    TORCH_CHECK(n >= 1 && n <= stages, "CompactNet has ", stages, " stages, not ", n);
    std::vector<torch::Tensor> maps;
    auto h = x;
    for (int i = 0; i < stages; ++i) {
        h = m_stages[size_t(i)]->as<Chain>()->forward(h);
        if (i >= stages - n)
            maps.push_back(h); // before the stage's pooling
        // The last stage keeps its resolution: at 28 px a third pooling would leave 3x3 maps.
        if (i + 1 < stages)
            h = torch::max_pool2d(h, 2);
    }
    return maps;
}

torch::Tensor CompactNetImpl::forward_features(const torch::Tensor &x)
{
    return torch::adaptive_avg_pool2d(feature_map(x), {1, 1}).flatten(1);
}

} // namespace bb
