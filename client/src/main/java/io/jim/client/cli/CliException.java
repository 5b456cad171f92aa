package io.jim.client.cli;

/** A failure the command line reports as one line on stderr with exit code 1 (no stack trace). */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message, null, false, false);
    }
}
