#!/usr/bin/env bash
# Foundation benchmark: scan (full decode + hash) and balance to 256² PNG, BalanceBench vs a
# Python peer (Pillow + torchvision from Debian) on the same input, side by side in one run.
# Usage: tests/bench/bench_foundation.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
. "$(dirname "$0")/bench_common.sh" "$@"
WORK="$(mktemp -d /tmp/bb-bench-foundation.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

ratio() { $PY -c "print(f'{$1/$2:.2f}')"; }

echo "== dataset: Fashion-MNIST demo (3243 images, 28x28 PNG) and its balanced 256² copy"
"$CLI" demo-dataset "$WORK/demo" >/dev/null
"$CLI" balance "$WORK/demo" --out "$WORK/balanced" --project "$WORK/seed.sqlite" >/dev/null
# The 256² output is a second, heavier scan input (6248 images).
rm -f "$WORK/balanced/manifest.csv.bak"

for DS in demo balanced; do
  DIR="$WORK/$DS"
  [ "$DS" = balanced ] && DIR="$WORK/balanced/train"
  # Both sides time their own work (process start-up excluded on both: ours loads libtorch,
  # the peer imports Pillow and torch).
  OUT=$("$CLI" scan "$DIR" --project "$WORK/scan-$DS.sqlite" --json)
  N=$(echo "$OUT" | field images)
  ours_first=$(echo "$OUT" | field seconds)
  ours_re=$("$CLI" scan "$DIR" --project "$WORK/scan-$DS.sqlite" --json | field seconds)
  PEER=$($PY "$HERE/foundation_peer.py" scan "$DIR")
  peer_s=$(echo "$PEER" | field seconds)
  ours_ips=$($PY -c "print(f'{$N/$ours_first:.0f}')")
  peer_ips=$($PY -c "print(f'{$N/$peer_s:.0f}')")
  echo "scan[$DS] images=$N ours=${ours_first}s (${ours_ips}/s) peer=${peer_s}s (${peer_ips}/s) ratio=$(ratio $peer_s $ours_first)x  rescan=${ours_re}s (first/rescan=$(ratio $ours_first $ours_re)x)"
done

echo "== balance to 256² PNG (same manifest for both)"
ours_s=$("$CLI" balance "$WORK/demo" --out "$WORK/ours" --project "$WORK/bal.sqlite" --json | field seconds)
N=$(($(wc -l < "$WORK/ours/manifest.csv") - 1))
PEER=$($PY "$HERE/foundation_peer.py" balance "$WORK/demo" "$WORK/ours/manifest.csv" "$WORK/peer" 256)
peer_s=$(echo "$PEER" | field seconds)
ours_ips=$($PY -c "print(f'{$N/$ours_s:.0f}')")
peer_ips=$($PY -c "print(f'{$N/$peer_s:.0f}')")
echo "balance images=$N ours=${ours_s}s (${ours_ips}/s; incremental scan + plan + write) peer=${peer_s}s (${peer_ips}/s) ratio=$(ratio $peer_s $ours_s)x"
echo "bytes: ours=$(du -sb "$WORK/ours" | cut -f1) peer=$(du -sb "$WORK/peer" | cut -f1)"
