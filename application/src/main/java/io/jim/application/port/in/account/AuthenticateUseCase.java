package io.jim.application.port.in.account;


/** Turns a bearer token into the caller (UNAUTHENTICATED for a bad or revoked token). */
public interface AuthenticateUseCase {

    Principal authenticate(String token);
}
