package io.jim.domain.device;

import io.jim.domain.shared.Text;
import java.util.Objects;

/** What a client says about its device at login; free text of up to 64 characters each. */
public record DeviceInfo(DeviceType type, String brand, String model, String systemVersion, String appVersion) {

    public DeviceInfo {
        Objects.requireNonNull(type, "type");
        brand = Text.bounded("device.brand", brand, 0, 64);
        model = Text.bounded("device.model", model, 0, 64);
        systemVersion = Text.bounded("device.system_version", systemVersion, 0, 64);
        appVersion = Text.bounded("device.app_version", appVersion, 0, 64);
    }
}
