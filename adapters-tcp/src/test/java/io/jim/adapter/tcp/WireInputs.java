package io.jim.adapter.tcp;

import com.google.protobuf.CodedOutputStream;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile and well-formed wire input for the fuzz tests, drawn from a seeded {@link Random}: random bytes,
 * truncated frames, wrong lengths, real frames of every code with mutated bodies, huge repeated fields,
 * deep nesting, empty bodies, and interleavings of all of these. Each input says whether it starts with a
 * valid sign-in and, when it is made of well-formed frames only, which answers the protocol prescribes.
 */
final class WireInputs {

    /** Device/user of the valid sign-ins; ids of hostile ones are random. */
    static final long DEVICE = 1;
    static final long USER = 2;

    /**
     * One fuzz input.
     *
     * @param kind     what generator made it (for the failure message and the statistics)
     * @param signedIn whether the test signs in validly before feeding {@code bytes}
     * @param bytes    the bytes to feed, in random pieces
     * @param expected for inputs of well-formed frames: the frame codes the server must answer with, in order,
     *                 and whether it then closes; null when anything protocol-conform is acceptable
     */
    record Input(String kind, boolean signedIn, byte[] bytes, Expected expected) {
    }

    /** The prescribed answer to a well-formed input. */
    record Expected(List<Integer> replies, boolean closes) {
    }

    private static final int[] CLIENT_CODES = {FrameType.SIGN_IN, FrameType.SYNC_TRIGGER, FrameType.HEARTBEAT, FrameType.MESSAGE_SEND,
        FrameType.MESSAGE_ACK};
    private static final int[] SERVER_CODES = {FrameType.SIGN_IN_ACK, FrameType.HEARTBEAT_ACK, FrameType.MESSAGE_SEND_ACK,
        FrameType.MESSAGE, FrameType.KICK};

    private final Random random;
    private final int maxFrameBytes;

    WireInputs(Random random, int maxFrameBytes) {
        this.random = random;
        this.maxFrameBytes = maxFrameBytes;
    }

    Input next() {
        boolean signedIn = random.nextBoolean();
        return switch (random.nextInt(10)) {
            case 0 -> new Input("random-bytes", signedIn, randomBytes(random.nextInt(8) == 0 ? 70_000 : 300), null);
            case 1 -> new Input("truncated", signedIn, truncate(concat(frames(1 + random.nextInt(4)))), null);
            case 2 -> new Input("wrong-length", signedIn, wrongLength(anyFrame()), null);
            case 3, 4 -> new Input("mutated-body", signedIn, concat(mutatedFrames()), null);
            case 5 -> new Input("huge-repeated", signedIn, frame(anyCode(), hugeRepeated()), null);
            case 6 -> new Input("deep-nesting", signedIn, frame(anyCode(), deepNesting()), null);
            case 7 -> new Input("empty-body", signedIn, raw(anyCode(), new byte[0]), null);
            default -> wellFormed(signedIn);
        };
    }

    // ----- well-formed interleavings with their prescribed answers -----

