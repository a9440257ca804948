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

# Checks the README's "Use it in your project": installs this project into a private local repository (seeded by
# copying ~/.m2/repository, so nothing outside a temporary directory changes; what is missing is downloaded from
# Maven Central), writes the README's pom.xml and Java class into a temporary directory, runs the README's commands
# there with that repository and checks the program prints what the README says. Run by ./run-tests after Maven.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
kamaelia_setup

work=$(mktemp -d "${TMPDIR:-/tmp}/kamaelia-user-project.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "check-user-project: FAIL $*"; exit 1; }

# The README section's blocks: the first xml block (the pom), the first java block, the first sh block (commands),
# and the output it promises ("it prints `...`").
section=$(awk '/^## Use it in your project$/ { on = 1; next } on && /^## / { exit } on' README.md)
[ -n "$section" ] || fail "README.md has no '## Use it in your project' section"
block() { awk -v lang="$1" '$0 == "```" lang { on = 1; next } on && $0 == "```" { exit } on' <<<"$section"; }
pom=$(block xml) java=$(block java) commands=$(block sh)
expected=$(sed -n 's/.*it prints `\([^`]*\)`.*/\1/p' <<<"$section" | head -1)
[ -n "$pom" ] && [ -n "$java" ] && [ -n "$commands" ] && [ -n "$expected" ] \
  || fail "README.md's section lacks its pom (xml), class (java), commands (sh) or the output it prints"
package=$(sed -n 's/^package \([a-z.]*\);$/\1/p' <<<"$java")
class=$(sed -n 's/^public class \([A-Za-z]*\) .*/\1/p' <<<"$java")
[ -n "$package" ] && [ -n "$class" ] || fail "the README's class has no 'package' or 'public class' line"

repo=$work/repo user=$work/hello
if [ -d "$HOME/.m2/repository" ]; then
  cp -r "$HOME/.m2/repository" "$repo" || fail "could not copy ~/.m2/repository into $repo"
  rm -rf "$repo/org/kamaelia"
fi
mkdir -p "$repo" "$user/.mvn" "$user/src/main/java/${package//.//}"
printf '%s\n' "$pom" > "$user/pom.xml"
printf '%s\n' "$java" > "$user/src/main/java/${package//.//}/$class.java"
# Maven 3.3+ reads .mvn/maven.config: the README's commands, run as they are, use the private repository.
echo "-Dmaven.repo.local=$repo" > "$user/.mvn/maven.config"

if ! "$MVN" -B -q -ntp -Dmaven.repo.local="$repo" -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
       -pl axon,components -am install < /dev/null > "$work/install.log" 2>&1; then
  tail -30 "$work/install.log" >&2
  fail "mvn install of this project into a private repository failed"
fi
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
[ -f "$repo/org/kamaelia/kamaelia/$version/kamaelia-$version.jar" ] \
  || fail "mvn install did not put org.kamaelia:kamaelia:$version into $repo"
grep -q "<version>$version</version>" "$user/pom.xml" \
  || fail "the README's pom does not ask for this project's version"

mvn_dir=$(dirname "$MVN")
if ! (cd "$user" && PATH="$JAVA_HOME/bin:$mvn_dir:$PATH" bash -euo pipefail -c "$commands") < /dev/null > "$work/out" 2> "$work/err"; then
  cat "$work/out" "$work/err" | sed 's/\x1b\[[0-9;]*m//g; s/^/  | /' | grep -v '^  | *$' | tail -30 >&2
  fail "the README's commands failed (JDK $JAVA_HOME)"
fi
actual=$(tail -1 "$work/out" | sed 's/\x1b\[[0-9;]*m//g') # Maven 3.8 writes colour resets even with -q
[ "$actual" = "$expected" ] || fail "the README's program printed '$actual', the README says '$expected'"
echo "check-user-project: PASS the README's project ($("$MVN" -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | head -1 | cut -d' ' -f1-3)) builds against this project's install and prints $actual"
