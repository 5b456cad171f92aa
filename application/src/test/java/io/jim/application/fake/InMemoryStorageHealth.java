package io.jim.application.fake;

import io.jim.application.port.out.StorageHealth;

/** A {@link StorageHealth} that reports whatever the test sets (up by default). */
public final class InMemoryStorageHealth implements StorageHealth {

    private volatile boolean up = true;

    public InMemoryStorageHealth() {
    }

    public void setUp(boolean up) {
        this.up = up;
    }

    @Override
    public boolean isUp() {
        return up;
    }
}
