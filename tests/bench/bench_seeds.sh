#!/usr/bin/env bash
# Seed-spread benchmark: the main job's training over several seeds, and optionally a paired
# comparison of two settings on the same seeds.
#
# One run of the quick profile is a single draw: its test macro-F1 moves by about 0.005 from one
# seed to the next (a different split, sampler and views), more than most settings change it.
# This script trains the quick profile on the Fashion-MNIST demo once per seed, evaluates each
# model on the 1400 test images and prints every figure, the mean and the standard deviation.
# With BB_BENCH_TRAIN_ARGS_B it also trains setting B on the same seeds and prints the per-seed
# differences B - A, their mean and standard error: a difference is worth trusting only when it is
# clearly larger than that error and has the same sign on most seeds.
#
# Runs go two at a time with 1 torch thread each (a run is deterministic for a given thread
# count, so the figures do not depend on the machine's load; only the wall time does).
#
# Usage: tests/bench/bench_seeds.sh [BUILD_DIR]            (default build/release)
# Env:   BB_SEEDS="42 43 44"                 seeds (default 42 43 44)
#        BB_BENCH_TRAIN_ARGS="--set k=v ..." setting A (default: the quick profile as it is)
#        BB_BENCH_TRAIN_ARGS_B="--set k=v"   setting B, in place of A's arguments, not added to them
#                                            (default: none, no comparison)
#        BB_BENCH_JOBS=2                     runs side by side (default 2)
#        BB_BENCH_KEEP=DIR                   keep runs and logs in DIR instead of a temp dir
set -euo pipefail
. "$(dirname "$0")/bench_common.sh" "$@"
SEEDS="${BB_SEEDS:-42 43 44}"
JOBS="${BB_BENCH_JOBS:-2}"
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || { echo "bench_seeds: BB_BENCH_JOBS must be a positive integer, not '$JOBS'" >&2; exit 1; }
declare -A SEEN=()
for s in $SEEDS; do
  [[ "$s" =~ ^[0-9]+$ ]] || { echo "bench_seeds: seed '$s' is not a non-negative integer" >&2; exit 1; }
  [ -z "${SEEN[$s]:-}" ] || { echo "bench_seeds: seed $s is given twice (its two runs would share one folder)" >&2; exit 1; }
  SEEN[$s]=1
