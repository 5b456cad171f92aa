package io.jim.domain.device;

import io.jim.domain.shared.DomainException;

/** The kind of client device: 1 Android, 2 iOS, 3 Windows, 4 macOS, 5 Web, 6 Linux. */
public enum DeviceType {
    ANDROID(1),
    IOS(2),
    WINDOWS(3),
    MACOS(4),
    WEB(5),
    LINUX(6);

    private final int code;

    DeviceType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DeviceType fromCode(int code) {
        for (DeviceType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw DomainException.invalid("device.type", "device type must be 1 to 6");
    }
}
