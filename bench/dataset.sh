#!/usr/bin/env bash
# Writes the bench dataset as an RDB file, for jobs that need a snapshot but not the whole bench:
# the JMH benchmarks (bench/jmh.sh) and the memory proof (bench/memory.sh).
#
#   bench/dataset.sh OUT.rdb [--size 64m] [--compressibility text|random] [--seed 42] [--dbs 2]
#
# Loads bench/DatasetGenerator.java into a throwaway redis-server on a free port of 127.0.0.1,
# saves it with redis-cli --rdb and stops the server. An existing OUT.rdb is kept as it is.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
die() { echo "dataset.sh: $*" >&2; exit 1; }
(($# >= 1)) || die "usage: $0 OUT.rdb [--size 64m] [--compressibility text|random] [--seed 42] [--dbs 2]"
OUT=$1; shift
[[ -s $OUT ]] && { echo "dataset.sh: keeping $OUT"; exit 0; }
SIZE=64m COMP=text SEED=42 DBS=2
while (($#)); do
  (($# >= 2)) || die "option $1 needs a value"
  case $1 in
    --size) SIZE=$2 ;;
    --compressibility) COMP=$2 ;;
    --seed) SEED=$2 ;;
    --dbs) DBS=$2 ;;
    *) die "unknown option $1" ;;
  esac
  shift 2
done
for tool in redis-server redis-cli java javac; do command -v "$tool" >/dev/null || die "$tool not found on PATH"; done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/caravan-dataset.XXXXXX")
PID=
cleanup() {
  if [[ -n $PID ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

while :; do
  PORT=$((20000 + RANDOM % 30000))
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break
done
redis-server --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no --dir "$TMP" \
  --repl-diskless-sync-delay 0 --logfile "$TMP/redis.log" &
PID=$!
until redis-cli -p "$PORT" PING 2>/dev/null | grep -q PONG; do
  kill -0 "$PID" 2>/dev/null || die "redis-server did not start (see $TMP/redis.log)"
  sleep 0.05
done

javac -d "$TMP/classes" "$HERE/DatasetGenerator.java"
echo "dataset.sh: generating --size $SIZE --compressibility $COMP --seed $SEED --dbs $DBS"
java -cp "$TMP/classes" DatasetGenerator --seed "$SEED" --size "$SIZE" --compressibility "$COMP" --dbs "$DBS" \
  | redis-cli -p "$PORT" --pipe >"$TMP/load.log" 2>&1 || { cat "$TMP/load.log" >&2; die "loading failed"; }
grep -q 'errors: 0,' "$TMP/load.log" || { cat "$TMP/load.log" >&2; die "loading had errors"; }
mkdir -p "$(dirname "$OUT")"
redis-cli -p "$PORT" --rdb "$OUT.part" >/dev/null 2>&1 || die "could not save the RDB"
mv "$OUT.part" "$OUT"
echo "dataset.sh: $OUT, $(stat -c %s "$OUT") bytes, used_memory $(redis-cli -p "$PORT" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }')"
