#!/usr/bin/env bash
# One command: install what is missing, build, and run the main job on the embedded default
# dataset (Fashion-MNIST demo): demo dataset -> scan -> balance plan -> (train -> evaluate).
# Output goes to ${BB_DEMO_DIR:-./demo-run}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
CLI=build/release/app/balancebench-cli
OUT="${BB_DEMO_DIR:-$PWD/demo-run}"
mkdir -p "$OUT"
[ -d "$OUT/demo" ] || "$CLI" demo-dataset "$OUT/demo"
[ -d "$OUT/demo-test" ] || "$CLI" demo-dataset "$OUT/demo-test" --split test
"$CLI" scan "$OUT/demo"
"$CLI" balance "$OUT/demo" --dry-run
if "$CLI" --help | grep -q '^  train '; then
  # Run again, the script keeps what an earlier run made: a finished model is evaluated again,
  # an interrupted run (Ctrl-C, SIGTERM, a power cut) continues from its last epoch.
  if [ -f "$OUT/run/model.bbmodel" ]; then
    echo "$OUT/run already holds a trained model; evaluating it (delete $OUT/run to train again)"
  elif [ -f "$OUT/run/config.json" ]; then
    echo "$OUT/run holds an interrupted run; continuing it"
    "$CLI" train --resume "$OUT/run"
  else
    "$CLI" train "$OUT/demo" --out "$OUT/run" --profile quick
  fi
  "$CLI" evaluate "$OUT/run/model.bbmodel" "$OUT/demo-test" --report "$OUT/report"
  echo "report: $OUT/report (report.txt, report.json, predictions.csv); model: $OUT/run/model.bbmodel"
  echo "workbench: build/release/app/balancebench $OUT/demo"
fi
