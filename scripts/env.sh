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

# Sourced by the project's scripts (./kamaelia, ./run-tests, .ci/run, bench scripts).
# Finds a JDK >= 21 and Maven, and exports JAVA_HOME and MVN. Never changes the machine
# unless asked to install missing tools (kamaelia_ensure_maven with apt-get, as root).

kamaelia_die() { echo "kamaelia: $*" >&2; exit 1; }

# The feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing.
kamaelia_jdk_version() {
  local home=$1 release v
  [ -x "$home/bin/javac" ] || return 0
  release="$home/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "${v:-}"
}

# Sets JAVA_HOME to a JDK >= 21: JAVA_HOME when it is one, else the newest in /usr/lib/jvm.
kamaelia_find_jdk() {
  local min=21 v best="" bestv=0 d
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(kamaelia_jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then export JAVA_HOME; return 0; fi
  fi
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(kamaelia_jdk_version "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    kamaelia_die "no JDK ${min} or newer found (JAVA_HOME='${JAVA_HOME:-}', nothing suitable in /usr/lib/jvm).
Install one (for example: apt-get install openjdk-21-jdk-headless, or any JDK >= 21) and set JAVA_HOME to it."
  fi
  export JAVA_HOME=$best
}

# Sets MVN to a Maven command; installs Debian's maven when it is missing and we may.
kamaelia_ensure_maven() {
  if command -v mvn >/dev/null 2>&1; then MVN=$(command -v mvn); export MVN; return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kamaelia: Maven is missing; installing Debian's maven package..." >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null \
      || kamaelia_die "could not install Maven with apt-get"
    MVN=$(command -v mvn); export MVN; return 0
  fi
  kamaelia_die "Maven (mvn) is not installed; install Apache Maven 3.6.3 or newer"
}

kamaelia_setup() {
  kamaelia_find_jdk
  kamaelia_ensure_maven
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
  if [ "$(kamaelia_jdk_version "$JAVA_HOME")" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
