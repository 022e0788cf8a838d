#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, builds, runs every test project, and ends
# with one summary line "tests: N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" --with-test-extras || exit $?
export EDGETK_ROOT="$root"

log="$root/.build/test.log"
mkdir -p "$root/.build"
dotnet build EdgeToolkit.sln -c Release -nologo -v quiet 2>&1 | tee "$root/.build/test-build.log" | grep -E "error|Error" | head -50
if [[ ${PIPESTATUS[0]} -ne 0 ]]; then echo "build failed: see .build/test-build.log"; echo "tests: 0 passed, 1 failed"; exit 1; fi

# One test project at a time: the machine has 2 cores and the C builds inside tests use them.
dotnet test EdgeToolkit.sln -c Release --no-build -nologo -m:1 -- RunConfiguration.MaxCpuCount=1 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "tests: $passed passed, $failed failed, $skipped skipped"
[[ $rc -eq 0 && $failed -eq 0 && $passed -gt 0 ]] || exit 1
