#!/usr/bin/python3
"""Peer for bench_foundation.sh: the same scan and balance work in Python with Debian's
Pillow + torchvision, the way a straightforward Python pipeline does it (one process).

  scan DATASET            -> walk, read, SHA-256, full decode to RGB; prints images/s
  balance DATASET MANIFEST OUT SIZE
                          -> for every row of BalanceBench's manifest.csv: open the source,
                             resize to SIZE x SIZE, augment the up-sampled copies with
                             RandomHorizontalFlip(0.5), RandomRotation(20) and
                             ColorJitter(0.2, 0.2, 0.2), save PNG (compress_level 1, like ours)
"""
import csv
import hashlib
import io
import json
import os
import sys
import time

from PIL import Image
import torch
import torchvision.transforms as T

IMAGE_EXT = {'.png', '.jpg', '.jpeg', '.bmp', '.webp', '.tif', '.tiff', '.gif', '.ppm', '.pgm'}


def scan(root):
    t0 = time.perf_counter()
    n = 0
    skipped = 0
    for cls in sorted(os.listdir(root)):
        cdir = os.path.join(root, cls)
        if cls.startswith('.') or not os.path.isdir(cdir):
            continue
        for dirpath, dirnames, filenames in os.walk(cdir):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            for f in filenames:
                if f.startswith('.') or os.path.splitext(f)[1].lower() not in IMAGE_EXT:
                    continue
                with open(os.path.join(dirpath, f), 'rb') as fh:
                    data = fh.read()
                hashlib.sha256(data).hexdigest()
                try:
                    im = Image.open(io.BytesIO(data))
                    im = im.convert('RGB')
                    im.load()
                    n += 1
                except Exception:
                    skipped += 1
    dt = time.perf_counter() - t0
    print(json.dumps({'images': n, 'skipped': skipped, 'seconds': dt, 'images_per_s': n / dt}))


def balance(root, manifest, out, size):
    torch.set_num_threads(1)
    torch.manual_seed(0)
    aug = T.Compose([T.RandomHorizontalFlip(0.5), T.RandomRotation(20), T.ColorJitter(0.2, 0.2, 0.2)])
    rows = list(csv.DictReader(open(manifest, newline='')))
    t0 = time.perf_counter()
    for r in rows:
        im = Image.open(os.path.join(root, r['source'])).convert('RGB')
        im = im.resize((size, size), Image.BILINEAR)
        if r['augmented'] == '1':
            im = aug(im)
        dst = os.path.join(out, r['output'])
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        im.save(dst, format='PNG', compress_level=1)
    dt = time.perf_counter() - t0
    print(json.dumps({'images': len(rows), 'seconds': dt, 'images_per_s': len(rows) / dt}))


if __name__ == '__main__':
    if sys.argv[1] == 'scan':
        scan(sys.argv[2])
    elif sys.argv[1] == 'balance':
        balance(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit('usage: foundation_peer.py scan DATASET | balance DATASET MANIFEST OUT SIZE')
