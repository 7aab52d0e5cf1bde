#!/usr/bin/env bash
# Caravan benchmark harness: baselines from redis-server, redis-cli, zstd and redis-check-rdb,
# then Caravan's own jobs, on one generated dataset, side by side. See bench/README.md.
#
#   bench/run.sh [--size 256m] [--runs 3] [--compressibility text|random] [--seed 42] [--dbs 2]
#                [--jar target/caravan-runner.jar] [--java PATH]
#
# Caravan's jobs run through the launcher bin/caravan, with the JVM options a user gets from it and
# from docker/Dockerfile.jvm (CARAVAN_JAVA_OPTS replaces its defaults) and a class-data archive made
# here (an AOT cache on Java 25+); the verify row is repeated as plain `java -jar` with the JVM's
# defaults. --java picks the JVM for Caravan's jobs (default: $JAVA, else java on PATH).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SIZE=256m RUNS=3 COMP=text SEED=42 DBS=2
JAR=$ROOT/target/caravan-runner.jar
JAVA_BIN=${JAVA:-java}
LAUNCHER=$ROOT/bin/caravan
# The CLI is a short-lived batch job: the launcher picks the JVM options (the README's "Running the
# CLI" has the measurements behind them), and a class-data archive of the application, made by one
# training run below, is added as docker/Dockerfile.jvm adds it.
CDS=
die() { echo "run.sh: $*" >&2; exit 1; }

while (($#)); do
  (($# >= 2)) || die "option $1 needs a value"
  case $1 in
    --size) SIZE=$2 ;;
    --runs) RUNS=$2 ;;
    --compressibility) COMP=$2 ;;
    --seed) SEED=$2 ;;
    --dbs) DBS=$2 ;;
    --jar) JAR=$2 ;;
    --java) JAVA_BIN=$2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
  shift 2
done
((RUNS >= 3)) || die "--runs must be at least 3 (medians of fewer runs mean little)"

# Tools: CI installs them with apt-get install -y redis-server redis-tools zstd time openjdk-17-jdk-headless
for tool in redis-server redis-cli redis-check-rdb zstd gzip java javac curl; do
  command -v "$tool" >/dev/null || die "$tool not found on PATH (apt-get install -y redis-server redis-tools zstd curl)"
done
command -v "$JAVA_BIN" >/dev/null || die "--java $JAVA_BIN: no such java"
JAVA_FEATURE=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
[[ -x /usr/bin/time ]] && /usr/bin/time -f '' true 2>/dev/null \
  || die "GNU time is needed for peak RSS: apt-get install -y time"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }' \
  && echo "run.sh: warning: load average $LOAD_BEFORE on $(nproc) cores; other work will skew the figures" >&2
mkdir -p "$HERE/work" "$HERE/results"
TMP=$(mktemp -d "$HERE/work/run.XXXXXX")
LOG=$TMP/jobs.log
# Throwaway redis-servers: free_port, start_redis, stop_redis, stop_all_redis, load_dataset.
source "$HERE/redis.sh"
SERVICE_PID=
cleanup() {
  if [[ -n $SERVICE_PID ]]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  stop_all_redis
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "----- last lines of the job log -----" >&2; tail -n 20 "$LOG" >&2; die "$*"; }


# ---------------------------------------------------------------- measuring
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# once PREPARE CMD: PREPARE untimed, then CMD (a bash -c string) under GNU time. Sets T (wall
# seconds), C (user+sys seconds) and M (peak RSS in KB of its largest single process). A job
# through the service writes its own figures to $TMP/job-seconds (bench/service-job.sh --pid: the
# job's time by the service's clock, the service's CPU seconds over it and its peak RSS in KB),
# and T, C and M are those.
once() {
  local u k
  $1
  rm -f "$TMP/job-seconds"
  echo "+ $2" >>"$LOG"
  /usr/bin/time -f '%e %M %U %S' -o "$TMP/time" bash -c "$2" >>"$LOG" 2>&1 || return 1
  read -r T M u k <"$TMP/time"
  C=$(awk -v u="$u" -v k="$k" 'BEGIN { print u + k }')
  if [[ -s $TMP/job-seconds ]]; then read -r T C M <"$TMP/job-seconds"; fi
}

