package io.jim.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code friend-accept REQUEST_ID}: accepts a request made to you. */
@Command(name = "friend-accept", description = "Accept a friend request made to you; prints the new friend as one JSON line.")
final class FriendAcceptCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Parameters(index = "0", paramLabel = "REQUEST_ID")
    private long requestId;

    @Override
    public Integer call() {
        cli.out().json(cli.http().withToken(cli.profiles().requireLoggedIn().token()).acceptFriendRequest(requestId));
        return 0;
    }
}
