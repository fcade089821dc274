#!/usr/bin/env bash
# SupCon training-throughput benchmark (issue 3): balancebench-cli train (quick profile: compact
# backbone, 28 px input, batch 128, 2 views, attention gate, projection 256/128, AdamW + cosine
# warm restarts) vs the same loop in PyTorch (tests/bench/supcon_peer.py, Debian python3-torch,
# torchvision transforms, WeightedRandomSampler + DataLoader), side by side in one run on the
# same balanced demo data (800 per class after the 20% validation split).
#
# Usage: tests/bench/bench_supcon.sh [BUILD_DIR]          (default build/release)
# Env:   BB_BENCH_STEPS=40       SupCon steps of ours (timing includes its first-batch warm-up)
#        BB_BENCH_PEER_STEPS=20  timed steps of the peer (after 2 untimed warm-up steps)
#        BB_BENCH_PEER_WORKERS="0 1"  DataLoader num_workers settings tried; the best is compared
#        BB_BENCH_THREADS=2      torch threads on both sides
#        BB_BENCH_OURS_ENV="OMP_WAIT_POLICY=PASSIVE"  extra environment for ours only (what-if
#                                runs: e.g. the effect of a CLI that sets its own OpenMP policy)
# images/s = training images per second of SupCon steps, each image with its 2 views, data
# loading and augmentation included on both sides (validation, checkpoints and the head are not).
set -euo pipefail
. "$(dirname "$0")/bench_common.sh" "$@"
STEPS="${BB_BENCH_STEPS:-40}"
PEER_STEPS="${BB_BENCH_PEER_STEPS:-20}"
WORKERS="${BB_BENCH_PEER_WORKERS:-0 1}"
THREADS="${BB_BENCH_THREADS:-2}"
WORK="$(mktemp -d /tmp/bb-bench-supcon.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
calc() { $PY -c "print(f'{$1:.$2f}')"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== SupCon throughput, quick profile (compact CNN, 28 px, batch 128, 2 views), $THREADS threads, $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(load)"
"$CLI" demo-dataset "$WORK/demo" >/dev/null
# The peer trains on the same split and balanced set, written at 28 px by our balancer.
"$CLI" balance "$WORK/demo" --out "$WORK/bal" --size 28 --project "$WORK/bal.sqlite" >/dev/null

# Ours: the real trainer, stopped after $STEPS steps; the head is cut to 1 epoch without view
# augmentation so the run ends soon after (it is not part of the figure). The quick profile's
# auxiliary CE is switched off, its pooling is the peer's (average of the last map) and it is
# one network: the peer runs the plain SupCon loop of one network. A second run trains a
# two-member ensemble the same way (its figure counts each member's images).
# shellcheck disable=SC2086
OURS=$(env ${BB_BENCH_OURS_ENV:-} "$CLI" train "$WORK/demo" --out "$WORK/run" --project "$WORK/train.sqlite" \
  --set max_steps="$STEPS" --set threads="$THREADS" --set head_epochs=1 --set head_augment=false \
  --set embedding_every=0 --set aux_ce_weight=0 --set pooling=avg --set pool_stages=1 --set members=1 --json)
ours=$(echo "$OURS" | $PY -c "
import csv, json, sys
o = json.load(sys.stdin)
if 'supcon_images_per_s' in o:
    print(o['supcon_images_per_s'])
else:  # older CLI: images over step time from the per-epoch rows of metrics.csv
    rows = [r for r in csv.DictReader(open('$WORK/run/metrics.csv')) if r['phase'] == 'supcon']
    steps = [min(43, $STEPS - 43 * i) for i in range(len(rows))]
    imgs = [128 * s for s in steps]
    print(sum(imgs) / sum(n / float(r['images_per_s']) for n, r in zip(imgs, rows)))
")
echo "ours : $(calc "$ours" 1) images/s over $STEPS steps${BB_BENCH_OURS_ENV:+ (env $BB_BENCH_OURS_ENV)} (load average $(load))"
# shellcheck disable=SC2086
ENS=$(env ${BB_BENCH_OURS_ENV:-} "$CLI" train "$WORK/demo" --out "$WORK/run2" --project "$WORK/train2.sqlite" \
  --set max_steps="$STEPS" --set threads="$THREADS" --set head_epochs=1 --set head_augment=false \
  --set embedding_every=0 --set aux_ce_weight=0 --set pooling=avg --set pool_stages=1 --set members=2 --json)
ens=$(echo "$ENS" | field supcon_images_per_s)
echo "ours, 2 members side by side: $(calc "$ens" 1) member images/s ($(calc "$ens/$ours" 2)x one network; load average $(load))"

best=0
best_w=-
for W in $WORKERS; do
  P=$($PY "$HERE/supcon_peer.py" "$WORK/bal" --steps "$PEER_STEPS" --warmup 2 --workers "$W" --threads "$THREADS")
  p=$(echo "$P" | field images_per_s)
  echo "peer : $(calc "$p" 1) images/s over $PEER_STEPS steps, DataLoader num_workers=$W (load average $(load))"
  if $PY -c "import sys; sys.exit(0 if $p > $best else 1)"; then best=$p; best_w=$W; fi
done
echo "RESULT ours=$(calc "$ours" 1) img/s  peer_best=$(calc "$best" 1) img/s (num_workers=$best_w)  ratio=$(calc "$ours/$best" 2)x  (target >= 1.2x)  two members=$(calc "$ens" 1) img/s ($(calc "$ens/$best" 2)x the peer)"
echo "load average at the end: $(load)"
