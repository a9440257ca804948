#!/usr/bin/env bash
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
"$MVN" -B -ntp -pl :kamaelia -am verify -Dtest=ThreadedTCPClientManyClientsTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkamaelia.manyClients="$n" -Dsurefire.extraArgs=-Xmx1g
cat components/target/surefire-reports/org.kamaelia.internet.ThreadedTCPClientManyClientsTest-output.txt
