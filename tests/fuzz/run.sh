#!/usr/bin/env bash
# Coverage-guided fuzzing of one PlanRules entry point with SharpFuzz and AFL++.
#
#   tests/fuzz/run.sh TARGET MINUTES
#
# TARGET: plan | rules | ledger | csv | config | import | plantest (see docs/fuzzing.md).
# Installs what is missing (afl++ from Debian, the sharpfuzz tool from NuGet), publishes the harness
# (Release), instruments PlanRules.dll, builds the seed corpus from the examples, the standard rules and
# tests/fuzz/seeds/TARGET, runs afl-fuzz for MINUTES minutes and prints what it found. Everything it
# writes stays under tests/fuzz/build and tests/fuzz/findings (both ignored by git). Not part of CI.
#
# Environment: FUZZ_TIMEOUT_MS (afl-fuzz -t, default 5000).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
targets="plan rules ledger csv config import plantest"

usage() {
  echo "usage: $0 TARGET MINUTES   (TARGET: ${targets// / | })" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
target="$1"
minutes="$2"
[[ " $targets " == *" $target "* ]] || usage
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -gt 0 ]] || usage

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
build="$here/build"
tools="$build/tools"
work="$build/$target"
findings="$here/findings/$target"
mkdir -p "$build" "$here/findings"

# 1. Tools.
if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "== installing afl++"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y afl++
fi
if command -v sharpfuzz >/dev/null 2>&1; then
  sharpfuzz="$(command -v sharpfuzz)"
else
  sharpfuzz="$tools/sharpfuzz"
  if [[ ! -x "$sharpfuzz" ]]; then
    echo "== installing SharpFuzz.CommandLine 2.3.0"
    dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0
  fi
fi

# 2. Publish the harness into a fresh folder (its own build tree, so it never races another build of
#    the repository), then instrument the library under test. The uninstrumented build stays beside it
#    for replaying inputs.
echo "== publishing the harness"
rm -rf "$work/publish"
dotnet publish "$here/PlanRules.Fuzz/PlanRules.Fuzz.csproj" -c Release \
  --artifacts-path "$build/artifacts" -o "$work/publish" -nologo -v quiet
echo "== instrumenting PlanRules.dll"
"$sharpfuzz" "$work/publish/PlanRules.dll"

# 3. Seed corpus: the checked-in seeds plus the examples and the standard rules.
seeds="$work/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
cp "$here/seeds/$target/"* "$seeds/"
add() { for f in "$@"; do [[ -f "$f" ]] && cp "$f" "$seeds/$(echo "${f#"$repo"/}" | tr '/' '_')"; done; return 0; }
shopt -s nullglob
case "$target" in
  plan) add "$repo"/examples/*/*.plan ;;
  rules) add "$repo"/rules/*.rules ;;
  ledger) add "$repo"/examples/*/*.ledger ;;
  csv) add "$repo"/examples/*/*.ledger.csv ;;
  config) add "$repo"/examples/*/.planrules ;;
  import) ;;
  plantest) add "$repo"/examples/*/tests/*.plantest ;;
esac
shopt -u nullglob
echo "== $(ls "$seeds" | wc -l) seeds in $seeds"

# 4. Fuzz. An earlier run's findings are kept under a dated name.
if [[ -d "$findings" ]]; then
  mv "$findings" "$findings-$(date +%Y%m%d-%H%M%S)"
fi
dict=()
[[ -f "$here/dict/$target.dict" ]] && dict=(-x "$here/dict/$target.dict")
seconds=$((minutes * 60))
echo "== afl-fuzz $target for $minutes min (log: $findings.log)"
# The target is `dotnet`, which is not instrumented itself (AFL_SKIP_BIN_CHECK); dotnet starts slowly
# on a loaded machine (AFL_FORKSRV_INIT_TMOUT); no CPU pinning on a shared machine (AFL_NO_AFFINITY).
set +e
(
  cd "$work/publish"
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 \
  AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=120000 \
    afl-fuzz -i "$seeds" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none -V "$seconds" "${dict[@]}" \
    -- dotnet "$work/publish/PlanRules.Fuzz.dll" "$target"
) > "$findings.log" 2>&1
status=$?
set -e
mv "$findings.log" "$findings/afl-fuzz.log" 2>/dev/null || true
if [[ $status -ne 0 ]]; then
  echo "afl-fuzz exited with $status; last lines of $findings/afl-fuzz.log:" >&2
  tail -n 30 "$findings/afl-fuzz.log" >&2 || true
  exit 1
fi

# 5. What it found.
stats="$findings/default/fuzzer_stats"
value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes="$(value saved_crashes)"; [[ -n "$crashes" ]] || crashes="$(value unique_crashes)"
hangs="$(value saved_hangs)"; [[ -n "$hangs" ]] || hangs="$(value unique_hangs)"
echo "== $target: $(value execs_done) executions in $(value run_time) s ($(value execs_per_sec) per s)," \
  "$(value corpus_count) paths, $(value bitmap_cvg) coverage, $crashes crashes, $hangs hangs"
replay="$build/artifacts/bin/PlanRules.Fuzz/release/PlanRules.Fuzz.dll"
shopt -s nullglob
crash_inputs=("$findings"/default/crashes/id*)
hang_inputs=("$findings"/default/hangs/id*)
shopt -u nullglob
if [[ ${#crash_inputs[@]} -gt 0 ]]; then
  echo "== crashes, replayed with the uninstrumented harness:"
  timeout 600 dotnet "$replay" "$target" "${crash_inputs[@]}" || true
fi
for input in "${hang_inputs[@]}"; do
  echo "== hang $input, replayed (60 s at most):"
  timeout 60 dotnet "$replay" "$target" "$input" || echo "still running after 60 s"
done
