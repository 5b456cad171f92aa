package io.jim.adapter.http.support;

import io.jim.adapter.http.HttpUseCases;
import io.jim.adapter.http.account.AccountUseCases;
import io.jim.adapter.http.friend.FriendUseCases;
import io.jim.adapter.http.group.GroupUseCases;
import io.jim.adapter.http.message.MessageUseCases;
import io.jim.application.port.in.account.AuthenticateUseCase;
import io.jim.application.port.in.account.FindUsersByAccountUseCase;
import io.jim.application.port.in.account.GetMyProfileUseCase;
import io.jim.application.port.in.account.GetUserUseCase;
import io.jim.application.port.in.account.LoginUseCase;
import io.jim.application.port.in.account.LogoutUseCase;
import io.jim.application.port.in.account.Principal;
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
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.domain.device.DeviceId;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;

/**
 * Use cases as swappable lambdas, for tests of the web layer alone: the server is built once over
 * delegates, and each test sets the few use cases it needs. An unset one fails loudly (500).
 */
public final class StubUseCases {

    /** The token {@link #authenticate} accepts by default, for user 1 on device 11. */
    public static final String TOKEN = "good-token";
    public static final Principal CALLER = new Principal(UserId.of(1), DeviceId.of(11));

    public volatile RegisterUserUseCase register = c -> notStubbed();
    public volatile LoginUseCase login = c -> notStubbed();
    public volatile LogoutUseCase logout = c -> notStubbed();
    public volatile AuthenticateUseCase authenticate = StubUseCases::defaultAuthenticate;
    public volatile GetMyProfileUseCase me = c -> notStubbed();
    public volatile UpdateProfileUseCase updateProfile = c -> notStubbed();
    public volatile GetUserUseCase getUser = c -> notStubbed();
    public volatile FindUsersByAccountUseCase findByAccount = c -> notStubbed();
    public volatile SendFriendRequestUseCase sendFriendRequest = c -> notStubbed();
    public volatile ListFriendRequestsUseCase listFriendRequests = (c, i) -> notStubbed();
    public volatile AcceptFriendRequestUseCase acceptFriendRequest = c -> notStubbed();
    public volatile RejectFriendRequestUseCase rejectFriendRequest = c -> notStubbed();
    public volatile ListFriendsUseCase listFriends = c -> notStubbed();
    public volatile UpdateFriendRemarkUseCase updateRemark = (c, f, r) -> notStubbed();
    public volatile DeleteFriendUseCase deleteFriend = (c, f) -> notStubbed();
    public volatile CreateGroupUseCase createGroup = c -> notStubbed();
    public volatile ListMyGroupsUseCase listMyGroups = c -> notStubbed();
    public volatile GetGroupUseCase getGroup = (c, g) -> notStubbed();
    public volatile UpdateGroupUseCase updateGroup = c -> notStubbed();
    public volatile DissolveGroupUseCase dissolveGroup = (c, g) -> notStubbed();
    public volatile ListMembersUseCase listMembers = (c, g) -> notStubbed();
    public volatile AddMembersUseCase addMembers = (c, g, u) -> notStubbed();
    public volatile RemoveMemberUseCase removeMember = (c, g, u) -> notStubbed();
    public volatile UpdateMemberUseCase updateMember = c -> notStubbed();
    public volatile SendMessageUseCase send = c -> notStubbed();
    public volatile SyncInboxUseCase sync = q -> notStubbed();
    public volatile AckInboxUseCase ack = (p, s) -> notStubbed();
    public volatile AdminPushUseCase adminPush = c -> notStubbed();

    /** Delegates that read the current stub on every call. */
    public HttpUseCases useCases() {
        return new HttpUseCases(
                new AccountUseCases(
                        c -> register.register(c),
                        c -> login.login(c),
                        c -> logout.logout(c),
                        t -> authenticate.authenticate(t),
                        c -> me.me(c),
                        c -> updateProfile.update(c),
                        id -> getUser.get(id),
                        a -> findByAccount.find(a)),
                new FriendUseCases(
                        c -> sendFriendRequest.send(c),
                        (c, i) -> listFriendRequests.list(c, i),
                        c -> acceptFriendRequest.accept(c),
                        c -> rejectFriendRequest.reject(c),
                        c -> listFriends.list(c),
                        (c, f, r) -> updateRemark.updateRemark(c, f, r),
                        (c, f) -> deleteFriend.delete(c, f)),
                new GroupUseCases(
                        c -> createGroup.create(c),
                        c -> listMyGroups.list(c),
                        (c, g) -> getGroup.get(c, g),
                        c -> updateGroup.update(c),
                        (c, g) -> dissolveGroup.dissolve(c, g),
                        (c, g) -> listMembers.list(c, g),
                        (c, g, u) -> addMembers.add(c, g, u),
                        (c, g, u) -> removeMember.remove(c, g, u),
                        c -> updateMember.update(c)),
                new MessageUseCases(
                        c -> send.send(c),
                        q -> sync.sync(q),
                        (p, s) -> ack.ack(p, s),
                        c -> adminPush.push(c)));
    }

    private static Principal defaultAuthenticate(String token) {
        if (TOKEN.equals(token)) {
            return CALLER;
        }
        throw new DomainException(ErrorCode.UNAUTHENTICATED, "the token is invalid or revoked");
    }

    private static <T> T notStubbed() {
        throw new IllegalStateException("use case not stubbed in this test");
    }
}
