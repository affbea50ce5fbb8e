#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
# SPDX-License-Identifier: Apache-2.0
# Developer entry point: set-up, build, demo, tests. Works on a fresh Debian 12 machine.
#
#   ./dev.sh demo     install what is missing, build, open the console on the embedded demo tenant
#   ./dev.sh test     install what is missing, check formatting, build (warnings are errors), run every test
#   ./dev.sh check    only check the sources: clang-format (.clang-format) and the SPDX licence headers
#   ./dev.sh setup    only install the Debian packages the project needs (idempotent)
#   ./dev.sh build    only configure and build (Debug, into ./build)
#   ./dev.sh bench    benchmarks P1-P10, docs/benchmarks.md (Release build into ./build-release)
#   ./dev.sh package  Release build and .deb (into ./build-release/packages)
#   ./dev.sh fuzz [s] libFuzzer targets (clang, ./build-fuzz), each run for s seconds (default 60)
#   ./dev.sh screenshots  renders the README's pictures of the window into docs/screenshots/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${SMTPAUTH_BUILD_DIR:-$ROOT/build}"
JOBS="${SMTPAUTH_JOBS:-$(nproc)}"

# Exactly the Debian packages the project needs to build, test and run.
PACKAGES=(
  g++ cmake ninja-build pkg-config python3
  qt6-base-dev qt6-base-dev-tools qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev libqt6charts6 libqt6opengl6-dev
  libqt6sql6-sqlite libsqlite3-dev libqt6svg6 qt6-qpa-plugins
  qtkeychain-qt6-dev libsecret-1-0 libssl-dev
  dbus-daemon dbus-bin gnome-keyring libsecret-tools
  xvfb xauth
  desktop-file-utils appstream dpkg-dev groff-base poppler-utils
  clang libclang-rt-14-dev clang-format git
)

