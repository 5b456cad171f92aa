package io.jim.application.fake;

import io.jim.application.config.Limits;
import io.jim.application.port.in.account.AuthenticateUseCase;
import io.jim.application.port.in.account.FindUsersByAccountUseCase;
import io.jim.application.port.in.account.GetMyProfileUseCase;
import io.jim.application.port.in.account.GetUserUseCase;
import io.jim.application.port.in.account.LoginCommand;
import io.jim.application.port.in.account.LoginResult;
import io.jim.application.port.in.account.LoginUseCase;
import io.jim.application.port.in.account.LogoutUseCase;
import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.account.RegisterUserCommand;
import io.jim.application.port.in.account.RegisterUserUseCase;
import io.jim.application.port.in.account.UpdateProfileUseCase;
import io.jim.application.port.in.friend.AcceptFriendRequestUseCase;
import io.jim.application.port.in.friend.DecideFriendRequestCommand;
import io.jim.application.port.in.friend.DeleteFriendUseCase;
import io.jim.application.port.in.friend.FriendRequestOutcome;
import io.jim.application.port.in.friend.ListFriendRequestsUseCase;
import io.jim.application.port.in.friend.ListFriendsUseCase;
import io.jim.application.port.in.friend.RejectFriendRequestUseCase;
import io.jim.application.port.in.friend.SendFriendRequestCommand;
import io.jim.application.port.in.friend.SendFriendRequestUseCase;
import io.jim.application.port.in.friend.UpdateFriendRemarkUseCase;
import io.jim.application.port.in.group.AddMembersUseCase;
import io.jim.application.port.in.group.CreateGroupCommand;
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
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SendResult;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.application.port.out.PasswordHasher;
import io.jim.application.port.out.TokenIssuer;
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
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.DeviceType;
import io.jim.domain.group.Group;
import io.jim.domain.group.GroupProfile;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.Account;
import io.jim.domain.user.Password;
import io.jim.domain.user.Profile;
import io.jim.domain.user.Sex;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole application wired over the in-memory fakes: every use case, plus helpers that set up
 * users, sessions, friendships and groups in one line. The fakes share one {@link InMemoryUnitOfWork}
 * (so a failed transaction rolls back) and check the house rules as they go (inbox writes inside a
 * unit of work, pushes and kicks after commit). Every fake is thread-safe.
 *
 * <pre>{@code
 * InMemoryJim jim = new InMemoryJim();
 * InMemoryJim.Session alice = jim.signUp("alice");
 * InMemoryJim.Session bob = jim.signUp("bob");
 * jim.makeFriends(alice, bob);
 * jim.sendText(alice, bob.userId(), 1, "hi");
 * }</pre>
 */
public final class InMemoryJim {

    /** The password every user made by {@link #signUp} has. */
    public static final String PASSWORD = "correct horse battery";

    /** A user signed in on one device: its id, device, token and principal. */
    public record Session(User user, DeviceId deviceId, String token) {
        public Session {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(token, "token");
        }

        public UserId userId() {
            return user.id();
        }

        public Principal principal() {
            return new Principal(user.id(), deviceId);
        }
    }

    private final Limits limits;
    private final MutableClock clock;
    private final InMemoryUnitOfWork unitOfWork;
    private final InMemoryUserRepository users;
    private final InMemoryDeviceRepository devices;
    private final InMemoryFriendRepository friends;
    private final InMemoryGroupRepository groups;
    private final InMemoryInboxSequenceAllocator sequences;
    private final InMemoryInboxRepository inbox;
    private final InMemoryMessageStore messageStore;
    private final SequentialMessageIdGenerator messageIds;
    private final RecordingDeliveryGateway gateway;
    private final InMemoryStorageHealth storageHealth;
    private final PasswordHasher passwordHasher;
    private final TokenIssuer tokenIssuer;
    private final InboxWatermarks watermarks = new InboxWatermarks();

    private final RegisterUserUseCase registerUser;
    private final LoginUseCase login;
    private final LogoutUseCase logout;
    private final AuthenticateUseCase authenticate;
    private final GetMyProfileUseCase getMyProfile;
    private final GetUserUseCase getUser;
    private final FindUsersByAccountUseCase findUsersByAccount;
    private final UpdateProfileUseCase updateProfile;
    private final SendFriendRequestUseCase sendFriendRequest;
    private final AcceptFriendRequestUseCase acceptFriendRequest;
    private final RejectFriendRequestUseCase rejectFriendRequest;
    private final ListFriendRequestsUseCase listFriendRequests;
    private final ListFriendsUseCase listFriends;
    private final UpdateFriendRemarkUseCase updateFriendRemark;
    private final DeleteFriendUseCase deleteFriend;
    private final CreateGroupUseCase createGroup;
    private final GetGroupUseCase getGroup;
    private final ListMyGroupsUseCase listMyGroups;
    private final ListMembersUseCase listMembers;
    private final UpdateGroupUseCase updateGroup;
    private final DissolveGroupUseCase dissolveGroup;
    private final AddMembersUseCase addMembers;
    private final RemoveMemberUseCase removeMember;
    private final UpdateMemberUseCase updateMember;
    private final SignInUseCase signIn;
    private final SendMessageUseCase sendMessage;
    private final SyncInboxUseCase syncInbox;
    private final AckInboxUseCase ackInbox;
    private final AdminPushUseCase adminPush;

