package io.jim.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;

class ProtocolRoundTripTest {

    @Test
    void everyMessageShouldSurviveEncodeAndDecode() throws InvalidProtocolBufferException {
        var signIn = SignIn.newBuilder().setDeviceId(7).setUserId(3).setToken("t0k3n").build();
        assertThat(SignIn.parseFrom(signIn.toByteArray())).isEqualTo(signIn);

        var ack = SignInACK.newBuilder().setCode(0).setMessage("ok").setMaxSequence(42).setServerTime(1700000000000L).build();
        assertThat(SignInACK.parseFrom(ack.toByteArray())).isEqualTo(ack);

        var sync = SyncTrigger.newBuilder().setSyncSequence(5).setLimit(50).build();
        assertThat(SyncTrigger.parseFrom(sync.toByteArray())).isEqualTo(sync);

        var send = MessageSend.newBuilder().setReceiverType(2).setReceiverId(9).setType(1).setContent("héllo 👋")
                .setSendSequence(11).setSendTime(1).addToUserIds(4).addToUserIds(5).build();
        assertThat(MessageSend.parseFrom(send.toByteArray())).isEqualTo(send);

        var sendAck = MessageSendACK.newBuilder().setSendSequence(11).setCode(0).setMessage("").setMessageId(1234)
                .setSyncSequence(8).setSendTime(99).build();
        assertThat(MessageSendACK.parseFrom(sendAck.toByteArray())).isEqualTo(sendAck);

        var item = MessageItem.newBuilder().setMessageId(1234).setSenderType(1).setSenderId(3).setSenderDeviceId(7)
                .setReceiverType(2).setReceiverId(9).setType(1).setContent("héllo 👋").setSyncSequence(8).setSendTime(99)
                .addToUserIds(4).build();
        var message = Message.newBuilder().setType(1).addMessages(item).setHasMore(true).build();
        assertThat(Message.parseFrom(message.toByteArray())).isEqualTo(message);

        var messageAck = MessageACK.newBuilder().setMessageId(1234).setSyncSequence(8).setReceiveTime(100).build();
        assertThat(MessageACK.parseFrom(messageAck.toByteArray())).isEqualTo(messageAck);

        var kick = Kick.newBuilder().setCode(ResultCode.PROTOCOL_ERROR).setMessage("bad frame").build();
        assertThat(Kick.parseFrom(kick.toByteArray())).isEqualTo(kick);
    }

    @Test
    void fieldNumbersShouldMatchTheContract() {
        assertThat(SyncTrigger.getDescriptor().findFieldByName("sync_sequence").getNumber()).isEqualTo(2);
        assertThat(SyncTrigger.getDescriptor().findFieldByName("limit").getNumber()).isEqualTo(3);
        assertThat(MessageSend.getDescriptor().findFieldByName("to_user_ids").getNumber()).isEqualTo(7);
        assertThat(MessageItem.getDescriptor().findFieldByName("to_user_ids").getNumber()).isEqualTo(11);
        assertThat(MessageItem.getDescriptor().findFieldByName("sync_sequence").getNumber()).isEqualTo(9);
        assertThat(MessageSendACK.getDescriptor().findFieldByName("sync_sequence").getNumber()).isEqualTo(5);
        assertThat(Message.getDescriptor().findFieldByName("has_more").getNumber()).isEqualTo(3);
        assertThat(JimProtocol.getDescriptor().getPackage()).isEqualTo("jim.protocol");
    }

    @Test
    void emptyBodiesShouldParseAsDefaults() throws InvalidProtocolBufferException {
        assertThat(SignIn.parseFrom(new byte[0]).getDeviceId()).isZero();
        assertThat(Message.parseFrom(new byte[0]).getMessagesList()).isEmpty();
    }
}
