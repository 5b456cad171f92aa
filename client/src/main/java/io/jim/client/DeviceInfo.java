package io.jim.client;

/**
 * The device description sent with a login.
 *
 * @param type          1 Android, 2 iOS, 3 Windows, 4 macOS, 5 Web, 6 Linux
 * @param brand         free text up to 64 characters (may be null)
 * @param model         free text up to 64 characters (may be null)
 * @param systemVersion free text up to 64 characters (may be null)
 * @param appVersion    free text up to 64 characters (may be null)
 */
public record DeviceInfo(int type, String brand, String model, String systemVersion, String appVersion) {

    /** Device type Linux. */
    public static final int LINUX = 6;

    /** A description of the machine this JVM runs on, as a Linux-type device of the given app. */
    public static DeviceInfo thisMachine(String appName, String appVersion) {
        return new DeviceInfo(LINUX, truncate(appName), truncate(System.getProperty("os.name")),
                truncate(System.getProperty("os.version")), truncate(appVersion));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }
}
