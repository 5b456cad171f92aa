package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.in.message.AckInboxUseCase;
import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SendMessageUseCase;
import io.jim.application.port.in.message.SendResult;
import io.jim.application.port.in.message.SignInResult;
import io.jim.application.port.in.message.SignInUseCase;
import io.jim.application.port.in.message.SyncInboxUseCase;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendReceipt;
import io.jim.domain.message.Sender;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import io.jim.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tiny stand-ins for the use cases: lambdas with fixed, easily checked answers. */
final class Stubs {

    static final String GOOD_TOKEN = "good";
    static final long MAX_SEQUENCE = 7;
    static final Instant SERVER_TIME = Instant.ofEpochMilli(1_700_000_000_123L);

    private Stubs() {
    }

    /** Accepts {@link #GOOD_TOKEN} for any device/user, refuses everything else with UNAUTHENTICATED. */
    static final SignInUseCase SIGN_IN = command -> {
        if (!command.token().equals(GOOD_TOKEN)) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "bad credentials");
        }
        return new SignInResult(new Principal(command.userId(), command.deviceId()), InboxSequence.of(MAX_SEQUENCE), SERVER_TIME);
    };

    /** Stores nothing; message id = 1000 + send_sequence, sync_sequence = send_sequence. */
    static final SendMessageUseCase SEND = command -> receiptFor(command.sendSequence().value());

    static SendResult receiptFor(long sendSequence) {
        return new SendResult(new SendReceipt(MessageId.of(1000 + sendSequence), InboxSequence.of(sendSequence),
                SERVER_TIME.plusMillis(sendSequence)), false);
    }

    /** An empty inbox. */
    static final SyncInboxUseCase SYNC_EMPTY = query -> new InboxPage(List.of(), false);

    /** Records acks. */
    static final class RecordingAck implements AckInboxUseCase {
        final List<Long> acked = new CopyOnWriteArrayList<>();

        @Override
        public void ack(Principal device, long syncSequence) {
            acked.add(syncSequence);
        }
    }

    static InboxEntry entry(long owner, long sequence, String content) {
        return entry(owner, sequence, content, List.of());
    }

    static InboxEntry entry(long owner, long sequence, String content, List<UserId> mentions) {
        Message message = new Message(MessageId.of(5000 + sequence), Sender.user(UserId.of(99), DeviceId.of(98)),
                new Receiver.User(UserId.of(owner)), MessageType.TEXT, content, mentions, SERVER_TIME.plusSeconds(sequence));
        return new InboxEntry(UserId.of(owner), InboxSequence.of(sequence), message);
    }
}
