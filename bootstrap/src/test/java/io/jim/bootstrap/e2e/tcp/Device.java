package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.proto.FrameType;
import io.jim.proto.Message;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.SignInACK;
import java.util.ArrayList;
import java.util.List;

/** A signed-in device on a raw connection, with the reads a test expects next. */
final class Device {

    private final Jim.Session session;
    private final WireClient wire;
    private final SignInACK signInAck;

    private Device(Jim.Session session, WireClient wire, SignInACK signInAck) {
        this.session = session;
        this.wire = wire;
        this.signInAck = signInAck;
    }

    /**
     * Signs in and then waits for one heartbeat round trip. The wait is needed because the server makes
     * a connection reachable for pushes only after it has written the SignInACK (see
     * {@code DeliveryAndSyncTcpTest#messageCommittedRightAfterASignInShouldBeCountedInMaxSequenceOrPushed}):
     * without it, a test that sends to this device at once could race the registration.
     */
    static Device signIn(Jim.Session session, WireClient wire) {
        wire.write(Wire.signIn(session.userId(), session.deviceId(), session.token()));
        Wire.Frame frame = wire.read();
        assertThat(frame.type()).as("answer to SignIn").isEqualTo(FrameType.SIGN_IN_ACK);
        SignInACK ack = frame.as(SignInACK.parser());
        assertThat(ack.getCode()).as("SignInACK code (%s)", ack.getMessage()).isZero();
        Device device = new Device(session, wire, ack);
        device.assertNothingPending();
        return device;
    }

    Jim.Session session() {
        return session;
    }

    long userId() {
        return session.userId();
    }

    long deviceId() {
        return session.deviceId();
    }

    WireClient wire() {
        return wire;
    }

    /** max_sequence of the SignInACK: the user's newest inbox sequence when this connection signed in. */
    long maxSequence() {
        return signInAck.getMaxSequence();
    }

    SignInACK signInAck() {
        return signInAck;
    }

    void write(byte[] bytes) {
        wire.write(bytes);
    }

    /** Writes the send and reads its ack, which must be the very next frame. */
    MessageSendACK send(MessageSend send) {
        wire.write(Wire.send(send));
        return ack();
    }

    /** Sends a text to a friend and asserts it was accepted. */
    MessageSendACK sendOk(MessageSend send) {
        MessageSendACK ack = send(send);
        assertThat(ack.getCode()).as("ack code (%s)", ack.getMessage()).isZero();
        assertThat(ack.getSendSequence()).isEqualTo(send.getSendSequence());
        return ack;
    }

    /** The next frame, which must be a MessageSendACK. */
    MessageSendACK ack() {
        Wire.Frame frame = wire.read();
        assertThat(frame.type()).as("expected a MessageSendACK (and no push before it)").isEqualTo(FrameType.MESSAGE_SEND_ACK);
        return frame.as(MessageSendACK.parser());
    }

    /** The next frame, which must be a push (Message type 2) of one copy. */
    MessageItem push() {
        Wire.Frame frame = wire.read();
        assertThat(frame.type()).as("expected a push").isEqualTo(FrameType.MESSAGE);
        Message message = frame.as(Message.parser());
        assertThat(message.getType()).as("Message.type of a push").isEqualTo(Wire.PUSH);
        assertThat(message.getMessagesList()).as("a push carries one copy").hasSize(1);
        return message.getMessages(0);
    }

    /** SyncTrigger and its answer, which must be the next frame. */
    Message sync(long afterSequence, int limit) {
        wire.write(Wire.sync(afterSequence, limit));
        return syncAnswer();
    }

    /** The next frame, which must be a sync batch (Message type 1). */
    Message syncAnswer() {
        Wire.Frame frame = wire.read();
        assertThat(frame.type()).as("expected the sync batch").isEqualTo(FrameType.MESSAGE);
        Message batch = frame.as(Message.parser());
        assertThat(batch.getType()).as("Message.type of a sync answer").isEqualTo(Wire.SYNC_BATCH);
        return batch;
    }

    /** Syncs page after page from {@code afterSequence} until has_more is false, as a client does. */
    List<MessageItem> syncAll(long afterSequence, int limit) {
        List<MessageItem> all = new ArrayList<>();
        long after = afterSequence;
        while (true) {
            Message batch = sync(after, limit);
            all.addAll(batch.getMessagesList());
            if (!batch.getHasMore()) {
                return all;
            }
            assertThat(batch.getMessagesList()).as("a batch with has_more true holds something").isNotEmpty();
            after = batch.getMessages(batch.getMessagesCount() - 1).getSyncSequence();
        }
    }

    void messageAck(long syncSequence) {
        wire.write(Wire.messageAck(syncSequence));
    }

    /**
     * Proves that nothing was written to this connection before now: a heartbeat sent now must be answered
     * by the very next frame (the server answers one connection's frames in order).
     */
    void assertNothingPending() {
        wire.write(Wire.heartbeat());
        Wire.Frame next = wire.read();
        assertThat(next.type()).as("the next frame after a heartbeat (anything else was pending)").isEqualTo(FrameType.HEARTBEAT_ACK);
    }

    /** The next frame must be a Kick, and then the server must close; returns the kick's code. */
    int kicked() {
        Wire.Frame frame = wire.read();
        int code = frame.kickCode();
        assertThat(wire.readOrNull()).as("nothing after a Kick; the server closes").isNull();
        return code;
    }

    void disconnect() {
        wire.close();
    }
}
