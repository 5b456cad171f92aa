package io.jim.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code register ACCOUNT PASSWORD NICKNAME}: creates an account and prints it as JSON. */
@Command(name = "register", description = "Create an account; prints the new user as one JSON line.")
final class RegisterCommand implements Callable<Integer> {

    @ParentCommand
    private JimCli cli;

    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "3-32 characters of [A-Za-z0-9_.@+-].")
    private String account;

    @Parameters(index = "1", paramLabel = "PASSWORD", description = "8-72 characters.")
    private String password;

    @Parameters(index = "2", paramLabel = "NICKNAME", description = "1-32 characters.")
    private String nickname;

    @Override
    public Integer call() {
        cli.out().json(cli.http().register(account, password, nickname));
        return 0;
    }
}
