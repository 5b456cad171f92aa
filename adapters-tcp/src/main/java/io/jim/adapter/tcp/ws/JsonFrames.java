package io.jim.adapter.tcp.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The JSON encoding of frames on the WebSocket transport (docs/WEBSOCKET.md): one frame is
 * {@code {"type": <code>, "body": {...}}}, the body in the proto3 JSON mapping of the message that
 * PROTOCOL.md names for the code. Printed with the proto field names (snake_case, as in PROTOCOL.md)
 * and with every field, zeros included; int64 values are strings, as the mapping says. Parsed
 * leniently where protobuf is lenient (either field-name style, numbers or strings for integers,
 * unknown fields ignored) and strictly where the protocol is strict (a Heartbeat body is empty).
 * Stateless and thread-safe.
 */
public final class JsonFrames {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();

    private JsonFrames() {
    }

    /** The message PROTOCOL.md section 2 names for a frame code; {@link Empty} for empty-bodied and unknown codes. */
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
            default -> Empty.getDefaultInstance(); // Heartbeat, HeartbeatACK, and codes this server does not know
        };
    }

    /**
     * The TLV frame (header included) that a JSON frame stands for. Bodies of unknown codes are dropped,
     * as the server ignores them anyway.
     *
     * @throws InvalidMessageException when the text is not a JSON frame: not an object, no integer
     *                                 {@code type} in 0..65535, a body that is not an object or does not
     *                                 fit the message, a non-empty Heartbeat body, or a body over 65535 bytes
     */
    public static byte[] toTlv(String json) throws InvalidMessageException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("the text message is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMessageException("a text message must be a JSON object {\"type\": <code>, \"body\": {...}}");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isIntegralNumber() || !typeNode.canConvertToInt()
                || typeNode.intValue() < 0 || typeNode.intValue() > 0xFFFF) {
            throw new InvalidMessageException("\"type\" must be a frame code, an integer from 0 to 65535");
        }
        int type = typeNode.intValue();
        JsonNode body = root.get("body");
        boolean noBody = body == null || body.isNull();
        if (!noBody && !body.isObject()) {
            throw new InvalidMessageException("\"body\" must be a JSON object");
        }
        Message prototype = prototype(type);
        byte[] encoded;
        if (prototype instanceof Empty) {
            if (type == FrameType.HEARTBEAT && !noBody && !body.isEmpty()) {
                throw new InvalidMessageException("a Heartbeat body must be empty");
            }
            encoded = new byte[0];
        } else {
            Message.Builder builder = prototype.newBuilderForType();
            if (!noBody) {
                try {
                    PARSER.merge(body.toString(), builder);
                } catch (InvalidProtocolBufferException | RuntimeException e) {
                    throw new InvalidMessageException("the body does not fit frame code " + type + ": " + e.getMessage());
                }
            }
            encoded = builder.build().toByteArray();
        }
        if (encoded.length > FrameType.MAX_BODY_BYTES) {
            throw new InvalidMessageException("the body of frame code " + type + " is " + encoded.length + " bytes, over "
                    + FrameType.MAX_BODY_BYTES);
        }
        return ByteBuffer.allocate(FrameType.HEADER_BYTES + encoded.length)
                .putShort((short) type).putShort((short) encoded.length).put(encoded).array();
    }

    /**
     * The JSON frame of one whole TLV frame (header included).
     *
     * @throws IllegalArgumentException when the bytes are not one frame whose body parses as its code's message
     */
    public static String toJson(byte[] frame) {
        if (frame.length < FrameType.HEADER_BYTES) {
            throw new IllegalArgumentException("a frame has a 4-byte header, got " + frame.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int type = Short.toUnsignedInt(in.getShort());
        int length = Short.toUnsignedInt(in.getShort());
        if (length != frame.length - FrameType.HEADER_BYTES) {
            throw new IllegalArgumentException("the header says " + length + " body bytes, there are " + (frame.length - FrameType.HEADER_BYTES));
        }
        Message prototype = prototype(type);
        try {
            Message body = prototype instanceof Empty
                    ? prototype
                    : prototype.getParserForType().parseFrom(Arrays.copyOfRange(frame, FrameType.HEADER_BYTES, frame.length));
            return "{\"type\":" + type + ",\"body\":" + PRINTER.print(body) + "}";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the body of frame code " + type + " is not valid protobuf", e);
        }
    }
}
