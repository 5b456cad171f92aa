package io.jim.client;

/** The life-cycle states of a {@link JimSession}. */
public enum SessionState {
    /** Built, {@link JimSession#start()} not called yet. */
    NEW,
    /** Connecting or waiting for the SignInACK. */
    CONNECTING,
    /** Signed in: sends go out, pushes come in. */
    ONLINE,
    /** The connection is gone; a reconnect is scheduled (sends are queued meanwhile). */
    DISCONNECTED,
    /** Finished for good (closed by the application, kicked with 20/21, rejected credentials, or gave up). */
    CLOSED
}
