package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.UnavailableException;
import io.jim.application.port.in.message.SyncQuery;
import io.jim.proto.FrameType;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageSend;
import io.jim.proto.ResultCode;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The per-frame protocol state machine of PROTOCOL.md 4.1, run off the event loop inside a connection's
 * serial queue: it enforces "SignIn first, and only once", hands each frame to its processor and writes
 * the reply. Because one connection's frames run one after another, a reply is written before the next
 * frame is even looked at, which gives the ordering guarantees of sections 4.3 and 4.4 for free.
 * A valid SignIn of a user that holds {@link TcpConfig#maxConnectionsPerUser()} connections on this
 * server already (other devices) gets SignInACK{9 RATE_LIMITED} and the connection closes.
 * Shared by all connections; all per-connection state lives in {@link Connection}.
 */
final class FrameDispatcher {

    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

    private final SignInProcessor signIn;
    private final MessageSendProcessor send;
    private final SyncProcessor sync;
    private final MessageAckProcessor ack;
    private final ConnectionRegistry registry;
    private final int maxConnectionsPerUser;
    private final TcpMetrics metrics;

    FrameDispatcher(SignInProcessor signIn, MessageSendProcessor send, SyncProcessor sync, MessageAckProcessor ack,
                    ConnectionRegistry registry, int maxConnectionsPerUser, TcpMetrics metrics) {
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.send = Objects.requireNonNull(send, "send");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.ack = Objects.requireNonNull(ack, "ack");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void dispatch(Connection connection, Packet packet) {
        if (connection.isClosing()) {
            return; // frames that were queued before a kick or close are not processed any more
        }
        Principal who = connection.principal();
        if (who != null) {
            putIds(who);
        }
        try {
            switch (connection.state()) {
                case AWAITING_SIGN_IN -> firstFrame(connection, packet);
                case SIGNED_IN -> frame(connection, who, packet);
                case CLOSING -> {
                }
            }
        } catch (UnavailableException e) {
            // No error field in the reply (sync): closing makes the client reconnect and ask again.
            log.warn("conn={} frame code {} failed, storage unavailable; closing: {}", connection.id(), packet.type(), e.getMessage());
            connection.close();
        } catch (RuntimeException e) {
            log.error("conn={} frame code {} failed unexpectedly; closing", connection.id(), packet.type(), e);
            connection.close();
        } finally {
            MDC.remove(Mdc.USER_ID);
            MDC.remove(Mdc.DEVICE_ID);
            MDC.remove(Mdc.MESSAGE_ID);
        }
    }

    private void firstFrame(Connection connection, Packet packet) {
        if (packet.type() != FrameType.SIGN_IN) {
            connection.kick(ResultCode.PROTOCOL_ERROR, "the first frame must be SignIn, got code " + packet.type());
            return;
        }
        SignIn request = (SignIn) packet.body();
        // Taken before the sign-in reads max_sequence: see catchUp.
        long deliveryMark = registry.deliveryMark(request.getUserId());
        MDC.put(Mdc.USER_ID, Long.toString(request.getUserId()));
        MDC.put(Mdc.DEVICE_ID, Long.toString(request.getDeviceId()));
        switch (signIn.process(request)) {
            case SignInProcessor.Outcome.Accepted accepted -> {
                if (!registry.hasRoomFor(accepted.principal(), maxConnectionsPerUser)) {
                    metrics.refusedUserFull();
                    log.info("conn={} sign-in refused: the user holds its maximum of {} connections", connection.id(), maxConnectionsPerUser);
                    connection.send(new Packet(FrameType.SIGN_IN_ACK, SignInACK.newBuilder().setCode(ResultCode.RATE_LIMITED)
                            .setMessage("too many connections for this user (at most " + maxConnectionsPerUser + ")").build()));
                    connection.close();
                    return;
                }
                if (!connection.signedIn(accepted.principal())) {
                    log.info("conn={} sign-in completed after the connection started closing (sign-in timeout)", connection.id());
                    return;
                }
                putIds(accepted.principal());
                // The ack is handed to Netty before the connection becomes reachable for pushes, so the
                // client always sees SignInACK first.
                connection.send(new Packet(FrameType.SIGN_IN_ACK, accepted.ack()));
                registry.register(connection);
                log.info("conn={} remote={} signed in, max_sequence={}", connection.id(), connection.channel().remoteAddress(),
                        accepted.ack().getMaxSequence());
                if (registry.deliveryMark(request.getUserId()) != deliveryMark) {
                    catchUp(connection, accepted.principal(), accepted.ack().getMaxSequence());
                }
            }
            case SignInProcessor.Outcome.Rejected rejected -> {
                log.info("conn={} sign-in refused with code {}: {}", connection.id(), rejected.ack().getCode(), rejected.ack().getMessage());
                connection.send(new Packet(FrameType.SIGN_IN_ACK, rejected.ack()));
                connection.close();
            }
        }
    }

    /**
     * A copy committed after the sign-in read max_sequence but delivered before the connection was
     * registered would be neither counted nor pushed. The registry's delivery mark for the user changed
     * in that window (or a user sharing its stripe got a delivery), so the copies after max_sequence are
     * read once and pushed now, in order; later deliveries find the connection registered.
     */
    private void catchUp(Connection connection, Principal who, long maxSequence) {
        Message batch = sync.process(who, SyncTrigger.newBuilder().setSyncSequence(maxSequence).setLimit(SyncQuery.MAX_LIMIT).build());
        for (MessageItem item : batch.getMessagesList()) {
            connection.push(item.getSyncSequence(), new Packet(FrameType.MESSAGE,
                    Message.newBuilder().setType(MessageItems.PUSH).addMessages(item).build()));
        }
        log.debug("conn={} caught up {} copies committed during sign-in", connection.id(), batch.getMessagesCount());
    }

    private void frame(Connection connection, Principal who, Packet packet) {
        switch (packet.type()) {
            case FrameType.HEARTBEAT -> connection.send(Packet.HEARTBEAT_ACK);
            case FrameType.MESSAGE_SEND -> {
                var reply = send.process(who, (MessageSend) packet.body());
                connection.send(new Packet(FrameType.MESSAGE_SEND_ACK, reply));
                log.debug("MessageSendACK send_sequence={} code={}", reply.getSendSequence(), reply.getCode());
            }
            case FrameType.SYNC_TRIGGER -> connection.send(new Packet(FrameType.MESSAGE, sync.process(who, (SyncTrigger) packet.body())));
            case FrameType.MESSAGE_ACK -> ack.process(who, (MessageACK) packet.body());
            case FrameType.SIGN_IN -> connection.kick(ResultCode.PROTOCOL_ERROR, "already signed in");
            default -> log.debug("conn={} ignoring frame with unknown code {}", connection.id(), packet.type());
        }
    }

    private static void putIds(Principal who) {
        MDC.put(Mdc.USER_ID, who.userId().toString());
        MDC.put(Mdc.DEVICE_ID, who.deviceId().toString());
    }
}
