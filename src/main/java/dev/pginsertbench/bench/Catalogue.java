package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Language;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every benchmark of the suite, described once: its class and method, its role, its label in
 * words, its parameters, what it needs beyond a server, and what the duration estimate expects
 * of it. Profiles, the runner's checks, the estimate and the report all read this; no other
 * main code names a benchmark class (docs/design.md, "Benchmarks").
 */
public enum Catalogue {
    SYNC_BASELINE(SyncBaselineBenchmark.class, "load", Family.BASELINE, "sync baseline (one connection, executeBatch)",
            List.of(Parameter.CHUNK_SIZE, Parameter.RTT), Set.of(), false, ExpectedRate.EXECUTE_BATCH),
    NEW_CONNECTION_PER_CHUNK(NewConnectionPerChunkBenchmark.class, "load", Family.STRATEGY,
            "new connection per chunk, executeBatch",
            List.of(Parameter.CHUNK_SIZE, Parameter.TASKS, Parameter.TRANSPORT, Parameter.RTT), Set.of(), false,
            ExpectedRate.EXECUTE_BATCH),
    POOLED_BATCH(PooledBatchBenchmark.class, "load", Family.STRATEGY, "pooled executeBatch",
            List.of(Parameter.CHUNK_SIZE, Parameter.TASKS, Parameter.TRANSPORT, Parameter.RTT), Set.of(), false,
            ExpectedRate.EXECUTE_BATCH),
    POOLED_COPY(PooledCopyBenchmark.class, "load", Family.STRATEGY, "pooled parallel COPY",
            List.of(Parameter.CHUNK_SIZE, Parameter.TASKS, Parameter.FORMAT, Parameter.TRANSPORT, Parameter.RTT),
            Set.of(), false, ExpectedRate.byProtocol(Parameter.FORMAT)),
    ORIGINAL_LOADER(OriginalLoaderBenchmark.class, "load", Family.ORIGINAL, "original loader before/after",
            List.of(Parameter.VARIANT, Parameter.TASKS, Parameter.RTT), Set.of(), false, ExpectedRate.originalLoader()),
    FACTOR_POINT(FactorBenchmark.class, "load", Family.FACTOR, "factor study point",
            List.of(Parameter.PROTOCOL, Parameter.CONNECTIONS, Parameter.EXECUTOR, Parameter.CONVERSION,
                    Parameter.CHUNKING, Parameter.CHUNK_SIZE, Parameter.TASKS, Parameter.TABLE_SHAPE,
                    Parameter.TRANSPORT, Parameter.RTT),
            Set.of(), false,
            ExpectedRate.byProtocol(Parameter.PROTOCOL)),
    INSERT_SELECT_CEILING(CeilingBenchmark.class, "insertSelect", Family.CEILING, "ceiling: INSERT ... SELECT",
            List.of(), Set.of(), true, ExpectedRate.fixed(300_000)),
    SERVER_COPY_CEILING(CeilingBenchmark.class, "serverCopy", Family.CEILING, "ceiling: server-side COPY",
            List.of(), Set.of(Prerequisite.SERVER_FILES), true, ExpectedRate.fixed(280_000)),
    FROZEN_COPY_CEILING(CeilingBenchmark.class, "serverCopyFrozen", Family.CEILING,
            "ceiling: server-side COPY FREEZE into a table truncated in the same transaction", List.of(),
            Set.of(Prerequisite.SERVER_FILES), true, ExpectedRate.fixed(300_000)),
    PARALLEL_CEILING(ParallelCeilingBenchmark.class, "serverCopy", Family.CEILING, "parallel ceiling: server-side COPY",
            List.of(Parameter.TASKS), Set.of(Prerequisite.SERVER_FILES), true,
            ExpectedRate.fixed(ExpectedRate.PARALLEL_CEILING_RATE)),
    PSQL_COPY(PsqlCopyBenchmark.class, "psqlCopy", Family.REFERENCE, "psql \\copy", List.of(),
            Set.of(Prerequisite.PSQL), true, ExpectedRate.fixed(ExpectedRate.PSQL_RATE)),
    INTERLEAVED_REFERENCES(InterleavedReferenceBenchmark.class, "load", Family.REFERENCE,
            "pooled COPY binary interleaved with psql \\copy and the parallel ceiling",
            List.of(Parameter.CHUNK_SIZE, Parameter.TASKS, Parameter.ROUND), Set.of(Prerequisite.A_REFERENCE), true,
            ExpectedRate.interleavedReferences()),
    CLAIM(ClaimBenchmark.class, "load", Family.CLAIMS, "claims study fork (arms interleaved)",
            List.of(Parameter.CLAIM, Parameter.ROUND, Parameter.RTT), Set.of(), false, ExpectedRate.claimFork()),
    PYTHON_CLAIM(PythonClaimBenchmark.class, "load", Family.CLAIMS,
            "claims study fork of the Python port (arms interleaved)",
            List.of(Parameter.CLAIM, Parameter.ROUND, Parameter.RTT, Parameter.LEFT_OUT),
            Set.of(Prerequisite.PYTHON_LOADER), false,
            ExpectedRate.pythonClaimFork()),
    SCALE(ScaleBenchmark.class, "load", Family.SCALE, "scale study: one strategy at one size",
            List.of(Parameter.STRATEGY, Parameter.LANGUAGE, Parameter.ROUND), Set.of(), false, ExpectedRate.scale()),
    RELAY_COST(RelayCostBenchmark.class, "load", Family.INSTRUMENT,
            "the latency relay's own cost: the after loader directly and through a 0 ms relay, interleaved",
            List.of(Parameter.ROUND), Set.of(), false, ExpectedRate.relayCost());

