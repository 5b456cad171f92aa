package io.jim.client.cli;

import io.jim.client.JimApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code logout}: revokes the profile's token and forgets it (the device is kept for the next login). */
@Command(name = "logout", description = "Revoke the session's token and remove it from the profile.")
final class LogoutCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Override
    public Integer call() {
        ProfileStore store = cli.profiles();
        Profile profile = store.requireLoggedIn();
        try {
            cli.http().withToken(profile.token()).logout();
        } catch (JimApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            // Already revoked (a newer login or logout elsewhere): forgetting it locally is all that is left.
        }
        store.update(p -> p == null ? null : p.withoutToken());
        cli.out().progress("logged out of " + profile.account());
        return 0;
    }
}
