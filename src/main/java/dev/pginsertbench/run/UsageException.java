package dev.pginsertbench.run;

/** The command line cannot be used as given; the runner prints the message on one line and exits with 2. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
