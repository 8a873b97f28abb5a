package dev.pginsertbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pginsertbench.claims.PythonDriver;
import dev.pginsertbench.postgres.ScratchFolder;
import dev.pginsertbench.postgres.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Python port of the original loader ({@code python/original_loader}, shipped inside the jar)
 * as a worker process: it generates the dataset's rows from its seed into pydantic models once
 * (the rows {@link dev.pginsertbench.data.ArticleGenerator} makes, PythonGeneratorTest proves by
 * checksum), then runs one load per request, arm by arm, and answers with the original's metrics
 * (one JSON line each way; results/README.md). The server is given to it through libpq's environment variables, so
 * the password is never on a command line. Its stderr goes to a file whose end is quoted when the
 * worker fails.
 */
public final class PythonLoader implements AutoCloseable {

    /** The interpreter: {@code -Dbench.python} or {@code BENCH_PYTHON}, else Debian's, whose packages the port uses. */
    static final String DEFAULT_INTERPRETER = "/usr/bin/python3";
    /** What makes a missing module available on Debian and Ubuntu. */
    static final String APT_LINE = "apt-get install python3-psycopg python3-psycopg-pool python3-pydantic";
    /** What makes the optional asyncpg peer available. */
    static final String ASYNCPG_APT_LINE = "apt-get install python3-asyncpg";

    private static final JsonMapper JSON = new JsonMapper();
    private static final String PACKAGE = "original_loader";
    /** Where the port looks for the schema in its own folder (arms.py). */
    private static final String SCHEMA = "schema.json";
    private static final long CHECK_SECONDS = 30;
    private static final long READY_SECONDS = 300;
    private static final long QUIT_SECONDS = 20;

    private final Path folder;
    private final Process process;
    private final BufferedReader replies;
    private final Writer requests;
    private final Path errors;
    private final Versions versions;
    private final double datasetBytes;

    /**
     * The versions the port runs on: the manifest and the methods text name them.
     *
     * @param psycopgPipeline whether psycopg's executemany runs in pipeline mode (libpq 14 and later)
     * @param asyncpg         asyncpg's version, null where it is not installed
     */
    public record Versions(String python, String psycopg, String psycopgImplementation, boolean psycopgPipeline,
            String psycopgPool, String pydantic, String libpq, String asyncpg) {
    }

