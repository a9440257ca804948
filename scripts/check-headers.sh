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

sources=()
while IFS= read -r f; do
  [ -f "$f" ] && is_source "$f" && sources+=("$f")
done < <(list_files)
checked=${#sources[@]}

# One pass over the first 20 lines of every file: each must hold these four lines of the header.
missing=0
if [ "$checked" -gt 0 ]; then
  missing=$(awk '
    function verdict() {
      if (file == "") return
      for (i = 1; i <= 4; i++) if (!seen[i]) {
        printf "check-headers: %s: no Apache-2.0 header (missing: %s)\n", file, want[i] > "/dev/stderr"; bad++; break }
    }
    BEGIN {
      want[1] = "Copyright [0-9-]+ The Kamaelia for Java authors"
      want[2] = "Licensed under the Apache License, Version 2\\.0 \\(the \"License\"\\);"
      want[3] = "http://www\\.apache\\.org/licenses/LICENSE-2\\.0"
      want[4] = "limitations under the License\\."
    }
    FNR == 1 { verdict(); file = FILENAME; delete seen }
    FNR <= 20 { for (i = 1; i <= 4; i++) if ($0 ~ want[i]) seen[i] = 1 }
    END { verdict(); print bad + 0 }' "${sources[@]}")
fi

for f in LICENSE NOTICE; do
  [ -s "$f" ] || { echo "check-headers: $f is missing" >&2; missing=$((missing + 1)); }
done
if [ "$missing" -gt 0 ]; then
  echo "check-headers: FAIL $missing of $checked source files lack the licence header (copy it from pom.xml or any .java file)" >&2
  exit 1
fi
echo "check-headers: PASS $checked source files carry the Apache-2.0 header"
