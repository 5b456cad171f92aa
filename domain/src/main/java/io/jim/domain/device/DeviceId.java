package io.jim.domain.device;

import io.jim.domain.shared.DomainException;

/** The identity of a Device; never negative. */
public record DeviceId(long value) implements Comparable<DeviceId> {

    /** No device: the sender device of business and system messages. */
    public static final DeviceId NONE = new DeviceId(0);

    public DeviceId {
        if (value < 0) {
            throw DomainException.invalid("device_id", "an id must not be negative");
        }
    }

    public static DeviceId of(long value) {
        return new DeviceId(value);
    }

    @Override
    public int compareTo(DeviceId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
