package dev.pginsertbench.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies everything this JVM prints (stdout and stderr, JMH's output and the forks') into jmh.log. */
final class ConsoleLog implements AutoCloseable {

    private final OutputStream file;
    private final PrintStream originalOut;
    private final PrintStream originalErr;

    private ConsoleLog(OutputStream file) {
        this.file = file;
        this.originalOut = System.out;
        this.originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, file), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, file), true, StandardCharsets.UTF_8));
    }

    /** Starts copying into {@code logFile}, which begins with {@code preamble} (printed before the file existed). */
    static ConsoleLog start(Path logFile, String preamble) throws IOException {
        OutputStream file = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        file.write(preamble.getBytes(StandardCharsets.UTF_8));
        return new ConsoleLog(file);
    }

    @Override
    public void close() throws IOException {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        synchronized (file) {
            file.close();
        }
    }

    /** Writes to the console and the file; the file is shared by both streams, so writes to it are serialised. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream file;

        Tee(OutputStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            synchronized (file) {
                file.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            synchronized (file) {
                file.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            synchronized (file) {
                file.flush();
            }
        }
    }
}
