"""One run (or several) as the notebook uses it: what it holds, which outputs
it gets, drawing them and writing them into the output folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd

from . import appendix, interleaved, network, outputs, peers, pooled, scale, schema, table_shapes, tables
from .claims import ClaimStudy, claim_study_display, first_level, load_claim_study, over_rtt
from .interleaved import InterleavedStudy, load_interleaved
from .load import CLAIM_SHOTS_FILE, CLAIMS_FILE, PARAMS, POOLED_CLAIMS_FILE, POOLED_RUNS_FILE, load_runs, output_dir
from .network import NetworkStudy, load_network
from .outputs import (CLAIMS_RTT, CLAIMS_STUDY, FIGURE_FORMATS, INTERLEAVED, NETWORK, PEERS, POOLED, RELAY_COST,
                      SCALE, STRATEGIES, FigureSpec, TableSpec, figure_files, spec_for, table_files)
from .peers import PeersStudy, load_peers
from .pooled import PooledStudy, is_pooled_manifest, load_pooled, pooled_display
from .scale import ScaleStudy, load_scale
from .plotting import STYLE, Plot, rows_text
from .strategies import (CLAIM_MIX, COVERED, POOLED_COPY, SCALE_STUDY, SYNC, hint_for_missing, profile_hint,
                         this_run_note, with_names)
from .text import environment_table, methods_text

ONLY_CLAIMS_NOTE = "this run holds only the claims study, whose numbers are in claims.csv, not summary.csv"
ONLY_SCALE_NOTE = ("this run holds only the scale study, whose numbers are in scale.csv and scale-fits.csv, not "
                   "a strategy's configurations in summary.csv")
ONLY_PEERS_NOTE = ("this run holds only the Python peers, whose numbers are in peers.csv, not a strategy's "
                   "configurations in summary.csv")
ONLY_POOLED_NOTE = ("this folder holds only claims pooled over runs (pooled-claims.csv, by run-bench.sh pool), "
                    "no summary.csv")


@dataclass
class Analysis:
    df: pd.DataFrame  # summary.csv rows of every run, with strategy names (strategies.with_names)
    manifests: dict  # run id -> manifest.json
    folders: dict  # run id -> results folder
    out_dir: Path
    study: ClaimStudy | None = None  # claims.csv and claim-shots.csv, where the runs have them
    interleaved: InterleavedStudy | None = None  # interleaved.csv and interleaved-shots.csv, where the runs have them
    pooled: PooledStudy | None = None  # pooled-claims.csv and pooled-runs.csv, where the folders are pooled ones
    network: NetworkStudy | None = None  # claims-network.csv and relay-cost.csv, where the runs have them
    scale: ScaleStudy | None = None  # scale.csv and scale-fits.csv, where the runs have scale.csv
    peers: PeersStudy | None = None  # peers.csv, where the runs have it

    @classmethod
    def load(cls, results=None, out=None) -> "Analysis":
        summary, manifests, folders = load_runs(results)
        return cls(with_names(summary), manifests, folders, output_dir(list(folders.values()), out),
                   load_claim_study(folders), load_interleaved(folders), load_pooled(folders), load_network(folders),
                   load_scale(folders), load_peers(folders))

    @property
    def claims_shown(self) -> ClaimStudy | None:
        """The claims study as its figures and table show it: at each run's first round-trip time
        (loopback), where a run measured several; the figure and table of the claims per round-trip
        time show every one."""
        return first_level(self.study) if self.study is not None else None

    # ---- what this run writes

    @property
    def scopes(self) -> set:
        """Strategy outputs unless the run is only a claims study, only claims pooled over runs
        or only the scale study or the Python peers (they would be nothing but placeholders); the claims
        study's where it has claims.csv; the pooled claims' where a folder has pooled-claims.csv; the scale
        study's where it has scale.csv; the Python peers' where it has peers.csv."""
        only_studies = (self.study is not None or self.pooled is not None or self.scale is not None
                        or self.peers is not None)
        strategy_rows = not self.df[self.df["benchmark"] != SCALE_STUDY].empty
        return ({STRATEGIES} if strategy_rows or not only_studies else set()) | \
            ({CLAIMS_STUDY} if self.study is not None else set()) | \
            ({INTERLEAVED} if self.interleaved is not None else set()) | \
            ({POOLED} if self.pooled is not None else set()) | \
            ({CLAIMS_RTT} if self.study is not None and over_rtt(self.study.claims) else set()) | \
            ({NETWORK} if self.network is not None and self.network.arms is not None else set()) | \
            ({RELAY_COST} if self.network is not None and self.network.relay_cost is not None else set()) | \
            ({SCALE} if self.scale is not None else set()) | \
            ({PEERS} if self.peers is not None else set())

    def figures(self) -> list[FigureSpec]:
        return [f for f in outputs.FIGURES if f.scope in self.scopes]

    def tables(self) -> list[TableSpec]:
        return [t for t in outputs.TABLES if t.scope in self.scopes | {outputs.ALWAYS}]

    def expected_files(self) -> list[str]:
        """Every file this run gets, relative to out_dir (run-notebook.sh checks them)."""
        return outputs.expected_files(self.scopes)

    def skip_reason(self, scope: str) -> str:
        """Why this run does not get the outputs of a scope ("" when it does)."""
        if scope in self.scopes:
            return ""
        if scope == CLAIMS_STUDY:
            return (f"no {CLAIMS_FILE} in this run: run-bench.sh profile claims writes it "
                    f"({schema.benchmark_class('CLAIM')})")
        if scope == INTERLEAVED:
            return interleaved.NEEDS
        if scope == POOLED:
            return pooled.NEEDS
        if scope == SCALE:
            return scale.NEEDS
        if scope == PEERS:
            return peers.NEEDS
        if scope in (CLAIMS_RTT, NETWORK, RELAY_COST):
            return {CLAIMS_RTT: network.NEEDS_RTT, NETWORK: network.NEEDS_NETWORK,
                    RELAY_COST: network.NEEDS_RELAY_COST}[scope]
        if self.study is not None:
            return ONLY_CLAIMS_NOTE
        if self.pooled is not None:
            return ONLY_POOLED_NOTE
        return ONLY_PEERS_NOTE if self.scale is None and self.peers is not None else ONLY_SCALE_NOTE

    # ---- what the run holds

    def coverage(self) -> pd.DataFrame:
        """Configurations per benchmark in each run, and which profile adds the missing ones."""
        rows = []
        for run in self.manifests:
            if is_pooled_manifest(self.manifests[run]):
                rows.append(self._pooled_coverage(run))
                continue
            have = self.df[self.df["run"] == run]
            profile = (self.manifests[run].get("run") or {}).get("profile")
            benches = COVERED + sorted(set(have["benchmark"]) - set(COVERED))
            for b in benches:
                n = int((have["benchmark"] == b).sum())
                rows.append({"run": run, "profile": profile, "benchmark": b, "configurations": n,
                             "note": "" if n else "missing: " + profile_hint([b])})
            claims = self.study.claims[self.study.claims["run"] == run] if self.study is not None else []
            rows.append({"run": run, "profile": profile, "benchmark": CLAIM_MIX, "configurations": len(claims),
                         "note": f"{CLAIMS_FILE} rows, with every shot in {CLAIM_SHOTS_FILE}" if len(claims)
                         else "missing: " + profile_hint([CLAIM_MIX])})
        return pd.DataFrame(rows)

    def _pooled_coverage(self, run) -> dict:
        """A pooled folder's line of coverage: its comparisons, not benchmarks it never ran."""
        n = int((self.pooled.claims["pool"] == run).sum()) if self.pooled is not None else 0
        return {"run": run, "profile": "pool", "benchmark": "claims pooled over runs", "configurations": n,
                "note": f"{POOLED_CLAIMS_FILE} rows, with every run's estimate in {POOLED_RUNS_FILE}"}

    def incomplete(self) -> pd.DataFrame:
        """Configurations with fewer committed chunks than chunks (left out of every comparison)."""
        cols = ["run", "strategy"] + PARAMS + ["chunks", "successful_chunks"]
        return self.df.loc[~self.df["complete"], cols]

    # ---- tables as frames

    @property
    def best(self) -> pd.DataFrame:
        return tables.best_configuration(self.df, self.manifests)

    def best_display(self) -> pd.DataFrame:
        return tables.best_configuration_display(self.best)

    def table_shape_display(self) -> pd.DataFrame:
        return tables.table_shape_cost_display(tables.table_shape_cost(self.df, self.manifests))

    def interleaved_display(self) -> pd.DataFrame:
        if self.interleaved is None:
            return pd.DataFrame({"note": [self.skip_reason(INTERLEAVED)]})
        return interleaved.comparison_display(interleaved.comparison(self.interleaved, self.df))

    def claims_display(self) -> pd.DataFrame:
        if self.study is None:
            return pd.DataFrame({"note": [self.skip_reason(CLAIMS_STUDY)]})
        return claim_study_display(self.claims_shown.claims)

    def claims_rtt_display(self) -> pd.DataFrame:
        if CLAIMS_RTT not in self.scopes:
            return pd.DataFrame({"note": [self.skip_reason(CLAIMS_RTT)]})
        return network.claims_rtt_display(self.study.claims)

    def network_display(self) -> pd.DataFrame:
        if NETWORK not in self.scopes:
            return pd.DataFrame({"note": [self.skip_reason(NETWORK)]})
        return network.network_display(self.network.arms)

    def relay_cost_display(self) -> pd.DataFrame:
        if RELAY_COST not in self.scopes:
            return pd.DataFrame({"note": [self.skip_reason(RELAY_COST)]})
        return network.relay_cost_display(self.network.relay_cost)

    def scale_display(self) -> pd.DataFrame:
        if SCALE not in self.scopes:
            return pd.DataFrame({"note": [self.skip_reason(SCALE)]})
        return scale.scale_display(self.scale)

    def scale_fits_display(self) -> pd.DataFrame:
        if SCALE not in self.scopes:
            return pd.DataFrame({"note": [self.skip_reason(SCALE)]})
        return scale.scale_fits_display(self.scale)

    def peers_display(self) -> pd.DataFrame:
        if PEERS not in self.scopes:
            return pd.DataFrame({"note": [self.skip_reason(PEERS)]})
        return peers.peers_display(self.peers)

    def pooled_display(self) -> pd.DataFrame:
        if self.pooled is None:
            return pd.DataFrame({"note": [self.skip_reason(POOLED)]})
        return pooled_display(self.pooled)

    @property
    def environment(self) -> pd.DataFrame:
        return environment_table(self.manifests)

    def _table(self, name: str) -> tuple[pd.DataFrame, str]:
        """(frame for the CSV, LaTeX) of one registered table."""
        if name == "best_configuration":
            best = self.best
            if best.empty:
                display = pd.DataFrame({"strategy": ["no data in this run"],
                                        "note": [hint_for_missing(self.df, [SYNC, POOLED_COPY], self.manifests)]})
            else:
                display = tables.best_configuration_display(best)
            return best, tables.best_configuration_latex(display, rows_text(self.df, self.manifests))
        if name == "table_shape_cost":
            points = tables.table_shape_cost(self.df, self.manifests)
            if points.empty:
                display, base = pd.DataFrame({"table shape": ["no data in this run"],
                                              "note": [table_shapes.NEEDS + this_run_note(self.manifests)]}), "-"
            else:
                display, base = tables.table_shape_cost_display(points), table_shapes.base_text(points)
            return points, tables.table_shape_cost_latex(display, rows_text(self.df, self.manifests), base)
        if name == "all_configurations":
            every = self.df.drop(columns=["family_order", "bench_order"])
            return every, tables.all_configurations_latex(tables.all_configurations_display(self.df))
        if name == "interleaved_references":
            points = interleaved.comparison(self.interleaved, self.df)
            return points, tables.interleaved_latex(interleaved.comparison_display(points),
                                                    rows_text(self.df, self.manifests))
        if name == "claims":
            shown = self.claims_shown
            display = claim_study_display(shown.claims)
            return display, tables.claims_latex(display, shown.level)
        if name == "claims_rtt":
            display = network.claims_rtt_display(self.study.claims)
            return display, tables.claims_rtt_latex(display)
        if name == "claims_network":
            display = network.network_display(self.network.arms)
            return network.network_split(self.network.arms), tables.claims_network_latex(display)
        if name == "relay_cost":
            display = network.relay_cost_display(self.network.relay_cost)
            return self.network.relay_cost, tables.relay_cost_latex(display)
        if name == "pooled_claims":
            display = pooled_display(self.pooled)
            return display, tables.pooled_claims_latex(display)
        if name == "scale":
            return scale.scale_points(self.scale), tables.scale_latex(scale.scale_display(self.scale))
        if name == "scale_fits":
            return scale.scale_fits(self.scale), tables.scale_fits_latex(scale.scale_fits_display(self.scale))
        if name == "python_peers":
            return peers.peers_rows(self.peers), tables.peers_latex(peers.peers_display(self.peers))
        if name == "environment":
            env = self.environment
            return env, tables.environment_latex(env)
        raise KeyError(name)

    # ---- figures

    def figure(self, draw) -> Plot:
        spec = spec_for(draw)
        plot = spec.draw(self._figure_data(spec.scope), self.manifests)
        plot.name = spec.stem
        return plot

    def _figure_data(self, scope: str):
        """What a figure of a scope draws: its study's files, else the summary.csv rows."""
        return {CLAIMS_STUDY: self.claims_shown, CLAIMS_RTT: self.study, INTERLEAVED: self.interleaved,
                POOLED: self.pooled, SCALE: self.scale, PEERS: self.peers}.get(scope, self.df)

    def save(self, plot: Plot) -> list[Path]:
        """Write a plot as figures/<stem>.pdf and .png (in FIGURE_FORMATS order)."""
        paths = [self.out_dir / f for f in figure_files(plot.name)]
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        with matplotlib.rc_context(STYLE):
            for path, ext in zip(paths, FIGURE_FORMATS):
                # No creation date in the PDF: an unchanged figure is an unchanged file.
                plot.fig.savefig(path, bbox_inches="tight", metadata={"CreationDate": None} if ext == "pdf" else None)
        return paths

    def show(self, draw) -> None:
        """Draw one figure, write it into out_dir/figures and display it; or
        say why this run does not get it."""
        spec = spec_for(draw)
        reason = self.skip_reason(spec.scope)
        if reason:
            print(f"[{spec.stem}] not written: {reason}")
            return
        plot = self.figure(draw)
        paths = self.save(plot)
        for m in plot.missing:
            print(f"[{plot.name}] incomplete: {m}")
        try:
            from IPython.display import Image, display
            display(Image(filename=str(paths[FIGURE_FORMATS.index("png")])))
        except ImportError:  # outside IPython the files are the output
            print("written:", ", ".join(str(p) for p in paths))

    # ---- writing files

    def export_tables(self) -> list[Path]:
        written = []
        for spec in self.tables():
            frame, tex = self._table(spec.name)
            tex_path, csv_path = (self.out_dir / f for f in table_files(spec.name))
            csv_path.parent.mkdir(parents=True, exist_ok=True)
            frame.to_csv(csv_path, index=False)
            tex_path.write_text(tex, encoding="utf-8")
            written += [tex_path, csv_path]
        return written

    def export_methods(self) -> list[Path]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with_rows = set(self.df["run"])
        md, tex = self.out_dir / outputs.METHODS_MD, self.out_dir / outputs.METHODS_TEX
        studies = dict(study=self.study, interleaved=self.interleaved, pooled=self.pooled, network=self.network,
                       scale_runs=set(self.scale.points["run"]) if self.scale is not None else set())
        md.write_text(methods_text(self.manifests, with_rows, **studies), encoding="utf-8")
        tex.write_text(methods_text(self.manifests, with_rows, latex_output=True, **studies), encoding="utf-8")
        return [md, tex]

    def export_appendix(self) -> Path:
        path = self.out_dir / outputs.APPENDIX_TEX
        path.write_text(appendix.appendix_tex(list(self.manifests), self.figures(), self.tables()),
                        encoding="utf-8")
        return path

    def export(self) -> list[Path]:
        """Tables, methods and the appendix (figures: show or export_all)."""
        return self.export_tables() + self.export_methods() + [self.export_appendix()]

    def export_all(self) -> tuple[list[Path], list[str]]:
        """Every output; returns (written, missing-data notes)."""
        written, notes = [], []
        for spec in self.figures():
            plot = self.figure(spec.draw)
            written += self.save(plot)
            notes += [f"{plot.name}: {m}" for m in plot.missing]
        return written + self.export(), notes

    def check_outputs(self) -> list[str]:
        """Expected output files that are missing or empty."""
        return [f for f in self.expected_files()
                if not (self.out_dir / f).is_file() or (self.out_dir / f).stat().st_size == 0]


def expected_files(results=None) -> list[str]:
    """The files the notebook writes for these results folder(s), relative to
    the output folder: what run-notebook.sh checks."""
    return Analysis.load(results).expected_files()
