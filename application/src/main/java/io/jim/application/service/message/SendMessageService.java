package io.jim.application.service.message;

import io.jim.application.config.Limits;
import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.SendMessageCommand;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SendResult;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.application.port.out.FriendRepository;
import io.jim.application.port.out.GroupRepository;
import io.jim.application.port.out.MessageIdGenerator;
import io.jim.application.port.out.MessageStore;
import io.jim.application.port.out.MessageStore.Outcome;
import io.jim.application.service.ratelimit.RateLimiter;
import io.jim.application.service.support.LogContext;
import io.jim.domain.group.GroupId;
import io.jim.domain.message.ContentSize;
import io.jim.domain.message.FanOut;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.ReceiverType;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.Sender;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message (PROTOCOL.md 4.3), the hot path of the server.
 *
 * <p>Checks, in the order of PROTOCOL.md 4.3 (which the port's command names as binding): receiver
 * type known (else INVALID_ARGUMENT {@code receiver_type}); message type known (INVALID_ARGUMENT
 * {@code type}); at most 100 well-formed {@code to_user_ids} (INVALID_ARGUMENT); for 1:1 the receiver
 * is a friend (an unknown user or oneself → NOT_FRIENDS); for a group the sender is a member (an unknown
 * group → NOT_IN_GROUP); content within {@link Limits#maxContentBytes()} UTF-8 bytes (TOO_LARGE); type
 * not 7 (INVALID_ARGUMENT {@code type}); last the sender's rate, per user over all its devices
 * ({@link Limits#sendsPerUser()}, RATE_LIMITED), so that only a send that would be stored counts.
 * The protocol checks for a retransmission before all of these;
 * to spare the lookup on every send, the lookup runs only when a check fails: a numbered send whose
 * receipt exists is then answered with its ORIGINAL receipt (even if the rules have changed since, e.g.
 * the friendship ended); a send that passes the checks is recognised as a retransmission by
 * {@link MessageStore#store} itself, atomically.
 *
 * <p>Then the message is built (id from the generator, sender stamped from the principal, send time
 * from the clock in whole milliseconds) with one copy per inbox owner ({@link FanOut}), and stored:
 * Stored → pushed (by the store's after-commit action, in inbox-sequence order) to every online device
 * of every owner except the sending one; Duplicate → the original receipt, nothing pushed; SequenceTooLow →
 * INVALID_ARGUMENT {@code send_sequence}.
 *
 * <p>Port calls per accepted send: one authorization read ({@link FriendRepository#areFriends} or
 * {@link GroupRepository#memberIds}, which also yields the fan-out), one {@link MessageIdGenerator#next}
 * (in memory, rarely a block fetch), one {@link MessageStore#store} (one transaction) and one
 * {@link DeliveryGateway#deliver} (in memory, non-blocking): two database round trips. A refused
 * numbered send adds one {@link MessageStore#findReceipt}. Ids go into the SLF4J MDC
 * ({@code user_id}, {@code device_id}, {@code message_id}) only while debug logging is on, so the hot
 * path builds no strings otherwise.
 */
public final class SendMessageService implements SendMessageUseCase {

    /** Most users one message may mention. */
    public static final int MAX_MENTIONS = Message.MAX_MENTIONS;

    private static final Logger log = LoggerFactory.getLogger(SendMessageService.class);

    private final FriendRepository friends;
    private final GroupRepository groups;
    private final MessageIdGenerator ids;
    private final MessageStore store;
    private final DeliveryGateway gateway;
    private final Clock clock;
    private final Limits limits;
    private final RateLimiter<UserId> sendRate;
    private final InboxWatermarks watermarks;

    public SendMessageService(FriendRepository friends, GroupRepository groups, MessageIdGenerator ids,
            MessageStore store, DeliveryGateway gateway, Clock clock, Limits limits, InboxWatermarks watermarks) {
        this.friends = Objects.requireNonNull(friends, "friends");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.store = Objects.requireNonNull(store, "store");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sendRate = new RateLimiter<>(limits.sendsPerUser(), RateLimiter.nanosOf(clock));
        this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    }

    @Override
    public SendResult send(SendMessageCommand command) {
        if (!log.isDebugEnabled()) {
            return doSend(command, false);
        }
        Principal sender = command.sender();
        try (LogContext ignored = LogContext.of(LogContext.USER_ID, sender.userId(), LogContext.DEVICE_ID,
                sender.deviceId(), LogContext.MESSAGE_ID, null)) {
            return doSend(command, true);
        }
    }

    private SendResult doSend(SendMessageCommand command, boolean debug) {
        Principal sender = command.sender();
        if (debug) {
            log.debug("send received receiver_type={} receiver_id={} type={} send_sequence={}",
                    command.receiverType(), command.receiverId(), command.type(), command.sendSequence());
        }
        Addressed addressed;
        try {
            addressed = check(command);
        } catch (DomainException refused) {
            Optional<SendReceipt> original = command.sendSequence().isNumbered()
                    ? store.findReceipt(sender.deviceId(), command.sendSequence())
                    : Optional.empty();
            if (original.isPresent()) {
                log.info("send retransmitted after the rules changed user_id={} device_id={} send_sequence={} message_id={}",
                        sender.userId(), sender.deviceId(), command.sendSequence(), original.get().messageId());
                return new SendResult(original.get(), true);
            }
            if (debug) {
                log.debug("send refused code={} reason={}", refused.code(), refused.getMessage());
            }
            throw refused;
        }

        Message message = new Message(ids.next(), Sender.user(sender.userId(), sender.deviceId()),
                addressed.receiver(), addressed.type(), command.content(), addressed.mentions(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (debug) {
            org.slf4j.MDC.put(LogContext.MESSAGE_ID, message.id().toString());
        }
        // The pushes run as the store's after-commit action, in the order of the inbox sequences (see
        // MessageStore). The watermarks first: the acks of the pushes then need no read.
        Outcome outcome = store.store(new MessageStore.StoreRequest(message, addressed.owners(), sender.deviceId(),
                command.sendSequence(), stored -> {
                    watermarks.raise(stored.entries());
                    gateway.deliver(stored.entries(), sender.deviceId());
                }));
        return switch (outcome) {
            case Outcome.Stored stored -> {
                if (debug) {
                    log.debug("send stored copies={} sync_sequence={}", stored.entries().size(),
                            stored.receipt().senderSequence());
                }
                yield new SendResult(stored.receipt(), false);
            }
            case Outcome.Duplicate duplicate -> {
                log.info("send retransmitted user_id={} device_id={} send_sequence={} message_id={}",
                        sender.userId(), sender.deviceId(), command.sendSequence(), duplicate.original().messageId());
                yield new SendResult(duplicate.original(), true);
            }
            case Outcome.SequenceTooLow tooLow -> {
                log.info("send refused: send_sequence too low user_id={} device_id={} send_sequence={} highest={}",
                        sender.userId(), sender.deviceId(), command.sendSequence(), tooLow.highestAccepted());
                throw DomainException.invalid("send_sequence", "send_sequence " + command.sendSequence()
                        + " is below the highest accepted one (" + tooLow.highestAccepted() + ") and was never used");
            }
        };
    }

    /** The checks of PROTOCOL.md 4.3 in its order; returns the receiver, type, mentions and owners. */
    private Addressed check(SendMessageCommand command) {
        UserId senderId = command.sender().userId();
        ReceiverType receiverType = ReceiverType.fromCode(command.receiverType())
                .orElseThrow(() -> DomainException.invalid("receiver_type", "receiver_type must be 1 (user) or 2 (group)"));
        MessageType type = MessageType.of(command.type());
        List<UserId> mentions = mentions(command.toUserIds());
        if (command.receiverId() < 0) {
            throw DomainException.invalid("receiver_id", "receiver_id must not be negative");
        }

        Target target = switch (receiverType) {
            case USER -> direct(senderId, UserId.of(command.receiverId()));
            case GROUP -> group(senderId, GroupId.of(command.receiverId()));
        };

        int bytes = ContentSize.utf8Bytes(command.content());
        if (bytes > limits.maxContentBytes()) {
            throw new DomainException(ErrorCode.TOO_LARGE,
                    "content is " + bytes + " bytes; at most " + limits.maxContentBytes() + " are allowed");
        }
        if (type.isCommand()) {
            MessageType.sendable(type.code());
        }
        // Last, so that only a send that would be stored takes a token; refused here, a retransmission
        // still gets its original receipt (the caller looks it up) and the send_sequence stays unused.
        if (!sendRate.tryAcquire(senderId)) {
            throw new DomainException(ErrorCode.RATE_LIMITED, "too many messages; retry later");
        }
        return new Addressed(target.receiver(), type, mentions, target.owners());
    }

    private Target direct(UserId sender, UserId peer) {
        if (peer.equals(sender) || !friends.areFriends(sender, peer)) {
            throw new DomainException(ErrorCode.NOT_FRIENDS, "user " + peer + " is not your friend");
        }
        return new Target(new Receiver.User(peer), FanOut.direct(sender, peer));
    }

    private Target group(UserId sender, GroupId group) {
        List<UserId> members = groups.memberIds(group);
        if (!members.contains(sender)) {
            throw new DomainException(ErrorCode.NOT_IN_GROUP, "you are not a member of group " + group);
        }
        return new Target(new Receiver.Group(group), FanOut.group(members));
    }

    private static List<UserId> mentions(List<Long> toUserIds) {
        if (toUserIds.isEmpty()) {
            return List.of();
        }
        if (toUserIds.size() > MAX_MENTIONS) {
            throw DomainException.invalid("to_user_ids", "at most " + MAX_MENTIONS + " users may be mentioned");
        }
        List<UserId> out = new ArrayList<>(toUserIds.size());
        for (Long id : toUserIds) {
            if (id == null || id < 0) {
                throw DomainException.invalid("to_user_ids", "to_user_ids must be user ids");
            }
            out.add(UserId.of(id));
        }
        return out;
    }

    private record Target(Receiver receiver, List<UserId> owners) {
    }

    private record Addressed(Receiver receiver, MessageType type, List<UserId> mentions, List<UserId> owners) {
    }
}
