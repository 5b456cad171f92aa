package io.jim.client.cli;

import io.jim.client.Friend;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code friends}: lists your friends, one line each. */
@Command(name = "friends", description = {"List your friends, one per line.", "Columns: USER_ID<TAB>ACCOUNT<TAB>NICKNAME<TAB>REMARK"})
final class FriendsCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Override
    public Integer call() {
        for (Friend f : cli.http().withToken(cli.profiles().requireLoggedIn().token()).friends()) {
            cli.out().result(f.userId() + "\t" + f.account() + "\t" + Text.oneLine(f.nickname()) + "\t" + Text.oneLine(f.remark()));
        }
        return 0;
    }
}
