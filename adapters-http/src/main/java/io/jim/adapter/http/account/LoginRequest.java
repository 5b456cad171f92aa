package io.jim.adapter.http.account;

/** Body of POST /api/sessions. */
public record LoginRequest(String account, String password, DeviceRequest device) {

    /** The device part of a login: an existing device id to re-use, or none for a new device. */
    public record DeviceRequest(Long deviceId, Integer type, String brand, String model, String systemVersion, String appVersion) {
    }

    @Override
    public String toString() {
        return "LoginRequest[account=" + account + ", password=redacted, device=" + device + "]";
    }
}
