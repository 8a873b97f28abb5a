package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.claims.ScaleStrategy;
import dev.pginsertbench.load.Chunking;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.Conversion;
import dev.pginsertbench.load.ExecutorKind;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.RoundTripDelay;
import dev.pginsertbench.postgres.TableShape;
import dev.pginsertbench.postgres.Transport;

/**
 * The benchmarks' JMH parameters ({@code @Param} fields), by the field name JMH matches, with the
 * type of their values. Profiles and the summary name parameters through these, so a renamed field
 * breaks a test, not a run, and a value of the wrong type fails where the profile is built.
 */
public enum Parameter {
    ROWS("rows", Integer.class),
    SERVER("server", String.class),
    CHUNK_SIZE("chunkSize", Integer.class),
    TASKS("tasks", Integer.class),
    FORMAT("format", Protocol.class),
    VARIANT("variant", OriginalVariant.class),
    PROTOCOL("protocol", Protocol.class),
    CONNECTIONS("connections", ConnectionMode.class),
    EXECUTOR("executor", ExecutorKind.class),
    CONVERSION("conversion", Conversion.class),
    CHUNKING("chunking", Chunking.class),
    TABLE_SHAPE("tableShape", TableShape.class),
    TRANSPORT("transport", Transport.class),
    CLAIM("claim", OriginalClaim.class),
    ROUND("round", Integer.class),
    RTT("rtt", RoundTripDelay.class),
    /** The arms a Python claims fork leaves out, comma-separated ids: those whose optional driver is missing. */
    LEFT_OUT("leftOut", String.class),
    STRATEGY("strategy", ScaleStrategy.class),
    LANGUAGE("language", Language.class);

    private final String field;
    private final Class<?> type;

    Parameter(String field, Class<?> type) {
        this.field = field;
        this.type = type;
    }

    /** The {@code @Param} field's name, which is also the key in JMH's JSON and in summary.csv. */
    public String field() {
        return field;
    }

    /** Whether its values are numbers (a count or a size), as summary.csv's column for it holds them. */
    public boolean isNumber() {
        return Number.class.isAssignableFrom(type);
    }

    /** The value as JMH takes it (an enum by its name), or an error naming the parameter if it is of another type. */
    public String text(Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(field + " takes a " + type.getSimpleName() + ", not " + value
                    + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"));
        }
        return value instanceof Enum<?> constant ? constant.name() : String.valueOf(value);
    }

    @Override
    public String toString() {
        return field;
    }
}
