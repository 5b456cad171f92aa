package io.jim.adapter.http.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.jim.application.port.out.UnavailableException;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the error body of HTTP-API.md "Conventions". Rule violations are expected
 * and not logged here (the request log has their status); technical failures are logged once, at
 * ERROR, with the stack trace in the log and never in the body.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    /**
     * Reads and discards what is left of the request body, up to {@link #DRAIN_LIMIT}. A 413 is decided
     * before the body is read (a declared length over the limit) or after its first 64 KiB; answering and
     * closing while the client is still writing the rest makes its socket fail with a broken pipe (the
     * unread bytes reset the connection), and many clients then never read the 413. A body declared larger
     * than the limit is not read: that client gets the 413 and the close. The read is bounded in time by
     * the connection's idle timeout.
     */
    private static void drainBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > DRAIN_LIMIT) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            int n;
            while (read <= DRAIN_LIMIT && (n = in.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("could not drain a refused request body", e);
        }
    }

    /** The most of a refused oversize body read and thrown away so that the client can read the 413. */
    static final long DRAIN_LIMIT = 1 << 20;

    public static void domain(DomainException e, Context ctx) {
        ErrorCode code = e.code();
        if (code == ErrorCode.TOO_LARGE) {
            drainBody(ctx);
        }
        String field = code == ErrorCode.INVALID_ARGUMENT ? e.field().orElse(null) : null;
        write(ctx, code, e.getMessage(), field);
    }

    public static void unavailable(UnavailableException e, Context ctx) {
        LOG.error("storage unavailable during {}", describe(ctx), e);
        write(ctx, ErrorCode.UNAVAILABLE, "storage is unavailable; retry later", null);
    }

    public static void framework(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> write(ctx, ErrorCode.NOT_FOUND, "no such endpoint", null);
            case 405 -> {
                // Javalin's details map lists the methods this path has; Allow is what HTTP wants for a 405.
                String allowed = allowedMethods(e);
                if (!allowed.isEmpty()) {
                    ctx.header("Allow", allowed);
                }
                writeWithStatus(ctx, 405, ErrorCode.INVALID_ARGUMENT,
                        "method " + ctx.method().name() + " is not allowed here" + (allowed.isEmpty() ? "" : "; allowed: " + allowed), null);
            }
            case 413 -> write(ctx, ErrorCode.TOO_LARGE, "the request body is too large", null);
            default -> {
                ErrorCode code = ErrorStatus.codeForStatus(status);
                writeWithStatus(ctx, status, code, code == ErrorCode.INTERNAL ? "internal error" : e.getMessage(), null);
            }
        }
    }

    public static void unexpected(Exception e, Context ctx) {
        LOG.error("unexpected failure during {}", describe(ctx), e);
        write(ctx, ErrorCode.INTERNAL, "internal error", null);
    }

    private static void write(Context ctx, ErrorCode code, String message, String field) {
        writeWithStatus(ctx, ErrorStatus.of(code).httpStatus(), code, message, field);
    }

    private static void writeWithStatus(Context ctx, int status, ErrorCode code, String message, String field) {
        ctx.status(status).json(new ErrorBody(ErrorStatus.of(code).wireCode(), code.name(), message, field));
    }

    private static String allowedMethods(HttpResponseException e) {
        if (!(e instanceof MethodNotAllowedResponse)) {
            return "";
        }
        Map<String, String> details = e.getDetails();
        return details.values().stream()
                .flatMap(v -> Arrays.stream(v.split("[,\\s]+")))
                .filter(s -> !s.isBlank())
                .map(s -> s.replaceAll("[^A-Z]", ""))
                .filter(s -> !s.isEmpty())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String describe(Context ctx) {
        Route route = Routes.matched(ctx);
        return ctx.method().name() + " " + (route != null ? route.path() : "(unmatched)");
    }
}
