package io.jim.client.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jim.client.JimClient;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The only place that prints: results go to stdout (one line each, flushed at once so that a pipe sees
 * them immediately), progress and errors to stderr.
 */
final class Output {

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = JimClient.newObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.INDENT_OUTPUT);

    Output(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** One result line on stdout. */
    synchronized void result(String line) {
        out.println(line);
        out.flush();
    }

    /** One result as a single JSON line on stdout (snake_case field names). */
    void json(Object value) {
        result(toJson(value));
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A progress or status line on stderr. */
    synchronized void progress(String line) {
        err.println(line);
        err.flush();
    }

    /** The one-line error of a failed command on stderr. */
    synchronized void error(String message) {
        err.println("jim-cli: " + message);
        err.flush();
    }
}
