"""Figures, tables, methods text and a thesis appendix from pg-insert-bench
results folders.

A results folder's summary.csv holds every number of the strategies, computed
once by the suite; claims.csv and claim-shots.csv hold the claims study; a
pooled folder's pooled-claims.csv and pooled-runs.csv the claims pooled over
runs; manifest.json describes the run (contract: results/README.md). This package
selects, formats and draws them; it computes no metric of its own.

    load        reading results folders
    strategies  what the benchmarks are; choosing configurations to show
    claims      the claims study's files and their text
    plotting    shared drawing helpers; figures, claim_figures: the figures
    table_shapes  the table-shape study: its configurations and figure
    transports    the transport study: its configurations and figure
    interleaved   pooled COPY against psql and the parallel ceiling, interleaved: its files, table and figure
    network     the claims per round-trip time (latency relay): claims-network.csv, relay-cost.csv, tables and figure
    scale       the scale study: scale.csv, scale-fits.csv, their tables and figures (time and memory against size)
    peers       the Python peers beside the original loader: peers.csv, its table and figure (rows/s per arm)
    pooled      claims pooled over runs (run-bench.sh pool): pooled-claims.csv, pooled-runs.csv, table and forest plot
    tables      the tables (CSV frames and booktabs LaTeX via latex)
    text        environment table and methods paragraph
    outputs     the registry of every output file
    appendix    the standalone LaTeX appendix and its PDF
    analysis    Analysis: one run as the notebook uses it
"""
from .analysis import Analysis, expected_files
from .appendix import LatexError, compile_pdf, have_pdflatex
from .claim_figures import claim_intervals, claim_shots
from .claims import (CLAIM_NAMES, CLAIM_SHOTS_COLUMNS, CLAIMS_COLUMNS, VERDICTS, ClaimStudy, claim_study_display,
                     load_claim_study)
from .pooled import (POOLED_CLAIMS_COLUMNS, POOLED_RUNS_COLUMNS, PooledStudy, load_pooled, pooled_display,
                     pooled_forest, pooled_forest_java, pooled_forest_python, read_pooled)
from .figures import (cpu_and_chunk_time, memory, percent_of_ceiling, scaling, speedup_heatmap,
                      throughput_best, throughput_vs_chunk)
from .fmt import fmt_int, fmt_interval, fmt_percent, fmt_ratio, fmt_sig
from .interleaved import InterleavedStudy, interleaved_references, load_interleaved
from .network import NetworkStudy, claims_vs_rtt, load_network
from .scale import ScaleStudy, load_scale, scale_memory, scale_time
from .peers import PeersStudy, load_peers, peers_display, peers_throughput
from .load import (CLAIM_SHOTS_FILE, CLAIMS_FILE, CLAIMS_NETWORK_FILE, INTERLEAVED_FILE, INTERLEAVED_SHOTS_FILE,
                   MANIFEST_FILE, PEERS_FILE, POOLED_CLAIMS_FILE, POOLED_RUNS_FILE, RELAY_COST_FILE, REPO_ROOT,
                   SCALE_FILE, SCALE_FITS_FILE, SUMMARY_COLUMNS, SUMMARY_FILE, load_runs, num, output_dir, read_summary,
                   resolve_results)
from .outputs import FIGURES, TABLES, every_output_file
from .strategies import best_per_strategy, main_rows, plot_data, with_names
from .table_shapes import shape_points, table_shape_cost
from .versions import server_points, throughput_per_server
from .text import environment_table, methods_text
from .transports import transport_cost, transport_points

# What the notebook uses as ir.NAME; listed so that each import above counts as used.
__all__ = ["Analysis", "expected_files", "LatexError", "compile_pdf", "have_pdflatex", "claim_intervals",
           "claim_shots", "CLAIM_NAMES", "CLAIM_SHOTS_COLUMNS", "CLAIMS_COLUMNS", "VERDICTS", "ClaimStudy",
           "claim_study_display", "load_claim_study", "POOLED_CLAIMS_COLUMNS", "POOLED_RUNS_COLUMNS",
           "PooledStudy", "load_pooled", "pooled_display", "pooled_forest", "pooled_forest_java",
           "pooled_forest_python", "read_pooled", "cpu_and_chunk_time", "memory", "percent_of_ceiling",
           "scaling", "speedup_heatmap", "throughput_best", "throughput_vs_chunk", "fmt_int", "fmt_interval",
           "fmt_percent", "fmt_ratio", "fmt_sig", "InterleavedStudy", "interleaved_references",
           "load_interleaved", "NetworkStudy", "claims_vs_rtt", "load_network", "ScaleStudy", "load_scale",
           "scale_memory", "scale_time", "PeersStudy", "load_peers", "peers_display", "peers_throughput",
           "CLAIM_SHOTS_FILE", "CLAIMS_FILE",
           "CLAIMS_NETWORK_FILE", "RELAY_COST_FILE", "INTERLEAVED_FILE",
           "INTERLEAVED_SHOTS_FILE", "MANIFEST_FILE", "POOLED_CLAIMS_FILE", "POOLED_RUNS_FILE", "REPO_ROOT",
           "SCALE_FILE", "SCALE_FITS_FILE", "PEERS_FILE",
           "SUMMARY_COLUMNS", "SUMMARY_FILE", "load_runs", "num", "output_dir", "read_summary",
           "resolve_results", "FIGURES", "TABLES", "every_output_file", "best_per_strategy", "main_rows",
           "plot_data", "with_names", "shape_points", "table_shape_cost", "server_points",
           "throughput_per_server", "environment_table", "methods_text", "transport_cost",
           "transport_points"]
