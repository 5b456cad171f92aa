package io.jim.client.cli;

import io.jim.client.JimClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code group-create NAME ACCOUNT...}: creates a group with you as owner and the named members. */
@Command(name = "group-create", description = "Create a group (you are its OWNER) with the given members; prints it as one JSON line.")
final class GroupCreateCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Parameters(index = "0", paramLabel = "NAME")
    private String name;

    @Parameters(index = "1..*", paramLabel = "ACCOUNT", arity = "0..*", description = "Accounts of the other members.")
    private List<String> accounts = new ArrayList<>();

    @Override
    public Integer call() {
        JimClient api = cli.http().withToken(cli.profiles().requireLoggedIn().token());
        List<Long> memberIds = new ArrayList<>();
        for (String account : accounts) {
            memberIds.add(JimCli.userIdOf(api, account));
        }
        cli.out().json(api.createGroup(name, memberIds));
        return 0;
    }
}
