#!/usr/bin/env bash
# Copyright 2026 The Kamaelia for Java authors
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

# Third-party servers for the interop tests of the TCP components and the kamaelia command, on free
# loopback ports:
#   socat        a TCP echo server (-b 4096: see run_socat for why)
#   redis-server no persistence, no config file outside its temporary directory
#   nginx        serving a temporary directory that holds kamaelia-interop.txt (the lines 1 to 20000)
#   memcached    16 MB, TCP only
#
#   scripts/interop-servers.sh start   install what is missing (as root, with apt-get), start them all
#   scripts/interop-servers.sh env     print KAMAELIA_SOCAT_PORT=..., KAMAELIA_REDIS_PORT=..., KAMAELIA_NGINX_PORT=...,
#                                      KAMAELIA_MEMCACHED_PORT=...
#   scripts/interop-servers.sh stop    stop them and remove the temporary directory
#   scripts/interop-servers.sh can-start   exit 0 when start could work here (installed, or root with apt-get)
#
# State (pids, configuration, logs, the env file) lives in $KAMAELIA_INTEROP_DIR, by default
# /tmp/kamaelia-interop.<uid>; ./run-tests sets its own so that parallel runs do not meet.
# Only processes this script started (their process groups, by the pids it recorded) are stopped.
set -euo pipefail

