package dev.pginsertbench.run;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.MemoryNeed;
import dev.pginsertbench.bench.MemoryRoom;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.bench.Prerequisite;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One benchmark configuration: a benchmark method and one value for each of its parameters
 * except {@code rows}, which the run sets for all unless the configuration loads fewer. One
 * configuration is one JMH run (all forks, all shots) and one entry of jmh-result.json.
 *
 * @param entry     the benchmark, as the catalogue describes it
 * @param params    parameter values, each of its parameter's type, in the order given; text only at JMH's
 *                  boundary ({@link #jmhParams()})
 * @param shots     warm-up and measured shots of this configuration's fork, or null for the profile's
 * @param rows      at most this many rows per load (the first of the run's dataset), or null for the run's
 */
public record Configuration(Catalogue entry, Map<Parameter, Object> params, Shots shots, Integer rows) {

    /** Shots per fork set by the configuration rather than the profile (the claims study's blocks). */
    public record Shots(int warmup, int measured) {
        public Shots {
            if (warmup < 0 || measured < 1) {
                throw new IllegalArgumentException("shots: warm-up >= 0 and measured >= 1, were " + warmup
                        + ", " + measured);
            }
        }
    }

    public Configuration(Catalogue entry, Map<Parameter, ?> params) {
        this(entry, new LinkedHashMap<Parameter, Object>(params), null, null);
    }

    public Configuration(Catalogue entry, Map<Parameter, ?> params, Shots shots) {
        this(entry, new LinkedHashMap<Parameter, Object>(params), shots, null);
    }

    /** The value of {@code parameter}, where the configuration sets it. */
    public <T> Optional<T> value(Parameter parameter, Class<T> type) {
        return Optional.ofNullable(params.get(parameter)).map(type::cast);
    }

    /** The parameters as JMH takes them: by field name, each value as text (an enum by its name), in order. */
    public Map<String, String> jmhParams() {
        Map<String, String> text = new LinkedHashMap<>();
        params.forEach((parameter, value) -> text.put(parameter.field(), parameter.text(value)));
        return Collections.unmodifiableMap(text);
    }

    /**
     * The parameters a configuration that did not run is recorded and told apart by: its JMH parameters, and its
     * own rows where it sets them, since a profile may run one configuration at several sizes.
     */
    public Map<String, String> recordedParams() {
        Map<String, String> recorded = new LinkedHashMap<>(jmhParams());
        if (rows != null) {
            recorded.put(Parameter.ROWS.field(), String.valueOf(rows));
        }
        return Collections.unmodifiableMap(recorded);
    }

    /** The same configuration with one more parameter set (or one replaced). */
    public Configuration with(Parameter parameter, Object value) {
        Map<Parameter, Object> more = new LinkedHashMap<>(params);
        more.put(parameter, value);
        return new Configuration(entry, more, shots, rows);
    }

    /** Rows per load of this configuration in a run of {@code runRows}: its own limit, never more than the run's. */
    public int rows(int runRows) {
        return rows == null ? runRows : Math.min(rows, runRows);
    }

    public Configuration {
        Objects.requireNonNull(entry, "entry");
        if (params.containsKey(Parameter.ROWS) || params.containsKey(Parameter.SERVER)) {
            throw new IllegalArgumentException("rows and server are set by the run, not per configuration: "
                    + entry.id());
        }
        for (Map.Entry<Parameter, Object> value : params.entrySet()) {
            if (!entry.parameters().contains(value.getKey())) {
                throw new IllegalArgumentException(entry.id() + " has no parameter " + value.getKey()
                        + "; its parameters are " + entry.parameters());
            }
            value.getKey().text(value.getValue()); // of the parameter's type, or an error naming it
        }
        params = new LinkedHashMap<>(params);
        if (entry.parameters().contains(Parameter.RTT)) {
            // the network is a factor of few profiles: elsewhere the loader connects directly, said explicitly
            params.putIfAbsent(Parameter.RTT, RoundTripDelay.LOOPBACK);
        }
        if (entry.parameters().contains(Parameter.LEFT_OUT)) {
            // every arm unless the plan leaves some out, said explicitly so that JMH has nothing to fill in
            params.putIfAbsent(Parameter.LEFT_OUT, "");
        }
        params = Collections.unmodifiableMap(params);
        if (rows != null && rows < 1) {
            throw new IllegalArgumentException("rows per load must be positive, was " + rows + ": " + entry.id());
        }
    }

    /**
     * Why this configuration's loads would not fit in memory at its rows of a run of {@code runRows}
     * ({@link MemoryNeed}), or empty: such a configuration is refused before its fork starts.
     */
    public Optional<String> wouldNotFit(int runRows) {
        return MemoryNeed.refusal(entry, params, rows(runRows), MemoryRoom.here());
    }

    /** What this configuration needs beyond a server: its benchmark's, and the Python port where it runs that port. */
    public Set<Prerequisite> prerequisites() {
        Set<Prerequisite> needs = EnumSet.noneOf(Prerequisite.class);
        needs.addAll(entry.prerequisites());
        if (runsPython()) {
            needs.add(Prerequisite.PYTHON_LOADER);
        }
        return needs;
    }

    /** Whether its forks drive the Python port: its claims forks, or a fork whose language is Python. */
    public boolean runsPython() {
        return entry.claimLanguage().filter(Language.PYTHON::equals).isPresent()
                || value(Parameter.LANGUAGE, Language.class).filter(Language.PYTHON::equals).isPresent();
    }

    /** Warm-up shots per fork: this configuration's own, else the profile's. */
    public int warmupShots(Profile profile) {
        return shots == null ? profile.warmupIterations() : shots.warmup();
    }

    /** Measured shots per fork: this configuration's own, else the profile's. */
    public int measuredShots(Profile profile) {
        return shots == null ? profile.measurementIterations() : shots.measured();
    }

    /** As {@link #toString()}, followed by the shots and rows where the configuration sets its own. */
    public String withShots(Profile profile) {
        String rowsText = rows == null ? "" : String.format(Locale.ROOT, ", %,d rows", rows(profile.rows()));
        return shots == null ? toString() + (rows == null ? "" : " (" + rowsText.substring(2) + ")")
                : String.format(Locale.ROOT, "%s (%d + %d shots%s)", this, warmupShots(profile), measuredShots(profile),
                        rowsText);
    }

    /** {@code Class.method}, as results and manifests name the benchmark. */
    public String benchmark() {
        return entry.id();
    }

    /** The fully qualified benchmark name JMH uses. */
    public String fullName() {
        return entry().jmhName();
    }

    /** {@code Class.method {chunkSize=5000, tasks=2, format=COPY_BINARY}}. */
    @Override
    public String toString() {
        if (params.isEmpty()) {
            return benchmark();
        }
        StringJoiner values = new StringJoiner(", ", " {", "}");
        // an empty value (no arm left out) says nothing
        jmhParams().forEach((key, value) -> {
            if (!value.isEmpty()) {
                values.add(key + "=" + value);
            }
        });
        return benchmark() + values;
    }
}
