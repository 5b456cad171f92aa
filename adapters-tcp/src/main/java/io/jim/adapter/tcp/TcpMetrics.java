package io.jim.adapter.tcp;

import io.jim.proto.FrameType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The TCP adapter's Micrometer meters. Counters for the fixed frame codes are created once so that the
 * per-frame hot path is an array lookup, not a registry lookup.
 */
final class TcpMetrics {

    private static final String[] FRAME_NAMES = {
        "unknown", "sign_in", "sign_in_ack", "sync_trigger", "heartbeat", "heartbeat_ack",
        "message_send", "message_send_ack", "message", "message_ack", "kick"
    };

    private final MeterRegistry registry;
    private final Counter[] framesIn = new Counter[FRAME_NAMES.length];
    private final Counter[] framesOut = new Counter[FRAME_NAMES.length];
    private final Map<Integer, Counter> sendsByCode = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> kicksByCode = new ConcurrentHashMap<>();
    private final Timer sendLatency;
    private final Counter syncBatches;
    private final Counter syncItems;
    private final Counter outboundOverflows;
    private final Counter refusedServerFull;
    private final Counter refusedUserFull;
    private final Counter frameRateKicks;

    TcpMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (int i = 0; i < FRAME_NAMES.length; i++) {
            framesIn[i] = Counter.builder("jim.tcp.frames.in").description("frames received, by frame code")
                    .tag("type", FRAME_NAMES[i]).register(registry);
            framesOut[i] = Counter.builder("jim.tcp.frames.out").description("frames written, by frame code")
                    .tag("type", FRAME_NAMES[i]).register(registry);
        }
        sendLatency = Timer.builder("jim.tcp.send.latency").description("MessageSend received to MessageSendACK ready")
                .register(registry);
        syncBatches = Counter.builder("jim.tcp.sync.batches").description("SyncTrigger answers").register(registry);
        syncItems = Counter.builder("jim.tcp.sync.items").description("messages sent in sync batches").register(registry);
        outboundOverflows = Counter.builder("jim.tcp.outbound.overflows")
                .description("connections closed because their unsent bytes passed the cap").register(registry);
        refusedServerFull = Counter.builder("jim.tcp.connections.refused").tag("reason", "server_limit")
                .description("connections refused by a connection limit").register(registry);
        refusedUserFull = Counter.builder("jim.tcp.connections.refused").tag("reason", "user_limit")
                .description("connections refused by a connection limit").register(registry);
        frameRateKicks = Counter.builder("jim.tcp.frame_rate.kicks")
                .description("connections kicked for sending more frames per second than allowed").register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    void frameIn(int type) {
        framesIn[index(type)].increment();
    }

    void frameOut(int type) {
        framesOut[index(type)].increment();
    }

    void send(int resultCode, long nanos) {
        sendsByCode.computeIfAbsent(resultCode, code -> Counter.builder("jim.tcp.sends")
                .description("MessageSend answers, by result code").tag("code", Integer.toString(code)).register(registry))
                .increment();
        sendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void kick(int code) {
        kicksByCode.computeIfAbsent(code, c -> Counter.builder("jim.tcp.kicks")
                .description("Kick frames sent, by code").tag("code", Integer.toString(c)).register(registry))
                .increment();
    }

    void syncBatch(int items) {
        syncBatches.increment();
        syncItems.increment(items);
    }

    void outboundOverflow() {
        outboundOverflows.increment();
    }

    /** A connection closed at once because the server holds its maximum of connections. */
    void refusedServerFull() {
        refusedServerFull.increment();
    }

    /** A sign-in refused with SignInACK{9} because the user holds its maximum of connections. */
    void refusedUserFull() {
        refusedUserFull.increment();
    }

    void frameRateKick() {
        frameRateKicks.increment();
    }

    private static int index(int type) {
        return type > 0 && type <= FrameType.KICK ? type : 0;
    }
}
