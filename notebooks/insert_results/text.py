"""The environment table and the methods paragraph, written from manifest.json
(and, for a claims study, from what the suite says about how it measured)."""
from __future__ import annotations

import math
import re

import pandas as pd

from . import schema
from . import latex
from .claims import JAVA, PYTHON, RTT, RTT_MS, ClaimStudy, is_difference_unit, rtt_label, rtt_levels
from .interleaved import InterleavedStudy
from .fmt import fmt_int, fmt_sig
from .load import CLAIMS_FILE, INTERLEAVED_FILE, POOLED_CLAIMS_FILE, POOLED_RUNS_FILE, SUMMARY_FILE, num
from .network import RELAY_MODEL, NetworkStudy, relayed_runs
from .pooled import PooledStudy, is_pooled_manifest

KEY_SETTINGS = ["fsync", "synchronous_commit", "wal_level", "full_page_writes", "shared_buffers",
                "max_wal_size", "checkpoint_timeout", "wal_buffers", "work_mem", "maintenance_work_mem",
                "max_connections"]
JMH_MODES = {"ss": "single-shot", "thrpt": "throughput", "avgt": "average-time", "sample": "sampling"}


def _get(d: dict, *path, default=None):
    for p in path:
        if not isinstance(d, dict) or p not in d or d[p] is None:
            return default
        d = d[p]
    return d


def settings_list(manifest: dict) -> list[tuple[str, str]]:
    """The server settings the manifest recorded: the key ones first, then the rest."""
    settings = dict(_get(manifest, "postgres", "settings", default={}) or {})
    for s in _get(manifest, "postgres", "allSettings", default=[]) or []:
        if isinstance(s, dict) and s.get("name") in KEY_SETTINGS and s["name"] not in settings:
            unit = s.get("unit")
            settings[s["name"]] = f"{s.get('setting')}{' ' + unit if unit else ''}"
    keys = [k for k in KEY_SETTINGS if k in settings] + sorted(k for k in settings if k not in KEY_SETTINGS)
    return [(k, str(settings[k])) for k in keys]


def pooled_rows(manifest: dict) -> list[tuple[str, str]]:
    """A pooled folder's manifest: when and how it was written and one row per run it pools; none for a run."""
    if not is_pooled_manifest(manifest):
        return []
    rows = [("pooled (UTC)", manifest.get("createdUtc")), ("command", manifest.get("command"))]
    git = manifest.get("git") or {}
    if git.get("commit"):
        rows.append(("pooled by commit", str(git["commit"])[:12] + (" (dirty)" if git.get("dirty") else "")))
    for r in manifest.get("runs") or []:
        if isinstance(r, dict):
            commit = str(r.get("commit") or "")[:12] + (" (dirty)" if r.get("dirty") else "")
            rows.append((f"pooled run {r.get('folder') or r.get('id')}",
                         ", ".join(str(x) for x in (r.get("id"), r.get("startedUtc"), commit) if x)))
    return rows


