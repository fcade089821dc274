#!/usr/bin/env bash
# Main-job benchmark (issue 3), the job exactly as packaging/run-demo.sh / the README runs it:
#   demo-dataset (train 3243 + test 1400) -> scan -> balance --dry-run -> train --profile quick
#   -> evaluate MODEL TEST --json --report DIR
# Every step runs under /usr/bin/time -v (wall seconds and peak RSS of that process); the job's
# wall time is the sum of the steps, its peak memory the largest step's peak RSS.
# Targets: macro-F1 >= 0.96 on the 1400 test images, wall <= 600 s on 2 cores, peak <= 3 GB.
#
# Usage: tests/bench/bench_main_job.sh [BUILD_DIR]      (default build/release)
# Env:   BB_BENCH_KEEP=DIR   keep the run (model, report) in DIR instead of a temp dir
#        BB_BENCH_TRAIN_ARGS="--set epochs=2"  extra train arguments (default none: the main job)
set -euo pipefail
. "$(dirname "$0")/bench_common.sh" "$@"
TIME=/usr/bin/time # GNU time (Debian package "time"), not the shell keyword
[ -x "$TIME" ] || { echo "bench_main_job: $TIME missing (apt-get install time, see packaging/install-deps.sh)" >&2; exit 1; }
if [ -n "${BB_BENCH_KEEP:-}" ]; then
  OUT="$BB_BENCH_KEEP"; mkdir -p "$OUT"
else
  OUT="$(mktemp -d /tmp/bb-bench-main.XXXXXX)"; trap 'rm -rf "$OUT"' EXIT
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }

TOTAL_S=0
PEAK_KB=0
# step NAME CMD... : runs CMD under GNU time, stdout to $OUT/NAME.out, stderr to $OUT/NAME.err
step() {
  local name=$1; shift
  local t0=$(date +%s.%N)
  "$TIME" -v -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || {
    echo "step $name failed:" >&2; tail -5 "$OUT/$name.err" >&2; exit 1; }
  local wall kb
  wall=$($PY -c "
import re,sys
t=open('$OUT/$name.time').read()
m=re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', t)
h,mi,s=m.groups(); print(int(h or 0)*3600+int(mi)*60+float(s))")
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
  TOTAL_S=$($PY -c "print($TOTAL_S + $wall)")
  [ "$kb" -gt "$PEAK_KB" ] && PEAK_KB=$kb
  printf "  %-22s wall %8.1f s   peak RSS %7.1f MB   (load average %s)\n" "$name" "$wall" "$($PY -c "print($kb/1024)")" "$(load)"
}

echo "== main job: Fashion-MNIST demo, train --profile quick, evaluate on 1400 test images; $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(load)   (other work on the machine inflates wall time)"
rm -rf "$OUT/demo" "$OUT/demo-test" "$OUT/run" "$OUT/report"
step demo-dataset          "$CLI" demo-dataset "$OUT/demo"
step demo-dataset-test     "$CLI" demo-dataset "$OUT/demo-test" --split test
step scan                  "$CLI" scan "$OUT/demo"
step balance-dry-run       "$CLI" balance "$OUT/demo" --dry-run
# shellcheck disable=SC2086
step train                 "$CLI" train "$OUT/demo" --out "$OUT/run" --profile quick ${BB_BENCH_TRAIN_ARGS:-}
step evaluate              "$CLI" evaluate "$OUT/run/model.bbmodel" "$OUT/demo-test" --json --report "$OUT/report"

echo "-- training log (per epoch):"
grep -E "^supcon epoch|^head epoch" "$OUT/train.err" | sed 's/^/  /' || true
SUPCON_S=$($PY -c "
import csv
rows=[r for r in csv.DictReader(open('$OUT/run/metrics.csv'))]
sc=[r for r in rows if r['phase']=='supcon']; hd=[r for r in rows if r['phase']=='head']
print(f\"supcon {len(sc)} epochs {sum(float(r['epoch_s']) for r in sc):.1f} s (mean {sum(float(r['images_per_s']) for r in sc)/max(1,len(sc)):.1f} img/s), head {len(hd)} epochs {sum(float(r['epoch_s']) for r in hd):.1f} s\")")
echo "  time split: $SUPCON_S"

echo "-- test report ($OUT/report):"
$PY - "$OUT/evaluate.out" "$TOTAL_S" "$PEAK_KB" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
wall, peak_mb = float(sys.argv[2]), int(sys.argv[3]) / 1024
for c in r["per_class"]:
    print(f"  {c['name']:<10} precision {c['precision']:.4f}  recall {c['recall']:.4f}  F1 {c['f1']:.4f}  support {c['support']}")
print("  confusion (rows true, columns predicted; " + " ".join(r["classes"]) + ")")
for row in r["confusion"]:
    print("   " + " ".join(f"{v:4d}" for v in row))
f1 = r["macro_f1"]
ok = lambda b: "PASS" if b else "FAIL"
print(f"RESULT macro_f1={f1:.4f} (target >= 0.96: {ok(f1 >= 0.96)})  accuracy={r['accuracy']:.4f}"
      f"  wall={wall:.1f}s (target <= 600: {ok(wall <= 600)})  peak={peak_mb:.0f}MB (target <= 3072: {ok(peak_mb <= 3072)})")
print("JSON " + json.dumps({"macro_f1": f1, "accuracy": r["accuracy"], "wall_s": round(wall, 1), "peak_mb": round(peak_mb, 1),
                            "per_class_f1": {c["name"]: round(c["f1"], 4) for c in r["per_class"]}}))
EOF
echo "load average at the end: $(load)"
