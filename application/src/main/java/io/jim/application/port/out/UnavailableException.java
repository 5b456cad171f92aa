package io.jim.application.port.out;

/**
 * A technical failure of storage that is safe to retry (the database is unreachable or timed out).
 * Adapters translate their driver's exceptions to this so that the edges answer UNAVAILABLE (11 / 503).
 */
public final class UnavailableException extends RuntimeException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
