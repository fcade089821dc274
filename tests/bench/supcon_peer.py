#!/usr/bin/python3
"""SupCon training-throughput peer for tests/bench/bench_supcon.sh (issue 3).

The same SupCon training loop as BalanceBench's quick profile, written the way a
straightforward PyTorch user would write it (Debian's python3-torch 1.13 / torchvision 0.14):

  * backbone = core/nn/compactnet.h exactly: widths 32/64/128, every conv 3x3 / pad 1 / no bias
    + BatchNorm2d(eps 1e-5, momentum 0.1) + ReLU, two convs per stage, 2x2 max-pool after
    stages 1 and 2 (none after 3), global average pool -> 128; Kaiming-normal fan_out init
  * attention gate a = sigmoid(W2 ReLU(W1 f)), reduction 4 (128 -> 32 -> 128), f <- f * a
  * projection head Linear(128, 256) - ReLU - Linear(256, 128), l2-normalised
  * plain SupCon (L_out, temperature 0.1, no margin, no top-k), anchors weighted by
    w_c = max N / N_c from the pre-balancing training counts (ours: class_weighting=original)
  * AdamW(lr 2e-3, wd 1e-4) + CosineAnnealingWarmRestarts(T_0=4, T_mult=3), stepped per batch
  * two views per image from torchvision transforms on in-memory PIL images:
    RandomResizedCrop(28, scale=(0.8, 1)), RandomHorizontalFlip, ColorJitter(0.4, 0.4) p=0.8,
    GaussianBlur(3, sigma 0.1-1) p=0.1, ToTensor, Normalize(ImageNet mean/std)
  * WeightedRandomSampler (weights 1/N_class, replacement) + DataLoader(batch 128, drop_last)
  * torch.set_num_threads(2)

Input: the balanced training folder written by `balancebench-cli balance DATASET --size 28`
(DIR/train/<class>/*.png, DIR/balance.json for the original counts).

Prints JSON: images/s (images per second of SupCon steps, each image with all its views, data
loading included) over --steps steps after --warmup untimed steps.
"""
import argparse
import glob
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset, WeightedRandomSampler
from torchvision import transforms


def conv_bn_relu(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False),
                         nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1),
                         nn.ReLU(inplace=True))


class CompactNet(nn.Module):
    def __init__(self, widths=(32, 64, 128)):
        super().__init__()
        stages, cin = [], 3
        for w in widths:
            stages.append(nn.Sequential(conv_bn_relu(cin, w), conv_bn_relu(w, w)))
            cin = w
        self.stages = nn.ModuleList(stages)
        self.feature_dim = cin
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        for i, s in enumerate(self.stages):
            x = s(x)
            if i + 1 < len(self.stages):
                x = F.max_pool2d(x, 2)
        return F.adaptive_avg_pool2d(x, 1).flatten(1)


