package io.jim.application.port.in.account;


/** Logs a user in on a device: issues a new token and invalidates (and kicks) the previous one; UNAUTHENTICATED with one message for an unknown account or a wrong password. */
public interface LoginUseCase {

    LoginResult login(LoginCommand command);
}
