#!/usr/bin/env bash
# Native AOT equivalence check. The installed `planrules` tool is a Native AOT binary on linux-x64 (rules run on
# System.Linq.Expressions' interpreter there) and framework-dependent elsewhere (rules compiled to IL). This runs
# the same commands with both builds and fails when anything differs: standard output, standard error, exit code
# and the files a command writes.
#
#   tests/aot/run.sh NATIVE REFERENCE
#
# NATIVE and REFERENCE are commands, e.g. "$tools/native/planrules" and "$tools/any/planrules" (.ci/run installs
# PlanRules.Cli, which resolves to PlanRules.Cli.linux-x64, and PlanRules.Cli.any from the packages it packed).
# Inputs: the example, tests/aot/corpus (every value type, list shape, function and quantifier of the rule
# language, a CSV ledger) and the fuzzing seeds (malformed plans, rules, ledgers, CSV and configuration).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: tests/aot/run.sh NATIVE REFERENCE" >&2; exit 2; }
native="$1"
reference="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seeds=tests/fuzz/seeds
cases=(
  "check examples/panyu-2021 --as-of 2021-12-31"
  "check examples/panyu-2021 --as-of 2021-12-31 --explain --show-suppressed"
  "check examples/panyu-2021 --as-of 2021-12-31 --culture en --explain"
  "check examples/panyu-2021 --as-of 2021-12-31 --format json"
  "check examples/panyu-2021 --as-of 2021-12-31 --format sarif"
  "check examples/panyu-2021 --as-of 2021-06-30 --format json --culture en"
  "check examples/panyu-2021 --as-of 2021-12-31 --format json -o @OUT@/check.json"
  "report examples/panyu-2021 --as-of 2021-12-31 -o @OUT@/report.html"
  "model examples/panyu-2021"
  "test examples/panyu-2021"
  "explain GOV001"
  "explain PR2001"
  "import $seeds/import/000_9359abd056588d5d.txt"
  "fmt --check examples/panyu-2021/plan.plan"
  "check tests/aot/corpus --as-of 2021-12-31 --explain"
  "check tests/aot/corpus --as-of 2021-12-31 --format json --culture en"
  "check tests/aot/corpus --as-of 2021-07-01 --format sarif --no-default-rules"
  "check tests/aot/corpus --as-of 2031-01-01 --explain"
  "check $seeds/plan/groups.plan --rules $seeds/rules --ledger $seeds/ledger/small.ledger --as-of 2021-12-31 --explain"
  "check $seeds/plan/errors.plan --as-of 2021-12-31"
  "check $seeds/plan/recurring.plan --rules $seeds/rules/errors.rules --as-of 2022-03-01 --culture en"
  "check $seeds/plan/groups.plan --ledger $seeds/ledger/errors.ledger --as-of 2021-12-31"
  "check $seeds/plan/groups.plan --ledger $seeds/csv/errors.ledger.csv --ledger $seeds/csv/missing-columns.ledger.csv --as-of 2021-12-31"
  "check $seeds/plan/groups.plan --ledger $seeds/csv/reordered-bom-crlf.ledger.csv --ledger $seeds/csv/small.ledger.csv --as-of 2021-12-31 --format json"
  "check $seeds/plan/groups.plan --config $seeds/config/all.planrules --as-of 2021-12-31"
  "check no/such/folder"
  "check examples/panyu-2021 --as-of not-a-date"
  "explain NOPE9999"
)

run() { # run LABEL COMMAND CASE-INDEX ARGS...
  local label="$1" command="$2" index="$3"
  shift 3
  local out="$work/$label/$index"
  mkdir -p "$out/files"
  local args=()
  for arg in "$@"; do args+=("${arg//@OUT@/$out/files}"); done
  set +e
  $command "${args[@]}" > "$out/stdout" 2> "$out/stderr"
  echo "$?" > "$out/exit"
  set -e
  # Written files name their own folder in some outputs; make the paths comparable.
  sed -i "s#$out/files#@OUT@#g" "$out/stdout" "$out/stderr"
}

failed=0
for i in "${!cases[@]}"; do
  read -r -a words <<< "${cases[$i]}"
  run native "$native" "$i" "${words[@]}"
  run reference "$reference" "$i" "${words[@]}"
  if diff -r "$work/reference/$i" "$work/native/$i" > "$work/diff-$i" 2>&1; then
    printf 'same     exit %s  planrules %s\n' "$(cat "$work/native/$i/exit")" "${cases[$i]}"
  else
    failed=$((failed + 1))
    printf 'DIFFERS  planrules %s\n' "${cases[$i]}"
    head -n 40 "$work/diff-$i"
  fi
done
echo "native vs reference: $(( ${#cases[@]} - failed )) of ${#cases[@]} commands agree"
[ "$failed" -eq 0 ]
