"""LaTeX text and booktabs tables.

Tables are rendered by pandas' Styler (booktabs rules, cells escaped by its
``escape="latex"``). Styler leaves alone what the default OT1 font encoding of
pdflatex prints wrongly (``<``, ``>``, ``|`` come out as other glyphs) and the
non-ASCII characters the suite writes; :data:`_GLYPHS` maps those, for cells
and for free text alike.
"""
from __future__ import annotations

import pandas as pd

# What Styler's escape="latex" escapes, for text outside a table (captions, methods).
_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
# Glyphs that need a command in OT1 with only the Computer Modern Type 1 fonts.
_GLYPHS = {"<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
           "\u00d7": r"$\times$", "\u00b1": r"$\pm$", "\u00b5": r"$\mu$", "\u03bc": r"$\mu$",
           "\u2013": "--", "\u2014": "---", "\u2026": r"\ldots{}", "\u2020": r"\dag{}",
           "\u00a0": "~", "\u221e": r"$\infty$", "\u2265": r"$\geq$", "\u2264": r"$\leq$", "\u2212": "-", "\u2011": r"\mbox{-}", "\u00b0": r"$^\circ$", "\u00b2": r"$^2$",
           # Long COPY_BINARY/POOLED/... and path-like values must be able to wrap.
           "/": r"/\allowbreak{}",
           # A line break a table cell asks for (U+2028, line separator), such as an interval under its estimate.
           "\u2028": r"\linebreak{}"}


def _glyphs(text: str) -> str:
    return "".join(_GLYPHS.get(ch, ch) for ch in str(text))


def escape(text) -> str:
    """Plain text as LaTeX: the specials escaped, the awkward glyphs mapped."""
    return "".join(_SPECIALS.get(ch) or _GLYPHS.get(ch, ch) for ch in str(text))


def code(text) -> str:
    """Typewriter text that may break after a hyphen (paths, fork flags), an equals sign (a flag's long
    value) or a bar (a run command's --include pattern): typewriter spaces do not stretch."""
    return (rf"\texttt{{{escape(text)}}}".replace("-", r"-\allowbreak{}").replace("=", r"=\allowbreak{}")
            .replace(_GLYPHS["|"], _GLYPHS["|"] + r"\allowbreak{}"))


def column_spec(width) -> str:
    """"l"/"r" as they are; a width w gives a wrapping left-aligned p{w\\linewidth}
    column, ("r", w) a right-aligned one."""
    if isinstance(width, str):
        return width
    side, w = width if isinstance(width, tuple) else ("l", width)
    flush = r"\raggedleft" if side == "r" else r"\raggedright"
    return rf">{{{flush}\arraybackslash}}p{{{w:.2f}\linewidth}}"


def booktabs(frame: pd.DataFrame, caption: str, label: str, widths=None, long: bool = False,
             multicol_align: str = "r", gap_pt: float = 4, size: str = "small") -> str:
    """frame as a booktabs table with caption and label, every cell and header
    escaped. long: a longtable, which breaks across pages (for the tables that can
    outgrow one); else a float. widths: one column_spec
    argument per column (default: all "l"). multicol_align: how a header over
    several columns (a frame with two column levels) sits over them. gap_pt:
    half the space between the columns (\\tabcolsep); size: the font size."""
    styler = (frame.style.hide(axis="index")
              .format(_glyphs, escape="latex")
              .format_index(_glyphs, escape="latex", axis=1))
    column_format = "".join(column_spec(w) for w in (widths or ["l"] * len(frame.columns)))
    common = dict(hrules=True, column_format=column_format, caption=escape(caption), label=label,
                  multicol_align=multicol_align)
    if long:
        body = styler.to_latex(environment="longtable", **common)
        # Styler puts table styles into the first row of a longtable: set the size around it instead.
        return ("% requires booktabs, array, longtable\n"
                + f"\\begingroup\\{size}\\setlength{{\\tabcolsep}}{{{gap_pt:g}pt}}\n" + body + "\\endgroup\n")
    styler = styler.set_table_styles([{"selector": size, "props": ":;"},
                                      {"selector": "setlength", "props": rf":{{\tabcolsep}}{{{gap_pt:g}pt}};"}])
    return "% requires booktabs, array\n" + styler.to_latex(position="htbp", position_float="centering", **common)
