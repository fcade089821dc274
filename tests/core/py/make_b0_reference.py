#!/usr/bin/python3
"""Reference data for tst_nn_models (run by the test with Debian's /usr/bin/python3).

Builds torchvision 0.14's efficientnet_b0 with torch.manual_seed(0), randomises every
BatchNorm's affine parameters and running statistics (so buffers matter in eval mode),
and writes into OUTDIR:
  b0_state.pt    torch.save(dict(model.state_dict()))   (the plain-dict import format)
  b0_script.pt   torch.jit.trace(model) saved with torch.jit.save
  b0_io.pt       {"input": [2,3,64,64] (seed 1), "features": pooled [2,1280] (eval)}
  b0_keys.txt    "name shape..." per state-dict entry, in order, then "#params N"
  image.png      a 64x64 RGB test image, and
  image_io.pt    {"input": that image normalised with ImageNet mean/std, "features": [1,1280]}
"""
import sys

import numpy as np
import torch
import torchvision
from PIL import Image


def main(out):
    torch.manual_seed(0)
    model = torchvision.models.efficientnet_b0()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0.0, 0.1)
                m.running_mean.normal_(0.0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
    model.eval()
    sd = model.state_dict()
    torch.save(dict(sd), f"{out}/b0_state.pt")
    with open(f"{out}/b0_keys.txt", "w") as f:
        for k, v in sd.items():
            f.write(k + " " + " ".join(str(s) for s in v.shape) + "\n")
        f.write("#params %d\n" % sum(p.numel() for p in model.parameters()))

    torch.manual_seed(1)
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        feats = torch.flatten(model.avgpool(model.features(x)), 1)
        traced = torch.jit.trace(model, x)
    torch.jit.save(traced, f"{out}/b0_script.pt")
    torch.save({"input": x, "features": feats}, f"{out}/b0_io.pt")

    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    Image.fromarray(img, "RGB").save(f"{out}/image.png")
    t = torch.from_numpy(img).permute(2, 0, 1).float().div(255.0)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    t = ((t - mean) / std).unsqueeze(0)
    with torch.no_grad():
        f = torch.flatten(model.avgpool(model.features(t)), 1)
    # Two entries on purpose: libtorch 1.13's unpickler rejects the SETITEM opcode that
    # pickle uses for a one-entry dict ("Unknown opcode for unpickling at 0x73").
    torch.save({"input": t, "features": f}, f"{out}/image_io.pt")


if __name__ == "__main__":
    main(sys.argv[1])
