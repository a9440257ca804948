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

# Issue 3 point 10 as a benchmark: N connections open at once in one JVM (-Xmx1g), each having sent 32
# bytes and received their echo from a server in another process on loopback; prints the heap and RSS
# per connection for ThreadedTCPClient and for the references (plain sockets with no thread; plain
# sockets with one virtual thread each), each mode in a fresh JVM.
#   bench/many-connections.sh [N] [modes]      (defaults: 10000, "client plain plain-thread")
# Needs ulimit -n above N + 200 (the clients' JVM holds N sockets; the server's process as many).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
kamaelia_setup
n=${1:-10000}
modes=${2:-client plain plain-thread}
limit=$(ulimit -n)
if [ "$limit" != unlimited ] && [ "$limit" -le $((n + 200)) ]; then
  kamaelia_die "ulimit -n is $limit: too low for $n connections (needs more than $((n + 200)))"
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$MVN" -B -q -ntp -DskipTests -pl bench -am package
fi
for mode in $modes; do
  "$JAVA_HOME/bin/java" -Xmx1g -cp bench/target/benchmarks.jar org.kamaelia.bench.tcp.ManyConnections "$mode" "$n"
done
