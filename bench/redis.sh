# Throwaway redis-servers and the bench dataset, shared by bench/run.sh, dataset.sh and memory.sh.
# Sourced, not run: the caller defines die() and TMP (a folder of its own), and stops the servers
# in its EXIT trap with stop_all_redis.

PIDS=()

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# start_redis NAME [redis-server options...]: sets PORT and PID; returns once the port answers.
start_redis() {
  local name=$1; shift
  mkdir -p "$TMP/$name"
  PORT=$(free_port)
  redis-server --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no --dir "$TMP/$name" \
    --repl-diskless-sync-delay 0 --enable-debug-command yes --logfile "$TMP/$name/redis.log" "$@" &
  PID=$!
  PIDS+=("$PID")
  until redis-cli -p "$PORT" PING 2>/dev/null | grep -qE 'PONG|LOADING'; do
    kill -0 "$PID" 2>/dev/null || die "redis-server $name did not start (see $TMP/$name/redis.log)"
    sleep 0.01
  done
}

# stop_redis PID: stops one of our servers and forgets its pid.
stop_redis() {
  local pid keep=()
  kill "$1"
  wait "$1" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do [[ $pid == "$1" ]] || keep+=("$pid"); done
  PIDS=("${keep[@]}")
}

stop_all_redis() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# load_dataset CLASSES PORT SEED SIZE COMPRESSIBILITY DBS: bench/DatasetGenerator (compiled into
# CLASSES) piped into the server on PORT; stops the script if any command failed.
load_dataset() {
  java -cp "$1" DatasetGenerator --seed "$3" --size "$4" --compressibility "$5" --dbs "$6" \
    | redis-cli -p "$2" --pipe >"$TMP/load.log" 2>&1 || { cat "$TMP/load.log" >&2; die "loading the dataset failed"; }
  grep -q 'errors: 0,' "$TMP/load.log" || { cat "$TMP/load.log" >&2; die "loading the dataset had errors"; }
}
