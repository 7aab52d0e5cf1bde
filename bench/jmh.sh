#!/usr/bin/env bash
# JMH microbenchmarks (the *Benchmark classes under src/test/java/dev/caravan/rdb, outside the
# test suite): CRC-64 and the validate pass.
#
#   bench/jmh.sh [JMH arguments...]     e.g. bench/jmh.sh Crc64   or   bench/jmh.sh Validate -f 2
#
# Compiles the test sources, writes the bench dataset (--size 64m, text) to
# bench/work/jmh-64m.rdb once for ValidateBenchmark, then runs org.openjdk.jmh.Main with the
# arguments given (all benchmarks when none; `-h` lists JMH's options).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
cd "$ROOT"
./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath \
  -Dmdep.includeScope=test
"$HERE/dataset.sh" "$HERE/work/jmh-64m.rdb" --size 64m --compressibility text
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "$@"
