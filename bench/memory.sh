#!/usr/bin/env bash
# Memory proof (issue 3): Caravan's heap and RSS do not grow with the snapshot. Loads a large
# bench dataset into a throwaway redis-server, then runs `backup --once` (zstd, local destination),
# the same in scan mode, `restore` of the first backup into a second throwaway redis-server
# (DEBUG DIGEST checked) and `verify` of the same RDB, each through the launcher bin/caravan with
# the heap capped, and reports each one's peak RSS (GNU time).
#
#   bench/memory.sh [--size 2500m] [--xmx 256m] [--jar target/caravan-runner.jar]
#
# --size counts value bytes as in bench/run.sh: the RDB comes out near 0.83x that with the text
# dataset (2500m gives about 2.1 GB) and used_memory near 2x. Needs free disk for the RDB, the
# archive and the staged copy (about 2.2x the RDB) under bench/work/, and RAM for both servers
# (about 2x used_memory).
# The heap cap replaces the launcher's (CARAVAN_HEAP); extra JVM options go in CARAVAN_JAVA_OPTS,
# after the launcher's. Prints a markdown table and writes it to
# bench/results/memory-<UTC timestamp>-<size>.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SIZE=2500m XMX=256m
JAR=$ROOT/target/caravan-runner.jar
die() { echo "memory.sh: $*" >&2; exit 1; }
while (($#)); do
  (($# >= 2)) || die "option $1 needs a value"
  case $1 in
    --size) SIZE=$2 ;;
    --xmx) XMX=$2 ;;
    --jar) JAR=$2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
  shift 2
done
[[ -f $JAR ]] || die "no $JAR: ./mvnw -B package -DskipTests first"
for tool in redis-server redis-cli java javac; do command -v "$tool" >/dev/null || die "$tool not found on PATH"; done
/usr/bin/time -f '' true 2>/dev/null || die "GNU time is needed: apt-get install -y time"

mkdir -p "$HERE/work" "$HERE/results"
TMP=$(mktemp -d "$HERE/work/memory.XXXXXX")
source "$HERE/redis.sh"
cleanup() {
  stop_all_redis
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_redis source

javac -d "$TMP/classes" "$HERE/DatasetGenerator.java"
echo "memory.sh: loading --size $SIZE (text) into port $PORT"
load_dataset "$TMP/classes" "$PORT" 42 "$SIZE" text 2
USED=$(redis-cli -p "$PORT" INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }')
KEYS=$(redis-cli -p "$PORT" INFO keyspace | tr -d '\r' | awk -F'[:=,]' '/^db/ { n += $3 } END { print n }')

ROWS=()
# job NAME [-Dkey=value...] ARGS...: runs the jar through the launcher under GNU time with the heap
# cap, adds a row.
job() {
  local name=$1 props=(); shift
  while [[ ${1:-} == -D* ]]; do props+=("$1"); shift; done
  echo "memory.sh: $name"
  /usr/bin/time -f '%e %M' -o "$TMP/time" env CARAVAN_JAR="$JAR" CARAVAN_HEAP="-Xmx$XMX" \
    JAVA_OPTS_APPEND="${CARAVAN_JAVA_OPTS:-} ${props[*]}" "$ROOT/bin/caravan" "$@" >"$TMP/$name.log" 2>&1 \
    || { tail -n 20 "$TMP/$name.log" >&2; die "$name failed"; }
  read -r secs kb <"$TMP/time"
  ROWS+=("| \`$name\` | $secs | $(awk -v k="$kb" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }') |")
}
job "backup --once" "-Dcaravan.sources.main.uri=redis://127.0.0.1:$PORT" \
  "-Dcaravan.destinations.local.path=$TMP/backups" "-Dcaravan.backup.staging-dir=$TMP/staging" \
  backup --once
job "backup --once (scan mode)" "-Dcaravan.sources.main.uri=redis://127.0.0.1:$PORT" \
  -Dcaravan.sources.main.mode=scan "-Dcaravan.destinations.local.path=$TMP/scan-backups" \
  "-Dcaravan.backup.staging-dir=$TMP/staging" backup --once
rm -rf "$TMP/scan-backups"
ARCHIVE=$(find "$TMP/backups" -name '*.zst' -printf '%s\n' | head -1)
rm -rf "$TMP/staging"
SOURCE_PORT=$PORT
start_redis target
job "restore" "-Dcaravan.sources.main.uri=redis://127.0.0.1:$SOURCE_PORT" \
  "-Dcaravan.destinations.local.path=$TMP/backups" "-Dcaravan.restore.staging-dir=$TMP/restore" \
  restore --source main --backup latest --to "redis://127.0.0.1:$PORT"
[[ $(redis-cli -p "$PORT" DEBUG DIGEST) == $(redis-cli -p "$SOURCE_PORT" DEBUG DIGEST) ]] \
  || die "the restored server's DEBUG DIGEST differs from the source's"
stop_redis "$PID"
PORT=$SOURCE_PORT
rm -rf "$TMP/backups" "$TMP/target"
redis-cli -p "$PORT" --rdb "$TMP/dump.rdb" >/dev/null 2>&1 || die "could not pull the RDB for verify"
RDB=$(stat -c %s "$TMP/dump.rdb")
job "verify" verify "$TMP/dump.rdb"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$HERE/results/memory-$STAMP-$SIZE.md
{
  echo "# Caravan memory proof, $STAMP"
  echo
  echo "\`bench/memory.sh --size $SIZE --xmx $XMX\`${CARAVAN_JAVA_OPTS:+ with CARAVAN_JAVA_OPTS='$CARAVAN_JAVA_OPTS'}" \
    "at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "- dataset: $KEYS keys, used_memory $(awk -v b="$USED" 'BEGIN { printf "%.1f", b / 1e6 }') MB," \
    "RDB $(awk -v b="$RDB" 'BEGIN { printf "%.1f", b / 1e6 }') MB, zstd archive $(awk -v b="${ARCHIVE:-0}" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
  echo "- through bin/caravan with its heap option -Xmx$XMX (CARAVAN_HEAP); $("${JAVA:-java}" -version 2>&1 | head -1); $(nproc) cores"
  echo "- load average at start: $LOAD_BEFORE; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| job | wall s | peak RSS MB |"
  echo "|---|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
} >"$OUT"
cat "$OUT"
echo
echo "written: ${OUT#"$ROOT"/}"
