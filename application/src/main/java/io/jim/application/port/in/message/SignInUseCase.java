package io.jim.application.port.in.message;


/** Checks a device's credentials for a connection (UNAUTHENTICATED when they do not match). */
public interface SignInUseCase {

    SignInResult signIn(SignInCommand command);
}
