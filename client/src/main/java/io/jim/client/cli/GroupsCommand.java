package io.jim.client.cli;

import io.jim.client.Group;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code groups}: lists the groups you belong to, one line each. */
@Command(name = "groups", description = {"List the groups you belong to, one per line.", "Columns: GROUP_ID<TAB>NAME<TAB>MEMBER_COUNT"})
final class GroupsCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Override
    public Integer call() {
        for (Group g : cli.http().withToken(cli.profiles().requireLoggedIn().token()).groups()) {
            cli.out().result(g.groupId() + "\t" + Text.oneLine(g.name()) + "\t" + g.memberCount());
        }
        return 0;
    }
}
