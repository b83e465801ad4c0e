#!/usr/bin/env bash
# Issue 23's figures beside the peers, written as fragments report.mjs puts into bench/results/peers.md:
#   1. the guards and the no-op route (GET /api/ping) in alternating phases at 1,000 / 5,000 / 20,000 req/s
#      (ApiLoadBenchmark: open loop, HdrHistogram, Netty client) against a local cloud in its own JVM, and wrk's
#      closed loop on both routes as the cross-check (wrk is Debian's package: installed with apt-get when this runs
#      as root and it is missing, else skipped and said so);
#   2. freshness: venue event -> first guards answer that shows it (the hardening harness's scenario 7);
#   3. the API Lambda's init + first request (LambdaColdStartBenchmark, a fresh JVM per fork);
#   4. the rollup (ArchiveRollupBenchmark), kept as a regression check;
#   and the webhook on the same driver (one new Drift transaction per delivery) beside ping.
#   bench/peers/load.sh --jar=bench/target/benchmarks.jar --work=bench/peers/target/load [--quick]
# --quick: a smoke run of the script itself (short phases, one rate, fewer forks), not figures to quote.
set -euo pipefail
jar="" work="" quick=0
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --jar=*) jar="${a#*=}" ;;
    --work=*) work="${a#*=}" ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done
[ -n "$jar" ] && [ -n "$work" ] || { echo "usage: load.sh --jar=FILE --work=DIR" >&2; exit 2; }
mkdir -p "$work"
rm -f "$work/quick"
[ "$quick" = 0 ] || touch "$work/quick"
if [ "$quick" = 1 ]; then
  api_args="--rates=1000 --seconds=2 --warmup=1 --rounds=1" webhook_args="$api_args" wrk_secs=2 fresh_args="--quick" cold_args="-f 1"
  rollup_args="-f 1 -wi 0 -i 1"
else
  api_args="--rates=1000,5000,20000 --seconds=10 --warmup=3 --rounds=2" wrk_secs=10
  webhook_args="--rates=1000,5000 --seconds=10 --warmup=3 --rounds=1" fresh_args="" cold_args="-f 5"
  rollup_args="-f 1 -wi 2 -i 5"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== guards and ping under load"
api_port=$(free_port) redis_port=$(free_port)
PERPWATCH_DURABLE_LOG=off java -Xmx1g -Dlogback.configurationFile=logback-bench.xml -cp "$jar" \
  perpwatch.local.LocalCloud --port="$api_port" --redis-port="$redis_port" > "$work/cloud.log" 2>&1 &
cloud=$!
trap 'kill $cloud 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$api_port/api/ping" >/dev/null 2>&1 && break
  sleep 1
done
# The feeds need a few seconds to fill every stream the guards read.
sleep 20
uptime > "$work/api-load-before.txt"
java -Xmx256m -XX:+UseSerialGC -cp "$jar" perpwatch.bench.load.ApiLoadBenchmark --url="http://127.0.0.1:$api_port" \
  --routes=ping,guards $api_args | tee "$work/api-load.txt"
uptime > "$work/api-load-after.txt"
# The webhook on the same driver: each delivery one new Drift transaction, stored (Redis; this cloud has no durable log).
java -Xmx256m -XX:+UseSerialGC -cp "$jar" perpwatch.bench.load.ApiLoadBenchmark --url="http://127.0.0.1:$api_port" \
  --routes=ping,webhook-tx $webhook_args | tee "$work/webhook-load.txt"

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y -q wrk >/dev/null 2>&1 || true
fi
if command -v wrk >/dev/null 2>&1; then
  : > "$work/wrk.txt"
  for round in 1 2; do
    for route in /api/ping /api/engine/guards; do
      echo "### round $round $route ($(uptime | sed 's/.*load average: //'))" >> "$work/wrk.txt"
      wrk -t1 -c32 -d${wrk_secs}s --latency "http://127.0.0.1:$api_port$route" >> "$work/wrk.txt" 2>&1
    done
  done
  wrk --version 2>&1 | head -1 > "$work/wrk-version.txt" || true
else
  echo "skipped: wrk is not installed and could not be (not root, or no apt-get)" > "$work/wrk.txt"
fi
kill $cloud 2>/dev/null || true
wait $cloud 2>/dev/null || true
trap - EXIT

echo "== freshness (hardening harness scenario 7)"
java -cp "$jar" perpwatch.bench.harness.HardeningHarness --scenarios=7 $fresh_args --out="$work/freshness.md" > "$work/freshness.log" 2>&1 \
  || echo "freshness: the harness reported a failed check (see $work/freshness.md)"

echo "== the API Lambda's cold start"
java -jar "$jar" LambdaColdStartBenchmark $cold_args -rf json -rff "$work/coldstart.json" > "$work/coldstart.log" 2>&1
# As deployed: the HTTP API functions run with the JIT stopped at C1 (cdk: JAVA_TOOL_OPTIONS). -jvmArgsAppend replaces
# the benchmark's own, so its shutdown option is repeated.
java -jar "$jar" LambdaColdStartBenchmark $cold_args \
  -jvmArgsAppend "-Djmh.shutdownTimeout=0 -XX:+TieredCompilation -XX:TieredStopAtLevel=1" \
  -rf json -rff "$work/coldstart-c1.json" > "$work/coldstart-c1.log" 2>&1

echo "== rollup (regression check)"
java -jar "$jar" ArchiveRollupBenchmark $rollup_args -rf json -rff "$work/rollup.json" > "$work/rollup.log" 2>&1
uptime > "$work/load-after.txt"
