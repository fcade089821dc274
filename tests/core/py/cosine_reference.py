#!/usr/bin/python3
"""Reference schedules for tst_cosineschedule, from torch 1.13's CosineAnnealingWarmRestarts.

Prints JSON: a list of {"t0", "tmult", "eta_min", "base_lr", "mode", "epochs", "lr", "t_cur", "t_i"}.
mode "step": the lr after the constructor and after each of 200 scheduler.step() calls.
mode "frac": step(epoch + i / iters) per batch (iters = 7), 200 values.
mode "epochs": step(float(e)) for e = 0..200 (hits exact restarts such as T_0=1, T_mult=3, 121).
"""
import json

import torch

CONFIGS = [(10, 1, 0.0), (5, 2, 1e-5), (1, 3, 1e-3), (3, 2, 0.0), (7, 1, 0.01)]
BASE_LR = 0.1


def make(t0, tmult, eta_min):
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=BASE_LR)
    return opt, torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=t0, T_mult=tmult, eta_min=eta_min)


def record(out, opt, sched, epoch):
    out["epochs"].append(epoch)
    out["lr"].append(opt.param_groups[0]["lr"])
    out["t_cur"].append(float(sched.T_cur))
    out["t_i"].append(int(sched.T_i))


def main():
    result = []
    for t0, tmult, eta_min in CONFIGS:
        for mode in ("step", "frac", "epochs"):
            out = {"t0": t0, "tmult": tmult, "eta_min": eta_min, "base_lr": BASE_LR, "mode": mode,
                   "epochs": [], "lr": [], "t_cur": [], "t_i": []}
            opt, sched = make(t0, tmult, eta_min)
            if mode == "step":
                record(out, opt, sched, 0.0)
                for _ in range(200):
                    sched.step()
                    record(out, opt, sched, float(sched.last_epoch))
            elif mode == "frac":
                iters = 7
                for i in range(200):
                    epoch = i // iters + (i % iters) / iters
                    sched.step(epoch)
                    record(out, opt, sched, epoch)
            else:
                for e in range(201):
                    sched.step(float(e))
                    record(out, opt, sched, float(e))
            result.append(out)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
