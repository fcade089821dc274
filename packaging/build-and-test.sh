#!/usr/bin/env bash
# One command: install what is missing, build (Release, Ninja), run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release
ctest --preset release "$@"
