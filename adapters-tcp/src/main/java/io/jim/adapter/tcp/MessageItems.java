package io.jim.adapter.tcp;

import com.google.protobuf.CodedOutputStream;
import io.jim.application.port.in.message.InboxPage;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.Message;
import io.jim.domain.user.UserId;
import io.jim.proto.FrameType;
import io.jim.proto.MessageItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps inbox copies to wire {@link MessageItem}s and builds the two kinds of Message frame bodies. */
final class MessageItems {

    private static final Logger log = LoggerFactory.getLogger(MessageItems.class);

    /** {@code Message.type} of an answer to SyncTrigger. */
    static final int SYNC_BATCH = 1;
    /** {@code Message.type} of a real-time push. */
    static final int PUSH = 2;

    /** Room for items in a sync body: 65535 minus the type and has_more fields (counted even when has_more is false). */
    private static final int ITEM_BUDGET = FrameType.MAX_BODY_BYTES
            - CodedOutputStream.computeInt32Size(1, SYNC_BATCH)
            - CodedOutputStream.computeBoolSize(3, true);

    private MessageItems() {
    }

    static MessageItem item(InboxEntry entry) {
        Message message = entry.message();
        MessageItem.Builder item = MessageItem.newBuilder()
                .setMessageId(message.id().value())
                .setSenderType(message.sender().type().code())
                .setSenderId(message.sender().userId().value())
                .setSenderDeviceId(message.sender().deviceId().value())
                .setReceiverType(message.receiver().type().code())
                .setReceiverId(message.receiver().idValue())
                .setType(message.type().code())
                .setContent(message.content())
                .setSyncSequence(entry.sequence().value())
                .setSendTime(message.sendTime().toEpochMilli());
        for (UserId mentioned : message.mentions()) {
            item.addToUserIds(mentioned.value());
        }
        return item.build();
    }

    static io.jim.proto.Message push(InboxEntry entry) {
        return io.jim.proto.Message.newBuilder().setType(PUSH).addMessages(item(entry)).build();
    }

    /**
     * The answer to SyncTrigger: the page's copies in order, cut before the first one that would push the
     * body over 65535 bytes (then has_more is true, so the client asks again from the last one it got).
     */
    static io.jim.proto.Message syncBatch(InboxPage page) {
        io.jim.proto.Message.Builder batch = io.jim.proto.Message.newBuilder().setType(SYNC_BATCH);
        int used = 0;
        boolean cut = false;
        for (InboxEntry entry : page.entries()) {
            MessageItem item = item(entry);
            int size = CodedOutputStream.computeMessageSize(2, item);
            if (used + size > ITEM_BUDGET) {
                cut = true;
                if (batch.getMessagesCount() == 0) {
                    // Cannot happen while sends refuse items that could not fit (code 10); if it does, the
                    // client would loop on this copy, so make it loud.
                    log.error("inbox copy user_id={} sync_sequence={} is {} bytes and can never fit a frame",
                            entry.owner(), entry.sequence(), size);
                }
                break;
            }
            batch.addMessages(item);
            used += size;
        }
        return batch.setHasMore(cut || page.hasMore()).build();
    }
}
