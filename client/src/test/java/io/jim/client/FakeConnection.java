package io.jim.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.Message;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One client connection of the {@link FakeServer}: records what the client sends and writes what the test says. */
public final class FakeConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private volatile boolean skipHeartbeats = true;

    public FakeConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread.ofVirtual().name("fake-connection-reader").start(this::readLoop);
    }

    private void readLoop() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] buffer = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                decoder.feed(buffer, 0, n, received::add);
            }
        } catch (IOException closed) {
            // Either side closed the socket.
        } finally {
            clientClosed.countDown();
        }
    }

    /** Whether {@link #next()} hands out Heartbeat frames too (by default they are dropped as noise). */
    public void skipHeartbeats(boolean skip) {
        skipHeartbeats = skip;
    }

    /** The next frame from the client (fails after the timeout). */
    public Frame next() throws InterruptedException {
        while (true) {
            Frame frame = received.poll(FakeServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("the client sent nothing within " + FakeServer.TIMEOUT);
            }
            if (!(skipHeartbeats && frame.type() == FrameType.HEARTBEAT)) {
                return frame;
            }
        }
    }

    private <T> T expect(int type, Parser<T> parser) throws InterruptedException {
        Frame frame = next();
        assertThat(frame.type()).as("frame type").isEqualTo(type);
        try {
            return parser.parse(frame.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unparsable frame body of type " + type, e);
        }
    }

    public SignIn expectSignIn() throws InterruptedException {
        return expect(FrameType.SIGN_IN, SignIn::parseFrom);
    }

    public SyncTrigger expectSyncTrigger(long fromSequence) throws InterruptedException {
        SyncTrigger trigger = expect(FrameType.SYNC_TRIGGER, SyncTrigger::parseFrom);
        assertThat(trigger.getSyncSequence()).as("SyncTrigger.sync_sequence").isEqualTo(fromSequence);
        return trigger;
    }

    public MessageACK expectAck(long sequence) throws InterruptedException {
        MessageACK ack = expect(FrameType.MESSAGE_ACK, MessageACK::parseFrom);
        assertThat(ack.getSyncSequence()).as("MessageACK.sync_sequence").isEqualTo(sequence);
        return ack;
    }

    public MessageSend expectSend() throws InterruptedException {
        return expect(FrameType.MESSAGE_SEND, MessageSend::parseFrom);
    }

    public void expectHeartbeat() throws InterruptedException {
        Frame frame = next();
        assertThat(frame.type()).as("frame type").isEqualTo(FrameType.HEARTBEAT);
        assertThat(frame.body()).isEmpty();
    }

    /** Waits until the client has closed the connection. */
    public void expectClosedByClient() throws InterruptedException {
        if (!clientClosed.await(FakeServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the client did not close the connection within " + FakeServer.TIMEOUT);
        }
    }

    public void signInOk(long maxSequence) throws IOException {
        send(FrameType.SIGN_IN_ACK, SignInACK.newBuilder().setCode(0).setMaxSequence(maxSequence)
                .setServerTime(System.currentTimeMillis()).build());
    }

    public void push(long sequence) throws IOException {
        send(FrameType.MESSAGE, Message.newBuilder().setType(2).addMessages(item(sequence)).build());
    }

    /** Several pushes in ONE socket write, so that the client reads them at once. */
    public synchronized void pushBurst(long... sequences) throws IOException {
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        for (long s : sequences) {
            burst.write(Frame.of(FrameType.MESSAGE, Message.newBuilder().setType(2).addMessages(item(s)).build()).encode());
        }
        out.write(burst.toByteArray());
        out.flush();
    }

    public void syncBatch(boolean hasMore, long... sequences) throws IOException {
        Message.Builder batch = Message.newBuilder().setType(1).setHasMore(hasMore);
        for (long s : sequences) {
            batch.addMessages(item(s));
        }
        send(FrameType.MESSAGE, batch.build());
    }

    public void sendAck(MessageSendACK ack) throws IOException {
        send(FrameType.MESSAGE_SEND_ACK, ack);
    }

    public void heartbeatAck() throws IOException {
        sendFrame(Frame.empty(FrameType.HEARTBEAT_ACK));
    }

    public void kick(int code) throws IOException {
        send(FrameType.KICK, Kick.newBuilder().setCode(code).setMessage("kicked by the test").build());
        close(); // as the real server does right after a Kick
    }

    public void send(int type, MessageLite message) throws IOException {
        sendFrame(Frame.of(type, message));
    }

    public synchronized void sendFrame(Frame frame) throws IOException {
        out.write(frame.encode());
        out.flush();
    }

    /** A distinctive inbox copy for {@code sequence}: message id 1000 + sequence, content "m" + sequence. */
    public static MessageItem item(long sequence) {
        return MessageItem.newBuilder()
                .setMessageId(1000 + sequence)
                .setSenderType(1)
                .setSenderId(2)
                .setSenderDeviceId(20)
                .setReceiverType(1)
                .setReceiverId(1)
                .setType(1)
                .setContent("m" + sequence)
                .setSyncSequence(sequence)
                .setSendTime(1_700_000_000_000L + sequence)
                .build();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] body) throws InvalidProtocolBufferException;
    }
}
