#!/usr/bin/env bash
# Start-up time of `planrules check examples/panyu-2021` against a hello-world .NET console, side by side.
#
#   tests/startup/run.sh [--runs N] [--warmup N] [--skip-build] [--only LIST] [--no-wait] [--baseline REV]
#
# Publishes the CLI (src/PlanRules.Cli) in several modes and tests/startup/HelloWorld in the same modes, checks
# that every CLI variant prints exactly what the framework-dependent default prints (a variant that differs is
# disqualified and not timed), waits for a quiet machine (1-minute load average below 1.5), then times all
# variants in ONE hyperfine run (warm-up runs, then N runs each; hyperfine from Debian, installed when missing).
# Everything it writes stays under tests/startup/build (ignored by git):
#   build/<variant>/        published output          build/logs/<variant>.log   publish log (trim/AOT warnings)
#   build/outputs/          each variant's stdout     build/results.md / .json   hyperfine's export
#   build/summary.md        ratios to hello world (best vs framework-dependent hello world, and same-mode pairs)
#
# Options: --runs N (default 20), --warmup N (default 3), --skip-build (time what is already published),
# --only "fd r2r hello-fd" (a subset of the variant names below), --no-wait (don't wait for a quiet machine),
# --baseline REV (also time the framework-dependent CLI of git revision REV, as "fd-REV", for a before/after; its
# output is compared and reported, but not disqualified, since other work may have changed the output since REV).
# Not part of CI: publishing every variant takes several minutes (Native AOT and the composite image most).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$here/build"
runs=20
warmup=3
skip_build=0
wait_quiet=1
only=""
baseline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    --only) only="$2"; shift 2 ;;
    --no-wait) wait_quiet=0; shift ;;
    --baseline) baseline="$(git -C "$here" rev-parse --short "$2")"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--warmup N] [--skip-build] [--only LIST] [--no-wait] [--baseline REV]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cli_project="$repo/src/PlanRules.Cli/PlanRules.Cli.csproj"
hello_project="$here/HelloWorld/HelloWorld.csproj"
check_args=(check examples/panyu-2021)
rid=linux-x64

# name | project (cli|hello|tool) | description | publish arguments (tool: the package's runtime identifier)
# The CLI project sets PublishAot (its linux-x64 tool package is Native AOT), so the other modes turn it off.
variants=(
  "fd|cli|framework-dependent (dotnet publish -c Release), apphost|-p:PublishAot=false"
  "tool|tool|the installed .NET tool: dotnet tool install PlanRules.Cli (resolves to PlanRules.Cli.$rid, Native AOT)|$rid"
  "tool-any|tool|the installed framework-dependent fallback package PlanRules.Cli.any (other platforms)|any"
  "fd-nopgo|cli|framework-dependent, TieredPGO off|-p:PublishAot=false -p:TieredPGO=false"
  "fd-notc|cli|framework-dependent, TieredCompilation off|-p:PublishAot=false -p:TieredCompilation=false"
  "r2r|cli|ReadyToRun, framework-dependent|-p:PublishAot=false -r $rid --self-contained false -p:PublishReadyToRun=true"
  "r2r-nopgo|cli|ReadyToRun, framework-dependent, TieredPGO off|-p:PublishAot=false -r $rid --self-contained false -p:PublishReadyToRun=true -p:TieredPGO=false"
  "r2r-composite|cli|ReadyToRun composite, self-contained (framework in the image)|-p:PublishAot=false -r $rid --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true"
  "trimmed|cli|self-contained + trimmed (no ReadyToRun)|-p:PublishAot=false -r $rid --self-contained true -p:PublishTrimmed=true -p:PublishReadyToRun=false"
  "trimmed-r2r|cli|self-contained + trimmed + ReadyToRun|-p:PublishAot=false -r $rid --self-contained true -p:PublishTrimmed=true -p:PublishReadyToRun=true"
  "aot|cli|Native AOT (dotnet publish -r linux-x64)|-r $rid -p:PublishAot=true"
  "hello-fd|hello|framework-dependent (dotnet publish -c Release), apphost|"
  "hello-r2r|hello|ReadyToRun, framework-dependent|-r $rid --self-contained false -p:PublishReadyToRun=true"
  "hello-aot|hello|Native AOT|-r $rid -p:PublishAot=true"
)

if [[ -n "$baseline" ]]; then
  # The baseline's sources are extracted under build/ and published from there, framework-dependent like fd.
  variants=("${variants[0]}" "fd-$baseline|cli|framework-dependent, at $baseline (before)|-p:PublishAot=false" "${variants[@]:1}")
  only="${only:+$only fd-$baseline}"
