package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SyncQuery;
import io.jim.domain.device.DeviceId;
import io.jim.domain.group.GroupId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.Sender;
import io.jim.domain.user.UserId;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import io.jim.proto.SyncTrigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyncProcessorTest {

    private static final Principal CALLER = new Principal(UserId.of(10), DeviceId.of(11));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private io.jim.proto.Message sync(InboxPage page, SyncTrigger trigger) {
        return new SyncProcessor(query -> page, new TcpMetrics(meters)).process(CALLER, trigger);
    }

    @Test
    void triggerShouldBecomeAQueryForTheCallersInbox() {
        AtomicReference<SyncQuery> seen = new AtomicReference<>();
        new SyncProcessor(query -> {
            seen.set(query);
            return new InboxPage(List.of(), false);
        }, new TcpMetrics(meters)).process(CALLER, SyncTrigger.newBuilder().setSyncSequence(41).setLimit(20).build());

        assertThat(seen.get()).isEqualTo(new SyncQuery(UserId.of(10), 41, 20));
    }

    @Test
    void emptyInboxShouldStillBeAnsweredWithAnEmptyBatch() {
        io.jim.proto.Message batch = sync(new InboxPage(List.of(), false), SyncTrigger.getDefaultInstance());

        assertThat(batch.getType()).isEqualTo(MessageItems.SYNC_BATCH);
        assertThat(batch.getMessagesList()).isEmpty();
        assertThat(batch.getHasMore()).isFalse();
        assertThat(meters.get("jim.tcp.sync.batches").counter().count()).isEqualTo(1);
    }

    @Test
    void batchShouldHoldThePageInOrderAndCarryHasMore() {
        io.jim.proto.Message batch = sync(new InboxPage(List.of(Stubs.entry(10, 5, "a"), Stubs.entry(10, 6, "b")), true),
                SyncTrigger.newBuilder().setSyncSequence(4).build());

        assertThat(batch.getMessagesList()).extracting(MessageItem::getSyncSequence).containsExactly(5L, 6L);
        assertThat(batch.getHasMore()).isTrue();
    }

    @Test
    void batchShouldBeCutToFitOneFrameAndThenSayHasMore() {
        List<InboxEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            entries.add(Stubs.entry(10, i, "x".repeat(16_000)));
        }
        io.jim.proto.Message batch = sync(new InboxPage(entries, false), SyncTrigger.getDefaultInstance());

        assertThat(batch.getSerializedSize()).isLessThanOrEqualTo(FrameType.MAX_BODY_BYTES);
        assertThat(batch.getMessagesCount()).isEqualTo(4);
        assertThat(batch.getMessagesList()).extracting(MessageItem::getSyncSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(batch.getHasMore()).isTrue();
    }

    @Test
    void batchThatExactlyFillsTheLimitShouldNotBeCut() {
        // Find a content length so that two items plus the type and has_more fields make exactly 65535 bytes.
        InboxEntry probe = Stubs.entry(10, 1, "");
        int overhead = io.jim.proto.Message.newBuilder().setType(1).setHasMore(true).addMessages(MessageItems.item(probe))
                .addMessages(MessageItems.item(Stubs.entry(10, 2, ""))).build().getSerializedSize();
        int contentEach = (FrameType.MAX_BODY_BYTES - overhead) / 2;
        List<InboxEntry> entries = new ArrayList<>();
        for (int size = contentEach - 50; entries.isEmpty() || sizeOf(entries) < FrameType.MAX_BODY_BYTES; size++) {
            entries = List.of(Stubs.entry(10, 1, "y".repeat(size)), Stubs.entry(10, 2, "y".repeat(contentEach)));
        }
        io.jim.proto.Message batch = sync(new InboxPage(entries, false), SyncTrigger.getDefaultInstance());
        assertThat(sizeOf(entries)).isEqualTo(FrameType.MAX_BODY_BYTES);

        assertThat(batch.getMessagesCount()).isEqualTo(2);
        assertThat(batch.getHasMore()).isFalse();
    }

    private static int sizeOf(List<InboxEntry> entries) {
        io.jim.proto.Message.Builder b = io.jim.proto.Message.newBuilder().setType(1).setHasMore(true);
        entries.forEach(e -> b.addMessages(MessageItems.item(e)));
        return b.build().getSerializedSize();
    }

    @Test
    void itemShouldCarryEveryFieldOfTheInboxCopy() {
        Message message = new Message(MessageId.of(777), Sender.user(UserId.of(3), DeviceId.of(4)), new Receiver.Group(GroupId.of(55)),
                MessageType.of(1001), "{\"k\":1}", List.of(UserId.of(8), UserId.of(9)), Instant.ofEpochMilli(1_234_567));
        MessageItem item = MessageItems.item(new InboxEntry(UserId.of(10), InboxSequence.of(42), message));

        assertThat(item).isEqualTo(MessageItem.newBuilder().setMessageId(777).setSenderType(1).setSenderId(3).setSenderDeviceId(4)
                .setReceiverType(2).setReceiverId(55).setType(1001).setContent("{\"k\":1}").setSyncSequence(42)
                .setSendTime(1_234_567).addToUserIds(8).addToUserIds(9).build());
    }

    @Test
    void systemMessageShouldHaveSenderType3AndZeroSender() {
        Message message = new Message(MessageId.of(1), Sender.SYSTEM, new Receiver.User(UserId.of(10)), MessageType.COMMAND,
                "{\"code\":100}", List.of(), Instant.ofEpochMilli(5));
        MessageItem item = MessageItems.item(new InboxEntry(UserId.of(10), InboxSequence.of(1), message));

        assertThat(item.getSenderType()).isEqualTo(3);
        assertThat(item.getSenderId()).isZero();
        assertThat(item.getSenderDeviceId()).isZero();
        assertThat(item.getType()).isEqualTo(7);
    }

    @Test
    void pushShouldBeAMessageOfType2WithOneItem() {
        io.jim.proto.Message push = MessageItems.push(Stubs.entry(10, 3, "hi"));

        assertThat(push.getType()).isEqualTo(MessageItems.PUSH);
        assertThat(push.getMessagesList()).singleElement().satisfies(i -> assertThat(i.getSyncSequence()).isEqualTo(3));
        assertThat(push.getHasMore()).isFalse();
    }
}