def environment_rows(manifest: dict) -> list[tuple[str, str]]:
    host, jvm, pg = manifest.get("host") or {}, manifest.get("jvm") or {}, manifest.get("postgres") or {}
    ds, run, git, jmh = (manifest.get(k) or {} for k in ("dataset", "run", "git", "jmh"))
    mem = num(host.get("memoryBytes"))
    rows = [
        ("run", run.get("id")),
        ("profile", run.get("profile")),
        ("started (UTC)", run.get("startedUtc")),
        ("finished (UTC)", run.get("finishedUtc")),
        ("command", run.get("command")),
        ("git commit", (str(git.get("commit"))[:12] + (" (dirty)" if git.get("dirty") else ""))
         if git.get("commit") else None),
        ("OS", " ".join(str(x) for x in (host.get("os"), host.get("osVersion"), host.get("arch")) if x)),
        ("CPU", f"{host.get('cpuModel') or 'unknown'}" + (f", {host['cpuId']}" if host.get("cpuId") else "")
         + f" ({host.get('cpuCount', '?')} logical CPUs)"
         if host else None),
        ("memory", f"{mem / 2**30:.1f} GiB" if not math.isnan(mem) else None),
        ("JVM", " ".join(str(x) for x in (jvm.get("vendor"), jvm.get("version")) if x)),
        ("JVM fork flags", " ".join(jvm.get("forkFlags") or []) or None),
        ("PostgreSQL", pg.get("version")),
        ("JDBC driver", pg.get("driver")),
        ("round trip (SELECT 1)", round_trip_text(pg.get("roundTrip"))),
        ("Python loader", python_loader_text(manifest)),
        ("provider", " / ".join(str(x) for x in (pg.get("provider"), pg.get("profile")) if x)),
        ("provider detail", pg.get("detail")),
    ]
    rows += pooled_rows(manifest)
    rows += [(f"setting {k}", v) for k, v in settings_list(manifest)]
    rows += [
        ("dataset rows", fmt_int(num(ds.get("rows"))) if ds.get("rows") is not None else None),
        ("dataset seed", ds.get("seed")),
        ("average row bytes", fmt_sig(num(ds.get("averageRowBytes")), 4)
         if ds.get("averageRowBytes") is not None else None),
        ("JMH", jmh.get("version")),
        ("JMH mode", jmh.get("mode")),
        ("forks", jmh.get("forks")),
        ("warm-up shots", jmh.get("warmupIterations")),
        ("measured shots", jmh.get("measurementIterations")),
        ("shots of the interleaved forks", ", ".join(f"{w} + {n}" for w, n in sorted(set(own_shots(manifest)[0])))),
        ("profilers", ", ".join(str(p) for p in jmh.get("profilers") or []) or None),
    ]
    return [(k, str(v)) for k, v in rows if v not in (None, "")]


# manifest.json's pythonLoader: the versions the Python port of the original loader ran with.
PYTHON_LOADER_FIELDS = [("python", "Python"), ("psycopg", "psycopg"), ("psycopgImplementation", "implementation"),
                        ("psycopgPool", "psycopg_pool"), ("pydantic", "pydantic"), ("libpq", "libpq"),
                        ("asyncpg", "asyncpg")]
# Whether psycopg's executemany ran in pipeline mode (manifest schema 10), in words.
PIPELINE_FIELD = "psycopgPipeline"


def python_loader_text(manifest: dict) -> str | None:
    """"Python 3.11.2, psycopg 3.1.7, ..." from manifest.json's pythonLoader; "not run: <reason>"
    where the suite skipped the Python port; None where the manifest has no pythonLoader (a run
    from before the Python port)."""
    loader = manifest.get("pythonLoader")
    if not isinstance(loader, dict):
        return None
    if loader.get("skipped"):
        return f"not run: {loader['skipped']}"
    known = [f"{name} {loader[k]}" for k, name in PYTHON_LOADER_FIELDS if loader.get(k)]
    if isinstance(loader.get(PIPELINE_FIELD), bool):
        known.append("executemany " + ("in" if loader[PIPELINE_FIELD] else "outside") + " pipeline mode")
    others = [f"{k} {v}" for k, v in loader.items()
              if k not in dict(PYTHON_LOADER_FIELDS) and k != PIPELINE_FIELD and v]
    return ", ".join(known + others) or None


def round_trip_text(round_trip) -> str | None:
    """How far the server was: the median and fastest SELECT 1 of the manifest (schema 9), or None."""
    if not round_trip:
        return None
    return (f"median {round_trip['medianMs']:.3g} ms, fastest {round_trip['minMs']:.3g} ms "
            f"(n = {round_trip['n']}, before the first fork)")


def environment_table(manifests: dict) -> pd.DataFrame:
    """field | value (one value column per run when there are several)."""
    cols = {run: dict(environment_rows(m)) for run, m in manifests.items()}
    fields = list(dict.fromkeys(k for c in cols.values() for k in c))
    out = pd.DataFrame({"field": fields})
    for run, c in cols.items():
        out[run if len(cols) > 1 else "value"] = [c.get(f, "-") for f in fields]
    return out


