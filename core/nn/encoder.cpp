#include "nn/encoder.h"

namespace bb {

EnhancedEncoderImpl::EnhancedEncoderImpl(BackbonePtr backbone, const EncoderOptions &options)
    : m_options(options)
    , m_backbone(register_module("backbone", std::move(backbone)))
{
    const int stages = int(m_backbone->stage_dims().size());
    TORCH_CHECK(m_options.pool_stages >= 1 && m_options.pool_stages <= stages, "the ", m_backbone->backbone_name(),
                " backbone has ", stages, " stages; cannot pool ", m_options.pool_stages);
    const int64_t f = feature_dim();
    if (m_options.attention) {
        const int64_t hidden = std::max<int64_t>(1, f / std::max<int64_t>(1, m_options.attention_reduction));
        torch::nn::Sequential att;
        att->push_back(torch::nn::Linear(f, hidden));
        att->push_back(torch::nn::ReLU());
        att->push_back(torch::nn::Linear(hidden, f));
        m_attention = register_module("attention", att);
    }
    torch::nn::Sequential proj;
    if (m_options.projection_hidden > 0) {
        proj->push_back(torch::nn::Linear(f, m_options.projection_hidden));
        proj->push_back(torch::nn::ReLU());
        proj->push_back(torch::nn::Linear(m_options.projection_hidden, m_options.projection_dim));
    } else {
        proj->push_back(torch::nn::Linear(f, m_options.projection_dim));
    }
    m_projection = register_module("projection", proj);
}

int64_t EnhancedEncoderImpl::feature_dim() const
{
    const std::vector<int64_t> dims = m_backbone->stage_dims();
    int64_t f = 0;
    for (size_t i = dims.size() - size_t(m_options.pool_stages); i < dims.size(); ++i)
        f += dims[i];
    return m_options.pooling == EncoderOptions::Pooling::AverageMax ? 2 * f : f;
}

torch::Tensor EnhancedEncoderImpl::pool(const torch::Tensor &map) const
{
    torch::Tensor avg = torch::adaptive_avg_pool2d(map, {1, 1}).flatten(1);
    if (m_options.pooling == EncoderOptions::Pooling::Average)
        return avg;
    return torch::cat({avg, map.amax({2, 3})}, 1);
}

torch::Tensor EnhancedEncoderImpl::features(const torch::Tensor &x)
{
    if (m_options.pool_stages == 1) {
        if (m_options.pooling == EncoderOptions::Pooling::Average)
            return m_backbone->forward_features(x); // the backbone's own pooling (torchvision's for B0)
        return pool(m_backbone->feature_map(x));
    }
    std::vector<torch::Tensor> parts;
    for (const torch::Tensor &map : m_backbone->stage_maps(x, m_options.pool_stages))
        parts.push_back(pool(map));
    return torch::cat(parts, 1);
}

torch::Tensor EnhancedEncoderImpl::gate(const torch::Tensor &f)
{
    if (m_attention.is_empty())
        return f;
    return f * torch::sigmoid(m_attention->forward(f));
}

torch::Tensor EnhancedEncoderImpl::project(const torch::Tensor &gated)
{
    // eps keeps an all-zero projection (possible right after ReLU) from dividing by zero.
    return torch::nn::functional::normalize(
        m_projection->forward(gated), torch::nn::functional::NormalizeFuncOptions().p(2).dim(1).eps(1e-12));
}

torch::Tensor EnhancedEncoderImpl::embed(const torch::Tensor &x)
{
    return gate(features(x));
}

torch::Tensor EnhancedEncoderImpl::forward(const torch::Tensor &x)
{
    return project(embed(x));
}

EncoderSetImpl::EncoderSetImpl(const std::vector<EnhancedEncoder> &members)
{
    TORCH_CHECK(!members.empty(), "an encoder set needs at least one member");
    m_members = register_module("members", torch::nn::ModuleList());
    for (const EnhancedEncoder &m : members) {
        TORCH_CHECK(m->feature_dim() == members.front()->feature_dim(), "the members of an encoder set differ in width");
        m_members->push_back(m);
    }
    m_member_dim = members.front()->feature_dim();
}

EnhancedEncoder EncoderSetImpl::member(size_t k) const
{
    return EnhancedEncoder(std::dynamic_pointer_cast<EnhancedEncoderImpl>(m_members->ptr(k)));
}

torch::Tensor EncoderSetImpl::embed(const torch::Tensor &x)
{
    if (size() == 1)
        return member(0)->embed(x);
    std::vector<torch::Tensor> parts;
    for (size_t k = 0; k < size(); ++k)
        parts.push_back(member(k)->embed(x));
    return torch::cat(parts, 1);
}

std::shared_ptr<torch::nn::Module> EncoderSetImpl::stored() const
{
    return storedModule(m_members);
}

std::shared_ptr<torch::nn::Module> storedModule(const torch::nn::ModuleList &list)
{
    return list->size() == 1 ? list->ptr(0) : list.ptr();
}

Result<EnhancedEncoder> makeEncoder(const std::string &backbone_name, const EncoderOptions &options,
                                    const BackboneOptions &backbone_options)
{
    auto backbone = makeBackbone(backbone_name, backbone_options);
    if (!backbone)
        return Result<EnhancedEncoder>::failure(backbone.error());
    try {
        return EnhancedEncoder(backbone.take(), options);
    } catch (const std::exception &e) {
        return Result<EnhancedEncoder>::failure(QStringLiteral("cannot build encoder: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace bb