    /** The port of the original loader a claims fork runs: Java, Python, or none for every other benchmark. */
    public Optional<Language> claimLanguage() {
        return switch (this) {
            case CLAIM -> Optional.of(Language.JAVA);
            case PYTHON_CLAIM -> Optional.of(Language.PYTHON);
            default -> Optional.empty();
        };
    }

    /** The claims forks a port of the original loader runs in (the entry whose {@link #claimLanguage()} it is). */
    public static Catalogue claimForks(Language language) {
        return Arrays.stream(values()).filter(entry -> entry.claimLanguage().equals(Optional.of(language))).findFirst()
                .orElseThrow();
    }

    /** What figures and tables call it, short enough for an axis; {@link #label()} says more. */
    public String shortName() {
        return switch (this) {
            case SYNC_BASELINE -> "sync baseline";
            case NEW_CONNECTION_PER_CHUNK -> "new connection per chunk";
            case POOLED_BATCH -> "pooled executeBatch";
            case POOLED_COPY -> "pooled COPY";
            case ORIGINAL_LOADER -> "original loader";
            case FACTOR_POINT -> "factor study";
            case INSERT_SELECT_CEILING -> "ceiling: INSERT ... SELECT";
            case SERVER_COPY_CEILING -> "ceiling: server-side COPY";
            case FROZEN_COPY_CEILING -> "ceiling: server-side COPY FREEZE";
            case PARALLEL_CEILING -> "ceiling: parallel server-side COPY";
            case PSQL_COPY -> "psql \\copy";
            case INTERLEAVED_REFERENCES -> "interleaved references";
            case CLAIM -> "claims study";
            case PYTHON_CLAIM -> "claims study, Python port";
            case SCALE -> "scale study";
            case RELAY_COST -> "latency relay A/A";
        };
    }

    /** The parameters whose values tell this benchmark's strategies apart by name: "pooled COPY (binary)". */
    public List<Parameter> nameParameters() {
        return switch (this) {
            case POOLED_COPY -> List.of(Parameter.FORMAT);
            case ORIGINAL_LOADER -> List.of(Parameter.VARIANT);
            case FACTOR_POINT -> List.of(Parameter.PROTOCOL, Parameter.CONNECTIONS);
            case SCALE -> List.of(Parameter.STRATEGY, Parameter.LANGUAGE);
            default -> List.of();
        };
    }

    /** The package of every benchmark class, as JMH's fully qualified names start. */
    public static final String PACKAGE = Catalogue.class.getPackageName() + ".";

    private final Class<? extends TableFillBenchmark> benchmarkClass;
    private final String method;
    private final Family family;
    private final String label;
    private final List<Parameter> parameters;
    private final Set<Prerequisite> prerequisites;
    private final boolean needsSourceTable;
    private final ExpectedRate expectedRate;

    Catalogue(Class<? extends TableFillBenchmark> benchmarkClass, String method, Family family, String label,
            List<Parameter> parameters, Set<Prerequisite> prerequisites, boolean needsSourceTable,
            ExpectedRate expectedRate) {
        this.benchmarkClass = benchmarkClass;
        this.method = method;
        this.family = family;
        this.label = label;
        this.parameters = parameters;
        this.prerequisites = prerequisites;
        this.needsSourceTable = needsSourceTable;
        this.expectedRate = expectedRate;
    }

    /** {@code Class.method}, as configurations, the manifest and summary.csv name it. */
    public String id() {
        return benchmarkClass.getSimpleName() + "." + method;
    }

    /** The name JMH uses: the package, the class and the method. */
    public String jmhName() {
        return PACKAGE + id();
    }

    public Class<? extends TableFillBenchmark> benchmarkClass() {
        return benchmarkClass;
    }

    public String method() {
        return method;
    }

    public Family family() {
        return family;
    }

    public String label() {
        return label;
    }

    /**
     * The benchmark's own JMH parameters, besides {@link Parameter#ROWS} and {@link Parameter#SERVER}
     * which every benchmark has (both set by the runner for the whole run, or per server).
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    public Set<Prerequisite> prerequisites() {
        return prerequisites;
    }

    /** Whether trial setup copies the dataset into a source table and exports it (ceilings, psql). */
    public boolean needsSourceTable() {
        return needsSourceTable;
    }

    public ExpectedRate expectedRate() {
        return expectedRate;
    }

    /** The entry whose {@link #id()} or {@link #jmhName()} this is. */
    public static Optional<Catalogue> byName(String name) {
        String id = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
        return Arrays.stream(values()).filter(entry -> entry.id().equals(id)).findFirst();
    }
}
