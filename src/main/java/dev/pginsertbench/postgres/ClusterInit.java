package dev.pginsertbench.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code initdb} fixes for good when the suite creates a cluster: encoding, locale and data
 * checksums. Every provider that runs initdb itself uses {@link #PINNED}, so that these do not
 * change with the machine's locale or with the PostgreSQL version: initdb takes its locale from
 * the environment, and PostgreSQL 18 turns data checksums on by default where 17 and older leave
 * them off.
 *
 * @param encoding      server encoding
 * @param locale        locale of the template databases (collation, character classes, messages)
 * @param dataChecksums whether pages carry checksums (costs CPU on every page written and read)
 */
public record ClusterInit(String encoding, String locale, boolean dataChecksums) {

    /** Off, as initdb of PostgreSQL 17 (the embedded and container servers) creates a cluster by default. */
    public static final ClusterInit PINNED = new ClusterInit("UTF8", "C", false);

    /** The first major version whose initdb has {@code --no-data-checksums} (and checksums on by default). */
    static final int CHECKSUMS_DEFAULT_ON_FROM = 18;

    /** {@code SHOW data_checksums} on a server created this way. */
    public String dataChecksumsSetting() {
        return dataChecksums ? "on" : "off";
    }

    /**
     * initdb's options for encoding, locale and checksums. Before 18 initdb has no option to turn
     * checksums off, and off is its only default; from 18 on it is said explicitly.
     *
     * @param initdbMajor the major version of the initdb that will run
     */
    List<String> initdbOptions(int initdbMajor) {
        List<String> options = new ArrayList<>();
        valuedOptions().forEach((name, value) -> options.add("--" + name + "=" + value));
        if (dataChecksums) {
            options.add("--data-checksums");
        } else if (initdbMajor >= CHECKSUMS_DEFAULT_ON_FROM) {
            options.add("--no-data-checksums");
        }
        return options;
    }

    /** initdb's long options that take a value, by name without dashes: encoding and locale. */
    Map<String, String> valuedOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("encoding", encoding);
        options.put("locale", locale);
        return options;
    }

    /** For a provider's detail text, e.g. {@code initdb: UTF8, locale C, data checksums off}. */
    public String describe() {
        return "initdb: " + encoding + ", locale " + locale + ", data checksums " + dataChecksumsSetting();
    }
}
