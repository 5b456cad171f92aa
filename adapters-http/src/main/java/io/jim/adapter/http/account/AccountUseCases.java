package io.jim.adapter.http.account;

import io.jim.application.port.in.account.AuthenticateUseCase;
import io.jim.application.port.in.account.FindUsersByAccountUseCase;
import io.jim.application.port.in.account.GetMyProfileUseCase;
import io.jim.application.port.in.account.GetUserUseCase;
import io.jim.application.port.in.account.LoginUseCase;
import io.jim.application.port.in.account.LogoutUseCase;
import io.jim.application.port.in.account.RegisterUserUseCase;
import io.jim.application.port.in.account.UpdateProfileUseCase;
import java.util.Objects;

/** The account use cases the HTTP adapter calls (authenticate serves the bearer-token check of every route). */
public record AccountUseCases(
        RegisterUserUseCase register,
        LoginUseCase login,
        LogoutUseCase logout,
        AuthenticateUseCase authenticate,
        GetMyProfileUseCase me,
        UpdateProfileUseCase updateProfile,
        GetUserUseCase getUser,
        FindUsersByAccountUseCase findByAccount) {

    public AccountUseCases {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(logout, "logout");
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(updateProfile, "updateProfile");
        Objects.requireNonNull(getUser, "getUser");
        Objects.requireNonNull(findByAccount, "findByAccount");
    }
}
