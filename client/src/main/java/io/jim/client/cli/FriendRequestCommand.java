package io.jim.client.cli;

import io.jim.client.FriendRequestResult;
import io.jim.client.JimClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code friend-request ACCOUNT}: asks the user with that account to be a friend. */
@Command(name = "friend-request", description = {
        "Ask a user to be a friend; prints the request as one JSON line.",
        "If they had already asked you, this accepts their request and prints the new friend."})
final class FriendRequestCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Parameters(index = "0", paramLabel = "ACCOUNT")
    private String account;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A note for them.")
    private String message;

    @Override
    public Integer call() {
        JimClient api = cli.http().withToken(cli.profiles().requireLoggedIn().token());
        long userId = JimCli.userIdOf(api, account);
        switch (api.requestFriend(userId, message)) {
            case FriendRequestResult.Requested requested -> cli.out().json(requested.request());
            case FriendRequestResult.BecameFriends friends -> {
                cli.out().progress(account + " had already asked you: you are friends now");
                cli.out().json(friends.friend());
            }
        }
        return 0;
    }
}
