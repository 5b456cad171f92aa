package io.jim.bootstrap;

/** A configuration value that cannot be used; its message is one line naming the key. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
