package io.jim.bootstrap.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.client.EachDatabase.Database;
import io.jim.bootstrap.e2e.client.Scenario.Live;
import io.jim.bootstrap.e2e.client.Scenario.User;
import io.jim.client.Group;
import io.jim.client.InboxMessage;
import io.jim.client.OutgoingMessage;
import io.jim.client.SendAck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Two devices of one user, both sending and receiving at once (1:1 both ways and in a group), see the same
 * inbox: the same message ids at the same sequences in the same order, which is also what the server holds.
 */
class TwoDevicesOneInboxClientTest {

    private static final int EACH = 25;

    /** A message id at its inbox sequence. */
    private record Entry(long sequence, long messageId) {
        static Entry of(InboxMessage m) {
            return new Entry(m.syncSequence(), m.messageId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(EachDatabase.class)
    void bothDevicesOfAUserShouldSeeTheSameInboxInTheSameOrder(Database db) throws Exception {
        try (Scenario s = new Scenario(db.server())) {
            User a = s.register("a");
            User b = s.register("b");
            Scenario.Device a1Device = s.login(a, "a1");
            Scenario.Device b1Device = s.login(b, "b1");
            s.befriend(a1Device, b1Device);
            Group group = a1Device.api().createGroup("both", List.of(b.userId()));
            Live a1 = s.connect(a1Device);
            Live a2 = s.connect(s.login(a, "a2"));
            Live b1 = s.connect(b1Device);

            // Everyone sends at once: a1 and a2 to B and to the group, b1 to A and to the group.
            List<CompletableFuture<SendAck>> sends = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                sends.add(a1.session().send(OutgoingMessage.textToUser(b.userId(), "a1->b " + i)));
                sends.add(a2.session().send(OutgoingMessage.textToUser(b.userId(), "a2->b " + i)));
                sends.add(b1.session().send(OutgoingMessage.textToUser(a.userId(), "b1->a " + i)));
                if (i % 5 == 0) {
                    sends.add(a1.session().send(OutgoingMessage.textToGroup(group.groupId(), "a1->g " + i)));
                    sends.add(a2.session().send(OutgoingMessage.textToGroup(group.groupId(), "a2->g " + i)));
                    sends.add(b1.session().send(OutgoingMessage.textToGroup(group.groupId(), "b1->g " + i)));
                }
            }
            assertThat(sends.stream().map(Scenario::get).toList()).allMatch(SendAck::ok);

            List<InboxMessage> aInbox = s.inbox(a1Device);
            // 2 friend events + 1 group event + 3 * EACH one-to-one + 3 * EACH / 5 group messages
            assertThat(aInbox).hasSize(3 + 3 * EACH + 3 * EACH / 5);
            long newest = aInbox.getLast().syncSequence();
            a1.recorder().awaitSequence(newest);
            a2.recorder().awaitSequence(newest);
            s.awaitCaughtUp(b1);

            List<Entry> expected = aInbox.stream().map(Entry::of).toList();
            assertThat(a1.recorder().messages()).extracting(Entry::of).as("a1").containsExactlyElementsOf(expected);
            assertThat(a2.recorder().messages()).extracting(Entry::of).as("a2").containsExactlyElementsOf(expected);
            a1.recorder().assertContiguousAfter(0);
            a2.recorder().assertContiguousAfter(0);
            assertThat(b1.recorder().messages()).extracting(Entry::of)
                    .containsExactlyElementsOf(s.inbox(b1Device).stream().map(Entry::of).toList());
            b1.recorder().assertContiguousAfter(0);
            // What each device sent itself is in the other device's list too, with the sending device named.
            assertThat(a2.recorder().messages()).filteredOn(m -> m.content().startsWith("a1->"))
                    .hasSize(EACH + EACH / 5).allMatch(m -> m.senderDeviceId() == a1Device.deviceId());
            assertThat(a1.recorder().messages()).filteredOn(m -> m.content().startsWith("a2->"))
                    .hasSize(EACH + EACH / 5).allMatch(m -> m.senderDeviceId() == a2.device().deviceId());
        }
    }
}
