package io.jim.application.service.message;

import static io.jim.application.service.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.fake.InMemoryJim;
import io.jim.application.fake.InMemoryJim.Session;
import io.jim.application.port.in.message.InboxPage;
import io.jim.application.port.in.message.SignInCommand;
import io.jim.application.port.in.message.SignInResult;
import io.jim.application.port.in.message.SyncQuery;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.shared.ErrorCode;
import io.jim.application.port.out.InboxRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sync, acknowledgement and TCP sign-in: the services around one inbox. */
class InboxServicesTest {

    private final InMemoryJim jim = new InMemoryJim();
    private final Session alice = jim.signUp("alice");
    private final Session bob = jim.signUp("bob");

    @BeforeEach
    void setUp() {
        jim.makeFriends(alice, bob); // sequences 1 and 2 in both inboxes
        LongStream.rangeClosed(1, 8).forEach(seq -> jim.sendText(alice, bob.userId(), seq, "m" + seq)); // 3 … 10
    }

    private InboxSequence acked(Session s) {
        return jim.devices().findById(s.deviceId()).orElseThrow().acked().value();
    }

    @Test
    void syncShouldReturnTheCopiesAfterTheSequenceInAscendingOrder() {
        InboxPage page = jim.syncInbox().sync(new SyncQuery(bob.userId(), 4, 100));

        assertThat(page.entries()).extracting(e -> e.sequence().value()).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(page.entries()).extracting(InboxEntry::owner).containsOnly(bob.userId());
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void syncShouldSayWhetherMoreCopiesExistBeyondTheLimit() {
        InboxPage first = jim.syncInbox().sync(new SyncQuery(bob.userId(), 0, 4));
        InboxPage last = jim.syncInbox().sync(new SyncQuery(bob.userId(), 6, 4));

        assertThat(first.entries()).extracting(e -> e.sequence().value()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(first.hasMore()).isTrue();
        assertThat(last.entries()).extracting(e -> e.sequence().value()).containsExactly(7L, 8L, 9L, 10L);
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void syncWithNothingNewerShouldAnswerAnEmptyPage() {
        InboxPage page = jim.syncInbox().sync(new SyncQuery(bob.userId(), 10, 100));

        assertThat(page.entries()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void syncWithANegativeSequenceShouldStartAtTheBeginning() {
        assertThat(jim.syncInbox().sync(new SyncQuery(bob.userId(), -7, 0)).entries()).hasSize(10);
    }

    @Test
    void syncShouldNeverShowAnotherUsersInbox() {
        Session carol = jim.signUp("carol");

        assertThat(jim.syncInbox().sync(new SyncQuery(carol.userId(), 0, 100)).entries()).isEmpty();
    }

    @Test
    void aStoredSendShouldRaiseTheWatermarkOfEveryOwner() {
        assertThat(jim.watermarks().known(bob.userId())).isEqualTo(10);
        assertThat(jim.watermarks().known(alice.userId())).isEqualTo(10);
        assertThat(jim.watermarks().known(jim.signUp("carol").userId())).isZero();
    }

    @Test
    void anAckAtOrBelowTheWatermarkShouldNotReadTheNewestSequence() {
        AtomicInteger newestReads = new AtomicInteger();
        InboxRepository counting = (InboxRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InboxRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("newest")) {
                        newestReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(jim.inbox(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AckInboxService ack = new AckInboxService(counting, jim.devices(), jim.watermarks());

        ack.ack(bob.principal(), 9);
        ack.ack(bob.principal(), 10);
        assertThat(newestReads).hasValue(0);
        assertThat(acked(bob)).isEqualTo(InboxSequence.of(10));

        ack.ack(bob.principal(), 1_000); // above the watermark: read once, capped at the newest
        assertThat(newestReads).hasValue(1);
        assertThat(acked(bob)).isEqualTo(InboxSequence.of(10));

        AckInboxService fresh = new AckInboxService(counting, jim.devices(), new InboxWatermarks());
        fresh.ack(bob.principal(), 4); // nothing known (e.g. after a restart): read, then remember
        fresh.ack(bob.principal(), 7);
        assertThat(newestReads).hasValue(2);
    }

    @Test
    void anAckShouldRaiseTheDevicesPositionOnly() {
        Session bobPhone = jim.anotherDevice(bob);

        jim.ackInbox().ack(bob.principal(), 6);

        assertThat(acked(bob)).isEqualTo(InboxSequence.of(6));
        assertThat(acked(bobPhone)).isEqualTo(InboxSequence.ZERO);
        assertThat(jim.devices().maxAckedOfUser(bob.userId()).value()).isEqualTo(InboxSequence.of(6));
    }

    @Test
    void anAckShouldNeverMoveBackwards() {
        jim.ackInbox().ack(bob.principal(), 6);

        jim.ackInbox().ack(bob.principal(), 3);
        jim.ackInbox().ack(bob.principal(), 0);
        jim.ackInbox().ack(bob.principal(), -5);

        assertThat(acked(bob)).isEqualTo(InboxSequence.of(6));
    }

    @Test
    void anAckPastTheNewestSequenceShouldCountAsTheNewest() {
        jim.ackInbox().ack(bob.principal(), 1_000);

        assertThat(acked(bob)).isEqualTo(InboxSequence.of(10));
    }

    @Test
    void anAckOnAnEmptyInboxShouldChangeNothing() {
        Session carol = jim.signUp("carol");

        jim.ackInbox().ack(carol.principal(), 5);

        assertThat(acked(carol)).isEqualTo(InboxSequence.ZERO);
    }

    @Test
    void signInShouldAcceptTheDevicesCurrentTokenAndAnswerTheNewestSequenceAndServerTime() {
        jim.clock().set(Instant.parse("2025-06-01T12:00:00Z"));

        SignInResult result = jim.signIn().signIn(new SignInCommand(bob.deviceId(), bob.userId(), bob.token()));

        assertThat(result.principal()).isEqualTo(bob.principal());
        assertThat(result.maxSequence()).isEqualTo(InboxSequence.of(10));
        assertThat(result.serverTime()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
    }

    @Test
    void signInWithAnotherUsersIdShouldBeUnauthenticated() {
        refused(ErrorCode.UNAUTHENTICATED,
                () -> jim.signIn().signIn(new SignInCommand(bob.deviceId(), alice.userId(), bob.token())));
    }

    @Test
    void signInWithAnotherDevicesTokenShouldBeUnauthenticated() {
        Session bobPhone = jim.anotherDevice(bob);

        refused(ErrorCode.UNAUTHENTICATED,
                () -> jim.signIn().signIn(new SignInCommand(bob.deviceId(), bob.userId(), bobPhone.token())));
    }

    @Test
    void signInWithAnUnknownDeviceShouldBeUnauthenticated() {
        refused(ErrorCode.UNAUTHENTICATED,
                () -> jim.signIn().signIn(new SignInCommand(DeviceId.of(31_337), bob.userId(), bob.token())));
    }

    @Test
    void signInWithAReplacedTokenShouldBeUnauthenticated() {
        String old = bob.token();
        jim.login().login(new io.jim.application.port.in.account.LoginCommand(bob.user().account(),
                new io.jim.domain.user.Password(InMemoryJim.PASSWORD), java.util.Optional.of(bob.deviceId()),
                InMemoryJim.device()));

        refused(ErrorCode.UNAUTHENTICATED, () -> jim.signIn().signIn(new SignInCommand(bob.deviceId(), bob.userId(), old)));
    }

    @Test
    void signInWithAnEmptyTokenShouldBeUnauthenticated() {
        refused(ErrorCode.UNAUTHENTICATED, () -> jim.signIn().signIn(new SignInCommand(bob.deviceId(), bob.userId(), "")));
    }
}
