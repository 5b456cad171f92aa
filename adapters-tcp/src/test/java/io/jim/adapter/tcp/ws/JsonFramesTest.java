package io.jim.adapter.tcp.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON encoding of frames (docs/WEBSOCKET.md) against hand-built TLV frames. */
class JsonFramesTest {

    private static byte[] tlv(int type, Message body) {
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(4 + b.length).putShort((short) type).putShort((short) b.length).put(b).array();
    }

    @Test
    void aJsonSignInShouldBecomeTheSameBytesAsTheProtobufSignIn() throws Exception {
        byte[] expected = tlv(FrameType.SIGN_IN, SignIn.newBuilder().setDeviceId(12).setUserId(34).setToken("t0k").build());

        assertThat(JsonFrames.toTlv("{\"type\":1,\"body\":{\"device_id\":\"12\",\"user_id\":\"34\",\"token\":\"t0k\"}}"))
                .as("proto field names, int64 as strings").isEqualTo(expected);
        assertThat(JsonFrames.toTlv("{\"type\":1,\"body\":{\"deviceId\":12,\"userId\":34,\"token\":\"t0k\"}}"))
                .as("lowerCamelCase names, int64 as numbers").isEqualTo(expected);
        assertThat(JsonFrames.toTlv("{\"body\":{\"token\":\"t0k\",\"device_id\":12,\"user_id\":34,\"future_field\":true},\"type\":1,\"id\":\"x\"}"))
                .as("order free, unknown fields and envelope keys ignored").isEqualTo(expected);
    }

    @Test
    void aMessageSendShouldKeepEveryField() throws Exception {
        MessageSend send = MessageSend.newBuilder().setReceiverType(2).setReceiverId(9007199254740991L).setType(1)
                .setContent("héllo \"world\" \u2603").setSendSequence(3).addToUserIds(5).addToUserIds(6).build();

        byte[] frame = JsonFrames.toTlv("{\"type\":6,\"body\":{\"receiver_type\":2,\"receiver_id\":\"9007199254740991\",\"type\":1,"
                + "\"content\":\"h\\u00e9llo \\\"world\\\" \u2603\",\"send_sequence\":\"3\",\"to_user_ids\":[\"5\",6]}}");

        assertThat(frame).isEqualTo(tlv(FrameType.MESSAGE_SEND, send));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":4}", "{\"type\":4,\"body\":{}}", "{\"type\":4,\"body\":null}"})
    void aHeartbeatShouldHaveAnEmptyBody(String json) throws Exception {
        assertThat(JsonFrames.toTlv(json)).containsExactly(0, 4, 0, 0);
    }

    @Test
    void anUnknownCodeShouldPassWithItsBodyDropped() throws Exception {
        assertThat(JsonFrames.toTlv("{\"type\":300,\"body\":{\"anything\":[1,2,3]}}")).containsExactly(1, 44, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "[1,2]", "\"text\"", "42", "{}", "{\"type\":\"1\"}", "{\"type\":1.5}", "{\"type\":-1}", "{\"type\":65536}",
        "{\"type\":1,\"body\":[]}", "{\"type\":1,\"body\":\"x\"}", "{\"type\":1,\"body\":{\"user_id\":\"abc\"}}",
        "{\"type\":3,\"body\":{\"limit\":99999999999}}", "{\"type\":4,\"body\":{\"x\":1}}", "{\"type\":1,\"type\":4}",
        "{\"type\":6,\"body\":{\"content\":\"a\",\"content\":\"b\"}}", "{\"type\":1}{\"type\":4}"
    })
    void textThatIsNotOneJsonFrameShouldBeRefused(String json) {
        assertThatThrownBy(() -> JsonFrames.toTlv(json)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void aBodyOverTheFrameLimitShouldBeRefused() {
        String json = "{\"type\":6,\"body\":{\"content\":\"" + "x".repeat(65_536) + "\"}}";

        assertThatThrownBy(() -> JsonFrames.toTlv(json)).isInstanceOf(InvalidMessageException.class).hasMessageContaining("65535");
    }

    @Test
    void serverFramesShouldPrintEveryFieldWithProtoNamesAndInt64AsStrings() {
        MessageSendACK ack = MessageSendACK.newBuilder().setSendSequence(1).setMessageId(77).setSyncSequence(5).setSendTime(1_700_000_000_000L).build();

        assertThat(JsonFrames.toJson(tlv(FrameType.MESSAGE_SEND_ACK, ack))).isEqualTo("{\"type\":7,\"body\":{\"send_sequence\":\"1\",\"code\":0,"
                + "\"message\":\"\",\"message_id\":\"77\",\"sync_sequence\":\"5\",\"send_time\":\"1700000000000\"}}");
        assertThat(JsonFrames.toJson(new byte[] {0, 5, 0, 0})).isEqualTo("{\"type\":5,\"body\":{}}");
        assertThat(JsonFrames.toJson(tlv(FrameType.KICK, Kick.newBuilder().setCode(22).setMessage("bad").build())))
                .isEqualTo("{\"type\":10,\"body\":{\"code\":22,\"message\":\"bad\"}}");
    }

    @Test
    void everyFrameShouldSurviveTheRoundTripThroughJson() throws Exception {
        MessageItem item = MessageItem.newBuilder().setMessageId(1).setSenderType(1).setSenderId(2).setSenderDeviceId(3).setReceiverType(1)
                .setReceiverId(4).setType(1).setContent("hi ✓").setSyncSequence(5).setSendTime(6).addToUserIds(7).build();
        List<byte[]> frames = List.of(
                tlv(FrameType.SIGN_IN, SignIn.newBuilder().setDeviceId(1).setUserId(2).setToken("x").build()),
                tlv(FrameType.SIGN_IN_ACK, SignInACK.newBuilder().setMaxSequence(9).setServerTime(10).build()),
                tlv(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder().setSyncSequence(3).setLimit(-1).build()),
                tlv(FrameType.MESSAGE, io.jim.proto.Message.newBuilder().setType(1).addMessages(item).addMessages(item).setHasMore(true).build()),
                tlv(FrameType.MESSAGE_SEND_ACK, MessageSendACK.newBuilder().setCode(11).setMessage("later").build()),
                new byte[] {0, 4, 0, 0});
        for (byte[] frame : frames) {
            assertThat(JsonFrames.toTlv(JsonFrames.toJson(frame))).as(JsonFrames.toJson(frame)).isEqualTo(frame);
        }
    }

    @Test
    void bytesThatAreNotOneFrameShouldNotPrint() {
        assertThatThrownBy(() -> JsonFrames.toJson(new byte[] {0, 4, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFrames.toJson(new byte[] {0, 4, 0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFrames.toJson(new byte[] {0, 7, 0, 1, (byte) 0xFF})).isInstanceOf(IllegalArgumentException.class);
    }
}
