#pragma once
// Optimizer plumbing: parameter groups for AdamW and learning rates from the torch-free
// CosineSchedule.

#include <torch/torch.h>

#include <vector>

namespace bb {

/// Two AdamW parameter groups over `module`'s trainable parameters: tensors with dim > 1
/// (conv/linear weights) decay with `weight_decay`, the rest (BatchNorm affine, biases) get
/// weight decay 0 (REFERENCES.md 4). Groups whose parameter list would be empty are omitted.
/// Use as torch::optim::AdamW(adamWParamGroups(*model, lr, wd)).
std::vector<torch::optim::OptimizerParamGroup> adamWParamGroups(const torch::nn::Module &module, double lr,
                                                                double weight_decay);

/// Sets every parameter group's lr (AdamW, Adam, SGD, ... through OptimizerOptions::set_lr).
void setLearningRate(torch::optim::Optimizer &optimizer, double lr);

/// Sets group i's lr to lrs[i]; lrs must have one entry per group (e.g. CosineSchedule::lrs()).
void setLearningRates(torch::optim::Optimizer &optimizer, const std::vector<double> &lrs);

/// The current lr of every parameter group (use as CosineSchedule's base lrs).
std::vector<double> learningRates(const torch::optim::Optimizer &optimizer);

} // namespace bb
