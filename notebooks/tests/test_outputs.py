"""The registry of output files, what a run gets, and the appendix."""
import json
import re
import subprocess
import unittest
from pathlib import Path

from support import (BASIC, CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, HANDWRITTEN, INTERLEAVED, TABLE_SHAPES, export,
                     folder_with, ir, temp_dir)
from insert_results import appendix, outputs

# A run without claims.csv: the strategy figures and tables.
STRATEGY_RUN_FILES = ([f"figures/{n}.{ext}" for n in (
    "fig1_throughput_best", "fig2_throughput_vs_chunksize", "fig3_scaling_tasks", "fig4_speedup_heatmap",
    "fig5_memory_per_row", "fig6_percent_of_ceiling", "fig10_cpu_and_chunk_time", "fig11_table_shape_cost",
    "fig12_throughput_per_server", "fig13_transport_cost")
    for ext in ("pdf", "png")]
    + [f"tables/{n}.{ext}" for n in ("best_configuration", "table_shape_cost", "environment", "all_configurations")
       for ext in ("tex", "csv")]
    + ["methods.md", "methods.tex", "appendix.tex"])


class Registry(unittest.TestCase):
    def test_names_are_unique(self):
        stems = [f.stem for f in ir.FIGURES]
        self.assertEqual(len(stems), len(set(stems)))
        self.assertEqual(len({t.name for t in ir.TABLES}), len(ir.TABLES))

    def test_the_notebook_shows_every_registered_figure_and_nothing_else(self):
        notebook = json.loads((Path(ir.REPO_ROOT) / "notebooks" / "insert-strategies.ipynb").read_text(encoding="utf-8"))
        code = "".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
        shown = re.findall(r"a\.show\(ir\.(\w+)\)", code)
        self.assertEqual(sorted(shown), sorted(f.draw.__name__ for f in ir.FIGURES))

    def test_a_strategy_run_gets_exactly_its_files(self):
        self.assertEqual(ir.expected_files(str(HANDWRITTEN)), STRATEGY_RUN_FILES)
        a, out = export(self, HANDWRITTEN)
        written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        self.assertEqual(written, sorted(STRATEGY_RUN_FILES))
        self.assertEqual(a.check_outputs(), [])

    def test_every_expected_file_is_one_the_cleaning_removes(self):
        every = set(ir.every_output_file())
        for folder in (HANDWRITTEN, CLAIMS_ONLY, INTERLEAVED, ir.REPO_ROOT / "results/sample"):
            self.assertLessEqual(set(ir.expected_files(str(folder))), every, folder)
        self.assertIn("figures/fig7_claims_vs_measured.png", every)  # an older notebook's figure
        self.assertIn("notebook.ipynb", every)
        # Only the notebook's own files: never the suite's.
        for f in every:
            self.assertTrue(re.match(r"^(figures|tables)/|^(methods|appendix|notebook)\.", f), f)

    def test_check_finds_a_missing_or_empty_file(self):
        a, out = export(self, HANDWRITTEN)
        (out / "tables/environment.tex").write_text("", encoding="utf-8")
        (out / "figures/fig3_scaling_tasks.png").unlink()
        self.assertEqual(a.check_outputs(), ["figures/fig3_scaling_tasks.png", "tables/environment.tex"])

    def test_command_line_for_run_notebook(self):
        def run(*args):
            return subprocess.run(["/usr/bin/python3", "-m", "insert_results", *args], capture_output=True,
                                  text=True, cwd=ir.REPO_ROOT / "notebooks")
        done = run("expected-files", str(HANDWRITTEN))
        self.assertEqual(done.stdout.split(), STRATEGY_RUN_FILES)
        self.assertEqual(run("output-files").stdout.split(), ir.every_output_file())
        self.assertEqual(run("bogus").returncode, 2)


class Text(unittest.TestCase):
    def test_methods_from_manifest(self):
        a, out = export(self, BASIC)
        md = (out / "methods.md").read_text(encoding="utf-8")
        for s in ("PostgreSQL 17.6", "Test CPU 3000", "seed 7", "`wal_level` = replica", "Eclipse Adoptium",
                  "testcontainers", "JMH 1.37", "95 % interval is Student's t over the n measured shots",
                  "`summary.csv`"):
            self.assertIn(s, md)
        self.assertNotIn("None", md)
        self.assertNotIn("99.9", md)
        tex = (out / "methods.tex").read_text(encoding="utf-8")
        self.assertIn(r"\texttt{synchronous\_commit}", tex)
        self.assertIn(r"psql \textbackslash{}copy", tex)

    def test_environment_table(self):
        env = ir.environment_table(ir.Analysis.load(str(BASIC)).manifests).set_index("field")["value"]
        self.assertEqual(env["git commit"], "0123456789ab")
        self.assertEqual(env["setting fsync"], "on")
        self.assertEqual(env["memory"], "24.0 GiB")


class Appendix(unittest.TestCase):
    def test_includes_every_figure_and_table_of_the_run(self):
        a, out = export(self, folder_with(self, claims=True))
        tex = (out / "appendix.tex").read_text(encoding="utf-8")
        self.assertIn(r"\documentclass", tex)
        self.assertIn(r"\input{methods.tex}", tex)
        for spec in a.figures():
            self.assertIn(f"{{figures/{spec.stem}.pdf}}", tex)
        for spec in a.tables():
            self.assertIn(f"\\input{{tables/{spec.name}.tex}}", tex)
        self.assertEqual(len(a.tables()), 5)

    @unittest.skipUnless(appendix.have_pdflatex(), "pdflatex is not installed")
    def test_compiles_without_overfull_lines(self):
        for folder in (folder_with(self, claims=True), CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, TABLE_SHAPES, INTERLEAVED):
            a, out = export(self, folder)
            pdf = ir.compile_pdf(out)
            self.assertGreater(pdf.stat().st_size, 10_000)
            log = (out / "appendix.log").read_text(encoding="latin-1")
            self.assertNotIn("Missing character", log)
            self.assertNotIn("LaTeX Warning: File", log)  # a figure or table not found
            overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
            self.assertFalse([x for x in overfull if x > 5], f"{folder.name}: lines sticking out {overfull}")

    @unittest.skipUnless(appendix.have_pdflatex(), "pdflatex is not installed")
    def test_a_latex_error_is_reported_with_its_line(self):
        out = temp_dir(self)
        (out / outputs.APPENDIX_TEX).write_text("\\documentclass{article}\\begin{document}\\undefinedmacro"
                                                "\\end{document}\n", encoding="utf-8")
        with self.assertRaisesRegex(ir.LatexError, "Undefined control sequence"):
            ir.compile_pdf(out)


if __name__ == "__main__":
    unittest.main()
