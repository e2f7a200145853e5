#!/usr/bin/env bash
# Builds gateway-native and gateway-bench (package only, nothing installed) and runs the crypto JMH benchmarks in one
# JVM fork each, with the Vector API module and JMH's GC profiler, then prints a table:
#   AEAD rows: seal+open of one packet per operation; GB/s = 2 * size * ops/s (both directions' bytes).
#   X25519 rows: shared-secret computations per second.  alloc B/op: gc.alloc.rate.norm (0 = allocation-free).
# Usage: gateway-bench/run-crypto-bench.sh [benchmark regex]   (default: all crypto benchmarks)
# Environment: JMH_ARGS overrides the run length (default "-wi 10 -w 2s -i 5 -r 1s"); the Vector API code needs a few
# seconds before C2 has compiled it, more on a busy machine (with 5 warm-up iterations at load 12, the first measured
# iteration still ran the uncompiled vector code and allocated).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/jdk.sh
. scripts/jdk.sh
portcullis_find_jdk

pattern=${1:-'io.portcullis.gateway.bench.(ChaCha20Poly1305|ScalarChaCha20Poly1305|X25519|Blake2s)Benchmark'}
jmh_args=${JMH_ARGS:--wi 10 -w 2s -i 5 -r 1s}
result=gateway-bench/target/crypto-bench.json

mvn -q -pl gateway-bench -am package -DskipTests
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "x $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # jmh_args is a list of options
"$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -cp "gateway-bench/target/classes:gateway-bench/target/lib/*" \
  org.openjdk.jmh.Main "$pattern" -f 1 $jmh_args -prof gc -rf json -rff "$result"

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$result" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print()
print(f"{'benchmark':<52} {'ops/s':>12} {'± (99.9%)':>10} {'GB/s':>7} {'alloc B/op':>11}")
for r in rows:
    name = r["benchmark"].rsplit(".", 2)
    name = name[-2] + "." + name[-1]
    size = r.get("params", {}).get("size")
    if size:
        name += f" ({size} B)"
    score, err = float(r["primaryMetric"]["score"]), float(r["primaryMetric"]["scoreError"])
    gbs = f"{2 * int(size) * score / 1e9:.2f}" if size else ""
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    alloc = "" if alloc is None else f"{float(alloc):.1f}"
    print(f"{name:<52} {score:>12.0f} {err:>10.0f} {gbs:>7} {alloc:>11}")
PY
