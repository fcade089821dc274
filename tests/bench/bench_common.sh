# Sourced by the tests/bench/*.sh scripts after `set -euo pipefail`, with the script's arguments:
#   . "$(dirname "$0")/bench_common.sh" "$@"
# Sets HERE (tests/bench), ROOT (the checkout), BUILD (first argument, default build/release),
# CLI (BB_CLI or the build's balancebench-cli, which must exist), PY (Debian's python3: its
# torch, torchvision and sklearn are the reference peers; the python3 first on PATH may not see
# them) and defines field KEY (one key of the JSON object on stdin).
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="${1:-$ROOT/build/release}"
CLI="${BB_CLI:-$BUILD/app/balancebench-cli}"
PY=/usr/bin/python3
[ -x "$CLI" ] || { echo "$(basename "$0" .sh): $CLI not found (build balancebench-cli first)" >&2; exit 1; }
field() { $PY -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
