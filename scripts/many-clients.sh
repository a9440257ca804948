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

# Point 10 of issue 3 in full: 10,000 ThreadedTCPClients connected at once in one JVM limited to
# -Xmx1g, each sending and receiving, to an echo server in another process on loopback.
#   scripts/many-clients.sh [clients]      (default 10000)
# The default test run (./run-tests) does the same with 1000 clients. Prints the heap and RSS per
# connection. Needs a descriptor limit (ulimit -n) above the client count in both processes.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
kamaelia_setup
n=${1:-10000}
limit=$(ulimit -n)
if [ "$limit" != unlimited ] && [ "$limit" -le $((n + 200)) ]; then
  kamaelia_die "ulimit -n is $limit: too low for $n clients (needs more than $((n + 200)))"
fi
# Built and run through the reactor (-am builds axon alongside): nothing is installed into ~/.m2, which
# other checkouts on this machine share. ":kamaelia" is the components module's artifactId ("-pl kamaelia"
# would name the ./kamaelia launcher file, and fail).
"$MVN" -B -ntp -Dmaven.javadoc.skip -Dmaven.source.skip -pl :kamaelia -am verify -Dtest=ThreadedTCPClientManyClientsTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkamaelia.manyClients="$n" -Dsurefire.extraArgs=-Xmx1g
cat components/target/surefire-reports/org.kamaelia.internet.ThreadedTCPClientManyClientsTest-output.txt