class Encoder(nn.Module):
    def __init__(self, hidden=256, dim=128, reduction=4):
        super().__init__()
        self.backbone = CompactNet()
        f = self.backbone.feature_dim
        self.attention = nn.Sequential(nn.Linear(f, max(1, f // reduction)), nn.ReLU(),
                                       nn.Linear(max(1, f // reduction), f))
        self.projection = nn.Sequential(nn.Linear(f, hidden), nn.ReLU(), nn.Linear(hidden, dim))

    def forward(self, x):
        f = self.backbone(x)
        f = f * torch.sigmoid(self.attention(f))
        return F.normalize(self.projection(f), dim=1)


def supcon_loss(features, labels, class_weights, temperature=0.1):
    """features [B, V, D] (normalised), labels [B]; plain SupCon L_out with class weights."""
    b, v, _ = features.shape
    z = torch.cat(torch.unbind(features, dim=1), dim=0)  # view-major [V*B, D]
    labels = labels.repeat(v)
    n = z.shape[0]
    logits = z @ z.T / temperature
    eye = torch.eye(n, dtype=torch.bool)
    pos = (labels[:, None] == labels[None, :]) & ~eye
    logits = logits.masked_fill(eye, float("-inf"))
    log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    pos_f = pos.float()
    valid = pos_f.sum(1) > 0
    per_anchor = -(log_prob.masked_fill(~pos, 0.0) * pos_f).sum(1)[valid] / pos_f.sum(1)[valid]
    w = class_weights[labels][valid]
    return (w * per_anchor).sum() / w.sum()


class TwoViews(Dataset):
    def __init__(self, images, labels, transform, views=2):
        self.images, self.labels, self.transform, self.views = images, labels, transform, views

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = self.images[i]
        return [self.transform(img) for _ in range(self.views)], self.labels[i]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("balanced_dir", help="output of `balancebench-cli balance --size 28`")
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--views", type=int, default=2)
    ap.add_argument("--size", type=int, default=28)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    t_load = time.perf_counter()
    classes = sorted(d for d in os.listdir(os.path.join(a.balanced_dir, "train"))
                     if os.path.isdir(os.path.join(a.balanced_dir, "train", d)))
    images, labels = [], []
    for ci, c in enumerate(classes):
        for p in sorted(glob.glob(os.path.join(a.balanced_dir, "train", c, "*.png"))):
            with Image.open(p) as im:
                images.append(im.convert("RGB").copy())
            labels.append(ci)
    load_s = time.perf_counter() - t_load
    with open(os.path.join(a.balanced_dir, "balance.json")) as f:
        plan = {c["name"]: c["original"] for c in json.load(f)["classes"]}
    original = torch.tensor([plan[c] for c in classes], dtype=torch.float32)
    class_weights = original.max() / original

    labels_t = torch.tensor(labels)
    counts = torch.bincount(labels_t, minlength=len(classes)).double()
    sample_w = (1.0 / counts)[labels_t]
    sampler = WeightedRandomSampler(sample_w, num_samples=len(labels), replacement=True)

    normalize = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    tf = transforms.Compose([
        transforms.RandomResizedCrop(a.size, scale=(0.8, 1.0)),
        transforms.RandomHorizontalFlip(),
        transforms.RandomApply([transforms.ColorJitter(0.4, 0.4)], p=0.8),
        transforms.RandomApply([transforms.GaussianBlur(3, sigma=(0.1, 1.0))], p=0.1),
        transforms.ToTensor(),
        normalize,
    ])
    ds = TwoViews(images, labels, tf, a.views)
    loader = DataLoader(ds, batch_size=a.batch, sampler=sampler, drop_last=True,
                        num_workers=a.workers, persistent_workers=a.workers > 0)

    model = Encoder()
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=4, T_mult=3, eta_min=1e-5)
    steps_per_epoch = len(loader)
    model.train()

    total = a.warmup + a.steps
    done, epoch, timed_images, losses = 0, 0, 0, []
    t0 = time.perf_counter()
    while done < total:
        for i, (views, y) in enumerate(loader):
            x = torch.cat(views, dim=0)  # [V*B, 3, S, S]
            z = model(x)
            feats = torch.stack(torch.chunk(z, a.views, dim=0), dim=1)  # [B, V, D]
            loss = supcon_loss(feats, y, class_weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step(epoch + i / steps_per_epoch)
            losses.append(loss.item())
            done += 1
            if done > a.warmup:
                timed_images += y.shape[0]
            elif done == a.warmup:
                t0 = time.perf_counter()  # the clock starts after the warm-up steps: loading included from here
            if done >= total:
                break
        epoch += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "engine": "pytorch %s / torchvision %s" % (torch.__version__, __import__("torchvision").__version__),
        "workers": a.workers, "threads": a.threads, "batch": a.batch, "views": a.views,
        "input_size": a.size, "train_images": len(images), "steps": a.steps, "warmup": a.warmup,
        "seconds": seconds, "images_per_s": timed_images / seconds,
        "first_loss": losses[0], "last_loss": losses[-1], "image_load_s": load_s,
    }))


if __name__ == "__main__":
    main()
