#!/usr/bin/env bash
# Installs the Debian 12 packages BalanceBench needs to build, test and benchmark.
# Only packages that are missing are installed; safe to run repeatedly.
set -euo pipefail

PKGS=(
  cmake ninja-build ccache g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqt6sql6-sqlite libqt6svg6 qt6-translations-l10n
  libgl-dev libvulkan-dev
  libtorch-dev libopencv-dev libqcustomplot-dev libspdlog-dev libfmt-dev
  # Debian's libtorch calls BLAS through the libblas.so.3 alternative, which is the slow
  # reference BLAS unless an optimised one is installed (17x faster matrix products here).
  libopenblas0-openmp
  dataset-fashion-mnist
  python3-torch python3-torchvision python3-sklearn python3-pil python3-numpy
  xvfb xauth imagemagick appstream file dpkg-dev
  time
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
