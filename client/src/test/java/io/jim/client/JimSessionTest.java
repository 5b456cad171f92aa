package io.jim.client;

import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JimSessionTest {

    private static final Credentials ALICE = new Credentials(1, 10, "token-of-alice");
    private static final long WAIT = FakeServer.TIMEOUT.toMillis();

    private FakeServer server;
    private RecordingListener listener;
    private JimSession session;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeServer();
        listener = new RecordingListener();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.closeAsync().get(WAIT, TimeUnit.MILLISECONDS);
        }
        server.close();
    }

    private JimSession.Builder builder() {
        return JimSession.builder(ALICE)
                .address(server.host(), server.port())
                .listener(listener)
                .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
                .closeTimeout(Duration.ofMillis(200));
    }

    private FakeConnection startAndSignIn(JimSession.Builder b, long maxSequence) throws Exception {
        session = b.build();
        CompletableFuture<SignInResult> signedIn = session.start();
        FakeConnection conn = server.accept();
        SignIn signIn = conn.expectSignIn();
        assertThat(signIn.getUserId()).isEqualTo(1);
        assertThat(signIn.getDeviceId()).isEqualTo(10);
        assertThat(signIn.getToken()).isEqualTo("token-of-alice");
        conn.signInOk(maxSequence);
        assertThat(signedIn.get(WAIT, TimeUnit.MILLISECONDS).maxSequence()).isEqualTo(maxSequence);
        return conn;
    }

    private static MessageSendACK ok(long sendSequence, long messageId, long syncSequence) {
        return MessageSendACK.newBuilder().setSendSequence(sendSequence).setCode(0).setMessageId(messageId)
                .setSyncSequence(syncSequence).setSendTime(1_700_000_000_000L).build();
    }

    @Test
    void aBurstOfPushesReadAtOnceIsAcknowledgedOnceWithItsHighestSequence() throws Exception {
        FakeConnection conn = startAndSignIn(builder(), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false);

        conn.pushBurst(1, 2, 3, 4);
        conn.expectAck(4); // not 1, 2 and 3 first
        conn.push(5); // a lone push is still acknowledged at once
        conn.expectAck(5);

        listener.awaitMessages(5);
        assertThat(listener.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void outOfOrderPushTriggersSyncAndMessagesArriveInOrderExactlyOnce() throws Exception {
        FakeConnection conn = startAndSignIn(builder(), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false);

        conn.push(1);
        conn.expectAck(1);
        conn.push(3); // 2 is missing
        conn.expectSyncTrigger(1);
        conn.push(4); // arrives while the sync runs
        conn.syncBatch(false, 2, 3);
        conn.expectAck(4);
        conn.push(3); // duplicates of what was handed over
        conn.push(2);
        conn.push(5);
        conn.expectAck(5);

        listener.awaitMessages(5);
        assertThat(listener.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(listener.messages()).extracting(InboxMessage::content).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(session.lastSequence()).isEqualTo(5);
    }

    @Test
    void pushDuringSyncIsBufferedSoNothingIsSkippedOrRepeated() throws Exception {
        FakeConnection conn = startAndSignIn(builder().lastSequence(2), 5);
        conn.expectAck(2); // re-acknowledges what the application already has
        conn.expectSyncTrigger(2);

        // The goim race: new messages are pushed before the sync answer, one of them also in the answer.
        conn.push(5);
        conn.push(6);
        conn.syncBatch(false, 3, 4, 5);
        conn.expectAck(6);
        conn.push(7);
        conn.expectAck(7); // no second SyncTrigger before it: nothing was missing

        listener.awaitMessages(5);
        assertThat(listener.sequences()).containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void syncIsRepeatedFromTheLastSequenceWhileHasMore() throws Exception {
        FakeConnection conn = startAndSignIn(builder().lastSequence(10).syncLimit(2), 13);
        conn.expectAck(10);
        assertThat(conn.expectSyncTrigger(10).getLimit()).isEqualTo(2);
        conn.syncBatch(true, 11, 12);
        conn.expectAck(12);
        conn.expectSyncTrigger(12);
        conn.syncBatch(false, 13);
        conn.expectAck(13);

        listener.awaitMessages(3);
        assertThat(listener.sequences()).containsExactly(11L, 12L, 13L);
    }

    @Test
    void aPushThatOvertakesTheAckOfAnOwnSendWaitsForTheAckInsteadOfSyncing() throws Exception {
        FakeConnection conn = startAndSignIn(builder(), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false);
        CompletableFuture<SendAck> sent = session.send(OutgoingMessage.textToUser(2, "mine"));
        MessageSend send = conn.expectSend();

        conn.push(2); // a friend's message, committed after mine, arrives before my ack
        conn.sendAck(ok(send.getSendSequence(), 7001, 1)); // my own copy is 1

        conn.expectAck(2); // no SyncTrigger in between: the ack filled the gap
        assertThat(sent.get(WAIT, TimeUnit.MILLISECONDS).syncSequence()).isEqualTo(1);
        listener.awaitMessages(2);
        assertThat(listener.sequences()).containsExactly(1L, 2L);
    }

    @Test
    void aGapThatPendingSendsCannotExplainIsSyncedAtOnce() throws Exception {
        FakeConnection conn = startAndSignIn(builder(), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false);
        session.send(OutgoingMessage.textToUser(2, "mine"));
        conn.expectSend();

        conn.push(3); // 1 and 2 missing, only one own send in flight

        conn.expectSyncTrigger(0);
    }

    @Test
    void gapLeftOpenBySyncAnswerIsSyncedAgainLater() throws Exception {
        FakeConnection conn = startAndSignIn(builder().gapResyncDelay(Duration.ofMillis(20)), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false);
        conn.push(2);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false); // 1 is not visible yet
        conn.expectSyncTrigger(0);
        conn.syncBatch(false, 1, 2);
        conn.expectAck(2);

        listener.awaitMessages(2);
        assertThat(listener.sequences()).containsExactly(1L, 2L);
    }

    @Test
    void syncPageThatMakesNoProgressIsNotRepeatedAtOnce() throws Exception {
        FakeConnection conn = startAndSignIn(builder().lastSequence(1).gapResyncDelay(Duration.ofHours(1)), 3);
        conn.expectAck(1);
        conn.expectSyncTrigger(1);
        conn.syncBatch(true, 3); // 2 missing and has_more: asking again at once would spin
        conn.push(2);
        conn.expectAck(3); // the push closed the gap; no SyncTrigger came before this ack

        listener.awaitMessages(2);
        assertThat(listener.sequences()).containsExactly(2L, 3L);
    }

    @Test
    void sendsFromManyThreadsGetDistinctIncreasingSequences() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false), 0);
        int threads = 8;
        int perThread = 50;
        List<CompletableFuture<SendAck>> futures = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    futures.add(session.send(OutgoingMessage.textToUser(2, Thread.currentThread().getName() + " " + i)));
                }
            }));
        }
        go.countDown();

        long previous = 0;
        for (int i = 0; i < threads * perThread; i++) {
            MessageSend send = conn.expectSend();
            assertThat(send.getSendSequence()).isEqualTo(previous + 1); // on the wire in sequence order
            previous = send.getSendSequence();
            conn.sendAck(ok(previous, 5000 + previous, previous));
        }
        for (Thread sender : senders) {
            sender.join(WAIT);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(futures).hasSize(threads * perThread);
        assertThat(futures.stream().map(f -> f.join().sendSequence()).distinct().count()).isEqualTo(threads * perThread);
        assertThat(futures).allSatisfy(f -> assertThat(f.join().messageId()).isEqualTo(5000 + f.join().sendSequence()));
    }

    @Test
    void sendLostWithTheConnectionIsRetransmittedWithTheSameSequenceAndCompletesOnce() throws Exception {
        FakeConnection first = startAndSignIn(builder().nextSendSequence(42), 0);
        first.expectSyncTrigger(0);
        first.syncBatch(false);

        CompletableFuture<SendAck> future = session.send(OutgoingMessage.textToUser(2, "hello"));
        AtomicInteger completions = new AtomicInteger();
        future.whenComplete((ack, failure) -> completions.incrementAndGet());
        MessageSend original = first.expectSend();
        assertThat(original.getSendSequence()).isEqualTo(42);
        first.close(); // dropped before the ack

        FakeConnection second = server.accept();
        second.expectSignIn();
        second.signInOk(0);
        second.expectSyncTrigger(0);
        MessageSend retry = second.expectSend();
        assertThat(retry).isEqualTo(original);
        // The server answers the first transmission late and the retransmission with the original ack.
        second.sendAck(ok(42, 900, 1));
        second.sendAck(ok(42, 900, 1));
        second.syncBatch(false);
        second.expectAck(1); // the own copy counts as received

        SendAck ack = future.get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(ack.ok()).isTrue();
        assertThat(ack.sendSequence()).isEqualTo(42);
        assertThat(ack.messageId()).isEqualTo(900);
        assertThat(ack.syncSequence()).isEqualTo(1);

        second.push(2);
        second.expectAck(2); // no gap: 1 was our own copy
        assertThat(listener.awaitMessages(2)).extracting(InboxMessage::messageId).containsExactly(900L, 1002L);
        InboxMessage own = listener.messages().getFirst();
        assertThat(own.senderDeviceId()).isEqualTo(10);
        assertThat(own.content()).isEqualTo("hello");
        assertThat(completions).hasValue(1);
        assertThat(session.nextSendSequence()).isEqualTo(43);

        CompletableFuture<SendAck> next = session.send(OutgoingMessage.textToUser(2, "again"));
        assertThat(second.expectSend().getSendSequence()).isEqualTo(43);
        second.sendAck(ok(43, 901, 3));
        assertThat(next.get(WAIT, TimeUnit.MILLISECONDS).messageId()).isEqualTo(901);
    }

    @Test
    void unacknowledgedSendIsRetransmittedWithTheSameSequenceAfterTheAckTimeout() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false).ackTimeout(Duration.ofMillis(100)), 0);

        CompletableFuture<SendAck> future = session.send(OutgoingMessage.textToGroup(5, "hi all"));
        MessageSend first = conn.expectSend();
        MessageSend second = conn.expectSend(); // no answer: sent again
        assertThat(second).isEqualTo(first);
        assertThat(second.getSendSequence()).isEqualTo(1);
        assertThat(second.getReceiverType()).isEqualTo(ReceiverType.GROUP);
        conn.sendAck(ok(1, 77, 9));

        assertThat(future.get(WAIT, TimeUnit.MILLISECONDS).messageId()).isEqualTo(77);
    }

    @Test
    void failedSendCompletesWithTheServersCode() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false), 0);
        CompletableFuture<SendAck> future = session.send(OutgoingMessage.textToUser(3, "stranger"));
        long sequence = conn.expectSend().getSendSequence();
        conn.sendAck(MessageSendACK.newBuilder().setSendSequence(sequence).setCode(ResultCode.NOT_FRIENDS)
                .setMessage("not friends").build());

        SendAck ack = future.get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(ack.ok()).isFalse();
        assertThat(ack.code()).isEqualTo(ResultCode.NOT_FRIENDS);
        assertThat(ack.message()).isEqualTo("not friends");
    }

    @Test
    void sendOnlySessionNeitherSyncsNorAcknowledges() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false).lastSequence(4), 9);
        conn.push(10);
        CompletableFuture<SendAck> future = session.send(OutgoingMessage.textToUser(2, "x"));
        // The first thing after sign-in is the send: no MessageACK, no SyncTrigger.
        assertThat(conn.expectSend().getSendSequence()).isEqualTo(1);
        conn.sendAck(ok(1, 5, 11));
        future.get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(listener.messages()).isEmpty();
        assertThat(session.lastSequence()).isEqualTo(4);
    }

    @Test
    void heartbeatIsSentOnTheConfiguredInterval() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false)
                .heartbeatInterval(Duration.ofMillis(30)).readTimeout(Duration.ofSeconds(30)), 0);
        conn.skipHeartbeats(false);
        conn.expectHeartbeat();
        conn.heartbeatAck();
        conn.expectHeartbeat();
        conn.heartbeatAck();
        conn.expectHeartbeat();
    }

    @Test
    void silentConnectionIsReplacedAfterTheReadTimeout() throws Exception {
        FakeConnection first = startAndSignIn(builder().receiveMessages(false)
                .heartbeatInterval(Duration.ofSeconds(60)).readTimeout(Duration.ofMillis(100)), 0);
        first.expectClosedByClient();
        listener.awaitState(SessionState.DISCONNECTED);
        server.acceptSignedIn(0);
        listener.awaitState(SessionState.ONLINE);
    }

    @ParameterizedTest
    @ValueSource(ints = {ResultCode.SIGNED_IN_ELSEWHERE, ResultCode.SIGNED_OUT})
    void kickThatEndsTheDeviceSessionStopsReconnecting(int code) throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false), 0);
        CompletableFuture<SendAck> unacked = session.send(OutgoingMessage.textToUser(2, "lost"));
        conn.expectSend();

        conn.kick(code);

        assertThatThrownBy(() -> session.whenClosed().get(WAIT, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(KickedException.class, k -> assertThat(k.code()).isEqualTo(code));
        assertThatThrownBy(() -> unacked.get(WAIT, TimeUnit.MILLISECONDS)).cause().isInstanceOf(KickedException.class);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(listener.kicks()).containsExactly(code);
        // Reconnects are 10-50 ms apart here: a window many times that sees none.
        assertThat(server.connectsWithin(Duration.ofMillis(300))).isFalse();
        assertThat(session.send(OutgoingMessage.textToUser(2, "late"))).isCompletedExceptionally();
    }

    @Test
    void serverShutdownKickReconnectsAndResendsPendingSends() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false), 0);
        CompletableFuture<SendAck> future = session.send(OutgoingMessage.textToUser(2, "survives"));
        conn.expectSend();

        conn.kick(ResultCode.SERVER_SHUTDOWN);

        FakeConnection next = server.acceptSignedIn(0);
        assertThat(next.expectSend().getSendSequence()).isEqualTo(1);
        next.sendAck(ok(1, 3, 1));
        assertThat(future.get(WAIT, TimeUnit.MILLISECONDS).ok()).isTrue();
        assertThat(listener.kicks()).containsExactly(ResultCode.SERVER_SHUTDOWN);
    }

    @Test
    void rejectedCredentialsCloseTheSessionWithoutRetrying() throws Exception {
        session = builder().build();
        CompletableFuture<SignInResult> signedIn = session.start();
        FakeConnection conn = server.accept();
        conn.expectSignIn();
        conn.send(FrameType.SIGN_IN_ACK, SignInACK.newBuilder().setCode(ResultCode.UNAUTHENTICATED).setMessage("bad token").build());

        assertThatThrownBy(() -> signedIn.get(WAIT, TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(SignInRejectedException.class, e -> assertThat(e.code()).isEqualTo(4));
        assertThat(server.connectsWithin(Duration.ofMillis(300))).isFalse();
    }

    @Test
    void unreachableServerGivesUpAfterTheConfiguredAttempts() throws Exception {
        int port = server.port();
        server.close(); // nothing listens there any more
        session = JimSession.builder(ALICE).address("127.0.0.1", port)
                .reconnectDelay(Duration.ofMillis(5), Duration.ofMillis(10)).maxConnectFailures(3).build();

        assertThatThrownBy(() -> session.start().get(WAIT, TimeUnit.MILLISECONDS))
                .cause().isInstanceOf(SessionClosedException.class).hasMessageContaining("after 3 attempt(s)");
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void failedReconnectsAreCountedAgainstTheirOwnLimit() throws Exception {
        FakeConnection conn = startAndSignIn(builder().receiveMessages(false)
                .maxConnectFailures(1).maxReconnectFailures(3), 0);
        server.close(); // the server goes away for good
        conn.close();

        assertThatThrownBy(() -> session.whenClosed().get(WAIT, TimeUnit.MILLISECONDS))
                .cause().isInstanceOf(SessionClosedException.class).hasMessageContaining("after 3 attempt(s)");
    }

    @Test
    void gracefulCloseWaitsUntilTheServerHasProcessedTheLastAck() throws Exception {
        FakeConnection conn = startAndSignIn(builder().closeTimeout(Duration.ofSeconds(30)), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false, 1);
        conn.expectAck(1);
        listener.awaitMessages(1);

        CompletableFuture<Void> closed = session.closeAsync();
        conn.skipHeartbeats(false);
        conn.expectHeartbeat();
        assertThat(closed).isNotDone();
        conn.heartbeatAck();
        closed.get(WAIT, TimeUnit.MILLISECONDS);
        conn.expectClosedByClient();
        assertThat(session.whenClosed()).isCompleted();
        session = null;
    }

    @Test
    void closingFromTheListenerStopsDeliveryAndAcknowledgesOnlyWhatWasHandedOver() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        RecordingListener recorder = listener;
        FakeConnection conn = startAndSignIn(builder().listener(message -> {
            recorder.onMessage(message);
            if (seen.incrementAndGet() == 3) {
                session.close(); // from inside the context: must not wait for itself
            }
        }), 0);
        conn.expectSyncTrigger(0);
        conn.syncBatch(false, LongStream.rangeClosed(1, 10).toArray());
        conn.expectAck(3);
        session.whenClosed().get(WAIT, TimeUnit.MILLISECONDS);

        assertThat(recorder.sequences()).containsExactly(1L, 2L, 3L);
        assertThat(session.lastSequence()).isEqualTo(3);
        session = null;
    }
}