done
[ ${#SEEN[@]} -gt 0 ] || { echo "bench_seeds: BB_SEEDS names no seed" >&2; exit 1; }
if [ -n "${BB_BENCH_KEEP:-}" ]; then
  OUT="$BB_BENCH_KEEP"; mkdir -p "$OUT"
else
  OUT="$(mktemp -d /tmp/bb-bench-seeds.XXXXXX)"; trap 'rm -rf "$OUT"' EXIT
fi

echo "== seed spread: quick profile on the Fashion-MNIST demo, seeds $SEEDS, $JOBS run(s) side by side, 1 torch thread each"
echo "   A: ${BB_BENCH_TRAIN_ARGS:-(the quick profile)}"
[ -n "${BB_BENCH_TRAIN_ARGS_B:-}" ] && echo "   B: $BB_BENCH_TRAIN_ARGS_B"
rm -rf "$OUT/demo" "$OUT/demo-test"
"$CLI" demo-dataset "$OUT/demo" >/dev/null
"$CLI" demo-dataset "$OUT/demo-test" --split test >/dev/null

# one_run TAG SEED ARGS... : trains on a private copy of the demo (each run's project store lives
# in its dataset folder) and evaluates; writes $OUT/TAG-SEED.json or $OUT/TAG-SEED.failed
one_run() {
  local tag=$1 seed=$2; shift 2
  local name="$tag-$seed" t0
  rm -rf "$OUT/ds-$name" "$OUT/run-$name" "$OUT/$name.json" "$OUT/$name.failed"
  cp -r "$OUT/demo" "$OUT/ds-$name"
  rm -rf "$OUT/ds-$name/.balancebench"
  t0=$(date +%s)
  if "$CLI" train "$OUT/ds-$name" --out "$OUT/run-$name" --profile quick --set threads=1 "$@" --set "seed=$seed" \
        >"$OUT/$name.train.out" 2>"$OUT/$name.train.err" &&
     "$CLI" evaluate "$OUT/run-$name/model.bbmodel" "$OUT/demo-test" --json >"$OUT/$name.eval.json" 2>"$OUT/$name.eval.err"; then
    $PY -c "
import json
r = json.load(open('$OUT/$name.eval.json'))
seconds = $(date +%s) - $t0
json.dump({'tag': '$tag', 'seed': $seed, 'macro_f1': r['macro_f1'], 'accuracy': r['accuracy'], 'seconds': seconds}, open('$OUT/$name.json', 'w'))
print(f\"  {'$tag':<2} seed {'$seed':<6} macro-F1 {r['macro_f1']:.4f}   ({seconds} s)\")"
  else
    echo "failed" >"$OUT/$name.failed"
    echo "  $tag seed $seed FAILED:" >&2
    local log
    for log in "$OUT/$name.train.err" "$OUT/$name.eval.err"; do
      [ -s "$log" ] && tail -n 3 "$log" | sed 's/^/    /' >&2
    done
  fi
  rm -rf "$OUT/ds-$name"
}

# The job list, then at most $JOBS at a time.
declare -a TAGS=() TSEEDS=()
for s in $SEEDS; do
  TAGS+=(A); TSEEDS+=("$s")
  if [ -n "${BB_BENCH_TRAIN_ARGS_B:-}" ]; then TAGS+=(B); TSEEDS+=("$s"); fi
done
for i in "${!TAGS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  if [ "${TAGS[$i]}" = A ]; then
    # shellcheck disable=SC2086
    one_run A "${TSEEDS[$i]}" ${BB_BENCH_TRAIN_ARGS:-} &
  else
    # shellcheck disable=SC2086
    one_run B "${TSEEDS[$i]}" $BB_BENCH_TRAIN_ARGS_B &
  fi
done
wait

$PY - "$OUT" $SEEDS <<'EOF'
import json, math, os, statistics, sys
out, seeds = sys.argv[1], [int(s) for s in sys.argv[2:]]
def load(tag):
    r = {}
    for s in seeds:
        p = os.path.join(out, f"{tag}-{s}.json")
        if os.path.exists(p):
            r[s] = json.load(open(p))["macro_f1"]
    return r
def spread(v):
    if not v:
        return "no run finished"
    sd = statistics.stdev(v) if len(v) > 1 else float("nan")
    return f"mean {statistics.mean(v):.4f}  sd {sd:.4f}  min {min(v):.4f}  max {max(v):.4f}  (n={len(v)})"
a, b = load("A"), load("B")
print("RESULT A: " + spread(list(a.values())))
summary = {"seeds": seeds, "A": {str(k): v for k, v in a.items()}}
if b:
    print("RESULT B: " + spread(list(b.values())))
    paired = [b[s] - a[s] for s in seeds if s in a and s in b]
    summary["B"] = {str(k): v for k, v in b.items()}
    if paired:
        m = statistics.mean(paired)
        se = statistics.stdev(paired) / math.sqrt(len(paired)) if len(paired) > 1 else float("nan")
        better = sum(d > 0 for d in paired)
        print(f"RESULT B - A per seed: {' '.join(f'{d:+.4f}' for d in paired)}")
        print(f"RESULT B - A: mean {m:+.4f}  standard error {se:.4f}  B better on {better} of {len(paired)} seeds")
        summary["b_minus_a"] = {"mean": m, "standard_error": se, "better": better, "n": len(paired)}
failed = sorted(f for f in os.listdir(out) if f.endswith(".failed"))
if failed:
    print("FAILED runs: " + " ".join(f[:-len(".failed")] for f in failed))
print("JSON " + json.dumps(summary))
sys.exit(1 if failed else 0)
EOF
