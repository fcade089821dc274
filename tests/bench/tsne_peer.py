#!/usr/bin/python3
"""Peer side of tests/bench/bench_tsne.sh: test data and scikit-learn's TSNE.

Run with Debian's /usr/bin/python3 (python3-sklearn, python3-numpy).

  tsne_peer.py gen N OUT.csv [--seed S] [--drift D]   write N x 128 class-structured data
  tsne_peer.py run IN.csv [--perplexity P] [--iterations I] [--seed S] [--threads T] [--out OUT.csv]
      prints {"n", "kl_divergence", "seconds"} for sklearn.manifold.TSNE (barnes_hut)
  tsne_peer.py score LAYOUT.csv         leave-one-out 1-NN accuracy of the labels in 2-D
  tsne_peer.py disp OLD.csv NEW.csv     mean displacement / extent (bounding-box diagonal)
  tsne_peer.py fftcost LAYOUT.csv       per-iteration FFT cost FIt-SNE would pay for this layout
"""
import argparse
import json
import os
import sys
import time

import numpy as np

DIM = 128
CLASSES = 10
LATENT = 8


def generate(n, seed, drift):
    """Embedding-like data: 10 classes, each a centre plus an 8-d linear manifold plus noise,
    rows L2-normalised as the contrastive encoder's output is. `drift` > 0 perturbs the same
    points the way one more training epoch would (for the warm-start benchmark)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(CLASSES, DIM))
    mixing = rng.normal(size=(CLASSES, LATENT, DIM)) * 0.35
    labels = np.arange(n) % CLASSES
    latent = rng.normal(size=(n, LATENT))
    x = centres[labels] + np.einsum("nl,nld->nd", latent, mixing[labels]) + 0.3 * rng.normal(size=(n, DIM))
    if drift > 0:
        x += drift * np.random.default_rng(seed + 1).normal(size=x.shape)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32), labels


def cmd_gen(args):
    x, labels = generate(args.n, args.seed, args.drift)
    with open(args.out, "w") as f:
        f.write("label," + ",".join("f%d" % i for i in range(DIM)) + "\n")
        for lab, row in zip(labels, x):
            f.write("c%d," % lab + ",".join("%.7g" % v for v in row) + "\n")


def cmd_run(args):
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    from sklearn.manifold import TSNE

    x = np.loadtxt(args.input, delimiter=",", skiprows=1, usecols=range(1, DIM + 1), dtype=np.float32)
    labels = np.loadtxt(args.input, delimiter=",", skiprows=1, usecols=[0], dtype=str)
    tsne = TSNE(n_components=2, perplexity=args.perplexity, n_iter=args.iterations, method="barnes_hut",
                angle=0.5, init="pca", learning_rate="auto", random_state=args.seed, n_jobs=args.threads)
    t0 = time.perf_counter()
    y = tsne.fit_transform(x)
    seconds = time.perf_counter() - t0
    if args.out:
        with open(args.out, "w") as f:
            f.write("label,x,y\n")
            for lab, (a, b) in zip(labels, y):
                f.write("%s,%.8g,%.8g\n" % (lab, a, b))
    print(json.dumps({"n": int(x.shape[0]), "kl_divergence": float(tsne.kl_divergence_), "seconds": seconds,
                      "iterations": int(tsne.n_iter_) + 1}))


def read_layout(path):
    labels = np.loadtxt(path, delimiter=",", skiprows=1, usecols=[0], dtype=str)
    y = np.loadtxt(path, delimiter=",", skiprows=1, usecols=[1, 2])
    return labels, y


def cmd_score(args):
    from sklearn.neighbors import NearestNeighbors

    labels, y = read_layout(args.layout)
    _, idx = NearestNeighbors(n_neighbors=2).fit(y).kneighbors(y)
    print("%.4f" % np.mean(labels[idx[:, 1]] == labels))


def cmd_disp(args):
    _, a = read_layout(args.old)
    _, b = read_layout(args.new)
    extent = np.linalg.norm(a.max(axis=0) - a.min(axis=0))
    print("%.4f" % (np.linalg.norm(a - b, axis=1).mean() / extent))


def cmd_fftcost(args):
    """FIt-SNE/openTSNE defaults: max(50, range) intervals per axis (1 per unit), 3 interpolation
    nodes each, a zero-padded 2m x 2m grid, and per iteration one kernel transform plus 4 charge
    convolutions (forward + inverse): ~9 real 2-D FFTs. Timed with numpy's pocketfft."""
    _, y = read_layout(args.layout)
    extent = float((y.max(axis=0) - y.min(axis=0)).max())
    m = 3 * max(50, int(np.ceil(extent)))
    a = np.random.default_rng(0).random((2 * m, 2 * m))
    t0 = time.perf_counter()
    for _ in range(5):
        np.fft.irfft2(np.fft.rfft2(a), s=a.shape)
    pair = (time.perf_counter() - t0) / 5
    print(json.dumps({"extent": extent, "grid": 2 * m, "fft_ms_per_iteration": 4.5 * pair * 1e3}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("n", type=int)
    g.add_argument("out")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--drift", type=float, default=0.0)
    r = sub.add_parser("run")
    r.add_argument("input")
    r.add_argument("--perplexity", type=float, default=30.0)
    r.add_argument("--iterations", type=int, default=1000)
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--out")
    sc = sub.add_parser("score")
    sc.add_argument("layout")
    d = sub.add_parser("disp")
    d.add_argument("old")
    d.add_argument("new")
    fc = sub.add_parser("fftcost")
    fc.add_argument("layout")
    args = ap.parse_args()
    {"gen": cmd_gen, "run": cmd_run, "score": cmd_score, "disp": cmd_disp, "fftcost": cmd_fftcost}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