    /** Default limits, a fast fake password hasher and the real token issuer. */
    public InMemoryJim() {
        this(Limits.DEFAULTS);
    }

    public InMemoryJim(Limits limits) {
        this(limits, new FakePasswordHasher(), new SecureTokenIssuer());
    }

    public InMemoryJim(Limits limits, PasswordHasher passwordHasher, TokenIssuer tokenIssuer) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
        this.tokenIssuer = Objects.requireNonNull(tokenIssuer, "tokenIssuer");
        clock = new MutableClock();
        unitOfWork = new InMemoryUnitOfWork();
        users = new InMemoryUserRepository(clock, unitOfWork);
        devices = new InMemoryDeviceRepository(clock, unitOfWork);
        friends = new InMemoryFriendRepository(unitOfWork);
        groups = new InMemoryGroupRepository(unitOfWork);
        sequences = new InMemoryInboxSequenceAllocator(unitOfWork);
        inbox = new InMemoryInboxRepository(sequences, unitOfWork);
        messageStore = new InMemoryMessageStore(unitOfWork, inbox, devices);
        messageIds = new SequentialMessageIdGenerator();
        gateway = new RecordingDeliveryGateway(unitOfWork);
        storageHealth = new InMemoryStorageHealth();

        registerUser = new RegisterUserService(users, passwordHasher);
        login = new LoginService(users, devices, passwordHasher, tokenIssuer, unitOfWork, gateway);
        logout = new LogoutService(devices, gateway);
        authenticate = new AuthenticateService(devices, tokenIssuer);
        getMyProfile = new GetMyProfileService(users);
        getUser = new GetUserService(users);
        findUsersByAccount = new FindUsersByAccountService(users);
        updateProfile = new UpdateProfileService(users, passwordHasher);
        sendFriendRequest = new SendFriendRequestService(users, friends, inbox, messageIds, unitOfWork, gateway, clock);
        acceptFriendRequest = new AcceptFriendRequestService(users, friends, inbox, messageIds, unitOfWork, gateway, clock);
        rejectFriendRequest = new RejectFriendRequestService(friends, unitOfWork);
        listFriendRequests = new ListFriendRequestsService(friends);
        listFriends = new ListFriendsService(users, friends);
        updateFriendRemark = new UpdateFriendRemarkService(users, friends);
        deleteFriend = new DeleteFriendService(friends, inbox, messageIds, unitOfWork, gateway, clock);
        createGroup = new CreateGroupService(users, groups, inbox, messageIds, unitOfWork, gateway, clock, limits);
        getGroup = new GetGroupService(groups);
        listMyGroups = new ListMyGroupsService(groups);
        listMembers = new ListMembersService(users, groups);
        updateGroup = new UpdateGroupService(groups, inbox, messageIds, unitOfWork, gateway, clock);
        dissolveGroup = new DissolveGroupService(groups, inbox, messageIds, unitOfWork, gateway, clock);
        addMembers = new AddMembersService(users, groups, inbox, messageIds, unitOfWork, gateway, clock, limits);
        removeMember = new RemoveMemberService(groups, inbox, messageIds, unitOfWork, gateway, clock);
        updateMember = new UpdateMemberService(users, groups, inbox, messageIds, unitOfWork, gateway, clock);
        signIn = new SignInService(devices, inbox, tokenIssuer, clock);
        sendMessage = new SendMessageService(friends, groups, messageIds, messageStore, gateway, clock, limits, watermarks);
        syncInbox = new SyncInboxService(inbox);
        ackInbox = new AckInboxService(inbox, devices, watermarks);
        adminPush = new AdminPushService(users, groups, messageIds, messageStore, gateway, clock, limits);
    }

    // ----- helpers -----

    /** Registers {@code account} with {@link #PASSWORD} and the nickname {@code account}. */
    public User register(String account) {
        return registerUser.register(new RegisterUserCommand(Account.of(account), new Password(PASSWORD),
                new Profile(account, Sex.UNKNOWN, "", "{}")));
    }

    /** Logs {@code account} in on a new Linux device. */
    public LoginResult loginNewDevice(String account) {
        return login.login(new LoginCommand(Account.of(account), new Password(PASSWORD), Optional.empty(), device()));
    }

    /** Registers {@code account} and logs it in on a new device. */
    public Session signUp(String account) {
        User user = register(account);
        LoginResult result = loginNewDevice(account);
        return new Session(user, result.deviceId(), result.token());
    }

    /** Another new device of an existing session's user. */
    public Session anotherDevice(Session session) {
        LoginResult result = loginNewDevice(session.user().account().value());
        return new Session(session.user(), result.deviceId(), result.token());
    }

    /** Makes {@code a} and {@code b} friends (a request and its acceptance, with their events). */
    public void makeFriends(Session a, Session b) {
        FriendRequestOutcome outcome = sendFriendRequest.send(new SendFriendRequestCommand(a.userId(), b.userId(), "hi"));
        if (outcome instanceof FriendRequestOutcome.Requested requested) {
            acceptFriendRequest.accept(new DecideFriendRequestCommand(b.userId(), requested.request().id(), ""));
        }
    }

    /** A group named {@code name} owned by {@code owner} with {@code members}. */
    public Group createGroup(Session owner, String name, Session... members) {
        List<UserId> ids = Arrays.stream(members).map(Session::userId).toList();
        return createGroup.create(new CreateGroupCommand(owner.userId(), new GroupProfile(name, "", "", "{}"), ids));
    }

    /** Sends text from {@code from} to user {@code to} numbered {@code sendSequence}. */
    public SendResult sendText(Session from, UserId to, long sendSequence, String text) {
        return sendMessage.send(new SendMessageCommand(from.principal(), ReceiverType.USER.code(), to.value(),
                MessageType.TEXT.code(), text, SendSequence.of(sendSequence), List.of()));
    }

    /** Sends text from {@code from} to group {@code group} numbered {@code sendSequence}. */
    public SendResult sendGroupText(Session from, Group group, long sendSequence, String text) {
        return sendMessage.send(new SendMessageCommand(from.principal(), ReceiverType.GROUP.code(), group.id().value(),
                MessageType.TEXT.code(), text, SendSequence.of(sendSequence), List.of()));
    }

    public static DeviceInfo device() {
        return new DeviceInfo(DeviceType.LINUX, "test", "test", "1", "1");
    }

    // ----- the fakes -----

    public Limits limits() {
        return limits;
    }

    /** The watermarks shared by the send and ack services. */
    public InboxWatermarks watermarks() {
        return watermarks;
    }

    public MutableClock clock() {
        return clock;
    }

    public InMemoryUnitOfWork unitOfWork() {
        return unitOfWork;
    }

    public InMemoryUserRepository users() {
        return users;
    }

    public InMemoryDeviceRepository devices() {
        return devices;
    }

    public InMemoryFriendRepository friends() {
        return friends;
    }

    public InMemoryGroupRepository groups() {
        return groups;
    }

    public InMemoryInboxSequenceAllocator sequences() {
        return sequences;
    }

    public InMemoryInboxRepository inbox() {
        return inbox;
    }

    public InMemoryMessageStore messageStore() {
        return messageStore;
    }

    public SequentialMessageIdGenerator messageIds() {
        return messageIds;
    }

    public RecordingDeliveryGateway gateway() {
        return gateway;
    }

    public InMemoryStorageHealth storageHealth() {
        return storageHealth;
    }

    public PasswordHasher passwordHasher() {
        return passwordHasher;
    }

    public TokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    // ----- the use cases -----

    public RegisterUserUseCase registerUser() {
        return registerUser;
    }

    public LoginUseCase login() {
        return login;
    }

    public LogoutUseCase logout() {
        return logout;
    }

    public AuthenticateUseCase authenticate() {
        return authenticate;
    }

    public GetMyProfileUseCase getMyProfile() {
        return getMyProfile;
    }

    public GetUserUseCase getUser() {
        return getUser;
    }

    public FindUsersByAccountUseCase findUsersByAccount() {
        return findUsersByAccount;
    }

    public UpdateProfileUseCase updateProfile() {
        return updateProfile;
    }

    public SendFriendRequestUseCase sendFriendRequest() {
        return sendFriendRequest;
    }

    public AcceptFriendRequestUseCase acceptFriendRequest() {
        return acceptFriendRequest;
    }

    public RejectFriendRequestUseCase rejectFriendRequest() {
        return rejectFriendRequest;
    }

    public ListFriendRequestsUseCase listFriendRequests() {
        return listFriendRequests;
    }

    public ListFriendsUseCase listFriends() {
        return listFriends;
    }

    public UpdateFriendRemarkUseCase updateFriendRemark() {
        return updateFriendRemark;
    }

    public DeleteFriendUseCase deleteFriend() {
        return deleteFriend;
    }

    public CreateGroupUseCase createGroup() {
        return createGroup;
    }

    public GetGroupUseCase getGroup() {
        return getGroup;
    }

    public ListMyGroupsUseCase listMyGroups() {
        return listMyGroups;
    }

    public ListMembersUseCase listMembers() {
        return listMembers;
    }

    public UpdateGroupUseCase updateGroup() {
        return updateGroup;
    }

    public DissolveGroupUseCase dissolveGroup() {
        return dissolveGroup;
    }

    public AddMembersUseCase addMembers() {
        return addMembers;
    }

    public RemoveMemberUseCase removeMember() {
        return removeMember;
    }

    public UpdateMemberUseCase updateMember() {
        return updateMember;
    }

    public SignInUseCase signIn() {
        return signIn;
    }

    public SendMessageUseCase sendMessage() {
        return sendMessage;
    }

    public SyncInboxUseCase syncInbox() {
        return syncInbox;
    }

    public AckInboxUseCase ackInbox() {
        return ackInbox;
    }

    public AdminPushUseCase adminPush() {
        return adminPush;
    }
}
