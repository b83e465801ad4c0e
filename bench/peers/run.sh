#!/usr/bin/env bash
# The peers bench: perpwatch and each peer on the same inputs, in one run, into bench/results/peers.md.
#   bench/peers/run.sh [--rounds=5] [--round-ms=1000] [--warmup-ms=3000] [--passes=2] [--no-build] [--no-load]
#                      [--quick-load] [--jar=FILE] [--out=FILE]
# Builds the benchmarks jar (mvn package, never install) unless --no-build, sets up the Node peers with npm ci when
# node_modules is missing (the only step that needs the npm registry), runs the JVM side (perpwatch, XChange, the
# Jackson floor) then the Node side (ccxt, the Drift and Velocity SDK builds), looks for a Python with cryptofeed,
# and writes the report. The JVM and Node sides run --passes times in turn (JVM, Node, JVM, Node, ...) so that
# both see the same spells of load on a shared machine; the report takes each row's median over all its rounds.
# Then, unless --no-load, the rest of issue 23's figures into the same report (load.sh: the guards and the no-op
# route in alternation at 1k/5k/20k req/s with wrk's cross-check, venue event -> guards answer freshness, the API
# Lambda's cold start, the rollup). Nothing is downloaded at run time; nothing but this machine is contacted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
passes=2 rounds=5 round_ms=1000 warmup_ms=3000 build=1 load=1 quick="" out="$root/bench/results/peers.md" jar="$root/bench/target/benchmarks.jar"
fixtures="${PERPWATCH_FIXTURES:-$root/../shared/fixtures}"
[ -d "$fixtures" ] || fixtures=/work/shared/fixtures
for a in "$@"; do
  case "$a" in
    --rounds=*) rounds="${a#*=}" ;;
    --passes=*) passes="${a#*=}" ;;
    --round-ms=*) round_ms="${a#*=}" ;;
    --warmup-ms=*) warmup_ms="${a#*=}" ;;
    --no-build) build=0 ;;
    --no-load) load=0 ;;
    --quick-load) quick="--quick" ;;
    --jar=*) jar="${a#*=}"; build=0 ;;
    --out=*) out="${a#*=}" ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done
work="$here/target"
mkdir -p "$work"
rm -f "$work"/java*.json "$work"/node*.json "$work"/python.json
rm -rf "$work/load"

if [ "$build" = 1 ]; then
  (cd "$root" && mvn -q -B -pl bench -am package -DskipTests)
fi
if [ ! -d "$here/node_modules" ]; then
  # The lock pins every version. npm ci refuses it where the registry serves no macOS build of an optional native
  # package (yellowstone-grpc's napi-darwin-*: absent from the lock); npm install --no-save then installs the same
  # locked versions and leaves the lock as it is.
  (cd "$here" && { npm ci --no-audit --no-fund || npm install --no-save --no-audit --no-fund; })
fi

uptime > "$work/load-before.txt"
for pass in $(seq 1 "$passes"); do
  echo "== pass $pass of $passes: JVM side (perpwatch, XChange, Jackson floor)"
  java -Xmx2g -Dlogback.configurationFile=logback-bench.xml -cp "$jar" \
    perpwatch.bench.peers.PeersBench --fixtures="$fixtures" --work="$work" \
    --rounds="$rounds" --round-ms="$round_ms" --warmup-ms="$warmup_ms"
  mv "$work/java.json" "$work/java.$pass.json"
  echo "== pass $pass of $passes: Node side (ccxt, Drift SDK, Velocity SDK build)"
  (cd "$here" && node peers.mjs --work="$work" --rounds="$rounds" --round-ms="$round_ms" --warmup-ms="$warmup_ms")
  mv "$work/node.json" "$work/node.$pass.json"
done

echo "== Python side (cryptofeed)"
py=""
for candidate in "${CRYPTOFEED_PYTHON:-}" python3 python; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import cryptofeed' >/dev/null 2>&1; then
    py="$candidate"
    break
  fi
done
if [ -n "$py" ]; then
  "$py" "$here/cryptofeed_peer.py" --work="$work" --rounds="$rounds" --round-ms="$round_ms" --warmup-ms="$warmup_ms"
else
  echo "skipped: cryptofeed not installed (no Python on PATH or in CRYPTOFEED_PYTHON imports it)"
  echo '{"skipped": "cryptofeed not installed"}' > "$work/python.json"
fi
uptime > "$work/load-after.txt"

if [ "$load" = 1 ]; then
  "$here/load.sh" --jar="$jar" --work="$work/load" $quick
fi

(cd "$here" && node report.mjs --work="$work" --out="$out" --passes="$passes" --rounds="$rounds" --round-ms="$round_ms" \
  --warmup-ms="$warmup_ms")
echo "wrote $out"