def _statistics_sentence(code, esc) -> str:
    return (esc("Every number of the strategies was computed once by the benchmark suite and written to ")
            + code(SUMMARY_FILE) + esc(
                "; this report only selects, formats and draws it. Throughput is the row count divided by the "
                "mean time of a shot; its 95 % interval is Student's t over the n measured shots (n - 1 degrees "
                "of freedom), mapped to rows per second, and there is none where fewer than two shots were "
                "measured. Ratios (to the sync baseline, to the server's ceilings, to psql \\copy) carry a 95 % "
                "interval from the delta method on the log times with Welch's t. MB/s is the payload rate: rows "
                "per second times the dataset's average row bytes, the same measure for every protocol."))


def own_shots(manifest: dict) -> tuple[list[tuple[int, int]], int]:
    """(warm-up, measured) shots of each configuration that set its own (the forks that interleave arms:
    the claims study's and the interleaved references'), as the manifest's order lists them
    ("... (w + m shots)"), and how many configurations were planned."""
    listed = ((manifest.get("order") or {}).get("configurations")) or []
    found = [re.search(r"\((\d+) \+ (\d+) shots\)$", str(c)) for c in listed]
    return [(int(x.group(1)), int(x.group(2))) for x in found if x], len(listed)


def _span(values) -> str:
    v = sorted(set(values))
    return str(v[0]) if len(v) == 1 else f"{v[0]} to {v[-1]}"


def memory_as_difference(study: ClaimStudy, run) -> bool:
    """Whether a run's claims.csv compares memory as a difference in percent of the dataset (the
    current format) rather than as a ratio ("x memory", files written before it)."""
    units = study.claims.loc[study.claims["run"] == run, "unit"]
    return bool(units.map(is_difference_unit).any())


# How memory was measured and compared: as files before the difference unit describe it, and as the current ones do.
_RETAINED_HEAP_AS_RATIO = (
    "Retained heap is the heap used right after a full collection, at its highest over collections forced every "
    "100 ms during a warm-up load, minus the same before the load: live objects only (rows converted up front, "
    "chunks in flight), not the dataset every arm holds, and not garbage; memory comparisons are ratios of the "
    "two arms' retained heap.")
_MEMORY_HELD_AS_DIFFERENCE = (
    "Memory held is what a load holds at its fullest moment: the live objects on the heap from the JVM's class "
    "histogram while the load's first chunks wait at their fullest, minus the same just before the load (rows "
    "converted up front, chunks in flight, the connections the load opened; not the dataset every arm holds, and "
    "not garbage). Memory is compared as a difference, not a ratio: how much more the changed arm holds, in percent "
    "of the dataset's own size in memory (counted the same way), with both arms' MB and the extra bytes per row "
    "beside it; its 95 % interval is Student's t over the rounds' differences.")


def _claim_study_sentence(study: ClaimStudy, run, code, esc) -> str:
    rounds = study.rounds(run)
    over = f", over {rounds} rounds (separate JMH runs)" if rounds else ""
    memory = _MEMORY_HELD_AS_DIFFERENCE if memory_as_difference(study, run) else _RETAINED_HEAP_AS_RATIO
    return (esc("The claims study (") + code(schema.benchmark_class("CLAIM")) + esc(
        ") measured the arms of each claim interleaved shot by shot, one shot of every arm per block in random "
        f"order{over}, all on one server started once for the run; each time comparison pairs the two arms within "
        "every block, and its 95 % interval is Student's t over the forks' mean log ratios. " + memory + " The Java "
        "port differs from the Python "
        "original in its threads (not asyncio) and driver (pgjdbc, not psycopg); it sends COPY in text format "
        "as psycopg's write_row does, uses the original's pool of 1 to 5 connections, and converts each record "
        "exactly once whether up front or per chunk, so the conversion claim tests where the conversion "
        "happens, not a repeated one. The estimates with their intervals, the precision reached and the "
        "verdicts are those the benchmark suite computed and wrote to ") + code(CLAIMS_FILE) + esc(
        ", reported here as written."))


