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

# Checks what a release publishes, after `mvn verify` (or package) has run: the published modules (axon, kamaelia)
# each have their jar, a sources jar and a Javadoc jar (whose front page is the overview, with the module's packages) carrying the
# pom's version; the modules that are not published (cli, bench) attach none. Run by ./run-tests after Maven.
set -uo pipefail
cd "$(dirname "$0")/.."

. scripts/env.sh
kamaelia_find_jdk
jar_list() { "$JAVA_HOME/bin/jar" tf "$1" 2>/dev/null; }
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
problems=()
check_published() { # DIR ARTIFACT PACKAGE-PATH
  local base=$1/target/$2-$version
  for f in "$base.jar" "$base-sources.jar" "$base-javadoc.jar"; do
    [ -s "$f" ] || problems+=("$f is missing")
  done
  local list # (listed first: grep -q ends early, and pipefail would count jar's broken pipe as a failure)
  list=$(jar_list "$base-sources.jar")
  if ! grep -q "^$3/.*\.java$" <<<"$list"; then
    problems+=("$base-sources.jar has no $3/*.java")
  fi
  if [ -s "$base-javadoc.jar" ]; then
    list=$(jar_list "$base-javadoc.jar")
    grep -q '^index\.html$' <<<"$list" || problems+=("$base-javadoc.jar has no index.html")
    grep -q "/$3/package-summary\.html$" <<<"$list" || problems+=("$base-javadoc.jar does not document $3")
    (cd "$(mktemp -d "${TMPDIR:-/tmp}/kamaelia-javadoc.XXXXXX")" && "$JAVA_HOME/bin/jar" xf "$OLDPWD/$base-javadoc.jar" index.html \
      && grep -q 'The model in ten lines' index.html; status=$?; rm -rf "$PWD"; exit $status) \
      || problems+=("$base-javadoc.jar's front page is not the overview (src/main/javadoc/overview.html)")
  fi
}
check_published axon axon org/kamaelia/axon
check_published components kamaelia org/kamaelia/chassis
for f in cli/target/*-sources.jar cli/target/*-javadoc.jar bench/target/*-sources.jar bench/target/*-javadoc.jar; do
  [ -e "$f" ] && problems+=("$f exists (cli and bench are not published)")
done

if [ ${#problems[@]} -gt 0 ]; then
  joined=$(printf '%s; ' "${problems[@]}")
  echo "check-release-jars: FAIL ${joined%; }"
  exit 1
fi
echo "check-release-jars: PASS axon and kamaelia $version: jar, sources jar and Javadoc jar each (Javadoc built with doclint, failing on warnings)"
