#!/usr/bin/env bash
# Execute notebooks/insert-strategies.ipynb headless on a results folder, write
# its figures, tables, methods text and thesis appendix into an output folder,
# check that every file it must write exists and is non-empty, and build
# appendix.pdf with pdflatex where it is installed.
#
#   notebooks/run-notebook.sh [RESULTS_FOLDER] [--out DIR | DIR]
#
# RESULTS_FOLDER defaults to results/sample; the output folder defaults to the
# results folder itself. Earlier outputs of the notebook in the output folder
# (the files its registry lists, nothing else) are removed first, so a stale
# file cannot pass the check. The executed notebook is kept as
# <output folder>/notebook.ipynb. A pooled folder (run-bench.sh pool) gets the forest
# plot of its pooled claims, their table, the environment, methods and appendix.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
py=/usr/bin/python3   # Debian's python: the one the apt packages below install into
# python3-jinja2: pandas' Styler (the LaTeX tables) needs it; python3-pandas only recommends it.
debs=(python3-pandas python3-jinja2 python3-matplotlib python3-nbclient python3-nbconvert jupyter-nbconvert python3-ipykernel)

usage() { echo "usage: notebooks/run-notebook.sh [RESULTS_FOLDER] [--out DIR | DIR]" >&2; exit 2; }
src="" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || usage; out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) if [[ -z "$src" ]]; then src="$1"; elif [[ -z "$out" ]]; then out="$1"; else usage; fi; shift ;;
  esac
done
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
src="${src:-results/sample}"
# A relative results folder is taken from the repository root, as the notebook does.
case "$src" in /*) ;; *) [[ -d "$src" && ! -d "$root/$src" ]] && src="$(absolute "$src")" || src="$root/$src" ;; esac
# A pooled folder (run-bench.sh pool) has only pooled-claims.csv: the notebook draws its forest plot and table.
if [[ ! -f "$src/summary.csv" && ! -f "$src/claims.csv" && ! -f "$src/pooled-claims.csv" ]]; then
  echo "run-notebook: no summary.csv (nor claims.csv, nor pooled-claims.csv) in $src" >&2
  exit 2
fi
out="$(absolute "${out:-$src}")"

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

package() { (cd "$here" && PYTHONDONTWRITEBYTECODE=1 "$py" -m insert_results "$@"); }

# A folder written by a newer suite than this notebook reads is refused in one line, before anything runs.
if ! reason="$(package check "$src" 2>&1)"; then
  echo "run-notebook: $reason" >&2
  exit 2
fi

# Earlier outputs must not pass the check below: remove every file the
# notebook's registry lists, and nothing else.
mkdir -p "$out"
while IFS= read -r f; do
  rm -f "$out/$f"
done < <(package output-files)
rmdir "$out/figures" "$out/tables" 2>/dev/null || true

# Kernel spec, matplotlib and Jupyter state in a temporary directory, removed at the end.
tmp="$(mktemp -d "${TMPDIR:-/tmp}/notebook-run.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# A kernel spec of our own, so the kernel is Debian's python whatever other
# python3 kernels the user has installed.
mkdir -p "$tmp/jupyter/kernels/python3"
cat > "$tmp/jupyter/kernels/python3/kernel.json" <<JSON
{"argv": ["$py", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (Debian)", "language": "python"}
JSON

echo "run-notebook: executing on $src, writing into $out"
status=0
if ! env RESULTS_DIR="$src" NOTEBOOK_OUT="$out" MPLBACKEND=Agg MPLCONFIGDIR="$tmp/mpl" \
      JUPYTER_PATH="$tmp/jupyter" JUPYTER_DATA_DIR="$tmp/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" \
      IPYTHONDIR="$tmp/ipython" PYTHONDONTWRITEBYTECODE=1 PYDEVD_DISABLE_FILE_VALIDATION=1 \
      "$py" -m nbconvert --to notebook --execute \
      --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 \
      --output-dir "$out" --output notebook.ipynb "$here/insert-strategies.ipynb"; then
  echo "run-notebook: FAILED: the notebook raised an error (see above)" >&2
  status=1
fi

if [[ $status == 0 ]]; then
  # What a run gets depends on what its folder holds (a claims.csv adds the
  # claims figures, a claims-only run has no strategy figures).
  if ! expected="$(package expected-files "$src")" || [[ -z "$expected" ]]; then
    echo "run-notebook: FAILED: could not list the expected files" >&2
    status=1
  fi
fi
if [[ $status == 0 ]]; then
  missing=0
  while IFS= read -r f; do
    if [[ -s "$out/$f" ]]; then
      echo "  ok  $f"
    else
      echo "  MISSING OR EMPTY  $f" >&2
      missing=$((missing + 1))
    fi
  done <<< "$expected"
  [[ $missing == 0 ]] || status=1
fi

if [[ $status == 0 ]]; then
  if command -v pdflatex >/dev/null; then
    if package appendix-pdf "$out" >/dev/null && [[ -s "$out/appendix.pdf" ]]; then
      echo "  ok  appendix.pdf (pdflatex; log: $out/appendix.log)"
    else
      echo "run-notebook: FAILED: pdflatex could not build $out/appendix.pdf (see above)" >&2
      status=1
    fi
  else
    echo "  skipped appendix.pdf: pdflatex is not installed (Debian: apt-get install texlive-latex-recommended texlive-latex-extra)"
  fi
fi

if [[ $status == 0 ]]; then
  echo "run-notebook: OK: outputs in $out (executed notebook: $out/notebook.ipynb)"
else
  echo "run-notebook: FAILED; outputs so far in $out" >&2
fi
exit $status