def _pooled_paragraph(pool, m: dict, code, esc, pooled: PooledStudy | None) -> str:
    """A pooled folder's paragraph: which runs were pooled and how, as the suite did it."""
    runs = [r for r in m.get("runs") or [] if isinstance(r, dict)]
    named = ", ".join(code(r.get("folder") or r.get("id")) + (
        f" (run {code(r['id'])}, commit {code(str(r['commit'])[:12])}" + (", with uncommitted changes" if r.get("dirty")
                                                                        else "") + ")" if r.get("id") and r.get("commit") else "")
        for r in runs)
    first = f"Folder {code(pool)} pools the claims study over {len(runs)} runs" + (f": {named}" if named else "")
    if m.get("command"):
        first += f", written by {code(m['command'])}"
    git = m.get("git") or {}
    if git.get("commit"):
        first += f" at commit {code(str(git['commit'])[:12])}" + (" with uncommitted changes" if git.get("dirty") else "")
    n = int((pooled.claims["pool"] == pool).sum()) if pooled is not None else 0
    return first + "." + esc(
        f" Each of its {n} comparisons takes every run's estimate and standard error on the analysis scale (log "
        "ratio for times, difference in percent of the dataset for memory) as one observation and pools them by a "
        "random-effects model: the between-run variance tau^2 by DerSimonian and Laird, the 95 % interval by "
        "Hartung, Knapp, Sidik and Jonkman (t with runs - 1 degrees of freedom), and the prediction interval, where "
        "another run is expected to land, by Higgins, Thompson and Spiegelhalter (t with runs - 2 degrees of "
        "freedom; three runs at least); I^2 is the share of the variation between the runs' estimates not explained "
        "by their own standard errors. The pooled verdict reads the pooled interval as a run's verdict reads its "
        "own. Every number is the benchmark suite's, from ") + code(POOLED_CLAIMS_FILE) + esc(" and ") + code(
        POOLED_RUNS_FILE) + esc(", reported here as written.")


def _interleaved_sentence(study: InterleavedStudy, run, code, esc) -> str:
    rounds = study.rounds(run)
    return (esc("Pooled COPY, psql \\copy and the parallel server-side COPY ceiling were also measured interleaved (")
            + code(schema.benchmark_class("INTERLEAVED_REFERENCES")) + esc(
                "): in each fork blocks of one shot of every arm in random order, "
                f"{rounds} round{'' if rounds == 1 else 's'} (forks) per configuration spread over the run; pooled "
                "COPY's ratio over each reference pairs the arms within every block, with a 95 % interval by "
                "Student's t over the rounds' mean log ratios, as the benchmark suite computed and wrote them to ")
            + code(INTERLEAVED_FILE) + esc("."))


def _python_rows_text(study: ClaimStudy, run) -> str:
    """"with the same rows", or "on the first 40,000 of the same 100,000 rows" where the ports loaded
    different numbers (from claim-shots.csv's rows)."""
    shots = study.shots[study.shots["run"] == run] if not study.shots.empty else study.shots
    if shots.empty:
        return "with the same dataset"
    rows = {lang: shots.loc[shots["language"] == lang, "rows"].max() for lang in (JAVA, PYTHON)}
    if any(pd.isna(v) for v in rows.values()) or rows[JAVA] == rows[PYTHON]:
        return "with the same rows"
    return f"on the first {rows[PYTHON]:,.0f} of the same {rows[JAVA]:,.0f} rows"


def _python_port_sentence(study: ClaimStudy | None, run, m: dict, esc) -> str:
    """What the Python port ran with, or why it did not run; nothing for a run from before it."""
    loader = m.get("pythonLoader")
    if isinstance(loader, dict) and loader.get("skipped"):
        return esc(f"The Python port of the original loader did not run: {loader['skipped']}.")
    mine = study.claims[(study.claims["run"] == run) & (study.claims["language"] == PYTHON)] \
        if study is not None else None
    versions = python_loader_text(m)
    with_versions = f" ({versions})" if versions else " (versions not recorded in manifest.json)"
    if mine is None or mine.empty:
        if not isinstance(loader, dict):
            return ""  # a run from before the Python port
        return esc(f"The run names a Python port of the original loader{with_versions}, but {CLAIMS_FILE} "
                   "holds none of its comparisons.")
    s = ("The claims study also measured the claims in a Python port of the original loader, on asyncio with "
         f"psycopg 3 and pydantic{with_versions}, on the same server, {_python_rows_text(study, run)} and in the "
         "same run; its "
         "comparisons stand next to the Java port's in the claims table and figure, and a comparison one port "
         "lacks is shown for the other only")
    java_rows = set(study.claims.loc[(study.claims["run"] == run) & (study.claims["language"] == JAVA), "row"])
    if "virtual_vs_platform" in java_rows - set(mine["row"]):
        s += " (virtual against platform threads: Python has no virtual threads)"
    s += "."
    if (mine["row"] == "retained_memory").any():
        s += (" The Python port's retained memory is tracemalloc's peak during one probed load, not the "
              "retained heap.")
    if (mine["row"] == "peak_rss").any():
        s += (" Its peak RSS row compares the growth of the process's resident memory during a load"
              + (", as a difference in percent of the dataset." if memory_as_difference(study, run) else "."))
    return esc(s)


