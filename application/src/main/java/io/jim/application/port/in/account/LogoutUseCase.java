package io.jim.application.port.in.account;


/** Logs the caller's device out: revokes its token and kicks its live connection. */
public interface LogoutUseCase {

    void logout(Principal caller);
}