    /**
     * The versions of the interpreter and packages installed here, as the runner records them
     * before any fork starts; empty when the port cannot run ({@link #missing()} says why).
     */
    public static Optional<Versions> installed() {
        try {
            Process check = new ProcessBuilder(interpreter().toString(), "-c", VERSIONS_SCRIPT)
                    .redirectErrorStream(true).start();
            if (!check.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return Optional.empty();
            }
            byte[] printed = check.getInputStream().readAllBytes();
            // an interpreter without the packages fails the script's imports: no versions
            return check.exitValue() == 0 ? Optional.of(versions(JSON.readTree(printed))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Prints the versions as the worker's ready line names them. */
    private static final String VERSIONS_SCRIPT = "import json, platform, psycopg, psycopg_pool, pydantic; "
            + "from importlib.util import find_spec; "
            + "v = psycopg.pq.version(); a = find_spec('asyncpg') and __import__('asyncpg').__version__; "
            + "print(json.dumps({'python': platform.python_version(), "
            + "'psycopg': psycopg.__version__, 'psycopg_impl': psycopg.pq.__impl__, "
            + "'psycopg_pipeline': psycopg.Pipeline.is_supported(), 'psycopg_pool': psycopg_pool.__version__, "
            + "'pydantic': getattr(pydantic, 'VERSION', getattr(pydantic, '__version__', '?')).__str__(), "
            + "'libpq': '%d.%d' % (v // 10000, v % 100) if v >= 100000 else str(v), 'asyncpg': a or None}))";

    private static Versions versions(JsonNode node) {
        return new Versions(node.path("python").asText(), node.path("psycopg").asText(),
                node.path("psycopg_impl").asText(), node.path("psycopg_pipeline").asBoolean(),
                node.path("psycopg_pool").asText(), node.path("pydantic").asText(), node.path("libpq").asText(),
                node.path("asyncpg").isTextual() ? node.path("asyncpg").asText() : null);
    }

    /** The drivers this interpreter cannot send arms with, each with the one-line reason. */
    public static Map<PythonDriver, String> missingDrivers() {
        Map<PythonDriver, String> missing = new EnumMap<>(PythonDriver.class);
        for (PythonDriver driver : PythonDriver.values()) {
            if (driver.inPython()) {
                missingDriver(driver).ifPresent(reason -> missing.put(driver, reason));
            }
        }
        return missing;
    }

    /**
     * Why this interpreter cannot send an arm with {@code driver}, or empty where it can: asyncpg is optional,
     * the others come with the port's packages.
     */
    public static Optional<String> missingDriver(PythonDriver driver) {
        return driver != PythonDriver.ASYNCPG ? Optional.empty() : missingModules(List.of("asyncpg"), ASYNCPG_APT_LINE);
    }

    /**
     * One load as the worker measured and reported it.
     *
     * @param seconds              the load's own wall time (conversion included, the pool already open)
     * @param peakRssGrowthBytes   how far the worker's resident memory rose above its level before the load
     * @param tracemallocPeakBytes tracemalloc's peak during the load, NaN unless asked for
     */
    record Load(String arm, long inserted, int chunks, int successfulChunks, int failedChunks, double seconds,
            double avgChunkSeconds, double maxChunkSeconds, double peakRssGrowthBytes, double tracemallocPeakBytes,
            List<String> errors) {

        boolean complete(long rows) {
            return inserted == rows && failedChunks == 0 && successfulChunks == chunks;
        }
    }

    private PythonLoader(Path folder, Process process, Path errors) throws IOException {
        this.folder = folder;
        this.process = process;
        this.errors = errors;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        JsonNode ready = reply("starting");
        if (!ready.path("ready").asBoolean(false)) {
            throw failure("did not start: " + ready.path("error").asText(ready.toString()));
        }
        versions = versions(ready);
        datasetBytes = ready.path("dataset_bytes").asDouble(Double.NaN);
    }

    /**
     * The live size of the worker's models of the dataset (tracemalloc's count of them once made),
     * NaN if not reported.
     */
    double datasetBytes() {
        return datasetBytes;
    }

    public static Path interpreter() {
        String given = System.getProperty("bench.python", System.getenv("BENCH_PYTHON"));
        return Path.of(given == null || given.isBlank() ? DEFAULT_INTERPRETER : given);
    }

    /**
     * Why the Python port cannot run here (no interpreter, or one of psycopg, psycopg_pool and
     * pydantic missing: the reason names it and the apt line), or empty when it can.
     */
    public static Optional<String> missing() {
        return missingModules(List.of("psycopg", "psycopg_pool", "pydantic"), APT_LINE);
    }

    /** Why this interpreter cannot import every one of {@code modules}, naming those it lacks; empty where it can. */
    static Optional<String> missingModules(List<String> modules, String aptLine) {
        Path python = interpreter();
        if (!Files.isExecutable(python)) {
            return Optional.of("no Python interpreter at " + python
                    + " (-Dbench.python or BENCH_PYTHON names another)");
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c",
                "import importlib.util as u, sys; m = [n for n in sys.argv[1:] if u.find_spec(n) is None]; "
                        + "print(' '.join(m)); sys.exit(1 if m else 0)"));
        command.addAll(modules);
        try {
            Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!check.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return Optional.of(python + " did not answer within " + CHECK_SECONDS + " s");
            }
            String printed = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return check.exitValue() == 0 ? Optional.empty()
                    : Optional.of("Python modules missing for " + python + ": " + printed + " (" + aptLine + ")");
        } catch (IOException e) {
            return Optional.of("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + python);
        }
    }

    /**
     * Unpacks the port and starts the worker on rows 1..{@code rows} of the dataset with {@code seed};
     * returns once it has generated every row into models.
     */
    static PythonLoader start(long seed, int rows, String table, ServerAddress address) throws IOException {
        Path folder = Files.createTempDirectory("bench-python");
        try {
            Path schema = unpack(folder);
            Path errors = folder.resolve("worker.err");
            ProcessBuilder builder = new ProcessBuilder(interpreter().toString(), "-m", PACKAGE + ".worker",
                    "--generate", Long.toString(seed), Integer.toString(rows), "--table", table,
                    "--schema", schema.toString())
                    .directory(folder.toFile())
                    .redirectError(errors.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("PG"));
            environment.putAll(address.libpqEnvironment("pg-insert-bench-python"));
            environment.put("PYTHONPATH", folder.toString());
            environment.put("PYTHONDONTWRITEBYTECODE", "1");
            return new PythonLoader(folder, builder.start(), errors);
        } catch (IOException | RuntimeException e) {
            ScratchFolder.delete(folder);
            throw e;
        }
    }

    public Versions versions() {
        return versions;
    }

    /** The worker's process, whose CPU the client's CPU time includes. */
    ProcessHandle process() {
        return process.toHandle();
    }

    /** One load of every row by the arm; with {@code memory}, under tracemalloc. */
    Load load(String arm, boolean memory) throws IOException {
        requests.write(JSON.writeValueAsString(Map.of("arm", arm, "memory", memory)) + "\n");
        requests.flush();
        JsonNode reply = reply("loading with arm " + arm);
        if (reply.has("error")) {
            throw failure("arm " + arm + ": " + reply.path("error").asText());
        }
        List<String> chunkErrors = new ArrayList<>();
        reply.path("errors").forEach(e -> chunkErrors.add(e.asText()));
        return new Load(reply.path("arm").asText(), reply.path("inserted").asLong(), reply.path("chunks").asInt(),
                reply.path("successful_chunks").asInt(), reply.path("failed_chunks").asInt(), number(reply, "seconds"),
                number(reply, "avg_chunk_seconds"), number(reply, "max_chunk_seconds"),
                number(reply, "peak_rss_growth_bytes"), number(reply, "tracemalloc_peak_bytes"), chunkErrors);
    }

    private static double number(JsonNode reply, String field) {
        JsonNode value = reply.path(field);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private JsonNode reply(String doing) throws IOException {
        String line = replies.readLine();
        if (line == null) {
            throw failure("ended while " + doing);
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw failure("answered something that is not JSON while " + doing + ": " + line);
        }
    }

    /** A failure naming what the worker was doing, its exit code if it ended, and the end of what it printed. */
    private IOException failure(String what) {
        String exit = "";
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                exit = " (exit code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String printed = "";
        try {
            List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            printed = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
        } catch (IOException | RuntimeException e) {
            // nothing printed, or not readable: the message stands without it
        }
        return new IOException("the Python loader " + what + exit
                + (printed.isEmpty() ? "" : "; it printed: " + printed));
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                try {
                    requests.write("{\"quit\": true}\n");
                    requests.flush();
                } catch (IOException e) {
                    // it is ending already
                }
                if (!process.waitFor(QUIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(QUIT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            ScratchFolder.delete(folder);
        }
    }

    /**
     * Copies the port's sources from the classpath (the jar, or target/classes in tests) into
     * {@code folder}, with the results schema the build put beside them (results/schema.json, which
     * a test holds to this code): the port takes its arms from it, so it runs exactly the arms of
     * the JVM that drives it. Returns the schema's path.
     */
    static Path unpack(Path folder) throws IOException {
        URL marker = PythonLoader.class.getResource("/python/" + PACKAGE + "/__init__.py");
        if (marker == null) {
            throw new IOException("the Python port is not on the classpath (python/" + PACKAGE + " in the jar)");
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                copyTree(jar.getPath("/python/" + PACKAGE), folder.resolve(PACKAGE));
            } else {
                copyTree(Path.of(uri).getParent(), folder.resolve(PACKAGE));
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the Python port: " + e.getMessage(), e);
        }
        Path schema = folder.resolve(PACKAGE).resolve(SCHEMA);
        if (!Files.isRegularFile(schema)) {
            throw new IOException("the results schema is not beside the Python port on the classpath (python/" + PACKAGE
                    + "/" + SCHEMA + " in the jar, from results/" + SCHEMA + ")");
        }
        return schema;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
