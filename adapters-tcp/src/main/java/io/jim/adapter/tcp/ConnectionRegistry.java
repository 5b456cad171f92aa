package io.jim.adapter.tcp;

import io.jim.application.port.in.account.Principal;
import io.jim.application.port.out.DeliveryGateway;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.user.UserId;
import io.jim.proto.FrameType;
import io.jim.proto.ResultCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in connections of this server, by device and by user, and the {@link DeliveryGateway} that
 * pushes committed inbox copies to them. One device has at most one connection: the newest sign-in wins
 * and the older connection is kicked. Never blocks: a push is a non-blocking hand-off to Netty.
 */
public final class ConnectionRegistry implements DeliveryGateway {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

    private static final int MARK_STRIPES = 4096;

    private final AtomicLongArray deliveryMarks = new AtomicLongArray(MARK_STRIPES);
    private final Map<DeviceId, Connection> byDevice = new ConcurrentHashMap<>();
    private final Map<UserId, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Counter pushes;
    private final Counter pushesSkipped;
    private final Counter pushesDropped;

    public ConnectionRegistry(MeterRegistry meters) {
        Objects.requireNonNull(meters, "meters");
        pushes = Counter.builder("jim.tcp.pushes").description("real-time pushes handed to a connection").register(meters);
        pushesSkipped = Counter.builder("jim.tcp.pushes.skipped")
                .description("pushes skipped because a newer copy was already pushed to the device (the client syncs)").register(meters);
        pushesDropped = Counter.builder("jim.tcp.pushes.dropped")
                .description("pushes dropped because the connection was closing or over its outbound cap").register(meters);
        Gauge.builder("jim.tcp.devices.online", byDevice, Map::size).description("signed-in devices").strongReference(true).register(meters);
        Gauge.builder("jim.tcp.users.online", byUser, Map::size).description("users with a signed-in device").strongReference(true).register(meters);
    }

    @Override
    public void deliver(List<InboxEntry> entries, DeviceId exceptDevice) {
        Objects.requireNonNull(exceptDevice, "exceptDevice");
        for (InboxEntry entry : entries) {
            try {
                deliver(entry, exceptDevice);
            } catch (RuntimeException e) {
                // The caller has committed already; a failed push is repaired by sync, so never fail the caller.
                log.error("push of message_id={} to user_id={} failed", entry.message().id(), entry.owner(), e);
            }
        }
    }

    private void deliver(InboxEntry entry, DeviceId exceptDevice) {
        // Marked before the lookup, so that a sign-in registering concurrently either is found here or
        // sees the mark change and catches up (FrameDispatcher.catchUp).
        deliveryMarks.incrementAndGet(stripe(entry.owner().value()));
        Set<Connection> connections = byUser.get(entry.owner());
        if (connections == null) {
            return;
        }
        Packet packet = null;
        for (Connection connection : connections) {
            Principal who = connection.principal();
            if (who == null || who.deviceId().equals(exceptDevice)) {
                continue;
            }
            if (packet == null) {
                packet = new Packet(FrameType.MESSAGE, MessageItems.push(entry)); // built once per copy, shared by its owner's devices
            }
            Connection.PushResult result = connection.push(entry.sequence().value(), packet);
            switch (result) {
                case SENT -> pushes.increment();
                case SKIPPED_OUT_OF_ORDER -> pushesSkipped.increment();
                case DROPPED -> pushesDropped.increment();
            }
            log.debug("push message_id={} sync_sequence={} to user_id={} device_id={}: {}",
                    entry.message().id(), entry.sequence(), who.userId(), who.deviceId(), result);
        }
    }

    /**
     * A counter per stripe of users that changes whenever a copy is delivered to a user of the stripe.
     * Striped rather than per user so that memory stays fixed; a shared stripe only costs an extra read.
     */
    long deliveryMark(long userId) {
        return deliveryMarks.get(stripe(userId));
    }

    private static int stripe(long userId) {
        return (int) (Long.hashCode(userId * 0x9E3779B97F4A7C15L) & (MARK_STRIPES - 1));
    }

    @Override
    public void kick(DeviceId device, KickReason reason) {
        Connection connection = byDevice.get(Objects.requireNonNull(device, "device"));
        if (connection != null) {
            unregister(connection); // stop pushes at once rather than when the close completes
            connection.kick(WireCodes.of(reason), message(reason));
        }
    }

    /** Signed-in devices on this server. */
    public int onlineDevices() {
        return byDevice.size();
    }

    /** Users with at least one signed-in device on this server. */
    public int onlineUsers() {
        return byUser.size();
    }

    /** Whether the device has a signed-in connection on this server. */
    public boolean isOnline(DeviceId device) {
        return byDevice.containsKey(device);
    }

    /**
     * Whether {@code who} may sign in here without the user passing {@code max} signed-in connections; the
     * device's own older connection does not count, since the new one replaces it. Not atomic with
     * {@link #register}: sign-ins of one user racing each other may pass the limit by the number racing.
     */
    boolean hasRoomFor(Principal who, int max) {
        Set<Connection> connections = byUser.get(who.userId());
        if (connections == null) {
            return true;
        }
        int others = 0;
        for (Connection connection : connections) {
            Principal p = connection.principal();
            if (p != null && !p.deviceId().equals(who.deviceId())) {
                others++;
            }
        }
        return others < max;
    }

    /** The device's signed-in connection, or null. */
    Connection connectionOf(DeviceId device) {
        return byDevice.get(device);
    }

    /** Makes a signed-in connection its device's one connection, kicking an older one with Kick{20}. */
    void register(Connection connection) {
        Principal who = Objects.requireNonNull(connection.principal(), "connection is not signed in");
        Connection previous = byDevice.put(who.deviceId(), connection);
        // compute() keeps add and remove-if-empty atomic per user, so a set is never dropped while being added to.
        byUser.compute(who.userId(), (user, set) -> {
            Set<Connection> result = set == null ? ConcurrentHashMap.newKeySet() : set;
            result.add(connection);
            return result;
        });
        if (previous != null && previous != connection) {
            removeFromUser(previous);
            previous.kick(ResultCode.SIGNED_IN_ELSEWHERE, message(KickReason.SIGNED_IN_ELSEWHERE));
        }
        // The channel may have closed before we registered it; its close handler then found nothing to remove.
        if (!connection.isOpen()) {
            unregister(connection);
        }
    }

    /** Forgets a connection; a newer connection of the same device stays registered. */
    void unregister(Connection connection) {
        Principal who = connection.principal();
        if (who == null) {
            return;
        }
        byDevice.remove(who.deviceId(), connection);
        removeFromUser(connection);
    }

    private void removeFromUser(Connection connection) {
        byUser.computeIfPresent(connection.principal().userId(), (user, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    private static String message(KickReason reason) {
        return switch (reason) {
            case SIGNED_IN_ELSEWHERE -> "the device signed in on a newer connection";
            case SIGNED_OUT -> "signed out";
            case PROTOCOL_ERROR -> "protocol error";
            case SERVER_SHUTDOWN -> "the server is shutting down";
        };
    }
}