log() { printf '== %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

cmd_setup() {
  local missing=()
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "setup: all ${#PACKAGES[@]} Debian packages present"
    return
  fi
  log "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

cmd_build() {
  local build_type="${1:-Debug}"
  local dir="${2:-$BUILD_DIR}"
  log "build: $build_type into $dir"
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
    -DSMTPAUTH_WARNINGS_AS_ERRORS=ON >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
  cmake --build "$dir" --parallel "$JOBS"
}

# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, under a temporary HOME,
# so keychain tests use the real Secret Service without touching anyone's real keyring.
with_private_keyring() {
  local home
  home="$(mktemp -d -t smtpauth-home.XXXXXX)"
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/run" \
    dbus-run-session -- bash -c '
      mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
      eval "$(printf "smtpauth-test" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
      export GNOME_KEYRING_CONTROL
      "$@"' bash "$@"
  local rc=$?
  rm -rf "$home"
  return $rc
}

# The rules a reviewer should not have to check by eye: every tracked C++ file is formatted as .clang-format
# says (clang-format 14, Debian 12's) and every source file carries its SPDX licence header.
cmd_check_sources() {
  log "check: formatting (.clang-format) and SPDX headers of the tracked sources"
  local files
  if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git -C "$ROOT" ls-files -- '*.cpp' '*.h' ':!:tests/fuzz/corpus/*' ':!:tests/fuzz/regressions/*')
  else
    mapfile -t files < <(cd "$ROOT" && find app models ui tests tools -name '*.cpp' -o -name '*.h' | sort)
  fi
  local rc=0
  (cd "$ROOT" && clang-format --dry-run -Werror "${files[@]}") || {
    log "check: the files above differ from .clang-format; run: git ls-files '*.cpp' '*.h' | xargs clang-format -i"
    rc=1
  }
  local missing=()
  local f
  for f in "${files[@]}"; do
    head -n 3 "$ROOT/$f" | grep -q 'SPDX-License-Identifier: Apache-2.0' || missing+=("$f")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    log "check: no SPDX-License-Identifier: Apache-2.0 in the first lines of: ${missing[*]}"
    rc=1
  fi
  return $rc
}

cmd_test() {
  cmd_setup
  cmd_check_sources
  cmd_build Debug "$BUILD_DIR"
  log "test: whole suite, headless, private keyring"
  local rc=0
  with_private_keyring env QT_QPA_PLATFORM=offscreen \
    ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS" --timeout 600 || rc=$?
  [ "$rc" -eq 0 ] || return $rc
  cmd_sanitized_test
}

# The whole suite again under AddressSanitizer + UBSan (g++, ./build-asan). Reports go to files, not only
# to stderr, because a report from a child process (the emulator, the CLI) may not fail its test on its own.
cmd_sanitized_test() {
  local dir="${SMTPAUTH_ASAN_BUILD_DIR:-$ROOT/build-asan}"
  log "test: ASan + UBSan build into $dir"
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSMTPAUTH_WARNINGS_AS_ERRORS=ON \
    -DSMTPAUTH_SANITIZE=ON >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
  cmake --build "$dir" --parallel "$JOBS"
  local reports="$dir/sanitizer-reports"
  rm -rf "$reports" && mkdir -p "$reports"
  log "test: sanitized suite (without the install and bench labels)"
  local rc=0
  with_private_keyring env QT_QPA_PLATFORM=offscreen \
    ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:log_path=$reports/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan" \
    LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0" \
    ctest --test-dir "$dir" --output-on-failure --parallel "$JOBS" --timeout 900 -LE '^(install|bench)$' || rc=$?
  if compgen -G "$reports/*" >/dev/null; then
    log "test: sanitizer reports:"
    cat "$reports"/*
    rc=1
  fi
  return $rc
}

# Builds the libFuzzer targets of tests/fuzz with clang (./build-fuzz) and runs each for a bounded time.
# New corpus entries stay in the build directory; crashes are saved there too, to be copied into
# tests/fuzz/regressions/<target>/ once understood.
cmd_fuzz() {
  local seconds="${1:-60}"
  local dir="${SMTPAUTH_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
  cmd_setup
  log "fuzz: clang build into $dir"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DSMTPAUTH_FUZZ=ON \
    >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
  local targets=()
  local source
  for source in "$ROOT"/tests/fuzz/fuzz*.cpp; do
    local name
    name="$(basename "$source" .cpp)"
    name="${name#fuzz}"
    case "$name" in regressiontest) continue ;; esac
    targets+=("$name")
  done
  cmake --build "$dir" --parallel "$JOBS" --target "${targets[@]/#/fuzz-}"
  local findings=0 summary=() target
  for target in "${targets[@]}"; do
    local work="$dir/fuzz-work/$target"
    mkdir -p "$work/corpus" "$work/artifacts" "$ROOT/tests/fuzz/regressions/$target"
    log "fuzz: $target for ${seconds}s"
    local before
    before="$(find "$work/artifacts" -type f | wc -l)"
    env ASAN_OPTIONS="detect_leaks=1" \
      LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0" \
      UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      "$dir/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
      "$work/corpus" "$ROOT/tests/fuzz/corpus/$target" "$ROOT/tests/fuzz/regressions/$target" \
      >"$work/log.txt" 2>&1 || true
    local executions crashes
    executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -1)"
    crashes=$(( $(find "$work/artifacts" -type f | wc -l) - before ))
    findings=$((findings + crashes))
    summary+=("$(printf '%-24s executions %-10s new findings %s' "$target" "${executions:-?}" "$crashes")")
    if [ "$crashes" -gt 0 ]; then
      grep -E 'ERROR|runtime error|invariant broken|SUMMARY' "$work/log.txt" | head -5 >&2 || true
      log "fuzz: $target findings in $work/artifacts (log: $work/log.txt)"
    fi
  done
  log "fuzz: summary (${seconds}s per target)"
  printf '%s\n' "${summary[@]}"
  [ "$findings" -eq 0 ]
}

cmd_demo() {
  cmd_setup
  cmd_build Debug "$BUILD_DIR"
  local console="$BUILD_DIR/app/smtpauth-console"
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    log "demo: starting the console on the demo tenant"
    exec "$console" --demo "$@"
  fi
  # No display (a server, CI): run the real window under a virtual X server and save a screenshot.
  local shot="$BUILD_DIR/demo-screenshot.png"
  log "demo: no display found; running under Xvfb and saving a screenshot to $shot"
  xvfb-run -a -s "-screen 0 1400x900x24" "$console" --demo --screenshot "$shot" "$@"
  log "demo: screenshot written to $shot"
}

cmd_screenshots() {
  cmd_setup
  cmd_build Debug "$BUILD_DIR"
  log "screenshots: the real window on the demo tenant, offscreen, into docs/screenshots/"
  QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tools/smtpauth-screenshots" "$ROOT/docs/screenshots"
  # The one-page PDF report for management, as smtpauth-cli writes it, as a picture for the README.
  local scratch
  scratch="$(mktemp -d)"
  "$BUILD_DIR/app/cli/smtpauth-cli" --demo --data-dir "$scratch/data" readiness --format pdf \
    --output "$scratch/readiness.pdf" </dev/null
  pdftoppm -png -r 60 -singlefile "$scratch/readiness.pdf" "$ROOT/docs/screenshots/readiness-report"
  rm -rf "$scratch"
}

cmd_bench() {
  cmd_setup
  cmd_build Release "$ROOT/build-release"
  if [ -x "$ROOT/tests/bench/run-benchmarks.sh" ]; then
    exec "$ROOT/tests/bench/run-benchmarks.sh" "$ROOT/build-release" "$@"
  fi
  log "bench: tests/bench/run-benchmarks.sh is missing or not executable (see docs/benchmarks.md)"
  exit 2
}

cmd_package() {
  cmd_setup
  cmd_build Release "$ROOT/build-release"
  local out="$ROOT/build-release/packages"
  log "package: cpack (generators from installer/CMakeLists.txt) into $out"
  (cd "$ROOT/build-release" && cpack --config CPackConfig.cmake -B "$out")
  log "package: $(ls "$out"/*.deb "$out"/*.exe "$out"/*.msi "$out"/*.dmg 2>/dev/null | tr '\n' ' ')"
}

case "${1:-}" in
  setup) cmd_setup ;;
  build) cmd_setup; cmd_build "${2:-Debug}" ;;
  test) cmd_test ;;
  check) cmd_check_sources ;;
  demo) shift; cmd_demo "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  screenshots) cmd_screenshots ;;
  package) cmd_package ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  *)
    sed -n '/^# Developer entry point/,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
