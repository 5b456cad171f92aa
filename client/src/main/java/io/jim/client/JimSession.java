package io.jim.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jim.proto.FrameType;
import io.jim.proto.Kick;
import io.jim.proto.Message;
import io.jim.proto.MessageACK;
import io.jim.proto.MessageItem;
import io.jim.proto.MessageSend;
import io.jim.proto.MessageSendACK;
import io.jim.proto.ResultCode;
import io.jim.proto.SignIn;
import io.jim.proto.SignInACK;
import io.jim.proto.SyncTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A signed-in TCP session of one device: signs in, keeps the connection alive and reconnects it, numbers
 * and retries sends, and hands the application every inbox message exactly once, in sequence order.
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li>Inbox messages reach {@link SessionListener#onMessage} exactly once each, in {@code sync_sequence}
 *       order, with no gaps, starting after {@link Builder#lastSequence(long)}. Pushes that leave a gap, and
 *       every (re)connect, trigger a sync from the last contiguous sequence (repeated while {@code has_more});
 *       pushes arriving meanwhile are buffered; duplicates are dropped.</li>
 *   <li>What was handed over is acknowledged (MessageACK with the highest contiguous sequence).</li>
 *   <li>Each {@link #send send} gets the next {@code send_sequence} (continuing from
 *       {@link Builder#nextSendSequence(long)}); an unacknowledged send is retransmitted with the same
 *       sequence after the ack timeout and after every reconnect, so the server stores it once and the
 *       returned future completes once.</li>
 *   <li>A lost connection is reconnected with exponential backoff and jitter. Kick 20/21 and rejected
 *       credentials close the session for good; Kick 22 is reported and reconnected with backoff; Kick 23
 *       (server shutdown) reconnects after a longer delay.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * All public methods are thread-safe and never block, except {@link #close()}. The session's state lives
 * in a serial context that runs on virtual threads only while there is work; each connection has one
 * virtual reader thread; timers come from one shared daemon thread. Listener callbacks run in that
 * context, one at a time (see {@link SessionListener}).
 *
 * <h2>Persisting state</h2>
 * The application may store {@link #lastSequence()} (after each message, or at the end) and
 * {@link #nextSendSequence()} and pass them to the builder of the next session of the same device.
 */
public final class JimSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JimSession.class);

    private static final int SYNC_BATCH = 1;
    /** Beyond this many out-of-order messages the newest are dropped: a later sync fetches them again. */
    private static final int MAX_BUFFERED = 10_000;
    /** UNAVAILABLE (11) means nothing was stored and the same send_sequence may be retried. */
    private static final int UNAVAILABLE_RETRIES = 5;

    private final String host;
    private final int port;
    private final java.net.InetAddress localAddress;
    private final Credentials credentials;
    private final SessionListener listener;
    private final Duration heartbeatInterval;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final Duration ackTimeout;
    private final Duration reconnectMinDelay;
    private final Duration reconnectMaxDelay;
    private final Duration gapResyncDelay;
    private final Duration closeTimeout;
    private final int maxConnectFailures;
    private final int maxReconnectFailures;
    private final int syncLimit;
    private final boolean receiveMessages;
    private final SerialExecutor context;
    private final ScheduledExecutorService timer;
    private final ThreadFactory readerThreads;

    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<SignInResult> firstSignIn = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile SessionState state = SessionState.NEW;
    /** Set at once by closeAsync (any thread) so that no further message is handed over or acknowledged. */
    private volatile boolean closing;
    private volatile long lastSequenceView;
    private volatile long nextSendSequenceView;
    /** The live connection, for a forced close from outside the context only. */
    private volatile Connection liveConnection;

    // Everything below is confined to the context.
    private long lastSequence;
    private long lastMessageId;
    private long ackedSequence;
    /** Something was handed over since the last MessageACK; sent after the current socket read. */
    private boolean ackDue;
    private long nextSendSequence;
    private final TreeMap<Long, MessageItem> buffer = new TreeMap<>();
    private final TreeMap<Long, PendingSend> pending = new TreeMap<>();
    private Connection connection;
    private long connectionCount;
    private boolean syncing;
    /** The sequence the running sync started from, to tell a page that made progress from one that did not. */
    private long syncFrom;
    private int failures;
    private boolean everSignedIn;
    private boolean finished;
    private long closeHeartbeatTarget;
    private Future<?> heartbeatTask;
    private Future<?> reconnectTask;
    private Future<?> resyncTask;
    private Future<?> gapCheckTask;
    private Future<?> closeTimeoutTask;

    private JimSession(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.localAddress = b.localAddress;
        this.credentials = b.credentials;
        this.listener = b.listener;
        this.heartbeatInterval = b.heartbeatInterval;
        this.readTimeout = b.readTimeout != null ? b.readTimeout : max(b.heartbeatInterval.multipliedBy(3), Duration.ofSeconds(10));
        this.connectTimeout = b.connectTimeout;
        this.ackTimeout = b.ackTimeout;
        this.reconnectMinDelay = b.reconnectMinDelay;
        this.reconnectMaxDelay = max(b.reconnectMaxDelay, b.reconnectMinDelay);
        this.gapResyncDelay = b.gapResyncDelay;
        this.closeTimeout = b.closeTimeout;
        this.maxConnectFailures = b.maxConnectFailures;
        this.maxReconnectFailures = b.maxReconnectFailures;
        this.syncLimit = b.syncLimit;
        this.receiveMessages = b.receiveMessages;
        this.timer = b.timer != null ? b.timer : SharedTimer.get();
        String name = "jim-" + credentials.deviceId();
        Executor backing = b.executor;
        if (backing == null) {
            ThreadFactory contextThreads = Thread.ofVirtual().name(name + "-session").factory();
            backing = task -> contextThreads.newThread(task).start();
        }
        this.context = new SerialExecutor(backing);
        this.readerThreads = Thread.ofVirtual().name(name + "-reader-", 1).factory();
        this.lastSequence = b.lastSequence;
        this.lastSequenceView = b.lastSequence;
        this.nextSendSequence = b.nextSendSequence;
        this.nextSendSequenceView = b.nextSendSequence;
    }

    /** A builder for a session of the device named by {@code credentials}. */
    public static Builder builder(Credentials credentials) {
        return new Builder(credentials);
    }

    // ---------------------------------------------------------------- public API

    /**
     * Connects and signs in (once; later calls return the same result). The future completes at the first
     * successful sign-in, or exceptionally with a {@link SessionClosedException} if the session closes first
     * (rejected credentials, kicked, closed, or {@link Builder#maxConnectFailures} reached). Until then
     * failed attempts are retried with backoff.
     */
    public CompletableFuture<SignInResult> start() {
        if (started.compareAndSet(false, true)) {
            context.execute(this::connect);
        }
        return firstSignIn.copy();
    }

    /**
     * Sends a message with the next {@code send_sequence}. Sends made while offline are queued and go out
     * after the next sign-in. The future completes with the server's ack, whatever its code (check
     * {@link SendAck#ok()}), or exceptionally with a {@link SessionClosedException} if the session closes
     * before the ack arrives. Cancelling the future stops the retransmissions (the send may still have been
     * stored).
     */
    public CompletableFuture<SendAck> send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<SendAck> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new SessionClosedException("session is closed", null));
            return future;
        }
        context.execute(() -> doSend(message, future));
        return future;
    }

    /** Asks for a sync from the last contiguous sequence now (normally not needed: the session syncs by itself). */
    public void requestSync() {
        context.execute(this::startSync);
    }

    /** The highest inbox sequence handed to the listener with no gap before it (what to persist). */
    public long lastSequence() {
        return lastSequenceView;
    }

    /** The {@code send_sequence} the next {@link #send} will use (what to persist). */
    public long nextSendSequence() {
        return nextSendSequenceView;
    }

    /** The current state. */
    public SessionState state() {
        return state;
    }

    /** The credentials this session signs in with. */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Completes when the session has closed: normally after {@link #close()}/{@link #closeAsync()}, and
     * exceptionally with a {@link SessionClosedException} ({@link KickedException},
     * {@link SignInRejectedException}, or one for too many failed connection attempts) otherwise.
     */
    public CompletableFuture<Void> whenClosed() {
        return terminated.copy();
    }

    /**
     * Closes gracefully: stops handing over messages at once, makes sure the server has processed the
     * last MessageACK (a Heartbeat round trip, bounded by the close timeout), then closes the connection
     * and fails any unacknowledged sends. The future completes when done, whatever the outcome.
     */
    public CompletableFuture<Void> closeAsync() {
        closing = true;
        context.execute(this::beginClose);
        return terminated.handle((ignored, failure) -> null);
    }

    /**
     * {@link #closeAsync()} and wait for it (from a listener callback it does not wait, since the close
     * runs in the same context after the callback returns).
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (context.inContext()) {
            return;
        }
        try {
            done.get(closeTimeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The context is stuck in a blocking write: closing the socket unblocks it.
            Connection c = liveConnection;
            if (c != null) {
                c.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: the close future never fails", e);
        }
    }

    @Override
    public String toString() {
        return "JimSession[user=" + credentials.userId() + ", device=" + credentials.deviceId() + ", " + state + "]";
    }

    // ---------------------------------------------------------------- connection life cycle (context only)

    private void connect() {
        reconnectTask = null;
        if (closing || finished) {
            return;
        }
        Connection conn = new Connection(++connectionCount);
        connection = conn;
        liveConnection = conn;
        setState(SessionState.CONNECTING, null);
        readerThreads.newThread(() -> runConnection(conn)).start();
    }

    /** The reader thread: connect, then turn every frame into a task of the context, in arrival order. */
    private void runConnection(Connection conn) {
        try {
            conn.connect(host, port, localAddress, connectTimeout, readTimeout);
            context.execute(() -> onConnected(conn));
            conn.readLoop(frame -> context.execute(() -> onFrame(conn, frame)), () -> context.execute(() -> onReadEnd(conn)));
        } catch (IOException | RuntimeException e) {
            context.execute(() -> lose(conn, e, 0));
        }
    }

    private void onConnected(Connection conn) {
        if (conn != connection) {
            return;
        }
        log.debug("device {} connected to {}:{}, signing in", credentials.deviceId(), host, port);
        write(conn, Frame.of(FrameType.SIGN_IN, SignIn.newBuilder()
                .setDeviceId(credentials.deviceId())
                .setUserId(credentials.userId())
                .setToken(credentials.token())
                .build()));
    }

    private void onFrame(Connection conn, Frame frame) {
        if (conn != connection) {
            return; // a late frame of a connection already given up
        }
        try {
            switch (frame.type()) {
                case FrameType.SIGN_IN_ACK -> onSignInAck(conn, SignInACK.parseFrom(frame.body()));
                case FrameType.KICK -> onKick(conn, Kick.parseFrom(frame.body()));
                case FrameType.HEARTBEAT_ACK -> onHeartbeatAck(conn);
                case FrameType.MESSAGE_SEND_ACK -> {
                    if (requireSignedIn(conn, frame)) {
                        onSendAck(MessageSendACK.parseFrom(frame.body()));
                    }
                }
                case FrameType.MESSAGE -> {
                    if (requireSignedIn(conn, frame)) {
                        onMessage(Message.parseFrom(frame.body()));
                    }
                }
                default -> log.debug("device {} ignores frame type {}", credentials.deviceId(), frame.type());
            }
        } catch (InvalidProtocolBufferException e) {
            log.warn("device {} got an unparsable frame of type {}; reconnecting", credentials.deviceId(), frame.type());
            lose(conn, e, 1);
        }
    }

    /**
     * After the frames of one socket read: acknowledges what they handed over with ONE MessageACK. A burst
     * of pushes (the socket had several at once) is thus acknowledged by its highest contiguous sequence,
     * which PROTOCOL.md 4.4 asks for, instead of once per push; a lone push is still acknowledged at once.
     */
    private void onReadEnd(Connection conn) {
        if (conn == connection && ackDue) {
            ackDue = false;
            sendAckIfAdvanced();
        }
    }

    private boolean requireSignedIn(Connection conn, Frame frame) {
        if (!conn.signedIn) {
            log.warn("device {} ignores frame type {} that arrived before the SignInACK", credentials.deviceId(), frame.type());
        }
        return conn.signedIn;
    }

    private void onSignInAck(Connection conn, SignInACK ack) {
        if (conn.signedIn) {
            log.debug("device {} ignores a second SignInACK", credentials.deviceId());
            return;
        }
        if (ack.getCode() != ResultCode.OK) {
            if (ack.getCode() == ResultCode.UNAUTHENTICATED) {
                // Retrying cannot help: the token is wrong or was replaced by a newer login.
                finish(new SignInRejectedException(ack.getCode(), ack.getMessage()));
            } else {
                lose(conn, new IOException("sign-in failed with code " + ack.getCode() + ": " + ack.getMessage()), 0);
            }
            return;
        }
        conn.signedIn = true;
        failures = 0;
        everSignedIn = true;
        log.debug("device {} signed in, server max_sequence {}, local {}", credentials.deviceId(), ack.getMaxSequence(), lastSequence);
        long interval = heartbeatInterval.toMillis();
        heartbeatTask = timer.scheduleAtFixedRate(() -> context.execute(() -> heartbeat(conn)),
                interval, interval, TimeUnit.MILLISECONDS);
        setState(SessionState.ONLINE, null);
        firstSignIn.complete(new SignInResult(ack.getMaxSequence(), ack.getServerTime()));
        if (receiveMessages) {
            ackedSequence = 0; // the server keeps the maximum, so re-acknowledging after a reconnect is harmless
            sendAckIfAdvanced();
            startSync();
        }
        for (PendingSend p : new ArrayList<>(pending.values())) {
            transmit(p);
        }
    }

    private void heartbeat(Connection conn) {
        if (conn == connection && conn.signedIn && write(conn, Frame.empty(FrameType.HEARTBEAT))) {
            conn.heartbeatsSent++;
        }
    }

    private void onHeartbeatAck(Connection conn) {
        conn.heartbeatAcks++;
        if (closeHeartbeatTarget > 0 && conn.heartbeatAcks >= closeHeartbeatTarget) {
            finish(null); // the server answered after processing everything we sent, the last ack included
        }
    }

    private void onKick(Connection conn, Kick kick) {
        int code = kick.getCode();
        log.info("device {} kicked with code {}: {}", credentials.deviceId(), code, kick.getMessage());
        notifyListener(() -> listener.onKick(code, kick.getMessage()));
        switch (code) {
            case ResultCode.SIGNED_IN_ELSEWHERE, ResultCode.SIGNED_OUT -> finish(new KickedException(code, kick.getMessage()));
            // Shutdown and protocol errors: come back, but not at once (a restart takes a while; a client bug
            // that provokes 22 must not hammer the server).
            default -> lose(conn, new IOException("kicked with code " + code + ": " + kick.getMessage()), 2);
        }
    }

    /**
     * The connection is unusable: forget it and schedule a reconnect (or finish when closing or when too many
     * attempts failed). {@code extraBackoff} lengthens the delay by that many doubling steps.
     */
    private void lose(Connection conn, Throwable cause, int extraBackoff) {
        if (conn != connection) {
            return;
        }
        boolean wasSignedIn = conn.signedIn;
        conn.close();
        connection = null;
        liveConnection = null;
        syncing = false;
        cancel(heartbeatTask);
        cancel(resyncTask);
        cancel(gapCheckTask);
        heartbeatTask = null;
        resyncTask = null;
        gapCheckTask = null;
        if (closing) {
            finish(null);
            return;
        }
        if (!wasSignedIn) {
            failures++;
            int limit = everSignedIn ? maxReconnectFailures : maxConnectFailures;
            if (limit > 0 && failures >= limit) {
                finish(new SessionClosedException("cannot sign in to " + host + ":" + port + " after " + failures
                        + " attempt(s): " + describe(cause), cause));
                return;
            }
        }
        long delay = backoffMillis(failures + extraBackoff);
        log.info("device {} lost its connection ({}); reconnecting in {} ms", credentials.deviceId(), describe(cause), delay);
        setState(SessionState.DISCONNECTED, cause);
        reconnectTask = timer.schedule(() -> context.execute(this::connect), delay, TimeUnit.MILLISECONDS);
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random, so that clients spread out. */
    private long backoffMillis(int steps) {
        long min = Math.max(1, reconnectMinDelay.toMillis());
        long step = min << Math.min(Math.max(steps - 1, 0), 20);
        step = Math.min(step, reconnectMaxDelay.toMillis());
        long half = step / 2;
        return half + ThreadLocalRandom.current().nextLong(step - half + 1);
    }

    private void beginClose() {
        if (finished || closeHeartbeatTarget > 0) {
            return;
        }
        Connection conn = connection;
        if (conn == null || !conn.signedIn) {
            finish(null);
            return;
        }
        if (!write(conn, Frame.empty(FrameType.HEARTBEAT))) {
            return; // lose() has finished the session
        }
        conn.heartbeatsSent++;
        closeHeartbeatTarget = conn.heartbeatsSent;
        closeTimeoutTask = timer.schedule(() -> context.execute(() -> finish(null)),
                closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the session for good; {@code cause} null means a normal close. */
    private void finish(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        closing = true;
        cancel(heartbeatTask);
        cancel(reconnectTask);
        cancel(resyncTask);
        cancel(gapCheckTask);
        cancel(closeTimeoutTask);
        Connection conn = connection;
        connection = null;
        liveConnection = null;
        if (conn != null) {
            conn.close();
        }
        // The state first, so that whoever waits on one of the futures below already sees CLOSED.
        setState(SessionState.CLOSED, cause);
        SessionClosedException failure = cause instanceof SessionClosedException closed ? closed
                : new SessionClosedException(cause == null ? "session closed" : "session closed: " + describe(cause), cause);
        for (PendingSend p : pending.values()) {
            cancel(p.timeout);
            p.future.completeExceptionally(failure);
        }
        pending.clear();
        buffer.clear();
        firstSignIn.completeExceptionally(failure);
        if (cause != null) {
            log.info("device {} session closed: {}", credentials.deviceId(), describe(cause));
        }
        if (cause == null) {
            terminated.complete(null);
        } else {
            terminated.completeExceptionally(failure);
        }
    }

    // ---------------------------------------------------------------- sending (context only)

    private void doSend(OutgoingMessage message, CompletableFuture<SendAck> future) {
        if (closing) {
            future.completeExceptionally(new SessionClosedException("session is closed", null));
            return;
        }
        long sequence = nextSendSequence++;
        nextSendSequenceView = nextSendSequence;
        MessageSend frame = MessageSend.newBuilder()
                .setReceiverType(message.receiverType())
                .setReceiverId(message.receiverId())
                .setType(message.type())
                .setContent(message.content())
                .setSendSequence(sequence)
                .addAllToUserIds(message.toUserIds())
                .build();
        PendingSend p = new PendingSend(sequence, frame, future);
        pending.put(sequence, p);
        // Only a cancellation (or another outside completion) needs cleaning up; acks remove the entry themselves.
        future.whenComplete((ack, failure) -> {
            if (failure != null) {
                context.execute(() -> forget(p));
            }
        });
        transmit(p);
    }

    private void transmit(PendingSend p) {
        Connection conn = connection;
        if (conn == null || !conn.signedIn) {
            return; // sent after the next sign-in
        }
        if (write(conn, Frame.of(FrameType.MESSAGE_SEND, p.frame))) {
            scheduleAckTimeout(p);
        }
    }

    private void scheduleAckTimeout(PendingSend p) {
        cancel(p.timeout);
        p.timeout = timer.schedule(() -> context.execute(() -> onAckTimeout(p)), ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onAckTimeout(PendingSend p) {
        if (pending.get(p.sequence) != p) {
            return;
        }
        p.timeout = null;
        log.debug("device {} retransmits send_sequence {}", credentials.deviceId(), p.sequence);
        transmit(p);
    }

    private void forget(PendingSend p) {
        if (pending.remove(p.sequence, p)) {
            cancel(p.timeout);
        }
    }

    private void onSendAck(MessageSendACK ack) {
        PendingSend p = pending.get(ack.getSendSequence());
        if (p == null) {
            // The answer to a retransmission whose original ack already arrived.
            log.debug("device {} ignores an ack for send_sequence {} that is not pending", credentials.deviceId(), ack.getSendSequence());
            return;
        }
        if (ack.getCode() == ResultCode.UNAVAILABLE && p.unavailableRetries < UNAVAILABLE_RETRIES) {
            p.unavailableRetries++;
            scheduleAckTimeout(p); // retransmitted with the same sequence when it fires
            return;
        }
        pending.remove(p.sequence);
        cancel(p.timeout);
        SendAck result = SendAck.from(ack);
        if (result.ok() && receiveMessages && ack.getSyncSequence() > 0) {
            // The sender's own copy is in its inbox too but is never pushed to this device: count it as
            // received so that the next push does not look like a gap.
            accept(ownCopy(p.frame, ack));
            drain();
            ackDue = true;
            if (hasGap()) {
                onGap();
            }
        }
        p.future.complete(result);
    }

    private MessageItem ownCopy(MessageSend send, MessageSendACK ack) {
        return MessageItem.newBuilder()
                .setMessageId(ack.getMessageId())
                .setSenderType(SenderType.USER)
                .setSenderId(credentials.userId())
                .setSenderDeviceId(credentials.deviceId())
                .setReceiverType(send.getReceiverType())
                .setReceiverId(send.getReceiverId())
                .setType(send.getType())
                .setContent(send.getContent())
                .setSyncSequence(ack.getSyncSequence())
                .setSendTime(ack.getSendTime())
                .addAllToUserIds(send.getToUserIdsList())
                .build();
    }

    // ---------------------------------------------------------------- receiving (context only)

    private void onMessage(Message message) {
        if (!receiveMessages) {
            return;
        }
        for (MessageItem item : message.getMessagesList()) {
            accept(item);
        }
        drain();
        if (message.getType() == SYNC_BATCH) {
            sendAckIfAdvanced(); // a page at a time, before asking for the next one
        } else {
            ackDue = true; // pushes: once per socket read (onReadEnd)
        }
        if (message.getType() == SYNC_BATCH) {
            syncing = false;
            if (message.getHasMore() && lastSequence > syncFrom) {
                startSync();
            } else if (hasGap() || message.getHasMore()) {
                // The answer did not close the gap (a copy still committing) or made no progress at all:
                // ask again shortly rather than spinning; a push may close the gap meanwhile.
                scheduleResync();
            }
        } else if (hasGap()) {
            onGap();
        }
    }

    /**
     * A push left a gap after the last contiguous sequence. The missing copies may be this device's own
     * sends whose MessageSendACK is still on its way (the server pushes a batch's copies to the other
     * devices as soon as it has committed, so a push can overtake the ack of an older own send; the own
     * copy is never pushed here). When every missing sequence can be such a send, the acks are awaited:
     * each one fills its place and checks again, and a sync follows after {@code gapResyncDelay} if a gap
     * is still there. Otherwise the copies were missed (or dropped by the server): sync at once.
     */
    private void onGap() {
        long missing = buffer.lastKey() - lastSequence - buffer.size();
        if (missing <= pending.size()) {
            scheduleResyncIfGap();
        } else {
            startSync(); // no-op while a sync is running: its answer plus the buffer cover the gap
        }
    }

    private void scheduleResyncIfGap() {
        if (gapCheckTask != null && !gapCheckTask.isDone()) {
            return;
        }
        gapCheckTask = timer.schedule(() -> context.execute(() -> {
            if (hasGap()) {
                startSync();
            }
        }), gapResyncDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept(MessageItem item) {
        long sequence = item.getSyncSequence();
        if (sequence <= lastSequence) {
            return; // already handed over
        }
        if (buffer.size() >= MAX_BUFFERED && sequence > buffer.lastKey()) {
            return;
        }
        buffer.putIfAbsent(sequence, item);
        if (buffer.size() > MAX_BUFFERED) {
            buffer.pollLastEntry();
        }
    }

    /** Hands over everything contiguous after the last sequence, stopping at once when the session closes. */
    private void drain() {
        Map.Entry<Long, MessageItem> first;
        while (!closing && (first = buffer.firstEntry()) != null && first.getKey() == lastSequence + 1) {
            buffer.pollFirstEntry();
            MessageItem item = first.getValue();
            lastSequence = item.getSyncSequence();
            lastMessageId = item.getMessageId();
            lastSequenceView = lastSequence;
            InboxMessage message = InboxMessage.from(item);
            notifyListener(() -> listener.onMessage(message));
        }
    }

    private boolean hasGap() {
        return !buffer.isEmpty();
    }

    private void startSync() {
        Connection conn = connection;
        if (!receiveMessages || syncing || closing || conn == null || !conn.signedIn) {
            return;
        }
        syncing = true;
        syncFrom = lastSequence;
        write(conn, Frame.of(FrameType.SYNC_TRIGGER, SyncTrigger.newBuilder()
                .setSyncSequence(lastSequence)
                .setLimit(syncLimit)
                .build()));
    }

    private void scheduleResync() {
        if (resyncTask != null && !resyncTask.isDone()) {
            return;
        }
        // Unconditional: if a push closed the gap meanwhile, one extra (empty) sync answer costs little.
        resyncTask = timer.schedule(() -> context.execute(this::startSync), gapResyncDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendAckIfAdvanced() {
        Connection conn = connection;
        if (!receiveMessages || conn == null || !conn.signedIn || lastSequence <= ackedSequence) {
            return;
        }
        if (write(conn, Frame.of(FrameType.MESSAGE_ACK, MessageACK.newBuilder()
                .setMessageId(lastMessageId)
                .setSyncSequence(lastSequence)
                .setReceiveTime(System.currentTimeMillis())
                .build()))) {
            ackedSequence = lastSequence;
        }
    }

    // ---------------------------------------------------------------- helpers (context only)

    private boolean write(Connection conn, Frame frame) {
        if (conn != connection) {
            return false;
        }
        try {
            conn.write(frame);
            return true;
        } catch (IOException e) {
            lose(conn, e, 0);
            return false;
        }
    }

    private void setState(SessionState next, Throwable cause) {
        if (state == next) {
            return;
        }
        state = next;
        notifyListener(() -> listener.onStateChanged(next, cause));
    }

    private void notifyListener(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.error("listener of device {} failed", credentials.deviceId(), e);
        }
    }

    private static void cancel(Future<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One send waiting for its ack. */
    private static final class PendingSend {
        final long sequence;
        final MessageSend frame;
        final CompletableFuture<SendAck> future;
        Future<?> timeout;
        int unavailableRetries;

        PendingSend(long sequence, MessageSend frame, CompletableFuture<SendAck> future) {
            this.sequence = sequence;
            this.frame = frame;
            this.future = future;
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configures and builds a {@link JimSession}; only the server address is required besides the credentials. */
    public static final class Builder {
        private final Credentials credentials;
        private String host;
        private int port;
        private java.net.InetAddress localAddress;
        private SessionListener listener = message -> { };
        private long lastSequence;
        private long nextSendSequence = 1;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration readTimeout;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration ackTimeout = Duration.ofSeconds(10);
        private Duration reconnectMinDelay = Duration.ofMillis(500);
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private Duration gapResyncDelay = Duration.ofSeconds(1);
        private Duration closeTimeout = Duration.ofSeconds(2);
        private int maxConnectFailures;
        private int maxReconnectFailures;
        private int syncLimit = 100;
        private boolean receiveMessages = true;
        private Executor executor;
        private ScheduledExecutorService timer;

        private Builder(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /** The server's TCP address (required). */
        public Builder address(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The local address the connection's socket binds to before connecting (default: none, the system
         * chooses). A load generator spreads many connections over several source addresses this way, since
         * one source address has only so many ephemeral ports towards one server address.
         */
        public Builder localAddress(java.net.InetAddress address) {
            this.localAddress = address;
            return this;
        }

        /** Who receives messages and events (default: messages are acknowledged and dropped). */
        public Builder listener(SessionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The last contiguous inbox sequence the application already has; delivery starts after it (default 0). */
        public Builder lastSequence(long lastSequence) {
            this.lastSequence = requireNonNegative(lastSequence, "lastSequence");
            return this;
        }

        /** The send_sequence of the first send (default 1; after a login: its {@code send_sequence} + 1). */
        public Builder nextSendSequence(long nextSendSequence) {
            if (nextSendSequence < 1) {
                throw new IllegalArgumentException("nextSendSequence must be at least 1");
            }
            this.nextSendSequence = nextSendSequence;
            return this;
        }

        /** How often a Heartbeat is sent while signed in (default 30 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = requirePositive(interval, "heartbeatInterval");
            return this;
        }

        /** Silence after which the connection counts as dead (default: 3 heartbeat intervals, at least 10 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = requirePositive(timeout, "readTimeout");
            return this;
        }

        /** The TCP connect timeout (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /** How long to wait for a MessageSendACK before retransmitting with the same sequence (default 10 s). */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = requirePositive(timeout, "ackTimeout");
            return this;
        }

        /** The reconnect backoff: first delay and cap (defaults 500 ms and 30 s). */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.reconnectMinDelay = requirePositive(min, "min");
            this.reconnectMaxDelay = requirePositive(max, "max");
            return this;
        }

        /** How long to wait before syncing again when a sync answer left a gap (default 1 s). */
        public Builder gapResyncDelay(Duration delay) {
            this.gapResyncDelay = requirePositive(delay, "gapResyncDelay");
            return this;
        }

        /** How long a graceful close waits for the server to confirm the last ack (default 2 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = requirePositive(timeout, "closeTimeout");
            return this;
        }

        /**
         * Give up (close the session) after this many consecutive attempts that did not reach sign-in, before
         * the first successful sign-in (default 0: retry forever). A command-line tool wants a few, so that an
         * unreachable server is reported at once; an app wants forever.
         */
        public Builder maxConnectFailures(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxConnectFailures must not be negative");
            }
            this.maxConnectFailures = attempts;
            return this;
        }

        /**
         * Give up after this many consecutive attempts that did not reach sign-in, once the session has been
         * signed in at least once (default 0: retry forever, e.g. across a server restart).
         */
        public Builder maxReconnectFailures(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxReconnectFailures must not be negative");
            }
            this.maxReconnectFailures = attempts;
            return this;
        }

        /** How many messages one SyncTrigger asks for (1..500, default 100). */
        public Builder syncLimit(int limit) {
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("syncLimit must be within 1..500");
            }
            this.syncLimit = limit;
            return this;
        }

        /**
         * Whether this session receives its inbox (default true). A send-only session never syncs, ignores
         * pushes and acknowledges nothing, so that another session of the device (or a later one) still gets
         * every message.
         */
        public Builder receiveMessages(boolean receive) {
            this.receiveMessages = receive;
            return this;
        }

        /** Where the session's context runs (default: a virtual thread per busy period). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The timer for heartbeats, retransmissions and reconnects (default: one shared daemon thread). */
        public Builder timer(ScheduledExecutorService timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /** The session, not yet started. */
        public JimSession build() {
            if (host == null) {
                throw new IllegalStateException("address(host, port) is required");
            }
            return new JimSession(this);
        }

        private static Duration requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        private static long requireNonNegative(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        }
    }
}
