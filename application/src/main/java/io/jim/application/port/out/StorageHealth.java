package io.jim.application.port.out;

/** Whether the database answers now (a cheap probe with a short timeout; never throws). */
public interface StorageHealth {

    boolean isUp();
}
