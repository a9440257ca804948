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

# Interop checks of the kamaelia command against servers nobody here wrote, on loopback, through the
# real launcher (./kamaelia connect):
#   redis      printf 'PING\r\n' | kamaelia connect 127.0.0.1 $REDIS   prints +PONG
#   nginx      an HTTP/1.0 GET prints a 200 response with the file's body
#   memcached  "version" answers VERSION ...
#   socat      10 MB of random bytes through its echo come back identical (sha256sum)
# The servers come from scripts/interop-servers.sh: when KAMAELIA_SOCAT_PORT and the others are set
# (./run-tests exports them) those are used; otherwise this script starts them itself and stops them on exit.
# One PASS/FAIL/SKIP line per check; exits non-zero if any failed. In CI (CI=true) a server that is
# missing is a failure; elsewhere its check is skipped with a note.
set -uo pipefail
cd "$(dirname "$0")/.."
kamaelia=./kamaelia
ci=${CI:-false}
failed=0
work=$(mktemp -d "${TMPDIR:-/tmp}/kamaelia-interop-cli.XXXXXX")
started_here=0

cleanup() {
  [ "$started_here" = 1 ] && scripts/interop-servers.sh stop
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "interop-cli: PASS $1"; }
fail() { echo "interop-cli: FAIL $1"; failed=1; }
missing() { # a server is not there: fail in CI, skip elsewhere
  if [ "$ci" = true ]; then fail "$1 (server not available: $2)"; else echo "interop-cli: SKIP $1 ($2)"; fi
}

if [ -z "${KAMAELIA_SOCAT_PORT:-}${KAMAELIA_REDIS_PORT:-}${KAMAELIA_NGINX_PORT:-}${KAMAELIA_MEMCACHED_PORT:-}" ]; then
  if scripts/interop-servers.sh can-start; then
    KAMAELIA_INTEROP_DIR=$work/servers
    export KAMAELIA_INTEROP_DIR
    if scripts/interop-servers.sh start; then
      started_here=1
      while IFS= read -r line; do [ -n "$line" ] && export "${line?}"; done < <(scripts/interop-servers.sh env)
    else
      echo "interop-cli: the interop servers did not start" >&2
    fi
  fi
fi

# Build (or check) the command once, so the timings below are the command's own.
if ! "$kamaelia" --version > "$work/version" 2> "$work/build.err" < /dev/null; then
  cat "$work/build.err" >&2
  fail "the kamaelia command does not run"
  exit 1
fi

# Runs the command with a time limit; its stdout to $1, stderr to $1.err; returns its exit status.
run() {
  local out=$1; shift
  timeout 60 "$kamaelia" "$@" > "$out" 2> "$out.err"
}

check_redis() {
  local name="redis: PING answers +PONG"
  [ -n "${KAMAELIA_REDIS_PORT:-}" ] || { missing "$name" "KAMAELIA_REDIS_PORT not set"; return; }
  printf 'PING\r\n' | run "$work/redis" connect 127.0.0.1 "$KAMAELIA_REDIS_PORT"
  local rc=$?
  if [ "$rc" = 0 ] && [ "$(tr -d '\r' < "$work/redis")" = "+PONG" ]; then pass "$name"
  else fail "$name (exit $rc, got: $(head -c 200 "$work/redis" | tr -d '\r'); $(head -c 300 "$work/redis.err"))"; fi
}

check_nginx() {
  local name="nginx: HTTP/1.0 GET gives 200 and the file"
  [ -n "${KAMAELIA_NGINX_PORT:-}" ] || { missing "$name" "KAMAELIA_NGINX_PORT not set"; return; }
  printf 'GET /kamaelia-interop.txt HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' \
    | run "$work/nginx" connect 127.0.0.1 "$KAMAELIA_NGINX_PORT"
  local rc=$?
  # the body is the lines 1 to 20000, after the headers' blank line
  seq 1 20000 > "$work/nginx.expected"
  sed '1,/^\r$/d' "$work/nginx" > "$work/nginx.body"
  if [ "$rc" = 0 ] && head -1 "$work/nginx" | grep -q '^HTTP/1\.[01] 200 ' && cmp -s "$work/nginx.body" "$work/nginx.expected"; then
    pass "$name"
  else
    fail "$name (exit $rc, status: $(head -1 "$work/nginx" | tr -d '\r'), body $(wc -c < "$work/nginx.body") bytes; $(head -c 300 "$work/nginx.err"))"
  fi
}

check_memcached() {
  local name="memcached: version answers VERSION"
  [ -n "${KAMAELIA_MEMCACHED_PORT:-}" ] || { missing "$name" "KAMAELIA_MEMCACHED_PORT not set"; return; }
  echo version | run "$work/memcached" connect --crlf 127.0.0.1 "$KAMAELIA_MEMCACHED_PORT"
  local rc=$?
  if [ "$rc" = 0 ] && grep -q '^VERSION [0-9]' "$work/memcached"; then pass "$name ($(tr -d '\r' < "$work/memcached"))"
  else fail "$name (exit $rc, got: $(head -c 200 "$work/memcached" | tr -d '\r'); $(head -c 300 "$work/memcached.err"))"; fi
}

check_socat() {
  local name="socat echo: 10 MB of random bytes come back identical"
  [ -n "${KAMAELIA_SOCAT_PORT:-}" ] || { missing "$name" "KAMAELIA_SOCAT_PORT not set"; return; }
  head -c 10000000 /dev/urandom > "$work/random"
  local start end rc
  start=$(date +%s%N)
  run "$work/echoed" connect 127.0.0.1 "$KAMAELIA_SOCAT_PORT" < "$work/random"
  rc=$?
  end=$(date +%s%N)
  local a b
  a=$(sha256sum < "$work/random" | cut -d' ' -f1)
  b=$(sha256sum < "$work/echoed" | cut -d' ' -f1)
  if [ "$rc" = 0 ] && [ "$a" = "$b" ]; then pass "$name (sha256 $a, $(( (end - start) / 1000000 )) ms)"
  else fail "$name (exit $rc, sent sha256 $a, received $(wc -c < "$work/echoed") bytes sha256 $b; $(head -c 300 "$work/echoed.err"))"; fi
}

check_redis
check_nginx
check_memcached
check_socat

if [ "$failed" = 0 ]; then echo "interop-cli: all checks passed"; else echo "interop-cli: some checks FAILED" >&2; fi
exit "$failed"
