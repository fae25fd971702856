#!/usr/bin/env bash
# Builds the demo program with every supported Python this machine has (3.11, 3.12, 3.13),
# each in a venv synced from uv.lock, and fails unless all the sites are byte-identical.
# Usage: tools/same-site-on-every-python.sh UV TODAY
set -euo pipefail
uv="$1" today="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
found=()
for version in 3.11 3.12 3.13; do
  python="$(command -v "python$version" 2>/dev/null || true)"
  if [ -z "$python" ] || ! "$python" -c '' 2>/dev/null; then
    python="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version"*/bin/python"$version" 2>/dev/null | tail -1)"
  fi
  [ -n "$python" ] && [ -x "$python" ] || continue
  found+=("$version")
  UV_PROJECT_ENVIRONMENT="$work/venv-$version" "$uv" sync --quiet --locked --no-dev --python "$python"
  "$work/venv-$version/bin/notesite" build --root . --out "$work/site-$version" --today "$today" \
    >"$work/log-$version" 2>&1 || { cat "$work/log-$version" >&2; exit 1; }
  (cd "$work/site-$version" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$work/sums-$version"
done
if [ "${#found[@]}" -lt 2 ]; then
  echo "only Python ${found[*]:-none} found here: nothing to compare" >&2
  exit 1
fi
for version in "${found[@]:1}"; do
  if ! diff -q "$work/sums-${found[0]}" "$work/sums-$version" >/dev/null; then
    echo "the site built with Python $version differs from Python ${found[0]}'s:" >&2
    diff "$work/sums-${found[0]}" "$work/sums-$version" | head -20 >&2
    exit 1
  fi
done
echo "byte-identical sites ($(wc -l < "$work/sums-${found[0]}") files) from Python ${found[*]}"
