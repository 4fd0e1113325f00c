#!/usr/bin/env bash
# Runs every test project in the solution and ends with one line: "N passed, N failed[, N skipped]".
# Exits non-zero when anything failed, a test host crashed, or no test ran.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/build/install-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build NordicIoT.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test NordicIoT.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
test_exit=$?

"$root/build/sum-test-results.sh" "$results" "$(grep -c 'IsTestProject>true' tests/*/*.csproj | awk -F: '{s+=$2} END {print s}')"
sum_exit=$?
if ((test_exit != 0 || sum_exit != 0)); then exit 1; fi
