#!/usr/bin/env bash
# Build the benchmark (Release), run it with no network but loopback, print the table and append
# the numbers to bench/RESULTS.md.
#
#   bench/run.sh [call-setup] [--calls N] [--warmup N]      (defaults: 20 calls after 2 warm-up)
#   bench/run.sh blob-store [--megabytes N] [--runs N] [--warmup N] [--segment-size BYTES] [--dir FOLDER]
#                                                            (defaults: 256 MiB, 5 runs after 1 warm-up, 64 KiB, $TMPDIR)
#   bench/run.sh pointer [--moves N] [--warmup N] [--interval MS]   (defaults: 240 moves after 20, one every 50 ms)
#   bench/run.sh snapshot [--snapshots N] [--warmup N]       (defaults: 12 snapshots after 2 warm-up)
#   bench/run.sh recording [--seconds N] [--runs N] [--warmup N]   (defaults: a 300 s recording, 3 runs after 1 warm-up)
#   bench/run.sh routed-setup [--calls N] [--warmup N]      (defaults: 10 calls per mode after 1 warm-up, alternating)
#   bench/run.sh routed-cpu                                   (Janus + server CPU forwarding 640x480 to 1, 4, 8 subscribers)
#
# call-setup, pointer and snapshot need what ./test.sh needs for the E2E suite (dotnet, node, Debian chromium,
# unshare, ip); snapshot also needs ffmpeg (it makes a 1920x1080 Y4M for the glasses' fake camera, kept in $TMPDIR).
# blob-store needs dotnet only; recording needs dotnet, ffmpeg and janus-pp-rec (Debian janus-tools) and keeps its encoded
# fixture media in $TMPDIR/rs-mjr-fixtures (the first run encodes 5 minutes of VP8, about a minute).
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
       DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
       NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false

MODE=call-setup
case "${1:-}" in
  call-setup|blob-store|pointer|snapshot|recording|routed-setup|routed-cpu) MODE=$1; shift ;;
esac
ARGS=("$MODE" "$@")

require_dotnet
IN_PROCESS=0
case "$MODE" in blob-store|recording) IN_PROCESS=1 ;; esac
[ "$IN_PROCESS" = 1 ] || require_node

if [ "$MODE" = recording ]; then
  command -v ffmpeg >/dev/null || die "recording needs ffmpeg (apt-get install ffmpeg)"
  command -v janus-pp-rec >/dev/null || die "recording needs janus-pp-rec (apt-get install janus-tools)"
fi

if [ "$MODE" = snapshot ]; then
  command -v ffmpeg >/dev/null || die "snapshot needs ffmpeg (apt-get install ffmpeg)"
  CAMERA="${TMPDIR:-/tmp}/rs-bench-camera-1920x1080.y4m"
  if [ ! -s "$CAMERA" ]; then
    log "ffmpeg: 1920x1080 test pattern for the glasses' fake camera → $CAMERA"
    ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -frames:v 30 -pix_fmt yuv420p "$CAMERA.tmp.y4m"
    mv "$CAMERA.tmp.y4m" "$CAMERA"
  fi
  ARGS+=(--camera "$CAMERA")
fi

# Build before entering the namespace: there is no network inside.
if [ "$IN_PROCESS" = 0 ] && [ ! -f web/dist/index.html ]; then
  log "web: npm run build"
  (cd web && npm run build)
fi
log "dotnet build bench/RemoteSupport.Bench (Release)"
BUILD_PROPS=()
# blob-store and recording use no pages: do not make them need node.
if [ "$IN_PROCESS" = 1 ]; then BUILD_PROPS=(-p:SkipWebBuild=true); fi
dotnet build bench/RemoteSupport.Bench -c Release -nologo -v:minimal "${BUILD_PROPS[@]}"
DLL="$ROOT/bench/RemoteSupport.Bench/bin/Release/net10.0/RemoteSupport.Bench.dll"

SUMMARY=$(mktemp "${TMPDIR:-/tmp}/rs-bench.XXXXXX")
trap 'rm -f "$SUMMARY"' EXIT

if [ "$IN_PROCESS" = 1 ]; then
  # In-process (recording: plus janus-pp-rec/ffmpeg children on local files), no network: no sandbox needed.
  log "running: ${ARGS[*]}"
  dotnet "$DLL" "${ARGS[@]}" --summary "$SUMMARY"
else
  # Same sandbox as the E2E suite: only `lo`, and everything started inside dies with the run.
  NS=(unshare --net --pid --fork --kill-child --mount-proc)
  [ "$(id -u)" -eq 0 ] || NS=(unshare --user --map-root-user --net --pid --fork --kill-child --mount-proc)
  log "running: ${ARGS[*]} (private network namespace)"
  # shellcheck disable=SC2016 # $@ expands inside the namespace shell
  # The routed modes need the veth pair Janus gathers candidates on (it ignores loopback), as in ./test.sh.
  NS_SETUP='ip link set lo up && ip link add rs-media type veth peer name rs-media-peer && ip addr add 10.77.0.1/24 dev rs-media && ip addr add 10.77.0.2/24 dev rs-media-peer && ip link set rs-media up && ip link set rs-media-peer up'
  "${NS[@]}" bash -c "$NS_SETUP"' && exec "$@"' bench \
    dotnet "$DLL" "${ARGS[@]}" --summary "$SUMMARY"
fi

[ -s "$SUMMARY" ] || die "the benchmark wrote no summary"

RESULTS_MD="$ROOT/bench/RESULTS.md"
if [ ! -f "$RESULTS_MD" ]; then
  cat > "$RESULTS_MD" <<'HEAD'
# Benchmark results

Appended by `bench/run.sh`; one block of rows per run. A commit marked `+local` had uncommitted
changes under `src/` or `web/`. Times in ms; ratio = median / bare baseline median.

| date (UTC) | commit | machine | measure | n | median | p95 | baseline median | ratio | verdict |
|---|---|---|---|---|---|---|---|---|---|
HEAD
fi
DATE=$(date -u '+%Y-%m-%d %H:%M')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src web 2>/dev/null)" ]; then COMMIT="$COMMIT+local"; fi
MODEL=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//; s/|/\//g' || true)
MACHINE="$(nproc) × ${MODEL:-unknown CPU}"
while IFS=$'\t' read -r measure n median p95 baseline ratio verdict; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$DATE" "$COMMIT" "$MACHINE" "$measure" "$n" "$median" "$p95" "$baseline" "$ratio" "$verdict"
done < "$SUMMARY" >> "$RESULTS_MD"
log "appended to bench/RESULTS.md"
