"""The thesis appendix: one standalone LaTeX document that pulls in the
figures, tables and methods a run's output folder holds, and its PDF."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

from . import latex
from .outputs import APPENDIX_FIGURE_FORMAT, APPENDIX_PDF, APPENDIX_TEX, METHODS_TEX, FigureSpec, TableSpec

PREAMBLE = r"""\documentclass[11pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage[margin=2cm]{geometry}
\usepackage{graphicx}
\usepackage{booktabs}
\usepackage{array}
\usepackage{longtable}
\usepackage{pdflscape}
\usepackage{placeins}
\usepackage[font=small,labelfont=bf]{caption}
\setlength{\parskip}{0.4em}
\setlength{\parindent}{0pt}
% Long \texttt runs (commands, fork flags) may stretch a line rather than stick out of it.
\setlength{\emergencystretch}{3em}
\raggedbottom
% A tall table (the claims, every configuration) may fill most of a page under a heading
% instead of leaving the heading alone on a page of its own.
\renewcommand{\topfraction}{0.95}
\renewcommand{\textfraction}{0.05}
\renewcommand{\floatpagefraction}{0.8}
"""
# The table of every configuration is wide: it gets landscape pages.
LANDSCAPE_TABLES = {"all_configurations"}
# Results tables set as longtables (not floats), where they can run over pages: after the figures, once every
# float before them is set, so that the tables keep their order and numbers (a longtable is set where it
# stands; a float too tall for what is left of a page would drift past it, or leave the page empty above it).
LONG_RESULT_TABLES = {"claims_rtt", "claims_network", "scale"}


def _figure(spec: FigureSpec) -> str:
    return "\n".join([
        r"\begin{figure}[htbp]", r"\centering",
        rf"\includegraphics[width=\linewidth,height=0.82\textheight,keepaspectratio]"
        rf"{{figures/{spec.stem}.{APPENDIX_FIGURE_FORMAT}}}",
        rf"\caption{{{latex.escape(spec.caption)}}}", rf"\label{{fig:{spec.stem}}}", r"\end{figure}", ""])


def _table(spec: TableSpec) -> str:
    body = rf"\input{{tables/{spec.name}.tex}}"
    if spec.name in LANDSCAPE_TABLES:
        body = "\\begin{landscape}\n" + body + "\n\\end{landscape}"
    return body + "\n"


def appendix_tex(runs: Sequence[str], figures: Sequence[FigureSpec], tables: Sequence[TableSpec]) -> str:
    """The document: methods; the results (tables, then figures, then the long tables); then the
    environment and the table of every configuration."""
    results = [t for t in tables if t.name != "environment" and t.name not in LANDSCAPE_TABLES]
    long = [t for t in results if t.name in LONG_RESULT_TABLES]
    results = [t for t in results if t not in long]
    reference = [t for t in tables if t not in results + long]
    parts = [f"% Thesis appendix, written by notebooks/insert_results; build: pdflatex {APPENDIX_TEX}\n",
             PREAMBLE, r"\begin{document}", "",
             rf"\section*{{Appendix: pg-insert-bench run {latex.escape(', '.join(runs))}}}", "",
             r"\subsection*{Methods}", rf"\input{{{METHODS_TEX}}}", "",
             # The results start on a page of their own rather than as a heading above floats.
             r"\clearpage", r"\subsection*{Results}"]
    parts += [_table(t) for t in results] + [_figure(f) for f in figures]
    parts += ([r"\FloatBarrier"] + [_table(t) for t in long]) if long else []
    parts += [r"\clearpage", r"\subsection*{Environment and every configuration}"]
    parts += [_table(t) for t in reference] + [r"\end{document}", ""]
    return "\n".join(parts)


class LatexError(RuntimeError):
    pass


def _errors(log: Path) -> str:
    """The error lines of a pdflatex log, for the message."""
    text = log.read_text(encoding="latin-1") if log.is_file() else ""
    lines = [l for l in text.splitlines() if l.startswith("!") or re.match(r"^[^:\s]+\.tex:\d+:", l)]
    return "\n".join(lines[:10]) or "(no error lines in the log)"


def have_pdflatex() -> bool:
    return shutil.which("pdflatex") is not None


def compile_pdf(out_dir) -> Path:
    """pdflatex appendix.tex in out_dir, non-interactive, output in appendix.log
    only; a second pass when LaTeX asks for one (longtable widths)."""
    out_dir = Path(out_dir)
    log = out_dir / APPENDIX_TEX.replace(".tex", ".log")
    for _ in range(3):
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
                               APPENDIX_TEX], cwd=out_dir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=600)
        if done.returncode != 0:
            raise LatexError(f"pdflatex failed on {out_dir / APPENDIX_TEX} (log: {log}):\n{_errors(log)}")
        if "Rerun" not in log.read_text(encoding="latin-1"):
            break
    return out_dir / APPENDIX_PDF
