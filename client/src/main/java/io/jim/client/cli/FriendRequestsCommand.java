package io.jim.client.cli;

import io.jim.client.FriendRequest;
import io.jim.client.JimClient;
import io.jim.client.PublicUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code friend-requests}: lists pending requests, one line each, beginning with the request id. */
@Command(name = "friend-requests", description = {
        "List pending friend requests to you, newest first, one per line.",
        "Columns: REQUEST_ID<TAB>ACCOUNT<TAB>NICKNAME<TAB>MESSAGE"})
final class FriendRequestsCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Option(names = "--outgoing", description = "List the requests you sent instead (the other columns name the receiver).")
    private boolean outgoing;

    @Override
    public Integer call() {
        JimClient api = cli.http().withToken(cli.profiles().requireLoggedIn().token());
        UserNames names = new UserNames(api);
        FriendRequest.Direction direction = outgoing ? FriendRequest.Direction.OUTGOING : FriendRequest.Direction.INCOMING;
        for (FriendRequest request : api.friendRequests(direction)) {
            PublicUser other = names.user(outgoing ? request.toUserId() : request.fromUserId());
            cli.out().result(request.requestId() + "\t" + other.account() + "\t" + Text.oneLine(other.nickname())
                    + "\t" + Text.oneLine(request.message()));
        }
        return 0;
    }
}
