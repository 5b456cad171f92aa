package io.jim.adapter.mysql;

import static io.jim.application.contract.ContractSupport.T0;
import static io.jim.application.contract.ContractSupport.deviceInfo;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.MessageStore.Outcome;
import io.jim.application.port.out.MessageStore.StoreRequest;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.Message;
import io.jim.domain.message.MessageId;
import io.jim.domain.message.MessageType;
import io.jim.domain.message.Receiver;
import io.jim.domain.message.SendSequence;
import io.jim.domain.message.Sender;
import io.jim.domain.user.Account;
import io.jim.domain.user.User;
import io.jim.domain.user.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps everything across a restart: an H2 file database opened, written, closed and reopened. */
class RestartTest {

    @TempDir
    Path dataDir;

    private static Message text(MessageId id, UserId from, DeviceId device, UserId to, String content) {
        return new Message(id, Sender.user(from, device), new Receiver.User(to), MessageType.TEXT, content, List.of(), T0);
    }

    @Test
    void dataWrittenBeforeARestartShouldBeThereAfterIt() {
        StorageConfig config = StorageConfig.h2File(dataDir).withIdBlockSize(10);
        Account account = uniqueAccount("restart");
        User alice;
        User bob;
        DeviceId phone;
        Outcome.Stored first;
        try (Storage storage = Storage.open(config)) {
            alice = storage.users().create(account, profile("Alice 😀"), passwordHash());
            bob = storage.users().create(uniqueAccount("bob"), profile("Bob"), passwordHash());
            phone = storage.devices().create(alice.id(), deviceInfo()).id();
            Message hello = text(storage.messageIds().next(), alice.id(), phone, bob.id(), "before the restart 🌙");
            first = (Outcome.Stored) storage.messageStore().store(
                    new StoreRequest(hello, List.of(alice.id(), bob.id()), phone, SendSequence.of(1)));
        }
        assertThat(Files.exists(dataDir.resolve("jim.mv.db"))).isTrue();

        try (Storage storage = Storage.open(config)) {
            assertThat(storage.users().findByAccount(account)).contains(alice);
            assertThat(storage.inbox().read(bob.id(), InboxSequence.ZERO, 10)).containsExactly(first.entries().get(1));
            assertThat(storage.inbox().newest(bob.id())).isEqualTo(InboxSequence.of(1));
            // The retransmission of a send made before the restart still gets its original ack.
            Message resent = text(storage.messageIds().next(), alice.id(), phone, bob.id(), "before the restart 🌙");
            assertThat(storage.messageStore().store(new StoreRequest(resent, List.of(alice.id(), bob.id()), phone, SendSequence.of(1))))
                    .isEqualTo(new Outcome.Duplicate(first.receipt()));
            // Ids never repeat across restarts, and the inbox continues where it stopped.
            MessageId next = storage.messageIds().next();
            assertThat(next.value()).isGreaterThan(first.receipt().messageId().value());
            Outcome.Stored second = (Outcome.Stored) storage.messageStore().store(
                    new StoreRequest(text(next, alice.id(), phone, bob.id(), "after"), List.of(alice.id(), bob.id()), phone, SendSequence.of(2)));
            assertThat(second.entries()).extracting(InboxEntry::sequence).containsExactly(InboxSequence.of(2), InboxSequence.of(2));
        }
    }
}
