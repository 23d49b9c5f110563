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
# language, a CSV ledger), the fuzzing seeds (malformed plans, rules, ledgers, CSV and configuration) and
# generated hostile inputs (200,000 nested sections and parentheses, a 100,000-term chain, a regex bomb, a
# 5-million-character unterminated string, random bytes, invalid UTF-8). Any exit code other than 0, 1 or 2
# fails too.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: tests/aot/run.sh NATIVE REFERENCE" >&2; exit 2; }
native="$1"
reference="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Hostile inputs, generated (as in the xunit hostile-input suite): the native tool has its own stack frames and
# runs rules interpreted, so depth limits and time bounds are checked on it too.
hostile="$work/hostile"
mkdir -p "$hostile"
small='plan "p" { period 2021-01-01 .. 2021-12-31 }
unit A
task 1 "aaaa" { lead A due 2021-06-30 }
task 2 "t2" { lead A }'
echo "$small" > "$hostile/small.plan"
awk 'BEGIN { n = 200000; print "plan \"p\" { period 2021-01-01 .. 2021-12-31 }\nunit A";
  for (i = 1; i <= n; i++) printf "section %d \"s\" {\n", i; print "task 1 \"t\" { lead A }";
  for (i = 1; i <= n; i++) print "}" }' > "$hostile/nested.plan"
awk 'BEGIN { n = 200000; printf "rule R001 \"p\" {\n  for task t\n  when ";
  for (i = 0; i < n; i++) printf "("; printf "true"; for (i = 0; i < n; i++) printf ")"; print "\n}" }' > "$hostile/parens.rules"
awk 'BEGIN { printf "rule R002 \"c\" {\n  for task t\n  when t.id == \"0\"";
  for (i = 1; i < 100000; i++) printf " or t.id == \"%d\"", i; print "\n}" }' > "$hostile/chain.rules"
awk 'BEGIN { printf "rule R003 \"b\" {\n  for task t\n  when matches(t.title + \"";
  for (i = 0; i < 5000; i++) printf "a"; print "!\", \"^(a+)+$\") or matches(t.title, t.title + \"(x+x+)+y\")\n}" }' > "$hostile/bomb.rules"
awk 'BEGIN { printf "plan \"p\" { period 2021-01-01 .. 2021-12-31 }\nunit A\ntask 1 \"";
  for (i = 0; i < 500000; i++) printf "长长长长长长长长长长" }' > "$hostile/unterminated.plan"
head -c 2097152 /dev/urandom > "$hostile/random.plan"
printf 'plan "p\xff\xfe" { period 2021-01-01 .. 2021-12-31 }\nunit A\xc3\x28\ntask 1 "\xed\xa0\x80" { lead A }\n' > "$hostile/badutf8.plan"

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
  "check $hostile/nested.plan --as-of 2021-12-31"
  "check $hostile/small.plan --rules $hostile/parens.rules --as-of 2021-12-31"
  "check $hostile/small.plan --rules $hostile/chain.rules --as-of 2021-12-31"
  "check $hostile/small.plan --rules $hostile/bomb.rules --as-of 2021-12-31 --explain"
  "check $hostile/unterminated.plan --as-of 2021-12-31"
  "check $hostile/random.plan --as-of 2021-12-31"
  "check $hostile/badutf8.plan --as-of 2021-12-31"
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
  for side in native reference; do
    case "$(cat "$work/$side/$i/exit")" in
      0|1|2) ;;
      *) failed=$((failed + 1)); echo "EXIT $(cat "$work/$side/$i/exit") ($side)  planrules ${cases[$i]}"; head -c 2000 "$work/$side/$i/stderr" ;;
    esac
  done
  if diff -r "$work/reference/$i" "$work/native/$i" > "$work/diff-$i" 2>&1; then
    printf 'same     exit %s  planrules %s\n' "$(cat "$work/native/$i/exit")" "${cases[$i]}"
  else
    failed=$((failed + 1))
    printf 'DIFFERS  planrules %s\n' "${cases[$i]}"
    head -n 40 "$work/diff-$i"
  fi
done
echo "native vs reference: ${#cases[@]} commands, $failed failed (a difference or an exit code other than 0, 1, 2)"
[ "$failed" -eq 0 ]
