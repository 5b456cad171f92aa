package io.jim.bootstrap.e2e.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of the WebSocket transport written from docs/WEBSOCKET.md, independent of the server's
 * code: binary messages are TLV frames built by hand, text messages JSON printed and parsed with
 * protobuf's own JsonFormat. Everything the server sends is kept, with the encoding it came in.
 */
final class WsDevice implements AutoCloseable {

    /** How a client talks: one TLV frame per binary message, or one JSON frame per text message. */
    enum Encoding {
        BINARY,
        JSON
    }

    /** One received frame, decoded, with how it arrived (the raw JSON text, or null for binary). */
    record Frame(int type, Message body, String json) {
        <T extends Message> T as(Class<T> type) {
            return type.cast(body);
        }
    }

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private final Encoding encoding;
    private final WebSocket socket;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private long sendSequence;

    private WsDevice(Encoding encoding, WebSocket socket) {
        this.encoding = encoding;
        this.socket = socket;
    }

    static WsDevice connect(int httpPort, Encoding encoding) {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws"), listener).join();
        WsDevice device = new WsDevice(encoding, socket);
        listener.device.complete(device);
        return device;
    }

    /** Connects and signs in; asserts SignInACK{0} and returns it. */
    static WsDevice online(int httpPort, Encoding encoding, WsApi.Login who) {
        WsDevice device = connect(httpPort, encoding);
        SignInACK ack = device.signIn(who);
        assertThat(ack.getCode()).as("SignInACK of %s", who).isZero();
        return device;
    }

    SignInACK signIn(WsApi.Login who) {
        send(FrameType.SIGN_IN, SignIn.newBuilder().setUserId(who.userId()).setDeviceId(who.deviceId()).setToken(who.token()).build());
        return next(FrameType.SIGN_IN_ACK).as(SignInACK.class);
    }

    Encoding encoding() {
        return encoding;
    }

    /** Sends a frame in this device's encoding. */
    void send(int type, Message body) {
        if (encoding == Encoding.BINARY) {
            sendBinary(tlv(type, body));
        } else {
            try {
                sendText("{\"type\":" + type + ",\"body\":" + PRINTER.print(body) + "}");
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    static byte[] tlv(int type, Message body) {
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(4 + b.length).putShort((short) type).putShort((short) b.length).put(b).array();
    }

    /** A text message to a user with the next send_sequence of this device. */
    MessageSendACK sendText(long toUser, String content) {
        return send(MessageSend.newBuilder().setReceiverType(1).setReceiverId(toUser).setType(1).setContent(content)
                .setSendSequence(++sendSequence).build());
    }

    MessageSendACK send(MessageSend message) {
        send(FrameType.MESSAGE_SEND, message);
        return next(FrameType.MESSAGE_SEND_ACK).as(MessageSendACK.class);
    }

    MessageSendACK sendOk(MessageSend message) {
        MessageSendACK ack = send(message);
        assertThat(ack.getCode()).as("ack of %s", message.getContent()).isZero();
        return ack;
    }

    long nextSendSequence() {
        return ++sendSequence;
    }

    /** The next push (Message{type 2}) with exactly one copy; its arrival acknowledged with MessageACK. */
    MessageItem push() {
        io.jim.proto.Message push = next(FrameType.MESSAGE).as(io.jim.proto.Message.class);
        assertThat(push.getType()).as("a real-time push").isEqualTo(2);
        assertThat(push.getMessagesList()).hasSize(1);
        MessageItem item = push.getMessages(0);
        send(FrameType.MESSAGE_ACK, MessageACK.newBuilder().setMessageId(item.getMessageId()).setSyncSequence(item.getSyncSequence()).build());
        return item;
    }

    /** Sync from {@code after}, following has_more; every page must be a Message{type 1}. */
    List<MessageItem> syncFrom(long after) {
        List<MessageItem> all = new ArrayList<>();
        while (true) {
            send(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder().setSyncSequence(after).setLimit(100).build());
            io.jim.proto.Message page = next(FrameType.MESSAGE).as(io.jim.proto.Message.class);
            assertThat(page.getType()).as("a sync batch").isEqualTo(1);
            all.addAll(page.getMessagesList());
            if (!page.getMessagesList().isEmpty()) {
                after = page.getMessagesList().getLast().getSyncSequence();
            }
            if (!page.getHasMore()) {
                return all;
            }
        }
    }

    /** The next frame, which must have the given code. */
    Frame next(int type) {
        Frame frame = next();
        assertThat(frame.type()).as("frame code (got %s)", frame).isEqualTo(type);
        return frame;
    }

    Frame next() {
        try {
            Frame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", WAIT).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Expects Kick{code} and then the close of the WebSocket. */
    Kick expectKick(int code) {
        Kick kick = next(FrameType.KICK).as(Kick.class);
        assertThat(kick.getCode()).as("kick code (%s)", kick.getMessage()).isEqualTo(code);
        awaitClosed();
        return kick;
    }

    int awaitClosed() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the WebSocket did not close", e);
        }
    }

    /** Nothing more arrives within a short while (a negative check: bounded, never a proof). */
    void assertNothingPending() {
        // A heartbeat round trip flushes whatever the server wrote before it: if anything else comes first, it was pending.
        send(FrameType.HEARTBEAT, Empty.getDefaultInstance());
        Frame frame = next();
        assertThat(frame.type()).as("nothing pending before the HeartbeatACK, got %s", frame).isEqualTo(FrameType.HEARTBEAT_ACK);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(x -> null);
            try {
                closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    static Message prototype(int type) {
        return switch (type) {
            case FrameType.SIGN_IN -> SignIn.getDefaultInstance();
            case FrameType.SIGN_IN_ACK -> SignInACK.getDefaultInstance();
            case FrameType.SYNC_TRIGGER -> SyncTrigger.getDefaultInstance();
            case FrameType.MESSAGE_SEND -> MessageSend.getDefaultInstance();
            case FrameType.MESSAGE_SEND_ACK -> MessageSendACK.getDefaultInstance();
            case FrameType.MESSAGE -> io.jim.proto.Message.getDefaultInstance();
            case FrameType.MESSAGE_ACK -> MessageACK.getDefaultInstance();
            case FrameType.KICK -> Kick.getDefaultInstance();
            default -> Empty.getDefaultInstance();
        };
    }

    private void received(Frame frame) {
        frames.add(frame);
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<WsDevice> device = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String json = text.toString();
                text.setLength(0);
                device.join().received(parseJson(json));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            binary = ByteBuffer.allocate(binary.remaining() + data.remaining()).put(binary).put(data).flip();
            if (last) {
                ByteBuffer frame = binary;
                binary = ByteBuffer.allocate(0);
                int type = Short.toUnsignedInt(frame.getShort());
                int length = Short.toUnsignedInt(frame.getShort());
                assertThat(frame.remaining()).as("one binary message is exactly one frame").isEqualTo(length);
                try {
                    device.join().received(new Frame(type, prototype(type).getParserForType().parseFrom(frame), null));
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            device.join().closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            device.join().closed.complete(-1);
        }

        private static Frame parseJson(String json) {
            try {
                com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
                int type = root.get("type").asInt();
                Message.Builder builder = prototype(type).newBuilderForType();
                if (root.hasNonNull("body")) {
                    PARSER.merge(root.get("body").toString(), builder);
                }
                return new Frame(type, builder.build(), json);
            } catch (Exception e) {
                throw new AssertionError("not a JSON frame: " + json, e);
            }
        }
    }
}
