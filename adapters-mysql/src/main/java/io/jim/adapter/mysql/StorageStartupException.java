package io.jim.adapter.mysql;

/**
 * Storage could not be opened (database unreachable, bad credentials, a failed migration); the message
 * is one line fit for printing to an operator, the cause carries the details.
 */
public final class StorageStartupException extends RuntimeException {

    public StorageStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
