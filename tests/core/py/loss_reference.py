#!/usr/bin/python3
"""Reference losses for tst_losses, by a straightforward (per-anchor loop, float64) PyTorch
computation of the formulas documented in core/nn/losses.h.

usage: loss_reference.py INPUTS.pt CASES.json OUTPUT.pt
INPUTS.pt (written by the test with torch::pickle_save): {"<case>.x": features or logits,
"<case>.y": labels}. CASES.json: [{"name", "kind": "supcon"|"focal", options...}].
OUTPUT.pt (torch.save of a plain dict): {"<case>.loss": scalar, "<case>.grad": d loss / d x,
and for focal "<case>.ce": F.cross_entropy(x, y, weight=alpha) in float32}.
"""
import json
import sys

import torch
import torch.nn.functional as F


def supcon(x, labels, c):
    if x.dim() == 3:
        views = x.shape[1]
        z = torch.cat(torch.unbind(x, 1), 0)
        y = labels.repeat(views)
    else:
        z, y = x, labels
    z = F.normalize(z, dim=1)
    n = z.shape[0]
    t, margin, top_k = c["temperature"], c["margin"], c["top_k"]
    counts = c.get("counts") or []
    weights = [max(counts) / k if k > 0 else 0.0 for k in counts]
    total = torch.zeros((), dtype=z.dtype)
    wsum = 0.0
    for i in range(n):
        pos = [j for j in range(n) if j != i and y[j] == y[i]]
        if not pos:
            continue
        s = z @ z[i]
        negs = [j for j in range(n) if y[j] != y[i]]
        if top_k > 0:
            negs = sorted(negs, key=lambda j: -s[j].item())[:top_k]
        terms = [s[p] / t for p in pos] + [(s[j] + margin) / t for j in negs]
        lse = torch.logsumexp(torch.stack(terms), 0)
        li = -sum(s[p] / t - lse for p in pos) / len(pos)
        wi = weights[int(y[i])] if weights else 1.0
        total = total + wi * li
        wsum += wi
    if wsum == 0.0:
        return z.sum() * 0.0
    return total / wsum


def focal(x, y, c):
    alpha = c.get("alpha") or [1.0] * x.shape[1]
    a = torch.tensor(alpha, dtype=x.dtype)
    p = torch.softmax(x, 1)
    logp = torch.log_softmax(x, 1)
    pt = p.gather(1, y.view(-1, 1)).flatten()
    lpt = logp.gather(1, y.view(-1, 1)).flatten()
    at = a[y]
    loss = -at * (1.0 - pt) ** c["gamma"] * lpt
    return loss.sum() / at.sum()


def main(inputs, cases, output):
    data = torch.load(inputs)
    out = {}
    for c in json.load(open(cases)):
        name = c["name"]
        x32 = data[name + ".x"]
        y = data[name + ".y"].long()
        x = x32.double().requires_grad_(True)
        loss = supcon(x, y, c) if c["kind"] == "supcon" else focal(x, y, c)
        loss.backward()
        out[name + ".loss"] = loss.detach()
        out[name + ".grad"] = x.grad.detach()
        if c["kind"] == "focal":
            w = torch.tensor(c["alpha"]) if c.get("alpha") else None
            out[name + ".ce"] = F.cross_entropy(x32, y, weight=w)
    torch.save(out, output)


if __name__ == "__main__":
    main(*sys.argv[1:4])
