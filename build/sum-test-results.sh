#!/usr/bin/env bash
# Sums the TRX files of one `dotnet test` run into "N passed, N failed[, N skipped]".
# Usage: sum-test-results.sh RESULTS_DIR EXPECTED_PROJECT_COUNT
# A test project that left no TRX (its host crashed) counts as one failure.
set -uo pipefail
dir="$1"
expected="$2"

passed=0 failed=0 skipped=0 files=0
for trx in "$dir"/*.trx; do
  [[ -f "$trx" ]] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

# The names of failed tests, just above the summary, so a CI log's tail says which ones.
for trx in "$dir"/*.trx; do
  [[ -f "$trx" ]] || continue
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" |
    sed -n 's/.*testName="\([^"]*\)".*/failed: \1/p'
done

if ((files < expected)); then
  echo "$((expected - files)) test project(s) left no results (crashed or did not run)" >&2
  failed=$((failed + expected - files))
fi

line="$passed passed, $failed failed"
((skipped > 0)) && line="$line, $skipped skipped"
echo "$line"

((failed == 0 && passed > 0))