def _run_paragraph(run, m: dict, code, esc, has_strategies: bool, study: ClaimStudy | None,
                   interleaved: InterleavedStudy | None) -> str:
    host, jvm, pg = m.get("host") or {}, m.get("jvm") or {}, m.get("postgres") or {}
    ds, r, git, jmh = (m.get(k) or {} for k in ("dataset", "run", "git", "jmh"))
    s = []
    first = f"Run {code(run)}"
    if r.get("profile"):
        first += f" (profile {code(r['profile'])})"
    if r.get("startedUtc"):
        # to the second: the manifest keeps the nanoseconds, which would not break across a line
        started = re.sub(r"(T\d\d:\d\d:\d\d)\.\d+", r"\1", str(r["startedUtc"]))
        first += f" started at {esc(started)}"
    if git.get("commit"):
        first += f" from commit {code(str(git['commit'])[:12])}" + (
            " with uncommitted changes" if git.get("dirty") else "")
    if r.get("command"):
        first += f", invoked as {code(r['command'])}"
    s.append(first + ".")
    if host:
        mem = num(host.get("memoryBytes"))
        os_text = " ".join(str(x) for x in (host.get("os"), host.get("osVersion")) if x) or "an unrecorded OS"
        hw = f"The host ran {esc(os_text)}"
        if host.get("arch"):
            hw += f" on {esc(host['arch'])}"
        hw += f"; CPU: {esc(host.get('cpuModel') or 'not recorded')}"
        if host.get("cpuId"):
            hw += f" ({esc(host['cpuId'])})"
        if host.get("cpuCount"):
            hw += f", {host['cpuCount']} logical CPUs"
        if not math.isnan(mem):
            hw += f"; memory: {mem / 2**30:.0f} GiB"
        s.append(hw + ".")
    if jvm:
        j = "Benchmarks ran on the " + esc(" ".join(str(x) for x in (jvm.get("vendor"), "JVM", jvm.get("version"))
                                                    if x))
        if jvm.get("forkFlags"):
            # one typewriter run per flag: the spaces between them stretch, so a long flag breaks the line cleanly
            j += " with fork flags " + " ".join(code(flag) for flag in jvm["forkFlags"])
        s.append(j + ".")
    if pg:
        short = re.match(r"PostgreSQL [^\s,]+", str(pg.get("version") or ""))
        p = esc(short.group(0)) if short else f"PostgreSQL ({esc(pg.get('version') or 'version not recorded')})"
        p += f" was provided by the {esc(pg.get('provider') or 'unrecorded')} provider"
        if pg.get("profile"):
            p += f" with the {esc(pg['profile'])} settings profile"
        if pg.get("detail"):
            p += f" ({esc(pg['detail'])})"
        if pg.get("driver"):
            p += f"; the benchmarks connected through {esc(pg['driver'])}"
        sett = settings_list(m)
        key = [(k, v) for k, v in sett if k in KEY_SETTINGS] or sett[:8]
        if key:
            p += "; key settings: " + ", ".join(f"{code(k)} = {esc(v)}" for k, v in key)
        s.append(p + ".")
    if ds:
        d = f"The dataset had {fmt_int(num(ds.get('rows')))} generated article rows"
        extras = []
        if ds.get("seed") is not None:
            extras.append(f"seed {esc(ds['seed'])}")
        if ds.get("averageRowBytes") is not None:
            extras.append(f"on average {fmt_sig(num(ds['averageRowBytes']), 4)} bytes per row")
        if extras:
            d += " (" + ", ".join(extras) + ")"
        s.append(d + ", generated in memory before any measurement.")
    jm = (f"JMH {esc(jmh.get('version') or '')} measured each configuration in "
          f"{JMH_MODES.get(str(jmh.get('mode') or 'ss'), esc(jmh.get('mode')))} mode, one operation loading the "
          f"whole dataset once")
    own, planned = own_shots(m)
    if jmh.get("forks") is not None:
        jm += f", with forks: {esc(jmh['forks'])}"
        if len(own) < planned or not planned:
            jm += (f"; warm-up shots: {esc(jmh.get('warmupIterations', '?'))}; "
                   f"measured shots: {esc(jmh.get('measurementIterations', '?'))} per configuration")
    if own:
        jm += ("; " + ("every configuration, an interleaved fork, set its own shots" if len(own) == planned
                       else f"the interleaved forks ({len(own)} configuration{'s' if len(own) > 1 else ''}) set their own shots")
               + ", in whole blocks of one shot per arm: warm-up "
               + esc(_span(w for w, _ in own)) + ", measured " + esc(_span(n for _, n in own)))
    if jmh.get("profilers"):
        jm += "; profilers: " + ", ".join(code(p) for p in jmh["profilers"])
    s.append(jm + ".")
    if interleaved is not None and (interleaved.ratios["run"] == run).any():
        s.append(_interleaved_sentence(interleaved, run, code, esc))
    has_claims = study is not None and (study.claims["run"] == run).any()
    if has_claims:
        s.append(_claim_study_sentence(study, run, code, esc))
    python = _python_port_sentence(study, run, m, esc)
    if python:
        s.append(python)
    if has_strategies:
        s.append(_statistics_sentence(code, esc))
    return " ".join(s)