# measure PREPARE CMD: RUNS times. Sets MED (median wall seconds), CPU (median user+sys seconds),
# RSS_KB (highest peak RSS of any single process of CMD) and ALL (every wall time); no RATIO.
measure() {
  local times=() cpus=() i
  RSS_KB=0 RATIO=
  for ((i = 1; i <= RUNS; i++)); do
    once "$1" "$2" || return 1
    times+=("$T") cpus+=("$C")
    if ((M > RSS_KB)); then RSS_KB=$M; fi
  done
  MED=$(median "${times[@]}")
  CPU=$(median "${cpus[@]}")
  ALL=${times[*]}
}

# measure_paired BASE_PREPARE BASE_CMD PREPARE CMD: RUNS pairs, the job and its baseline one
# right after the other (the baseline first in odd pairs, second in even ones), so that the
# machine's drift between minutes falls on both. Sets what measure sets, for CMD; BASE_ALL (the
# baseline's times) and RATIO (the median of the pairs' ratios, CMD's time over the baseline's).
measure_paired() {
  local times=() cpus=() bases=() ratios=() i
  RSS_KB=0
  for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then once "$1" "$2" || return 1; bases+=("$T"); fi
    once "$3" "$4" || return 1
    times+=("$T") cpus+=("$C")
    if ((M > RSS_KB)); then RSS_KB=$M; fi
    if ((i % 2 == 0)); then once "$1" "$2" || return 1; bases+=("$T"); fi
    ratios+=("$(awk -v a="${times[-1]}" -v b="${bases[-1]}" 'BEGIN { print a / b }')")
  done
  MED=$(median "${times[@]}")
  CPU=$(median "${cpus[@]}")
  ALL=${times[*]}
  BASE_ALL=${bases[*]}
  RATIO=$(median "${ratios[@]}")
}

ROWS=()
# row JOB BASELINE_SECONDS|-|paired TARGET: appends a table row from MED, CPU, RSS_KB and ALL; its
# ratio is MED over BASELINE_SECONDS, or with paired the RATIO of measure_paired.
row() {
  local all=$ALL
  if [[ $2 == paired ]]; then all="$ALL (baseline beside: $BASE_ALL)"; fi
  ROWS+=("$(JOB=$1 awk -v s="$MED" -v cpu="$CPU" -v base="$2" -v target="$3" -v rss="$RSS_KB" -v all="$all" \
    -v bytes="$RDB_BYTES" -v keys="$KEYS" -v paired="$RATIO" 'BEGIN {
      ratio = (base == "-") ? "—" : (base == "paired") ? sprintf("%.2f", paired) : sprintf("%.2f", s / base)
      cpus = sprintf("%.2f", cpu)
      rsss = sprintf("%.0f", rss * 1024 / 1e6)
      printf "| %s | %.2f | %s | %.1f | %.0f | %s | %s | %s | %s |", ENVIRON["JOB"], s, cpus, bytes / 1e6 / s, keys / s,
        rsss, ratio, target, all }')")
}
skip_row() { ROWS+=("| $1 | $2 | | | | | | $3 | |"); }

