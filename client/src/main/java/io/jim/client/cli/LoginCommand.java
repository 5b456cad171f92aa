package io.jim.client.cli;

import io.jim.client.DeviceInfo;
import io.jim.client.JimApiException;
import io.jim.client.JimClient;
import io.jim.client.LoginResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code login ACCOUNT PASSWORD}: logs in and keeps the device's session in the profile. */
@Command(name = "login", description = {
        "Log in and keep the session in the profile.",
        "The profile (mode 600) holds user, device, token, last sequence and send sequence.",
        "Logging in again with the same account re-uses the profile's device."})
final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Parameters(index = "0", paramLabel = "ACCOUNT")
    private String account;

    @Parameters(index = "1", paramLabel = "PASSWORD")
    private String password;

    @Override
    public Integer call() {
        JimClient api = cli.http();
        ProfileStore store = cli.profiles();
        String normalized = account.toLowerCase(Locale.ROOT); // the server compares accounts case-insensitively
        Optional<Profile> previous = store.load().filter(p -> normalized.equals(p.account()));
        DeviceInfo device = DeviceInfo.thisMachine("jim-cli", JimCli.VERSION);
        long knownDevice = previous.map(Profile::deviceId).orElse(0L);
        LoginResult login;
        try {
            login = api.login(account, password, device, knownDevice);
        } catch (JimApiException e) {
            if (knownDevice == 0 || e.status() != 404) {
                throw e;
            }
            // The kept device no longer exists on this server (e.g. a fresh database): become a new device.
            login = api.login(account, password, device, 0);
        }
        boolean sameDevice = previous.isPresent() && previous.get().deviceId() == login.deviceId();
        long lastSequence = sameDevice ? Math.max(previous.get().lastSequence(), login.deviceSyncSequence())
                : login.deviceSyncSequence();
        long sendSequence = sameDevice ? Math.max(previous.get().sendSequence(), login.sendSequence())
                : login.sendSequence();
        Profile profile = new Profile(normalized, login.userId(), login.deviceId(), login.token(), lastSequence, sendSequence);
        store.save(profile);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("account", profile.account());
        result.put("user_id", profile.userId());
        result.put("device_id", profile.deviceId());
        result.put("last_sequence", profile.lastSequence());
        result.put("send_sequence", profile.sendSequence());
        cli.out().json(result);
        return 0;
    }
}
