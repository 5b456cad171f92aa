package io.jim.application.service.support;

import org.slf4j.MDC;

/**
 * Puts ids into the SLF4J MDC for the length of a try block and then restores what was there before
 * (an adapter may have put the same keys, and its own error log must still see them).
 */
public final class LogContext implements AutoCloseable {

    public static final String USER_ID = "user_id";
    public static final String DEVICE_ID = "device_id";
    public static final String MESSAGE_ID = "message_id";

    private final String[] keys;
    private final String[] previous;

    private LogContext(String[] keys, String[] previous) {
        this.keys = keys;
        this.previous = previous;
    }

    /**
     * Sets {@code keysAndValues} (key, value, key, value …); a null value removes the key for now. Every
     * key named here is restored on close, including ones the block puts with {@link MDC#put} itself.
     */
    public static LogContext of(Object... keysAndValues) {
        int n = keysAndValues.length / 2;
        String[] keys = new String[n];
        String[] previous = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (String) keysAndValues[2 * i];
            previous[i] = MDC.get(keys[i]);
            Object value = keysAndValues[2 * i + 1];
            if (value == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], value.toString());
            }
        }
        return new LogContext(keys, previous);
    }

    @Override
    public void close() {
        for (int i = keys.length - 1; i >= 0; i--) {
            if (previous[i] == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], previous[i]);
            }
        }
    }
}
