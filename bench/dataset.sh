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
source "$HERE/redis.sh"
cleanup() {
  stop_all_redis
  rm -rf "$TMP"
}
trap cleanup EXIT

start_redis source

javac -d "$TMP/classes" "$HERE/DatasetGenerator.java"
echo "dataset.sh: generating --size $SIZE --compressibility $COMP --seed $SEED --dbs $DBS"
load_dataset "$TMP/classes" "$PORT" "$SEED" "$SIZE" "$COMP" "$DBS"
mkdir -p "$(dirname "$OUT")"
redis-cli -p "$PORT" --rdb "$OUT.part" >/dev/null 2>&1 || die "could not save the RDB"
mv "$OUT.part" "$OUT"
echo "dataset.sh: $OUT, $(stat -c %s "$OUT") bytes, used_memory $(redis-cli -p "$PORT" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }')"