dir=${KAMAELIA_INTEROP_DIR:-/tmp/kamaelia-interop.$(id -u)}
die() { echo "interop-servers: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
nginx_bin() { if have nginx; then command -v nginx; elif [ -x /usr/sbin/nginx ]; then echo /usr/sbin/nginx; fi; }
redis_bin() { if have redis-server; then command -v redis-server; elif [ -x /usr/bin/redis-server ]; then echo /usr/bin/redis-server; fi; }
memcached_bin() { if have memcached; then command -v memcached; elif [ -x /usr/bin/memcached ]; then echo /usr/bin/memcached; fi; }

all_installed() { have socat && [ -n "$(redis_bin)" ] && [ -n "$(nginx_bin)" ] && [ -n "$(memcached_bin)" ]; }

can_install() { [ "$(id -u)" = 0 ] && have apt-get; }

install_missing() {
  all_installed && return 0
  can_install || die "socat, redis-server, nginx and memcached are needed; install them, or run this as root to have apt-get do it"
  local pkgs=() policy_added=0
  have socat || pkgs+=(socat)
  [ -n "$(redis_bin)" ] || pkgs+=(redis-server)
  [ -n "$(memcached_bin)" ] || pkgs+=(memcached)
  if [ -z "$(nginx_bin)" ]; then
    if apt-cache show nginx-light >/dev/null 2>&1; then pkgs+=(nginx-light); else pkgs+=(nginx); fi
  fi
  echo "interop-servers: installing ${pkgs[*]} with apt-get..." >&2
  # keep the packages' own services from starting (no init system here, and their ports are not ours)
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  local rc=0
  { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${pkgs[@]}" >/dev/null; } || rc=$?
  [ "$policy_added" = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || die "apt-get install ${pkgs[*]} failed"
  all_installed || die "installed ${pkgs[*]}, but a server is still missing"
}

# A port nothing uses, below the kernel's ephemeral range (so no outgoing connection holds it either),
# checked by connecting to it; a race with another program remains, so starting retries (see try_launch).
free_port() {
  local p i low=32768
  [ -r /proc/sys/net/ipv4/ip_local_port_range ] && read -r low _ < /proc/sys/net/ipv4/ip_local_port_range
  [ "$low" -gt 12000 ] || low=32768
  for i in $(seq 1 100); do
    p=$(( 10000 + RANDOM % (low - 10000) ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  die "no free port found"
}

# Waits until something accepts on 127.0.0.1:$1 (up to 10 s); false if the process $2 died or it never did.
await_port() {
  local i
  for i in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Starts "$@" in a process group of its own, records its pid as $dir/$name.pid, waits for its port.
launch() {
  local name=$1 port=$2; shift 2
  setsid "$@" >"$dir/$name.out" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$dir/$name.pid"
  if ! await_port "$port" "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    return 1
  fi
  sleep 0.2
  kill -0 "$pid" 2>/dev/null # still running: it was ours that accepted, not another program's
}

# try_launch NAME FUNCTION: picks a free port and calls FUNCTION PORT (which calls launch), up to five
# times; prints the port used.
try_launch() {
  local name=$1 fn=$2 port i
  for i in 1 2 3 4 5; do
    port=$(free_port)
    if "$fn" "$port"; then echo "$port"; return 0; fi
  done
  echo "interop-servers: $name did not start (5 tries); its last output:" >&2
  cat "$dir/$name.out" >&2 || true
  return 1
}

# -b 4096: socat writes into its PIPE with blocking writes of up to its buffer size (8192 by default),
# while the same process is the pipe's only reader; once the pipe holds more than 60 KiB a write of
# 8192 blocks for ever (seen with 10 MB streamed through it). Linux reports a pipe writable when a
# 4096-byte write fits, so writes of at most 4096 bytes never block.
run_socat() { launch socat "$1" socat -b 4096 TCP-LISTEN:"$1",bind=127.0.0.1,reuseaddr,fork PIPE; }

run_memcached() {
  local user=()
  [ "$(id -u)" = 0 ] && user=(-u root) # it refuses to run as root unless told to
  launch memcached "$1" "$(memcached_bin)" -l 127.0.0.1 -p "$1" -U 0 -m 16 -c 256 "${user[@]}"
}

run_redis() {
  launch redis "$1" "$(redis_bin)" --port "$1" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$dir/redis" --protected-mode no
}

run_nginx() {
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat > "$dir/nginx.conf" <<CONF
daemon off;
$user_line
worker_processes 1;
pid $dir/nginx.pid.master;
error_log $dir/nginx-logs/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $dir/nginx-tmp/body;
  proxy_temp_path $dir/nginx-tmp/proxy;
  fastcgi_temp_path $dir/nginx-tmp/fastcgi;
  uwsgi_temp_path $dir/nginx-tmp/uwsgi;
  scgi_temp_path $dir/nginx-tmp/scgi;
  default_type text/plain;
  server {
    listen 127.0.0.1:$1;
    root $dir/www;
  }
}
CONF
  launch nginx "$1" "$(nginx_bin)" -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-logs/error.log"
}

start() {
  [ -f "$dir/env" ] && die "already started (see $dir); run: $0 stop"
  install_missing
  mkdir -p "$dir" "$dir/redis" "$dir/www" "$dir/nginx-tmp" "$dir/nginx-logs"
  chmod 755 "$dir" "$dir/www"
  seq 1 20000 > "$dir/www/kamaelia-interop.txt"
  chmod 644 "$dir/www/kamaelia-interop.txt"
  local sp rp np mp
  sp=$(try_launch socat run_socat) || { stop; die "socat failed"; }
  rp=$(try_launch redis run_redis) || { stop; die "redis-server failed"; }
  np=$(try_launch nginx run_nginx) || { stop; die "nginx failed"; }
  mp=$(try_launch memcached run_memcached) || { stop; die "memcached failed"; }
  printf 'KAMAELIA_SOCAT_PORT=%s\nKAMAELIA_REDIS_PORT=%s\nKAMAELIA_NGINX_PORT=%s\nKAMAELIA_MEMCACHED_PORT=%s\n' \
    "$sp" "$rp" "$np" "$mp" > "$dir/env"
  echo "interop-servers: socat on $sp, redis on $rp, nginx on $np, memcached on $mp ($dir)" >&2
}

stop() {
  [ -d "$dir" ] || return 0
  local f pid
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) [ -f "$dir/env" ] || die "not started (no $dir/env); run: $0 start"; cat "$dir/env" ;;
  can-start) all_installed || can_install ;;
  *) echo "usage: $0 start|stop|env|can-start" >&2; exit 2 ;;
esac
