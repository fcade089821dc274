#!/usr/bin/env bash
# t-SNE benchmark (issue 4): balancebench-cli tsne vs scikit-learn's TSNE (Debian python3-sklearn,
# method='barnes_hut', angle 0.5, same perplexity, iterations, PCA init and 'auto' learning rate),
# side by side on the same 128-d class-structured inputs, N = 2000, 5000, 20000; then a
# warm-started live update of 2000 points.
#
# Usage: tests/bench/bench_tsne.sh [BUILD_DIR]        (default build/release)
# Env:   BB_BENCH_SKIP_PEER_20K=1   skip sklearn at N = 20000 (about 5 minutes here)
#        BB_BENCH_SIZES="2000 5000" override the sizes
#        BB_BENCH_THREADS=2         threads for both sides (default 2)
# Seconds are each engine's own wall time for the embedding (neighbours + optimisation, CSV I/O
# excluded on both sides). KL is each tool's reported KL(P||Q) of its final layout: sparse P,
# Barnes-Hut normalisation Z (sklearn's kl_divergence_; ours computed the same way).
set -euo pipefail
. "$(dirname "$0")/bench_common.sh" "$@"
PEER="$HERE/tsne_peer.py"
SIZES="${BB_BENCH_SIZES:-2000 5000 20000}"
THREADS="${BB_BENCH_THREADS:-2}"
PERP=30
ITERS=1000
WORK="$(mktemp -d /tmp/bb-bench-tsne.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

calc() { $PY -c "print(f'{$1:.$2f}')"; }

echo "== t-SNE, perplexity $PERP, $ITERS iterations, $THREADS threads, $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-7s | %-10s %-8s %-6s | %-10s %-8s %-6s | %-7s %-9s\n" N ours_s ours_KL 1-NN sklearn_s sk_KL 1-NN speedup KL_excess
for N in $SIZES; do
  IN="$WORK/d$N.csv"
  $PY "$PEER" gen "$N" "$IN" --seed 1
  OURS=$("$CLI" tsne "$IN" --out "$WORK/ours$N.csv" --perplexity $PERP --iterations $ITERS --threads "$THREADS" --json)
  ours_s=$(echo "$OURS" | field seconds)
  ours_kl=$(echo "$OURS" | field kl_divergence)
  ours_acc=$($PY "$PEER" score "$WORK/ours$N.csv")
  if [ "$N" -ge 20000 ] && [ "${BB_BENCH_SKIP_PEER_20K:-0}" = 1 ]; then
    printf "%-7s | %-10s %-8s %-6s | %-10s %-8s %-6s | %-7s %-9s\n" "$N" "$(calc $ours_s 2)" "$(calc $ours_kl 4)" "$ours_acc" skipped - - - -
    continue
  fi
  SK=$($PY "$PEER" run "$IN" --perplexity $PERP --iterations $ITERS --threads "$THREADS" --out "$WORK/sk$N.csv")
  sk_s=$(echo "$SK" | field seconds)
  sk_kl=$(echo "$SK" | field kl_divergence)
  sk_acc=$($PY "$PEER" score "$WORK/sk$N.csv")
  printf "%-7s | %-10s %-8s %-6s | %-10s %-8s %-6s | %-7s %-9s\n" "$N" "$(calc $ours_s 2)" "$(calc $ours_kl 4)" "$ours_acc" \
    "$(calc $sk_s 2)" "$(calc $sk_kl 4)" "$sk_acc" "$(calc "$sk_s/$ours_s" 1)x" "$(calc "100*($ours_kl/$sk_kl-1)" 1)%"
done

echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "== live update: 2000 points after one more 'epoch' (inputs drifted), warm start from the previous layout"
$PY "$PEER" gen 2000 "$WORK/epoch0.csv" --seed 7
$PY "$PEER" gen 2000 "$WORK/epoch1.csv" --seed 7 --drift 0.02
"$CLI" tsne "$WORK/epoch0.csv" --out "$WORK/layout0.csv" --threads "$THREADS" --json >/dev/null
for IT in 1000 300; do
  WARM=$("$CLI" tsne "$WORK/epoch1.csv" --out "$WORK/layout1.csv" --init "$WORK/layout0.csv" --iterations $IT --threads "$THREADS" --json)
  COLD=$("$CLI" tsne "$WORK/epoch1.csv" --out "$WORK/cold1.csv" --threads "$THREADS" --json)
  echo "warm update, $IT iterations: $(calc "$(echo "$WARM" | field seconds)" 2) s, KL $(calc "$(echo "$WARM" | field kl_divergence)" 4)," \
       "mean displacement $($PY "$PEER" disp "$WORK/layout0.csv" "$WORK/layout1.csv") of the extent" \
       "(a cold run: KL $(calc "$(echo "$COLD" | field kl_divergence)" 4), displacement $($PY "$PEER" disp "$WORK/layout0.csv" "$WORK/cold1.csv"))"
done
echo "(load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