fi
selected() { [[ -z "$only" || " $only " == *" $1 "* ]]; }
field() { local IFS='|'; read -r -a parts <<< "$1"; echo "${parts[$2]:-}"; }
executable() {
  case "$(field "$1" 1)" in
    cli) echo "$build/$(field "$1" 0)/PlanRules.Cli" ;;
    tool) echo "$build/$(field "$1" 0)/planrules" ;;
    *) echo "$build/$(field "$1" 0)/HelloWorld" ;;
  esac
}
packed=0
# The tool packages as .ci/run makes them: the pointer package, the Native AOT package, the fallback.
pack_tool() {
  [[ $packed -eq 1 ]] && return 0
  rm -rf "$build/packages"
  dotnet pack "$cli_project" -c Release -o "$build/packages" --artifacts-path "$build/artifacts/pack" -nologo \
    && dotnet pack "$cli_project" -c Release -r "$rid" -o "$build/packages" --artifacts-path "$build/artifacts/pack-$rid" -nologo \
    && dotnet pack "$cli_project" -c Release -r any -p:PublishAot=false -o "$build/packages" --artifacts-path "$build/artifacts/pack-any" -nologo \
    && packed=1
}

# 1. Tools: hyperfine (else a /usr/bin/time loop), clang + zlib for Native AOT.
have_hyperfine=1
if ! command -v hyperfine >/dev/null 2>&1; then
  echo "== installing hyperfine"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; } || have_hyperfine=0
fi
if [[ $skip_build -eq 0 ]] && { ! command -v clang >/dev/null 2>&1 || [[ ! -e /usr/include/zlib.h ]]; }; then
  echo "== installing clang and zlib1g-dev (Native AOT)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y clang zlib1g-dev >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y clang zlib1g-dev >/dev/null; } || true
fi

# 2. Publish. Each variant has its own artifacts folder, so variants never share obj/ (nor race another build
#    of the repository); the publish log keeps the trim and AOT warnings.
mkdir -p "$build/logs" "$build/outputs"
declare -A failed=()
if [[ $skip_build -eq 0 ]]; then
  for v in "${variants[@]}"; do
    name="$(field "$v" 0)"
    selected "$name" || continue
    project="$cli_project"; [[ "$(field "$v" 1)" == hello ]] && project="$hello_project"
    baseline_src=""
    if [[ -n "$baseline" && "$name" == "fd-$baseline" ]]; then
      # Outside the repository: a second copy of its projects under it makes tools that find a project by name
      # (BenchmarkDotNet's boilerplate build) refuse to choose. Removed after the publish.
      baseline_src="$(mktemp -d "${TMPDIR:-/tmp}/planrules-startup-src-XXXXXX")"
      git -C "$repo" archive "$baseline" | tar -x -C "$baseline_src"
      project="$baseline_src/src/PlanRules.Cli/PlanRules.Cli.csproj"
    fi
    read -r -a extra <<< "$(field "$v" 3)"
    echo "== publishing $name: $(field "$v" 2)"
    rm -rf "${build:?}/$name"
    published=1
    if [[ "$(field "$v" 1)" == tool ]]; then
      package=PlanRules.Cli; [[ "${extra[0]}" == any ]] && package=PlanRules.Cli.any
      { pack_tool && dotnet tool install "$package" --version 1.0.0 --tool-path "$build/$name" --add-source "$build/packages" \
          --ignore-failed-sources; } > "$build/logs/$name.log" 2>&1 || published=0
      if [[ $published -eq 0 ]]; then failed[$name]="pack or install failed (see tests/startup/build/logs/$name.log)"; echo "   FAILED: ${failed[$name]}"; fi
      continue
    fi
    dotnet publish "$project" -c Release "${extra[@]}" --artifacts-path "$build/artifacts/$name" -o "$build/$name" \
        -nologo > "$build/logs/$name.log" 2>&1 || published=0
    [[ -n "$baseline_src" ]] && rm -rf "$baseline_src"
    if [[ $published -eq 0 ]]; then
      failed[$name]="publish failed (see tests/startup/build/logs/$name.log): $(grep -m1 -E 'error' "$build/logs/$name.log" | sed -E 's/^ +//' | cut -c1-200)"
      echo "   FAILED: ${failed[$name]}"
      continue
    fi
    warnings=$(grep -oE 'warning IL[0-9]+' "$build/logs/$name.log" | sort -u | sed 's/warning //' | tr '\n' ' ' || true)
    if [[ -n "$warnings" ]]; then echo "   trim/AOT warnings: $warnings"; fi
  done
fi

# 3. Same output or out: every CLI variant must print what the framework-dependent default prints (stdout and
#    exit code; the as-of date is today's, the same for all of them).
cd "$repo"
reference=""
declare -a timed=()
for v in "${variants[@]}"; do
  name="$(field "$v" 0)"
  selected "$name" || continue
  [[ -n "${failed[$name]:-}" ]] && continue
  exe="$(executable "$v")"
  if [[ ! -x "$exe" ]]; then failed[$name]="not published"; continue; fi
  if [[ "$(field "$v" 1)" != hello ]]; then
    set +e; "$exe" "${check_args[@]}" > "$build/outputs/$name.txt" 2> "$build/outputs/$name.err"; rc=$?; set -e
    echo "exit $rc" >> "$build/outputs/$name.txt"
    [[ -z "$reference" && -f "$build/outputs/fd.txt" ]] && reference="$build/outputs/fd.txt"
    if [[ -z "$reference" ]]; then
      echo "== no framework-dependent (fd) output to compare against; run fd too" >&2; exit 2
    fi
    if [[ "$name" == "fd-$baseline" ]]; then
      cmp -s "$reference" "$build/outputs/$name.txt" && echo "== $name: same output as fd" \
        || echo "== $name: output differs from fd ($(diff "$reference" "$build/outputs/$name.txt" | grep -c '^[<>]' || true) lines), timed anyway"
    elif ! cmp -s "$reference" "$build/outputs/$name.txt"; then
      failed[$name]="DISQUALIFIED: output differs from fd ($(diff "$reference" "$build/outputs/$name.txt" | grep -c '^[<>]' || true) lines; tests/startup/build/outputs/$name.txt)"
      echo "== $name: ${failed[$name]}"
      continue
    fi
  else
    [[ "$("$exe")" == "Hello, World!" ]] || { failed[$name]="hello world printed something else"; continue; }
  fi
  timed+=("$v")
