#!/usr/bin/env bash
# Execute notebooks/insert-strategies.ipynb headless on a results folder and
# check that every figure, table and methods file it must write exists and is
# non-empty. The results folder is copied to a temporary directory first, so
# the run never writes into the repository.
#
#   notebooks/run-notebook.sh [RESULTS_FOLDER]    (default: results/sample)
#
# KEEP=1 keeps the temporary directory after a successful run (it is always
# kept after a failure); its path is printed either way.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
py=/usr/bin/python3   # Debian's python: the one the apt packages below install into
# python3-jinja2: pandas' Styler (the claims table's LaTeX) needs it; python3-pandas only recommends it.
debs=(python3-pandas python3-jinja2 python3-matplotlib python3-nbclient python3-nbconvert jupyter-nbconvert python3-ipykernel)

src="${1:-results/sample}"
case "$src" in /*) ;; *) src="$root/$src" ;; esac
if [[ ! -f "$src/jmh-result.json" ]]; then
  echo "run-notebook: no jmh-result.json in $src" >&2
  exit 2
fi

have_modules() {
  [[ -x "$py" ]] && "$py" -c 'import pandas, jinja2, matplotlib, nbclient, nbconvert, ipykernel' 2>/dev/null
}
if ! have_modules; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "run-notebook: installing ${debs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null; then
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
    fi
  fi
  if ! have_modules; then
    echo "run-notebook: $py lacks pandas/jinja2/matplotlib/nbclient/nbconvert/ipykernel." >&2
    echo "  Debian/Ubuntu (as root): apt-get install -y --no-install-recommends ${debs[*]}" >&2
    echo "  or with pip, then run nbconvert with that python: pip install -r notebooks/requirements.txt" >&2
    exit 2
  fi
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/notebook-run.XXXXXX")"
run="$tmp/$(basename "$src")"
cp -r "$src" "$run"
# Outputs of an earlier notebook run must not pass the check below.
rm -rf "$run/figures" "$run/tables" "$run/methods.md" "$run/methods.tex"

# A kernel spec of our own, so the kernel is Debian's python whatever other
# python3 kernels the user has installed.
mkdir -p "$tmp/jupyter/kernels/python3"
cat > "$tmp/jupyter/kernels/python3/kernel.json" <<EOF
{"argv": ["$py", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (Debian)", "language": "python"}
EOF

status=0
echo "run-notebook: executing on a copy of $src in $run"
if ! env RESULTS_DIR="$run" NOTEBOOK_OUT="$run" MPLBACKEND=Agg MPLCONFIGDIR="$tmp/mpl" \
      JUPYTER_PATH="$tmp/jupyter" JUPYTER_DATA_DIR="$tmp/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" \
      IPYTHONDIR="$tmp/ipython" PYTHONDONTWRITEBYTECODE=1 PYDEVD_DISABLE_FILE_VALIDATION=1 \
      "$py" -m nbconvert --to notebook --execute \
      --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 \
      --output-dir "$tmp" --output executed.ipynb "$here/insert-strategies.ipynb"; then
  echo "run-notebook: FAILED: the notebook raised an error (see above)" >&2
  status=1
fi

if [[ $status == 0 ]]; then
  # The list of expected files lives in the module, next to the code that writes
  # them; it depends on what the folder holds (a claims.csv adds the claims
  # figures, a claims-only run has no strategy figures).
  if ! expected="$(cd "$here" && "$py" -c 'import sys, insert_results as ir
print("\n".join(ir.expected_files(sys.argv[1])))' "$run")" || [[ -z "$expected" ]]; then
    echo "run-notebook: FAILED: could not list the expected files" >&2
    status=1
  fi
fi
if [[ $status == 0 ]]; then
  missing=0
  while IFS= read -r f; do
    if [[ -s "$run/$f" ]]; then
      echo "  ok  $f"
    else
      echo "  MISSING OR EMPTY  $f" >&2
      missing=$((missing + 1))
    fi
  done <<< "$expected"
  [[ $missing == 0 ]] || status=1
fi

if [[ $status == 0 ]]; then
  echo "run-notebook: OK: executed notebook $tmp/executed.ipynb, outputs in $run"
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "$tmp"
else
  echo "run-notebook: FAILED; kept $tmp for inspection" >&2
fi
exit $status
