#!/usr/bin/env bash
# Regenerates the RDB fixtures of this folder with the local redis-server (7.0.15, RDB 10).
# Usage: src/test/resources/rdb/make-fixtures.sh   (writes next to this script)
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
start() { # extra redis-server options
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --dir "$work" --daemonize no \
    --enable-debug-command yes "$@" >"$work/log" 2>&1 &
  pid=$!
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
}
cli() { redis-cli -p "$port" "$@" >/dev/null; }

start

# redis70-mixed.rdb: every encoding Redis 7.0 writes, LFU counters (FREQ opcodes), two dbs.
cli config set maxmemory-policy allkeys-lfu
cli set int 12345
cli set short hello
cli set compressible "$(printf 'abc%.0s' $(seq 100))"
cli set random "$(head -c 3000 /dev/urandom | base64 -w0)"
cli set expiring soon PX 86400000
cli hset hash:small f1 v1 f2 2 f3 "$(printf 'x%.0s' $(seq 40))"
for i in $(seq 600); do echo "HSET hash:big field$i value$i"; done | redis-cli -p "$port" >/dev/null
cli rpush list:small a b 1 2 -3 "$(printf 'y%.0s' $(seq 30))"
for i in $(seq 300); do echo "RPUSH list:big element-$i"; done | redis-cli -p "$port" >/dev/null
cli debug quicklist-packed-threshold 100
cli rpush list:plain small "$(printf 'p%.0s' $(seq 200))" small2
cli sadd set:ints 1 2 3 -7 100000 5000000000
cli sadd set:strings a b c
for i in $(seq 600); do echo "SADD set:big m$i"; done | redis-cli -p "$port" >/dev/null
cli zadd zset:small 1 a 2.5 b -3 c 1e100 d
for i in $(seq 200); do echo "ZADD zset:big $i.25 member$i"; done | redis-cli -p "$port" >/dev/null
cli zadd zset:big inf plus -inf minus
for i in $(seq 20); do echo "XADD stream 1700000000000-$i field$((i % 3)) value$i"; done | redis-cli -p "$port" >/dev/null
cli xadd stream 1700000000001-0 other x extra y
cli xdel stream 1700000000000-3
cli xgroup create stream group1 0
cli xreadgroup group group1 alice count 3 streams stream '>'
cli xreadgroup group group1 bob count 2 streams stream '>'
cli xgroup create stream group2 '$'
cli function load "#!lua name=caravanlib
redis.register_function('caravan_hello', function(keys, args) return 'hello' end)"
cli -n 1 set in:db1 one
cli -n 1 hset h:db1 a 1
cli save
cp "$work/dump.rdb" "$out/redis70-mixed.rdb"

# redis70-lru.rdb: LRU idle times (IDLE opcodes), checksum disabled, compression off.
cli shutdown nosave || true
wait $pid || true
start --rdbchecksum no --rdbcompression no --maxmemory-policy allkeys-lru
cli flushall
cli set a "$(printf 'abc%.0s' $(seq 100))"
cli rpush l x y z
cli save
cp "$work/dump.rdb" "$out/redis70-lru.rdb"
