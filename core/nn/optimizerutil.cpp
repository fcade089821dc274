#include "nn/optimizerutil.h"

namespace bb {

std::vector<torch::optim::OptimizerParamGroup> adamWParamGroups(const torch::nn::Module &module, double lr,
                                                                double weight_decay)
{
    std::vector<torch::Tensor> decay, no_decay;
    for (const auto &p : module.parameters()) {
        if (!p.requires_grad())
            continue; // frozen parameters would only carry optimizer state for nothing
        (p.dim() > 1 ? decay : no_decay).push_back(p);
    }
    std::vector<torch::optim::OptimizerParamGroup> groups;
    if (!decay.empty())
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                       torch::optim::AdamWOptions(lr).weight_decay(weight_decay)));
    if (!no_decay.empty())
        groups.emplace_back(no_decay, std::make_unique<torch::optim::AdamWOptions>(
                                          torch::optim::AdamWOptions(lr).weight_decay(0.0)));
    return groups;
}

void setLearningRate(torch::optim::Optimizer &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        group.options().set_lr(lr);
}

void setLearningRates(torch::optim::Optimizer &optimizer, const std::vector<double> &lrs)
{
    auto &groups = optimizer.param_groups();
    TORCH_CHECK(groups.size() == lrs.size(), "setLearningRates: need one lr per parameter group");
    for (size_t i = 0; i < groups.size(); ++i)
        groups[i].options().set_lr(lrs[i]);
}

std::vector<double> learningRates(const torch::optim::Optimizer &optimizer)
{
    std::vector<double> out;
    for (const auto &group : optimizer.param_groups())
        out.push_back(group.options().get_lr());
    return out;
}

} // namespace bb