done
echo "== same output as fd: $(for v in "${timed[@]}"; do printf '%s ' "$(field "$v" 0)"; done)"

# 4. A quiet machine: wait (up to 15 minutes) for the 1-minute load average to drop below 1.5.
if [[ $wait_quiet -eq 1 ]]; then
  for _ in $(seq 1 60); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" 'BEGIN { exit !(l < 1.5) }' && break
    echo "   load average $load, waiting"
    sleep 15
  done
fi
echo "== $(uptime)"

# 5. Time them, all in one hyperfine invocation (no shell in between: -N).
commands=()
for v in "${timed[@]}"; do
  name="$(field "$v" 0)"
  exe="$(executable "$v")"
  if [[ "$(field "$v" 1)" != hello ]]; then
    commands+=(-n "$name" "$exe ${check_args[*]}")
  else
    commands+=(-n "$name" "$exe")
  fi
done
if [[ $have_hyperfine -eq 1 ]]; then
  hyperfine -N --warmup "$warmup" --runs "$runs" --export-markdown "$build/results.md" --export-json "$build/results.json" "${commands[@]}"
else
  # Fallback: a /usr/bin/time loop, mean and min per variant.
  echo "| Command | Mean [ms] | Min [ms] |" > "$build/results.md"
  echo "|:---|---:|---:|" >> "$build/results.md"
  for ((i = 0; i < ${#commands[@]}; i += 3)); do
    name="${commands[i + 1]}"; read -r -a cmd <<< "${commands[i + 2]}"
    for ((w = 0; w < warmup; w++)); do "${cmd[@]}" > /dev/null 2>&1 || true; done
    times=()
    for ((r = 0; r < runs; r++)); do
      times+=("$( { /usr/bin/time -f '%e' "${cmd[@]}" > /dev/null 2> /dev/null; } 2>&1 | tail -n 1)")
    done
    printf '%s\n' "${times[@]}" | awk -v n="$name" '{ s += $1; if (NR == 1 || $1 < m) m = $1 } END { printf "| `%s` | %.1f | %.1f |\n", n, 1000 * s / NR, 1000 * m }' >> "$build/results.md"
  done
  cat "$build/results.md"
fi

# 6. Ratios: the best CLI variant against the framework-dependent hello world, and same-mode pairs.
{
  echo "Load before timing: $(uptime | sed -E 's/.*load average: //')"
  echo
  if [[ -f "$build/results.json" && $have_hyperfine -eq 1 ]]; then
    python3 - "$build/results.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
def ms(name): return results[name]["mean"] * 1000 if name in results else None
cli = {k: v for k, v in results.items() if not k.startswith("hello")}
if cli and "hello-fd" in results:
    best = min(cli, key=lambda k: cli[k]["mean"])
    print(f"Best CLI variant: {best}, {ms(best):.1f} ms; framework-dependent hello world {ms('hello-fd'):.1f} ms; "
          f"ratio {ms(best) / ms('hello-fd'):.2f}x (target: at most 2x)")
    print()
if "tool" in results and "hello-fd" in results:
    print(f"Installed tool (dotnet tool install PlanRules.Cli): {ms('tool'):.1f} ms; framework-dependent hello world "
          f"{ms('hello-fd'):.1f} ms; ratio {ms('tool') / ms('hello-fd'):.2f}x (target: at most 2x)")
    print()
print("| CLI variant | CLI mean [ms] | hello world peer | hello mean [ms] | ratio |")
print("|:---|---:|:---|---:|---:|")
peer = {"fd": "hello-fd", "fd-nopgo": "hello-fd", "fd-notc": "hello-fd", "r2r": "hello-r2r", "r2r-nopgo": "hello-r2r",
        "r2r-composite": "hello-r2r", "trimmed": "hello-fd", "trimmed-r2r": "hello-r2r", "aot": "hello-aot"}
for name in cli:
    p = peer.get(name, "hello-fd")
    if ms(p) is None: continue
    print(f"| {name} | {ms(name):.1f} | {p} | {ms(p):.1f} | {ms(name) / ms(p):.2f}x |")
PY
  fi
  for name in "${!failed[@]}"; do echo; echo "Not timed: $name: ${failed[$name]}"; done
} > "$build/summary.md"
echo
cat "$build/summary.md"
