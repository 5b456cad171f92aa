package io.jim.application.service.message;

import io.jim.application.config.Limits;
import io.jim.application.port.in.message.AdminPushCommand;
import io.jim.application.port.in.message.AdminPushUseCase;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.MessageStore.Outcome;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.ContentSize;
import io.jim.domain.message.FanOut;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendSequence;
import io.jim.domain.message.Sender;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores and pushes a business message (sender_type 2, sender 0, no device) into the recipients'
 * inboxes only, like any message but without de-duplication.
 *
 * <p>Recipients: a receiver user (unknown → NOT_FOUND) or group (unknown → NOT_FOUND; all its members),
 * or else a list of 1 to {@link #MAX_USERS} users. The list is one message with receiver_type 1 and
 * receiver_id 0 (no single addressee; the copy's owner is its reader); its unknown ids →
 * INVALID_ARGUMENT on {@code user_ids} naming them, as for group members. Giving both a receiver and a
 * list, or neither, is INVALID_ARGUMENT. The type must be sendable (7 → INVALID_ARGUMENT {@code type})
 * and the content within {@link Limits#maxContentBytes()} (TOO_LARGE).
 */
public final class AdminPushService implements AdminPushUseCase {

    /** Most users one list push may name. */
    public static final int MAX_USERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(AdminPushService.class);

    private final UserRepository users;
    private final GroupRepository groups;
    private final MessageIdGenerator ids;
    private final MessageStore store;
    private final DeliveryGateway gateway;
    private final Clock clock;
    private final Limits limits;

    public AdminPushService(UserRepository users, GroupRepository groups, MessageIdGenerator ids, MessageStore store,
            DeliveryGateway gateway, Clock clock, Limits limits) {
        this.users = Objects.requireNonNull(users, "users");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.store = Objects.requireNonNull(store, "store");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public MessageId push(AdminPushCommand command) {
        MessageType type = MessageType.sendable(command.type());
        int bytes = ContentSize.utf8Bytes(command.content());
        if (bytes > limits.maxContentBytes()) {
            throw new DomainException(ErrorCode.TOO_LARGE,
                    "content is " + bytes + " bytes; at most " + limits.maxContentBytes() + " are allowed");
        }
        Recipients recipients = recipients(command);
        Message message = new Message(ids.next(), Sender.BUSINESS, recipients.receiver(), type, command.content(),
                List.of(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Outcome outcome = store.store(new MessageStore.StoreRequest(message, recipients.owners(), DeviceId.NONE,
                SendSequence.NONE, committed -> gateway.deliver(committed.entries(), DeviceId.NONE)));
        if (!(outcome instanceof Outcome.Stored stored)) {
            throw new IllegalStateException("an unnumbered send cannot be a duplicate: " + outcome);
        }
        log.info("business message stored message_id={} copies={}", message.id(), stored.entries().size());
        return message.id();
    }

    private Recipients recipients(AdminPushCommand command) {
        if (command.receiver().isPresent()) {
            if (!command.userIds().isEmpty()) {
                throw DomainException.invalid("user_ids", "give either a receiver or user_ids, not both");
            }
            return switch (command.receiver().get()) {
                case Receiver.User user -> {
                    if (users.findById(user.userId()).isEmpty()) {
                        throw DomainException.notFound("user " + user.userId() + " not found");
                    }
                    yield new Recipients(user, List.of(user.userId()));
                }
                case Receiver.Group group -> {
                    List<UserId> members = groups.memberIds(group.groupId());
                    if (members.isEmpty()) {
                        throw DomainException.notFound("group " + group.groupId() + " not found");
                    }
                    yield new Recipients(group, FanOut.group(members));
                }
            };
        }
        List<UserId> listed = FanOut.users(command.userIds());
        if (listed.isEmpty()) {
            throw DomainException.invalid("user_ids", "give a receiver or at least one user id");
        }
        if (listed.size() > MAX_USERS) {
            throw DomainException.invalid("user_ids", "at most " + MAX_USERS + " users per message");
        }
        Set<UserId> found = users.findAllById(listed).stream().map(User::id).collect(Collectors.toSet());
        List<UserId> unknown = listed.stream().filter(id -> !found.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw DomainException.invalid("user_ids", "unknown user ids: "
                    + unknown.stream().map(UserId::toString).collect(Collectors.joining(", ")));
        }
        return new Recipients(new Receiver.User(UserId.NONE), listed);
    }

    private record Recipients(Receiver receiver, List<UserId> owners) {
    }
}