def _network_paragraph(study: ClaimStudy | None, run, esc) -> str:
    """A run measured through the latency relay: the round-trip times of its claims, and what the relay models
    (results/schema.json's network.relayModel, the suite's own words)."""
    claims = study.claims[study.claims["run"] == run] if study is not None else None
    if claims is None or claims.empty:
        return esc(RELAY_MODEL)
    ms = claims.groupby(RTT, sort=False)[RTT_MS].first()
    levels = [rtt_label(level, ms[level]) for level in rtt_levels(claims)]
    named = levels[0] if len(levels) == 1 else ", ".join(levels[:-1]) + " and " + levels[-1]
    return esc(f"The claims study measured every claim at the round-trip time{'s' if len(levels) > 1 else ''} "
               f"{named} (loopback: the loader connected to the server directly)"
               + (", each from the forks at that time only; the claims figure and table show the first, the "
                  "claims per round-trip time every one. " if len(levels) > 1 else ". ") + RELAY_MODEL)


def methods_text(manifests: dict, runs_with_strategies, latex_output: bool = False,
                 study: ClaimStudy | None = None, interleaved: InterleavedStudy | None = None,
                 pooled: PooledStudy | None = None, network: NetworkStudy | None = None,
                 scale_runs=()) -> str:
    """A methods paragraph per run (per pooled folder: which runs it pools, and how), as
    Markdown or LaTeX; for a run measured through the latency relay, a paragraph on it; for a run with
    the scale study (scale_runs), the suite's paragraph on it.
    runs_with_strategies: the runs whose summary.csv has rows (they get the statistics sentence)."""
    code = latex.code if latex_output else (lambda s: f"`{s}`")
    esc = latex.escape if latex_output else str
    relayed = relayed_runs(study, network)
    paras = [_pooled_paragraph(run, m, code, esc, pooled) if is_pooled_manifest(m) else
             _run_paragraph(run, m, code, esc, run in set(runs_with_strategies), study, interleaved)
             + ("\n\n" + _network_paragraph(study, run, esc) if run in relayed else "")
             + ("\n\n" + esc(schema.scale_method()) if run in set(scale_runs) else "")
             for run, m in manifests.items()]
    if latex_output:
        return "% Methods, written from manifest.json by notebooks/insert_results\n" + "\n\n".join(paras) + "\n"
    return "# Methods\n\n" + "\n\n".join(paras) + "\n"
