#pragma once
// Precompiled header for the few core translation units that use libtorch.
// Torch must come before any Qt header (Qt keyword macros are disabled anyway).
#include <torch/torch.h>
