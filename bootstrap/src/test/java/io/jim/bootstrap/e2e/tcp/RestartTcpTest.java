package io.jim.bootstrap.e2e.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stopping and restarting the real server: clients are told (Kick{23}) and no acknowledged message is lost. */
class RestartTcpTest {

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(TestDatabase.Kind.class)
    void stoppingTheServerShouldKickEveryConnectionWith23(TestDatabase.Kind kind) {
        try (Jim jim = Jim.start(kind)) {
            Jim.Session a1 = jim.register("alice");
            Jim.Session a2 = jim.newDevice(a1);
            Jim.Session b = jim.register("bob");
            // Connected first: by the time the later connections have signed in, the server has set this one up too.
            WireClient notSignedIn = jim.connect();
            List<Device> devices = List.of(jim.online(a1), jim.online(a2), jim.online(b));
            devices.forEach(Device::assertNothingPending);

            jim.server().close();

            for (Device d : devices) {
                assertThat(d.kicked()).isEqualTo(ResultCode.SERVER_SHUTDOWN);
            }
            assertThat(notSignedIn.readUntilClosed()).singleElement()
                    .satisfies(f -> assertThat(f.kickCode()).isEqualTo(ResultCode.SERVER_SHUTDOWN));
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(TestDatabase.Kind.class)
    void restartOnTheSameDatabaseShouldLoseNoAcknowledgedMessageAndContinueTheSequences(TestDatabase.Kind kind) {
        Jim.assumeAvailable(kind);
        try (TestDatabase db = TestDatabase.create(kind)) {
            Jim.Session a;
            Jim.Session b;
            Jim.Session c;
            List<MessageSendACK> aAcks = new ArrayList<>();
            List<MessageSendACK> bAcks = new ArrayList<>();
            try (Jim first = Jim.on(db)) {
                a = first.register("alice");
                b = first.register("bob");
                c = first.register("carol");
                first.befriend(a, b);
                long group = first.createGroup(a, b, c);
                Device a1 = first.online(a);
                Device b1 = first.online(b);
                for (int i = 1; i <= 10; i++) {
                    aAcks.add(a1.sendOk(Wire.toUser(b.userId(), i, "a to b " + i)));
                    b1.push();
                }
                for (int i = 1; i <= 5; i++) {
                    bAcks.add(b1.sendOk(Wire.toUser(a.userId(), i, "b to a " + i)));
                    a1.push();
                }
                for (int i = 11; i <= 15; i++) {
                    aAcks.add(a1.sendOk(Wire.toGroup(group, i, "a to group " + i)));
                    b1.push();
                }
                assertThat(first.inbox(a, 0)).hasSize((int) aAcks.getLast().getSyncSequence());
                first.server().close();
                assertThat(a1.kicked()).isEqualTo(ResultCode.SERVER_SHUTDOWN);
                assertThat(b1.kicked()).isEqualTo(ResultCode.SERVER_SHUTDOWN);
            }

            try (Jim second = Jim.on(db)) {
                Device a1 = second.online(a);
                Device b1 = second.online(b);

                List<MessageItem> aInbox = a1.syncAll(0, 0);
                List<MessageItem> bInbox = b1.syncAll(0, 0);

                assertThat(a1.maxSequence()).isEqualTo(aAcks.getLast().getSyncSequence());
                assertThat(aInbox).extracting(MessageItem::getSyncSequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, a1.maxSequence()).boxed().toList());
                assertThat(bInbox).extracting(MessageItem::getSyncSequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, b1.maxSequence()).boxed().toList());
                for (MessageSendACK ack : aAcks) {
                    MessageItem own = aInbox.get((int) ack.getSyncSequence() - 1);
                    assertThat(own.getMessageId()).isEqualTo(ack.getMessageId());
                    assertThat(own.getSendTime()).isEqualTo(ack.getSendTime());
                    assertThat(bInbox).filteredOn(m -> m.getMessageId() == ack.getMessageId()).hasSize(1);
                }
                for (MessageSendACK ack : bAcks) {
                    assertThat(bInbox.get((int) ack.getSyncSequence() - 1).getMessageId()).isEqualTo(ack.getMessageId());
                    assertThat(aInbox).filteredOn(m -> m.getMessageId() == ack.getMessageId()).hasSize(1);
                }
                assertThat(second.inbox(c, 0)).extracting(m -> m.get("content").asText()).endsWith("a to group 15");

                assertThat(a1.send(Wire.toUser(b.userId(), 1, "a to b 1"))).as("de-duplication survives the restart")
                        .isEqualTo(aAcks.getFirst());
                MessageSendACK after = a1.sendOk(Wire.toUser(b.userId(), 16, "after the restart"));
                assertThat(after.getSyncSequence()).as("the sequence continues").isEqualTo(a1.maxSequence() + 1);
                Set<Long> before = new HashSet<>();
                aAcks.forEach(x -> before.add(x.getMessageId()));
                bAcks.forEach(x -> before.add(x.getMessageId()));
                aInbox.forEach(x -> before.add(x.getMessageId()));
                assertThat(before).as("message ids stay unique across a restart").doesNotContain(after.getMessageId());
                MessageItem copy = b1.push();
                assertThat(copy.getMessageId()).isEqualTo(after.getMessageId());
                assertThat(copy.getSyncSequence()).isEqualTo(b1.maxSequence() + 1);
            }
        }
    }
}
