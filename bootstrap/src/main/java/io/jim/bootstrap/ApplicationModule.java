package io.jim.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jim.application.config.Limits;
import io.jim.application.config.RateLimit;
import io.jim.application.port.in.account.AuthenticateUseCase;
import io.jim.application.port.in.account.FindUsersByAccountUseCase;
import io.jim.application.port.in.account.GetMyProfileUseCase;
import io.jim.application.port.in.account.GetUserUseCase;
import io.jim.application.port.in.account.LoginUseCase;
import io.jim.application.port.in.account.LogoutUseCase;
import io.jim.application.port.in.account.RegisterUserUseCase;
import io.jim.application.port.in.account.UpdateProfileUseCase;
import io.jim.application.port.in.friend.AcceptFriendRequestUseCase;
import io.jim.application.port.in.friend.DeleteFriendUseCase;
import io.jim.application.port.in.friend.ListFriendRequestsUseCase;
import io.jim.application.port.in.friend.ListFriendsUseCase;
import io.jim.application.port.in.friend.RejectFriendRequestUseCase;
import io.jim.application.port.in.friend.SendFriendRequestUseCase;
import io.jim.application.port.in.friend.UpdateFriendRemarkUseCase;
import io.jim.application.port.in.group.AddMembersUseCase;
import io.jim.application.port.in.group.CreateGroupUseCase;
import io.jim.application.port.in.group.DissolveGroupUseCase;
import io.jim.application.port.in.group.GetGroupUseCase;
import io.jim.application.port.in.group.ListMembersUseCase;
import io.jim.application.port.in.group.ListMyGroupsUseCase;
import io.jim.application.port.in.group.RemoveMemberUseCase;
import io.jim.application.port.in.group.UpdateGroupUseCase;
import io.jim.application.port.in.group.UpdateMemberUseCase;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.AdminPushUseCase;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.out.PasswordHasher;
import io.jim.application.port.out.TokenIssuer;
import io.jim.application.security.Pbkdf2PasswordHasher;
import io.jim.application.security.SecureTokenIssuer;
import io.jim.application.service.account.AuthenticateService;
import io.jim.application.service.account.FindUsersByAccountService;
import io.jim.application.service.account.GetMyProfileService;
import io.jim.application.service.account.GetUserService;
import io.jim.application.service.account.LoginService;
import io.jim.application.service.account.LogoutService;
import io.jim.application.service.account.RegisterUserService;
import io.jim.application.service.account.UpdateProfileService;
import io.jim.application.service.friend.AcceptFriendRequestService;
import io.jim.application.service.friend.DeleteFriendService;
import io.jim.application.service.friend.ListFriendRequestsService;
import io.jim.application.service.friend.ListFriendsService;
import io.jim.application.service.friend.RejectFriendRequestService;
import io.jim.application.service.friend.SendFriendRequestService;
import io.jim.application.service.friend.UpdateFriendRemarkService;
import io.jim.application.service.group.AddMembersService;
import io.jim.application.service.group.CreateGroupService;
import io.jim.application.service.group.DissolveGroupService;
import io.jim.application.service.group.GetGroupService;
import io.jim.application.service.group.ListMembersService;
import io.jim.application.service.group.ListMyGroupsService;
import io.jim.application.service.group.RemoveMemberService;
import io.jim.application.service.group.UpdateGroupService;
import io.jim.application.service.group.UpdateMemberService;
import io.jim.application.service.message.AckInboxService;
import io.jim.application.service.message.AdminPushService;
import io.jim.application.service.message.InboxWatermarks;
import io.jim.application.service.message.SendMessageService;
import io.jim.application.service.message.SignInService;
import io.jim.application.service.message.SyncInboxService;
import java.time.Clock;

/**
 * Binds every use case to its service. Services carry no annotations, so each is bound to its one
 * public constructor; with explicit bindings required, a missing port binding fails at start-up.
 */
public final class ApplicationModule extends AbstractModule {

    @Override
    protected void configure() {
        service(RegisterUserUseCase.class, RegisterUserService.class);
        service(LoginUseCase.class, LoginService.class);
        service(LogoutUseCase.class, LogoutService.class);
        service(AuthenticateUseCase.class, AuthenticateService.class);
        service(GetMyProfileUseCase.class, GetMyProfileService.class);
        service(UpdateProfileUseCase.class, UpdateProfileService.class);
        service(GetUserUseCase.class, GetUserService.class);
        service(FindUsersByAccountUseCase.class, FindUsersByAccountService.class);

        service(SendFriendRequestUseCase.class, SendFriendRequestService.class);
        service(ListFriendRequestsUseCase.class, ListFriendRequestsService.class);
        service(AcceptFriendRequestUseCase.class, AcceptFriendRequestService.class);
        service(RejectFriendRequestUseCase.class, RejectFriendRequestService.class);
        service(ListFriendsUseCase.class, ListFriendsService.class);
        service(UpdateFriendRemarkUseCase.class, UpdateFriendRemarkService.class);
        service(DeleteFriendUseCase.class, DeleteFriendService.class);

        service(CreateGroupUseCase.class, CreateGroupService.class);
        service(ListMyGroupsUseCase.class, ListMyGroupsService.class);
        service(GetGroupUseCase.class, GetGroupService.class);
        service(UpdateGroupUseCase.class, UpdateGroupService.class);
        service(DissolveGroupUseCase.class, DissolveGroupService.class);
        service(ListMembersUseCase.class, ListMembersService.class);
        service(AddMembersUseCase.class, AddMembersService.class);
        service(RemoveMemberUseCase.class, RemoveMemberService.class);
        service(UpdateMemberUseCase.class, UpdateMemberService.class);

        service(SignInUseCase.class, SignInService.class);
        service(SendMessageUseCase.class, SendMessageService.class);
        service(SyncInboxUseCase.class, SyncInboxService.class);
        service(AckInboxUseCase.class, AckInboxService.class);
        // One per process, shared by the send and ack services.
        bind(InboxWatermarks.class).toConstructor(Constructors.onlyPublic(InboxWatermarks.class)).in(Singleton.class);
        service(AdminPushUseCase.class, AdminPushService.class);
    }

    private <U, S extends U> void service(Class<U> useCase, Class<S> implementation) {
        bind(useCase).toConstructor(Constructors.onlyPublic(implementation)).in(Singleton.class);
    }

    @Provides
    @Singleton
    PasswordHasher passwordHasher(JimConfig config) {
        return new Pbkdf2PasswordHasher(config.passwordIterations());
    }

    @Provides
    @Singleton
    TokenIssuer tokenIssuer() {
        return new SecureTokenIssuer();
    }

    @Provides
    @Singleton
    Limits limits(JimConfig config) {
        return new Limits(config.maxContentBytes(), config.maxGroupMembers(),
                RateLimit.perSecond(config.limits().maxSendsPerSecondPerUser()));
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