    private Input wellFormed(boolean signedIn) {
        List<byte[]> frames = new ArrayList<>();
        List<Integer> replies = new ArrayList<>();
        boolean in = signedIn;
        boolean closes = false;
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n && !closes; i++) {
            int pick = random.nextInt(9);
            if (!in) {
                // Before sign-in only a SignIn is accepted; anything else is Kick{22}.
                if (pick < 5) {
                    boolean good = random.nextInt(4) != 0;
                    frames.add(Frames.signIn(DEVICE, USER, good ? Stubs.GOOD_TOKEN : "bad"));
                    replies.add(FrameType.SIGN_IN_ACK);
                    in = good;
                    closes = !good;
                } else {
                    frames.add(validFrame(pick == 5 ? SERVER_CODES[random.nextInt(SERVER_CODES.length)] : CLIENT_CODES[1 + random.nextInt(4)]));
                    replies.add(FrameType.KICK);
                    closes = true;
                }
                continue;
            }
            switch (pick) {
                case 0 -> {
                    frames.add(Frames.heartbeat());
                    replies.add(FrameType.HEARTBEAT_ACK);
                }
                case 1, 2 -> {
                    frames.add(Frames.bytes(FrameType.MESSAGE_SEND, messageSend()));
                    replies.add(FrameType.MESSAGE_SEND_ACK);
                }
                case 3 -> {
                    frames.add(Frames.bytes(FrameType.SYNC_TRIGGER, syncTrigger()));
                    replies.add(FrameType.MESSAGE);
                }
                case 4 -> frames.add(Frames.bytes(FrameType.MESSAGE_ACK, messageAck()));
                case 5 -> frames.add(raw(FrameType.KICK + 1 + random.nextInt(65_535 - FrameType.KICK), randomBytes(40)));
                case 6 -> {
                    frames.add(validFrame(SERVER_CODES[random.nextInt(SERVER_CODES.length)]));
                    replies.add(FrameType.KICK);
                    closes = true;
                }
                case 7 -> {
                    frames.add(Frames.signIn(DEVICE, USER, Stubs.GOOD_TOKEN));
                    replies.add(FrameType.KICK);
                    closes = true;
                }
                default -> {
                    frames.add(raw(0, randomBytes(5)));
                    replies.add(FrameType.KICK);
                    closes = true;
                }
            }
        }
        if (random.nextBoolean()) {
            frames.add(randomBytes(8)); // trailing garbage after the last judged frame, if that one closed
            if (!closes) {
                frames.removeLast();
            }
        }
        return new Input("well-formed", signedIn, concat(frames), new Expected(replies, closes));
    }

    // ----- frames of every code -----

    private int anyCode() {
        return switch (random.nextInt(4)) {
            case 0 -> CLIENT_CODES[random.nextInt(CLIENT_CODES.length)];
            case 1 -> SERVER_CODES[random.nextInt(SERVER_CODES.length)];
            case 2 -> random.nextInt(FrameType.KICK + 5);
            default -> random.nextInt(65_536);
        };
    }

    private List<byte[]> frames(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(anyFrame());
        }
        return out;
    }

    private byte[] anyFrame() {
        return validFrame(anyCode());
    }

    /** A frame of {@code code} whose body is a real encoding of that code's message (random field values). */
    byte[] validFrame(int code) {
        return raw(code, body(code).toByteArray());
    }

    private MessageLite body(int code) {
        return switch (code) {
            case FrameType.SIGN_IN -> SignIn.newBuilder().setDeviceId(randomLong()).setUserId(randomLong())
                    .setToken(random.nextBoolean() ? Stubs.GOOD_TOKEN : randomString(20)).build();
            case FrameType.SYNC_TRIGGER -> syncTrigger();
            case FrameType.HEARTBEAT, FrameType.HEARTBEAT_ACK -> com.google.protobuf.Empty.getDefaultInstance();
            case FrameType.MESSAGE_SEND -> messageSend();
            case FrameType.MESSAGE_ACK -> messageAck();
            case FrameType.SIGN_IN_ACK -> SignInACK.newBuilder().setCode(random.nextInt(30)).setMessage(randomString(10))
                    .setMaxSequence(randomLong()).setServerTime(randomLong()).build();
            case FrameType.MESSAGE_SEND_ACK -> MessageSendACK.newBuilder().setSendSequence(randomLong()).setCode(random.nextInt(12))
                    .setMessageId(randomLong()).setSyncSequence(randomLong()).build();
            case FrameType.MESSAGE -> Message.newBuilder().setType(1 + random.nextInt(2)).addMessages(MessageItem.newBuilder()
                    .setMessageId(randomLong()).setContent(randomString(30)).setSyncSequence(randomLong()).build()).build();
            case FrameType.KICK -> Kick.newBuilder().setCode(20 + random.nextInt(4)).setMessage(randomString(10)).build();
            default -> com.google.protobuf.BytesValue.newBuilder()
                    .setValue(com.google.protobuf.ByteString.copyFrom(randomBytes(60))).build();
        };
    }

    private MessageSend messageSend() {
        MessageSend.Builder b = MessageSend.newBuilder().setReceiverType(random.nextInt(4)).setReceiverId(randomLong())
                .setType(random.nextInt(10)).setContent(randomString(random.nextInt(200)))
                .setSendSequence(random.nextInt(5) == 0 ? randomLong() : 1 + random.nextInt(1000)).setSendTime(randomLong());
        for (int i = random.nextInt(4); i > 0; i--) {
            b.addToUserIds(randomLong());
        }
        return b.build();
    }

    private SyncTrigger syncTrigger() {
        return SyncTrigger.newBuilder().setSyncSequence(randomLong()).setLimit(random.nextInt()).build();
    }

    private MessageACK messageAck() {
        return MessageACK.newBuilder().setMessageId(randomLong()).setSyncSequence(randomLong()).setReceiveTime(randomLong()).build();
    }

    // ----- hostile shapes -----

    private List<byte[]> mutatedFrames() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int code = anyCode();
            byte[] body = mutate(body(code).toByteArray());
            // Mostly keep the length right so that the mutated body reaches the protobuf parser.
            out.add(random.nextInt(4) == 0 ? wrongLength(raw(code, body)) : raw(code, body));
        }
        return out;
    }

    private byte[] mutate(byte[] body) {
        byte[] b = body;
        for (int round = 1 + random.nextInt(3); round > 0; round--) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    b = b.clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0 && b.length > 0; flips--) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    int at = random.nextInt(b.length + 1);
                    b = concat(List.of(Arrays.copyOfRange(b, 0, at), randomBytes(1 + random.nextInt(8)), Arrays.copyOfRange(b, at, b.length)));
                }
                case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 3 -> {
                    if (b.length > 1) {
                        int from = random.nextInt(b.length);
                        int to = from + random.nextInt(b.length - from);
                        b = concat(List.of(Arrays.copyOfRange(b, 0, from), Arrays.copyOfRange(b, to, b.length)));
                    }
                }
                case 4 -> b = concat(List.of(b, body(anyCode()).toByteArray())); // splice another message's fields
                default -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? 0xFF : 0x80); // varint continuation bytes
                    }
                }
            }
        }
        return b.length > maxFrameBytes ? Arrays.copyOf(b, maxFrameBytes) : b;
    }

    private byte[] wrongLength(byte[] frame) {
        byte[] f = frame.clone();
        int length = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(65_536);
            case 2 -> Math.max(0, f.length - 4 + 1 + random.nextInt(10));
            default -> Math.max(0, f.length - 4 - 1 - random.nextInt(10));
        };
        f[2] = (byte) (length >>> 8);
        f[3] = (byte) length;
        return f;
    }

    private byte[] truncate(byte[] bytes) {
        return Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
    }

    /** A body with one repeated field (a known one of the code's message, or an unknown one) filling the frame. */
    private byte[] hugeRepeated() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        int field = random.nextBoolean() ? 7 : 1 + random.nextInt(20); // 7: MessageSend.to_user_ids
        try {
            int budget = maxFrameBytes - 16;
            if (random.nextBoolean()) {
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                CodedOutputStream p = CodedOutputStream.newInstance(packed);
                while (p.getTotalBytesWritten() < budget - 10) {
                    p.writeInt64NoTag(randomLong());
                }
                p.flush();
                out.writeByteArray(field, packed.toByteArray());
            } else {
                while (out.getTotalBytesWritten() < budget - 12) {
                    out.writeInt64(field, randomLong());
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Unknown fields nested far deeper than protobuf's recursion limit: groups or length-delimited messages. */
    private byte[] deepNesting() {
        int depth = 50 + random.nextInt(2000);
        int field = 15 + random.nextInt(100);
        byte[] body;
        if (random.nextBoolean()) {
            // start-group tags, then as many end-group tags (wire types 3 and 4)
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] start = tag(field, 3);
            byte[] end = tag(field, 4);
            for (int i = 0; i < depth; i++) {
                b.writeBytes(start);
            }
            if (random.nextBoolean()) {
                for (int i = 0; i < depth; i++) {
                    b.writeBytes(end);
                }
            }
            body = b.toByteArray();
        } else {
            body = new byte[0];
            for (int i = 0; i < depth && body.length < maxFrameBytes - 8; i++) {
                body = concat(List.of(tag(field, 2), varint(body.length), body));
            }
        }
        return body.length > maxFrameBytes ? Arrays.copyOf(body, maxFrameBytes) : body;
    }

    // ----- bytes -----

    private static byte[] frame(int code, byte[] body) {
        return raw(code, body);
    }

    static byte[] raw(int code, byte[] body) {
        byte[] f = new byte[4 + body.length];
        f[0] = (byte) (code >>> 8);
        f[1] = (byte) code;
        f[2] = (byte) (body.length >>> 8);
        f[3] = (byte) body.length;
        System.arraycopy(body, 0, f, 4, body.length);
        return f;
    }

    private static byte[] tag(int field, int wireType) {
        return varint((field << 3) | wireType);
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
        return b.toByteArray();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parts.forEach(b::writeBytes);
        return b.toByteArray();
    }

    private byte[] randomBytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    private long randomLong() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> -random.nextInt(10);
            default -> random.nextInt(1_000_000);
        };
    }

    private String randomString(int max) {
        int n = random.nextInt(max + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(random.nextInt(5) == 0 ? 0x1F600 + random.nextInt(50) : 0x20 + random.nextInt(0x5F));
        }
        return s.toString();
    }

    /** Random bytes as text, for messages. */
    static String hex(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            s.append(String.format("%02x", bytes[i]));
        }
        return s + (bytes.length > max ? "… (" + bytes.length + " bytes)" : "");
    }
}