# Where a job's time goes, from what Caravan prints of its own phases: a restore's `time:` line
# (seconds per phase) and a backup's pull (`in N ms` on each file's line). What is left of the wall
# time is the command's own start-up and exit (JVM, Quarkus, Camel) and, for a backup, publishing.
TIME_ROWS=()
# time_row JOB FROM_LINE: medians (median, above) over the runs whose output follows line FROM_LINE
# of the log; the wall times are ALL and the baseline's BASE_ALL, as measure_paired left them.
time_row() {
  local name values text
  text=$(tail -n +"$(($2 + 1))" "$LOG" | awk -v walls="$ALL" '
    /^  time: / { # one line per run: "phase seconds" pairs
      runs++; line = $0; sub(/^  time: /, "", line)
      k = split(line, parts, ", ")
      for (i = 1; i <= k; i++) {
        split(parts[i], f, " ")
        if (!(f[1] in seen)) { seen[f[1]] = 1; order[++m] = f[1] }
        secs[f[1]] = secs[f[1]] " " f[2]; job[runs] += f[2]
      }
    }
    /^  [^ ]+: RDB .* in [0-9]+ ms/ {
      runs++; match($0, / in [0-9]+ ms/); ms = substr($0, RSTART + 4, RLENGTH - 7)
      if (!("pull" in seen)) { seen["pull"] = 1; order[++m] = "pull" }
      secs["pull"] = secs["pull"] " " ms / 1000; job[runs] = ms / 1000
    }
    END { # each figure on a line: its name, a tab, then its value in every run
      n = split(walls, w, " ")
      printf "outside the job\t"; for (i = 1; i <= n && i <= runs; i++) printf " %s", w[i] - job[i]; print ""
      for (i = 1; i <= m; i++) print order[i] "\t" secs[order[i]]
    }' | while IFS=$'\t' read -r name values; do
      printf ', %s %.2f' "$name" "$(median $values)"
    done)
  TIME_ROWS+=("$(printf '| %s | %.2f | %s | %.2f |' "$1" "$(median $ALL)" "${text#, }" "$(median $BASE_ALL)")")
}

# ---------------------------------------------------------------- dataset
echo "compiling bench/*.java"
javac -d "$TMP/classes" "$HERE/DatasetGenerator.java" "$HERE/DumpToRestorePipe.java"

start_redis source
SRC_PORT=$PORT
echo "loading dataset: --seed $SEED --size $SIZE --compressibility $COMP --dbs $DBS into port $SRC_PORT"
GEN_START=$(date +%s%N)
load_dataset "$TMP/classes" "$SRC_PORT" "$SEED" "$SIZE" "$COMP" "$DBS"
GEN_S=$(awk -v a="$GEN_START" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')

info() { redis-cli -p "$1" INFO "$2" | tr -d '\r' | awk -F: -v k="$3" '$1 == k { print $2 }'; }
KEYS=$(redis-cli -p "$SRC_PORT" INFO keyspace | tr -d '\r' | awk -F'[:=,]' '/^db/ { n += $3 } END { print n }')
USED_MEMORY=$(info "$SRC_PORT" memory used_memory)
SRC_DIGEST=$(redis-cli -p "$SRC_PORT" DEBUG DIGEST)
RDB=$TMP/dump.rdb
redis-cli -p "$SRC_PORT" --rdb "$RDB" >>"$LOG" 2>&1 || fail "could not pull the reference RDB"
RDB_BYTES=$(stat -c %s "$RDB")
echo "loaded $KEYS keys in ${GEN_S}s: used_memory $USED_MEMORY bytes, RDB $RDB_BYTES bytes"

# ---------------------------------------------------------------- baselines
echo "baseline: backup = redis-cli --rdb - | zstd -T2 -3"
ZST=$TMP/baseline.rdb.zst
BACKUP_BASE=("rm -f $ZST" "redis-cli -p $SRC_PORT --rdb - 2>>$LOG | zstd -T2 -3 -q -o $ZST")
measure "${BACKUP_BASE[@]}" || fail "baseline backup failed"
ZST_BYTES=$(stat -c %s "$ZST")
zstd -q -t "$ZST" || fail "the baseline backup is not a valid zstd file"
row "baseline backup: \`redis-cli --rdb - \| zstd -T2 -3\`" - "—"

measure : "redis-cli -p $SRC_PORT --rdb - 2>>$LOG >/dev/null" || fail "pull failed"
row "limit: pull alone, \`redis-cli --rdb - >/dev/null\`" - "—"
measure "rm -f $TMP/alone.zst" "zstd -T2 -3 -q $RDB -o $TMP/alone.zst" || fail "zstd failed"
row "limit: \`zstd -T2 -3\` alone on the RDB file" - "—"
measure : "gzip -1 -c $RDB >/dev/null" || fail "gzip failed"
row "limit: deflate alone, \`gzip -1\` on the RDB file (zip's level)" - "—"

echo "baseline: verify = redis-check-rdb"
CHECK_BASE=(: "redis-check-rdb $RDB")
measure "${CHECK_BASE[@]}" || fail "redis-check-rdb failed"
row "baseline verify: \`redis-check-rdb\`" - "—"

echo "baseline: redis-server loading the RDB at start-up"
# Timed by hand: from exec until PING answers PONG and INFO says loading:0; RSS and CPU are the
# server's own (VmHWM, and utime+stime from /proc/PID/stat).
load_times=() load_cpus=() LOADED_LOG=() RSS_KB=0
for ((i = 1; i <= RUNS; i++)); do
  mkdir -p "$TMP/load"
  cp "$RDB" "$TMP/load/dump.rdb"
  t0=$(date +%s%N)
  start_redis load --dbfilename dump.rdb
  until [[ $(redis-cli -p "$PORT" PING 2>/dev/null) == PONG && $(info "$PORT" persistence loading) == 0 ]]; do
    sleep 0.02 # coarse on purpose: each poll starts two redis-cli processes on the same cores
  done
  load_times+=("$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')")
  hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$PID/status")
  if ((hwm > RSS_KB)); then RSS_KB=$hwm; fi
  load_cpus+=("$(awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$PID/stat")")
  [[ $(redis-cli -p "$PORT" DEBUG DIGEST) == "$SRC_DIGEST" ]] || die "loaded server's DEBUG DIGEST differs from the source"
  LOADED_LOG+=("$(grep -o 'DB loaded from disk: [0-9.]*' "$TMP/load/redis.log" | awk '{ print $NF }')")
  stop_redis "$PID"
  rm -rf "$TMP/load"
done
MED=$(median "${load_times[@]}") CPU=$(median "${load_cpus[@]}") ALL=${load_times[*]}
LOAD_S=$MED
row "limit: \`redis-server\` loading the RDB at start-up" - "—"

echo "baseline: restore by commands = SCAN+DUMP+PTTL, then redis-cli --pipe of RESTORE"
RESP=$TMP/restore.resp
DUMP_BASE=("rm -f $RESP" "java -cp $TMP/classes DumpToRestorePipe --port $SRC_PORT >$RESP")
measure "${DUMP_BASE[@]}" || fail "dump phase failed"
row "baseline restore, dump phase: SCAN+DUMP+PTTL → RESTORE file" - "—"

TARGET_PID=
fresh_target() {
  if [[ -n $TARGET_PID ]]; then stop_redis "$TARGET_PID"; rm -rf "$TMP/target"; fi
  start_redis target
  TARGET_PID=$PID
  export TARGET_PORT=$PORT # read by the measured bash -c command line
}
check_target() {
  [[ $(redis-cli -p "$TARGET_PORT" DEBUG DIGEST) == "$SRC_DIGEST" ]] || die "restored DEBUG DIGEST differs from the source"
}
# In pairs every restore is checked: the next run's preparation checks the target it leaves.
checked_fresh_target() {
  if [[ -n $TARGET_PID ]]; then check_target; fi
  fresh_target
}
RESTORE_BASE=(checked_fresh_target "redis-cli -p \$TARGET_PORT --pipe <$RESP")
measure fresh_target "${RESTORE_BASE[1]}" || fail "RESTORE phase failed"
check_target
row "baseline restore: \`redis-cli --pipe\` of the RESTORE file" - "—"

# ---------------------------------------------------------------- Caravan
# THE PLUG-IN PLACE. One function per Caravan job; each runs only if the jar lists the command
# in `caravan --help` (picocli answers `<unknown> --help` with the top help and exit 0, so that
# is no probe), otherwise the row says "not yet built". When the CLI lands, adjust the command
# lines below to its real flags, and nothing else.
declare -A HAS=()
caravan_has() {
  if [[ -z ${HAS[$1]:-} ]]; then
    HAS[$1]=no
    if [[ -f $JAR ]] && timeout 30 "$JAVA_BIN" -jar "$JAR" --help 2>/dev/null | grep -qE "^ +$1( |$)"; then HAS[$1]=yes; fi
  fi
  [[ ${HAS[$1]} == yes ]]
}
caravan() { # caravan [-Dkey=value|-Xoption...] ARGS...: the jar through the launcher (unknown caravan.* keys stop it)
  local props=()
  while [[ ${1:-} == -D* || ${1:-} == -X* ]]; do props+=("$1"); shift; done
  local env=("JAVA=$JAVA_BIN" "CARAVAN_JAR=$JAR" "CARAVAN_CDS=$CDS" "JAVA_OPTS_APPEND=${props[*]}")
  if [[ -n ${CARAVAN_JAVA_OPTS+set} ]]; then env+=("JAVA_OPTS=$CARAVAN_JAVA_OPTS"); fi
  printf '%q ' env "${env[@]}" "$LAUNCHER" "$@"
}
caravan_pointed() { # caravan_pointed [-Dkey=value...] ARGS...: the jar, pointed at the throwaway servers
  local props=()
  while [[ ${1:-} == -D* ]]; do props+=("$1"); shift; done
  caravan "-Dcaravan.sources.main.uri=redis://127.0.0.1:$SRC_PORT" \
    "-Dcaravan.destinations.local.path=$TMP/caravan-backups" \
    "-Dcaravan.backup.staging-dir=$TMP/caravan-staging" "${props[@]}" "$@"
}
clear_backups() { rm -rf "$TMP/caravan-backups" "$TMP/caravan-staging"; }

caravan_backup() { # caravan_backup CODEC
  local job="caravan \`backup --once\` ($1)"
  caravan_has backup || { skip_row "$job" "not yet built" "≤ 1.00, RSS ≤ 300 MB"; return; }
  local from
  from=$(wc -l <"$LOG")
  if measure_paired "${BACKUP_BASE[@]}" clear_backups "$(caravan_pointed "-Dcaravan.backup.codec=$1" backup --once)"; then
    row "$job" paired "≤ 1.00, RSS ≤ 300 MB"
    time_row "$job" "$from"
  else skip_row "$job" "failed, see log" "≤ 1.00"; fi
}

caravan_verify() { # caravan_verify [label COMMAND...]: through the launcher, or as COMMAND gives
  local job="caravan \`verify FILE\`${1:+ ($1)}" cmd
  caravan_has verify || { skip_row "$job" "not yet built" "≤ 0.50, RSS ≤ 300 MB"; return; }
  if (($# > 1)); then cmd=$(printf '%q ' "${@:2}"); else cmd=$(caravan verify "$RDB"); fi
  if measure_paired "${CHECK_BASE[@]}" : "$cmd"; then
    row "$job" paired "≤ 0.50, RSS ≤ 300 MB"
  else skip_row "$job" "failed, see log" "≤ 0.50"; fi
}

# After caravan_backup: restores the latest backup of the local destination. With no argument, as
# a restore does by default (fetch, the archive's size and SHA-256 against its manifest, load); with
# `full`, by `--verify full` (a verify pass that decompresses and parses the RDB before the load).
caravan_restore() {
  local verify=${1:-checksum} job="caravan \`restore\` (latest local backup: fetch, SHA-256, load)" args=""
  if [[ $verify == full ]]; then
    job="caravan \`restore --verify full\` (latest local backup: fetch, full parse, load)"
    args="--verify full"
  fi
  caravan_has restore || { skip_row "$job" "not yet built" "≤ 1.30, RSS ≤ 300 MB"; return; }
  local from
  from=$(wc -l <"$LOG")
  if measure_paired "${RESTORE_BASE[@]}" checked_fresh_target "$(caravan_pointed \
      "-Dcaravan.restore.staging-dir=$TMP/caravan-restore" restore --source main --backup latest $args) --to redis://127.0.0.1:\$TARGET_PORT"; then
    check_target
    row "$job" paired "≤ 1.30, RSS ≤ 300 MB"
    time_row "$job" "$from"
    if [[ $verify == checksum ]]; then
      row "same restore, against loading the RDB at start-up" "$LOAD_S" "the physical limit"
    fi
  else skip_row "$job" "failed, see log" "≤ 1.30"; fi
}

caravan_scan_backup() {
  local job="caravan \`backup --once\` (scan mode, zstd)"
  caravan_has backup || { skip_row "$job" "not yet built" "vs dump phase, RSS ≤ 300 MB"; return; }
  if measure_paired "${DUMP_BASE[@]}" clear_backups "$(caravan_pointed -Dcaravan.sources.main.mode=scan backup --once)"; then
    row "$job" paired "vs dump phase, RSS ≤ 300 MB"
  else skip_row "$job" "failed, see log" "vs dump phase"; fi
}

# The same backup and restore through the running service (`bin/caravan serve`, with the jobs'
# JVM options): a client POSTs each request and reads the job's status until it ends
# (bench/service-job.sh), and the job is timed by the service's own clock, from its acceptance to
# its end, so no command's start-up is in the time. One job of each kind runs first, untimed, as a
# service that has run before. CPU and peak RSS are the service process's over each job (from
# /proc, by bench/service-job.sh --pid), not the client's that GNU time sees.
caravan_service() {
  local backup_job="caravan service: \`POST /api/backups\` (zstd)"
  local restore_job="caravan service: \`POST /api/restores\` (latest local backup)"
  local i backup_cmd restore_cmd
  SERVICE_PORT=$(free_port)
  bash -c "exec $(caravan_pointed "-Dcaravan.restore.staging-dir=$TMP/caravan-restore" \
    "-Dquarkus.http.port=$SERVICE_PORT" serve)" >>"$LOG" 2>&1 &
  SERVICE_PID=$!
  for ((i = 0; i < 600; i++)); do # until the API's route answers (after Camel has started)
    curl -sf "http://127.0.0.1:$SERVICE_PORT/api/backups?source=main" >/dev/null 2>&1 && break
    sleep 0.1
  done
  backup_cmd="$HERE/service-job.sh --pid $SERVICE_PID $SERVICE_PORT backup main >$TMP/job-seconds"
  restore_cmd="$HERE/service-job.sh --pid $SERVICE_PID $SERVICE_PORT restore main redis://127.0.0.1:\$TARGET_PORT >$TMP/job-seconds"
  if ! { bash -c "$backup_cmd" >>"$LOG" 2>&1 && fresh_target && bash -c "$restore_cmd" >>"$LOG" 2>&1; }; then
    skip_row "$backup_job" "the service did not start or its first jobs failed, see log" "≤ 1.00"
  elif measure_paired "${BACKUP_BASE[@]}" : "$backup_cmd"; then
    row "$backup_job" paired "(no target: without start-up)"
    if measure_paired "${RESTORE_BASE[@]}" checked_fresh_target "$restore_cmd"; then
      check_target
      row "$restore_job" paired "(no target: without start-up)"
    else skip_row "$restore_job" "failed, see log" ""; fi
  else skip_row "$backup_job" "failed, see log" ""; fi
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
}

# The JVM records the jar's path and the collector in the archive: it is made here for this jar
# (once, ~3 s) through the launcher, with the options the jobs run with (the launcher uses it only
# once the training run has written it), and dropped if the JVM cannot use it. The training run
# loads every routes file (a command loads only its own), so the archive serves every job, and
# prints JSON, so it holds the JSON classes of a backup's manifest and a restore's fetch. Java
# 25+ makes an AOT cache (JEP 483: classes loaded and linked ahead of time), older ones a
# class-data archive; docker/Dockerfile.jvm does the same on Java 25.
if ((JAVA_FEATURE >= 25)); then
  CDS=$TMP/caravan.aot TRAIN=-XX:AOTCacheOutput=$CDS STRICT=-XX:AOTMode=on
else
  CDS=$TMP/caravan.jsa TRAIN=-XX:ArchiveClassesAtExit=$CDS STRICT=-Xshare:on
fi
if ! { [[ -f $JAR ]] && eval "$(caravan "$TRAIN" -Dcamel.main.routes-exclude-pattern=false \
      verify --json "$ROOT/samples/redis-7.0-sample.rdb")" >>"$LOG" 2>&1 \
    && eval "$(caravan "$STRICT" --version)" >>"$LOG" 2>&1; }; then
  echo "run.sh: warning: the class-data archive could not be made or used; the jobs run without it" >&2
  CDS=
fi
JAVA_OPTS_SHOWN=$(eval "CARAVAN_LAUNCHER_PRINT=1 $(caravan backup)" | sed -e 's/^[^ ]* //' -e 's/ -jar .*//')
echo "caravan jobs (jar: $JAR, launcher: bin/caravan, JVM options for backup and restore: $JAVA_OPTS_SHOWN; verify adds -XX:TieredStopAtLevel=1)"
caravan_backup zip
caravan_backup zstd
caravan_restore
caravan_restore full
caravan_scan_backup
caravan_verify
caravan_verify "\`java -jar\`, the JVM's default options" "$JAVA_BIN" -jar "$JAR" verify "$RDB"
caravan_service

# ---------------------------------------------------------------- report
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$HERE/results/$STAMP-$SIZE.md
{
  echo "# Caravan bench, $STAMP"
  echo
  echo "\`bench/run.sh --size $SIZE --runs $RUNS --compressibility $COMP --seed $SEED --dbs $DBS\`" \
    "at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "- tools: redis $(redis-server --version | awk '{ print $3 }' | tr -d 'v='), zstd $(zstd --version | grep -o 'v[0-9.]*' | tr -d v), Caravan's JVM $("$JAVA_BIN" -version 2>&1 | head -1)"
  echo "- dataset: $KEYS keys over $DBS dbs, generated and loaded (redis-cli --pipe) in ${GEN_S} s; used_memory $(awk -v b="$USED_MEMORY" 'BEGIN { printf "%.1f", b / 1e6 }') MB;" \
    "RDB $(awk -v b="$RDB_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB;" \
    "zstd -3 archive $(awk -v b="$ZST_BYTES" -v r="$RDB_BYTES" 'BEGIN { printf "%.1f MB (ratio %.2f)", b / 1e6, r / b }')"
  echo "- \"DB loaded from disk\" in the loading servers' logs (s): ${LOADED_LOG[*]}"
  echo "- load average (1, 5, 15 min) at start: $LOAD_BEFORE; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Caravan's jobs run through \`bin/caravan\`: JVM options \`$JAVA_OPTS_SHOWN\` (the archive made by a training run on" \
    "the sample RDB), and \`-XX:TieredStopAtLevel=1\` added for verify"
  echo "- DEBUG DIGEST of the source = after RDB load = after RESTORE pipe: $SRC_DIGEST"
  echo
  echo "Median of $RUNS runs; CPU s is the median user+sys time. MB = 10^6 bytes; MB/s and keys/s are"
  echo "RDB bytes and keys over the median wall time."
  echo "Peak RSS is the largest single process of the job (GNU time), redis-servers excluded except in the load row."
  echo "The service rows' CPU s and peak RSS are the service process's over each job (/proc), not its client's."
  echo "Ratio: each Caravan job ran in pairs with its baseline, one right after the other (the baseline first in"
  echo "odd pairs), so that the machine's drift between minutes falls on both; the ratio is the median of the"
  echo "pairs' ratios, and \"runs\" lists the baseline's times beside. The baseline rows above are runs of their own."
  echo "The load row's ratio is the median restore over the median load at start-up. The targets are on ratios."
  echo
  echo "| job | median s | CPU s | MB/s | keys/s | peak RSS MB | ratio | target | runs (s) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Where the time goes (medians, s): Caravan's own figures for each run, a restore's \`time:\` line and a"
  echo "backup's pull; \"outside the job\" is the rest of the wall time: the command's start-up and exit (JVM,"
  echo "Quarkus, Camel) and, for a backup, publishing the archive and its manifest."
  echo
  echo "| job | wall | phases | baseline beside |"
  echo "|---|---:|---|---:|"
  printf '%s\n' "${TIME_ROWS[@]}"
} >"$OUT"
cp "$OUT" "$HERE/results/latest.md"
cat "$OUT"
echo
echo "written: ${OUT#"$ROOT"/} and bench/results/latest.md"

# The README's performance section shows the latest table between its two markers.
README=$ROOT/README.md
if grep -q '^<!-- bench:begin -->$' "$README" && grep -q '^<!-- bench:end -->$' "$README"; then
  awk -v table="$OUT" '
    /^<!-- bench:begin -->$/ { print; skip = 1
      while ((getline line < table) > 0) if (line !~ /^# /) print line
      next }
    /^<!-- bench:end -->$/ { skip = 0 }
    !skip' "$README" >"$TMP/README.md"
  cat "$TMP/README.md" >"$README"
  echo "updated: README.md (performance table)"
fi
