#!/usr/bin/env bash
# One job through the running service: POSTs the request, reads the job's status every 0.2 s
# until it has ended, and prints the job's own time in seconds, from its acceptance to its end by
# the service's clock (a backup's queuedAt to finishedAt, a restore's startedAt to finishedAt), so
# that how often this client asks does not count. Exits 0 when the job is DONE (a backup with its
# copy policy met, a restore with its check passed), else prints the last status and exits 1.
# Requests go through bash's /dev/tcp (HTTP/1.0), not a process each: curl every 50 ms took
# about 8 CPU s during an 18 s restore on two cores. Used by bench/run.sh.
#
#   bench/service-job.sh [--pid PID] PORT backup SOURCE
#   bench/service-job.sh [--pid PID] PORT restore SOURCE TARGET     (the source's latest backup)
#
# With --pid, the service's process: after the seconds, on the same line, the CPU seconds (user
# and system) that process used from the request to the job's end, and its peak RSS in KB over
# that time (VmHWM, which writing 5 to /proc/PID/clear_refs resets before the request).
set -euo pipefail

usage() { echo "usage: $0 [--pid PID] PORT backup SOURCE | [--pid PID] PORT restore SOURCE TARGET" >&2; exit 2; }
pid=
if [[ ${1:-} == --pid ]]; then
  (($# >= 2)) || usage
  pid=$2
  shift 2
fi
(($# >= 3)) || usage
port=$1 kind=$2 source=$3
case $kind in
  backup) (($# == 3)) || usage; path=backups from=queuedAt passed='"policyMet" *: *true'
    body="{\"source\": \"$source\"}" ;;
  restore) (($# == 4)) || usage; path=restores from=startedAt passed='"checkPassed" *: *true'
    body="{\"source\": \"$source\", \"backup\": \"latest\", \"target\": \"$4\"}" ;;
  *) usage ;;
esac

# http METHOD PATH BODY: sets RESPONSE to the response's body (the service answers JSON on one
# line); bash builtins only, so that asking costs next to nothing beside the job.
http() {
  local line in_body=
  RESPONSE=
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$1" "$2" "${#3}" "$3" >&3
  while IFS= read -r line <&3 || [[ -n $line ]]; do
    if [[ -n $in_body ]]; then RESPONSE+=$line; elif [[ $line == $'\r' ]]; then in_body=1; fi
  done
  exec 3>&-
}
# field NAME: sets FIELD to the first string field NAME of RESPONSE, or empty.
field() {
  FIELD=
  if [[ $RESPONSE =~ \"$1\"\ *:\ *\"([^\"]*)\" ]]; then FIELD=${BASH_REMATCH[1]}; fi
}

# cpu_ticks: sets TICKS to the user and system clock ticks of process $pid so far (the fields
# after the command's name, which may hold spaces, in /proc/PID/stat).
cpu_ticks() {
  local stat fields
  stat=$(<"/proc/$pid/stat")
  read -r -a fields <<<"${stat##*) }"
  TICKS=$((fields[11] + fields[12]))
}

if [[ -n $pid ]]; then
  echo 5 >"/proc/$pid/clear_refs"
  cpu_ticks
  ticks_before=$TICKS
fi
http POST "/api/$path" "$body"
field status
[[ $FIELD == /* ]] || { echo "service-job.sh: POST /api/$path was refused: $RESPONSE" >&2; exit 1; }
status_path=$FIELD
while :; do
  sleep 0.2
  http GET "$status_path" ""
  field phase
  case $FIELD in
    DONE) break ;;
    FAILED) echo "service-job.sh: the job failed: $RESPONSE" >&2; exit 1 ;;
  esac
done
[[ $RESPONSE =~ $passed ]] || { echo "service-job.sh: the job did not pass: $RESPONSE" >&2; exit 1; }
field "$from"
started=$(date -d "$FIELD" +%s.%N)
field finishedAt
finished=$(date -d "$FIELD" +%s.%N)
if [[ -z $pid ]]; then
  awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.3f\n", b - a }'
  exit 0
fi
cpu_ticks
peak_kb=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status")
awk -v a="$started" -v b="$finished" -v t="$((TICKS - ticks_before))" -v hz="$(getconf CLK_TCK)" -v kb="$peak_kb" \
  'BEGIN { printf "%.3f %.2f %d\n", b - a, t / hz, kb }'
