"""What the notebook writes: every figure and table with its file names,
listed once. The drawing and exporting code (analysis.py), the check of
run-notebook.sh (expected_files) and its cleaning of earlier outputs
(every_output_file) all read these lists."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import claim_figures, figures, interleaved, network, peers, pooled, scale, table_shapes, transports, versions

# Which part of a run an output belongs to; a run gets the outputs of the parts it has.
STRATEGIES = "strategies"  # summary.csv rows (or no claims study: then placeholders say what is missing)
CLAIMS_STUDY = "claims study"  # claims.csv
INTERLEAVED = "interleaved"  # interleaved.csv (the interleaved reference forks)
POOLED = "pooled claims"  # pooled-claims.csv (run-bench.sh pool: claims pooled over runs)
CLAIMS_RTT = "claims per round-trip time"  # claims.csv rows measured through a latency relay (the network profile)
NETWORK = "network"  # claims-network.csv
RELAY_COST = "relay cost"  # relay-cost.csv
SCALE = "scale"  # scale.csv (the scale profile), with scale-fits.csv
PEERS = "python peers"  # peers.csv (the python-peers profile)
ALWAYS = "always"


@dataclass(frozen=True)
class FigureSpec:
    stem: str  # figures/<stem>.pdf and .png
    # (configurations, manifests) -> Plot; for the claims study (ClaimStudy, manifests: at its first round-trip
    # time; for the claims per round-trip time, every one), for the interleaved comparison (InterleavedStudy,
    # manifests), for pooled claims (PooledStudy, manifests), for the scale study (ScaleStudy, manifests), for the
    # Python peers (PeersStudy, manifests)
    draw: Callable
    scope: str
    caption: str  # the appendix's caption; the figure carries its own title and notes


@dataclass(frozen=True)
class TableSpec:
    name: str  # tables/<name>.tex and .csv
    scope: str


# Figures that draw intervals cut at plotting.interval_cap say so in their caption.
CUT_CAPTION = " An interval reaching past twice the largest value ends there in an arrowhead (its bound is in summary.csv)."

FIGURES = [
    FigureSpec("fig1_throughput_best", figures.throughput_best, STRATEGIES,
               "Throughput of each strategy at its fastest configuration, with 95 % intervals." + CUT_CAPTION),
    FigureSpec("fig2_throughput_vs_chunksize", figures.throughput_vs_chunk, STRATEGIES,
               "Throughput against chunk size, the best over the other parameters at each size." + CUT_CAPTION),
    FigureSpec("fig3_scaling_tasks", figures.scaling, STRATEGIES,
               "Throughput against parallel tasks, with linear scaling from the fewest tasks as a guide." + CUT_CAPTION),
    FigureSpec("fig4_speedup_heatmap", figures.speedup_heatmap, STRATEGIES,
               "Speedup over the fastest sync-baseline configuration by chunk size and tasks."),
    FigureSpec("fig5_memory_per_row", figures.memory, STRATEGIES,
               "JVM allocation per row and heap peak growth per strategy; converting up front against "
               "converting in each chunk."),
    FigureSpec("fig6_percent_of_ceiling", figures.percent_of_ceiling, STRATEGIES,
               "Throughput as a percentage of the server's own ingest ceilings." + CUT_CAPTION),
    FigureSpec("fig10_cpu_and_chunk_time", figures.cpu_and_chunk_time, STRATEGIES,
               "Client and server CPU time per row and the mean and slowest chunk time per strategy."),
    FigureSpec("fig11_table_shape_cost", table_shapes.table_shape_cost, STRATEGIES,
               "Throughput of each table shape (no index, primary key, primary key and two secondary indexes, "
               "UNLOGGED) per protocol, every other factor at the factor study's base, with 95 % intervals." + CUT_CAPTION),
    FigureSpec("fig12_throughput_per_server", versions.throughput_per_server, STRATEGIES,
               "Throughput of the sync baseline, each strategy and psql on each PostgreSQL server of the run "
               "(major version, build or server profile), same configuration, with 95 % intervals." + CUT_CAPTION),
    FigureSpec("fig13_transport_cost", transports.transport_cost, STRATEGIES,
               "Transport and connection cost: throughput of a new connection per chunk, pooled executeBatch and "
               "pooled COPY over TCP, TCP with TLS and the Unix-domain socket, every login by scram-sha-256, "
               "with 95 % intervals." + CUT_CAPTION),
    FigureSpec("fig14_interleaved_references", interleaved.interleaved_references, INTERLEAVED,
               "Pooled COPY against psql \\copy and the parallel server-side COPY ceiling, measured interleaved: "
               "every shot in the order it ran, per configuration, and the ratios paired by block with their 95 % "
               "intervals over rounds and each round's ratio."),
    FigureSpec("fig8_claims_intervals", claim_figures.claim_intervals, CLAIMS_STUDY,
               "The original loader's claims: claimed ranges against the measured estimates with their 95 % "
               "intervals and the suite's verdicts, per port of the loader the run measured (Java, Python)."),
    FigureSpec("fig9_claim_shots", claim_figures.claim_shots, CLAIMS_STUDY,
               "Every measured shot of the claims study in the order it ran, per port of the loader."),
    FigureSpec("fig16_claims_vs_rtt", network.claims_vs_rtt, CLAIMS_RTT,
               "The original loader's claims against the round-trip time a latency relay added: per primary "
               "comparison, the estimate with its 95 % interval at each round-trip time (loopback: no relay), per "
               "port of the loader, coloured by the suite's verdict, over the claimed range (claims.csv). An "
               "interval reaching past twice the farthest estimate or claimed bound from the reference line ends "
               "there in an arrowhead (its bounds are in the table of the claims per round-trip time)."),
    FigureSpec("fig17_scale_time", scale.scale_time, SCALE,
               "The scale study: each strategy's time per row against the load's size, per port, with 95 % "
               "intervals (over rounds; an open marker: over one fork's shots, none where it ran one shot), and the "
               "fitted line time = a + b x rows drawn per row as a / rows + b, as the suite wrote them (scale.csv, "
               "scale-fits.csv). An interval reaching past the axis ends there in an arrowhead."),
    FigureSpec("fig18_scale_memory", scale.scale_memory, SCALE,
               "The scale study: the memory each strategy's load held at its fullest moment against the load's "
               "size, per port, with the fitted line memory = c + d x rows (scale.csv, scale-fits.csv), and the "
               "limit the loads run under where the manifest names it: for Java the fork's heap (-Xmx), for "
               "Python the machine's memory (the figure's note says where a limit is not drawn)."),
    FigureSpec("fig19_python_peers", peers.peers_throughput, PEERS,
               "The Python peers beside the original loader: per port (Java, Python) each arm's rows/s (open "
               "marker) with its 95 % interval over the forks (the line through it), the arm after as the "
               "reference (black edge, a dashed line at its rows/s, its interval as a band), "
               "and beside each arm its speed as a multiple of after's in the same language with its 95 % "
               "interval, paired within blocks, as the suite wrote them (peers.csv). An interval reaching past "
               "the axis ends there in an arrowhead (its bounds are in peers.csv)."),
    FigureSpec("fig15_pooled_forest_java", pooled.pooled_forest_java, POOLED,
               "The claims pooled over runs, Java: per primary comparison, each run's estimate "
               "with its 95 % interval, the pooled estimate with its 95 % interval and prediction interval, and "
               "the claimed range, as the suite wrote them (pooled-claims.csv, pooled-runs.csv). An interval "
               "reaching past twice the farthest estimate or claimed bound from the reference line ends there in an "
               "arrowhead (its bounds are in the files)."),
    FigureSpec("fig15_pooled_forest_python", pooled.pooled_forest_python, POOLED,
               "The claims pooled over runs, the Python port: per primary comparison, each run's estimate "
               "with its 95 % interval, the pooled estimate with its 95 % interval and prediction interval, and "
               "the claimed range, as the suite wrote them (pooled-claims.csv, pooled-runs.csv). An interval "
               "reaching past twice the farthest estimate or claimed bound from the reference line ends there in an "
               "arrowhead (its bounds are in the files)."),
]
FIGURE_FORMATS = ("pdf", "png")
# The appendix includes the vector version.
APPENDIX_FIGURE_FORMAT = "pdf"
# Written by earlier versions of the notebook; removed with the other outputs before a run.
RETIRED_FIGURES = ["fig7_claims_vs_measured", "fig15_pooled_forest"]

TABLES = [
    TableSpec("best_configuration", STRATEGIES),
    TableSpec("table_shape_cost", STRATEGIES),
    TableSpec("interleaved_references", INTERLEAVED),
    TableSpec("claims", CLAIMS_STUDY),
    TableSpec("claims_rtt", CLAIMS_RTT),
    TableSpec("claims_network", NETWORK),
    TableSpec("relay_cost", RELAY_COST),
    TableSpec("pooled_claims", POOLED),
    TableSpec("scale", SCALE),
    TableSpec("scale_fits", SCALE),
    TableSpec("python_peers", PEERS),
    TableSpec("environment", ALWAYS),
    TableSpec("all_configurations", STRATEGIES),
]
TABLE_FORMATS = ("tex", "csv")

METHODS_MD = "methods.md"
METHODS_TEX = "methods.tex"
APPENDIX_TEX = "appendix.tex"
# Made from appendix.tex by pdflatex (run-notebook.sh, when pdflatex is installed).
APPENDIX_PDF = "appendix.pdf"
APPENDIX_BUILD_FILES = ("appendix.aux", "appendix.log")
# run-notebook.sh keeps the executed notebook here.
EXECUTED_NOTEBOOK = "notebook.ipynb"


def figure_files(stem: str) -> list[str]:
    return [f"figures/{stem}.{ext}" for ext in FIGURE_FORMATS]


def table_files(name: str) -> list[str]:
    return [f"tables/{name}.{ext}" for ext in TABLE_FORMATS]


def spec_for(draw) -> FigureSpec:
    """The registry entry of a figure function."""
    for spec in FIGURES:
        if spec.draw is draw:
            return spec
    raise KeyError(f"{getattr(draw, '__name__', draw)} is not a registered figure")


def expected_files(scopes: set) -> list[str]:
    """What the notebook writes for a run with these scopes (appendix.pdf not
    included: pdflatex makes it, where installed)."""
    scopes = set(scopes) | {ALWAYS}
    return ([f for spec in FIGURES if spec.scope in scopes for f in figure_files(spec.stem)]
            + [f for spec in TABLES if spec.scope in scopes for f in table_files(spec.name)]
            + [METHODS_MD, METHODS_TEX, APPENDIX_TEX])


def every_output_file() -> list[str]:
    """Every file the notebook or run-notebook.sh may write into an output
    folder, for any run: what is removed before a new run, and nothing else."""
    return (expected_files({STRATEGIES, CLAIMS_STUDY, INTERLEAVED, POOLED, CLAIMS_RTT, NETWORK, RELAY_COST,
                                    SCALE, PEERS})
            + [f for stem in RETIRED_FIGURES for f in figure_files(stem)]
            + [APPENDIX_PDF, *APPENDIX_BUILD_FILES, EXECUTED_NOTEBOOK])
