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

# Checks the build's JDK check (the enforcer rule in pom.xml): Maven run on a JDK older than 21 must stop in
# the first project, before compiling anything, with the one line that says which JDK and Maven are needed and
# how to point Maven at one. Uses the oldest JDK < 21 under /usr/lib/jvm (KAMAELIA_OLD_JDK overrides it);
# prints a SKIP line when there is none. Run by ./run-tests.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
kamaelia_ensure_maven

old=${KAMAELIA_OLD_JDK:-}
if [ -z "$old" ]; then
  best=99
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(kamaelia_jdk_version "$d")
    if [ -n "$v" ] && [ "$v" -lt 21 ] && [ "$v" -lt "$best" ]; then old=$d; best=$v; fi
  done
fi
if [ -z "$old" ]; then
  echo "check-jdk-message: SKIP no JDK older than 21 under /usr/lib/jvm (set KAMAELIA_OLD_JDK to one to run this check)"
  exit 0
fi

out=$(mktemp "${TMPDIR:-/tmp}/kamaelia-jdk-message.XXXXXX")
trap 'rm -f "$out"' EXIT
# MAVEN_OPTS may hold options only a newer JVM accepts (scripts/env.sh adds one for JDK 24+).
env -u MAVEN_OPTS JAVA_HOME="$old" "$MVN" -B -ntp verify < /dev/null > "$out" 2>&1
status=$?
clean=$(sed 's/\x1b\[[0-9;]*m//g' "$out")

expected='^\[ERROR\] Kamaelia for Java needs JDK 21 or newer and Maven 3.6.3 or newer, but Maven runs on Java [0-9][^ ]* ([^)]*): run ./run-tests or ./kamaelia, which find a JDK >= 21 themselves, or set JAVA_HOME to a JDK >= 21 (for example export JAVA_HOME=[^ ]*) and run Maven again\.$'
problems=()
[ "$status" != 0 ] || problems+=("Maven exited 0")
grep -q -- "$expected" <<<"$clean" || problems+=("no line saying which JDK is needed and how to use one")
grep -q -- "maven-compiler-plugin\|Compiling " <<<"$clean" && problems+=("it compiled before stopping (not fast)")
grep -q -- '^\[INFO\] Axon (component runtime) \.* SKIPPED' <<<"$clean" || problems+=("the axon module was not skipped")

if [ ${#problems[@]} -gt 0 ]; then
  sed 's/^/  | /' <<<"$clean" | tail -40 >&2
  joined=$(printf '%s; ' "${problems[@]}")
  echo "check-jdk-message: FAIL Maven on $old: ${joined%; }"
  exit 1
fi
echo "check-jdk-message: PASS Maven on $old stops in the first project with: $(grep -- "$expected" <<<"$clean" | cut -c9-90)..."
