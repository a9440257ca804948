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

# Checks that every source file (Java, poms, HTML, properties, shell and Python scripts) starts with the
# Apache-2.0 header, and that LICENSE and NOTICE exist. Prints each file that lacks the header and exits 1;
# prints one line and exits 0 when all have it. Run by ./run-tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  list_files() { git ls-files --cached --others --exclude-standard; }
else
  list_files() { find . -path ./.git -prune -o -name target -prune -o -type f -print | sed 's:^\./::'; }
fi

is_source() {
  case $1 in
    *.md|*.txt|*.json|*.gitignore|LICENSE|NOTICE|bench/tcp-results/*|bench/results/*) return 1 ;;
    *.java|*.xml|*.html|*.properties|*.sh|*.py) return 0 ;;
  esac
  [ -f "$1" ] && head -c 2 "$1" | grep -q '^#!'
}

missing=0 checked=0
while IFS= read -r f; do
  [ -f "$f" ] && is_source "$f" || continue
  checked=$((checked + 1))
  top=$(head -n 20 "$f")
  for line in 'Copyright [0-9-]* The Kamaelia for Java authors' \
              'Licensed under the Apache License, Version 2.0 (the "License");' \
              'http://www.apache.org/licenses/LICENSE-2.0' \
              'limitations under the License.'; do
    if ! grep -q -- "$line" <<<"$top"; then
      echo "check-headers: $f: no Apache-2.0 header (missing: $line)" >&2
      missing=$((missing + 1))
      break
    fi
  done
done < <(list_files)

for f in LICENSE NOTICE; do
  [ -s "$f" ] || { echo "check-headers: $f is missing" >&2; missing=$((missing + 1)); }
done
if [ "$missing" -gt 0 ]; then
  echo "check-headers: FAIL $missing of $checked source files lack the licence header (copy it from pom.xml or any .java file)" >&2
  exit 1
fi
echo "check-headers: PASS $checked source files carry the Apache-2.0 header"
