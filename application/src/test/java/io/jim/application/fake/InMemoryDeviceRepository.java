package io.jim.application.fake;

import io.jim.application.port.out.DeviceRepository;
import io.jim.domain.device.Device;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.TokenHash;
import io.jim.domain.message.AckedSequence;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory {@link DeviceRepository}; ids from 1001 upwards (so that a user id passed as a device
 * id finds nothing); thread-safe; rolled back with the given {@link InMemoryUnitOfWork}, if any. Updates
 * of an unknown device do nothing, like an SQL UPDATE.
 */
public final class InMemoryDeviceRepository implements DeviceRepository, InMemoryUnitOfWork.Participant {

    private final Clock clock;
    private final InMemoryUnitOfWork unitOfWork;
    private final Map<DeviceId, Device> byId = new HashMap<>();
    private long lastId = 1000;

    public InMemoryDeviceRepository() {
        this(new MutableClock());
    }

    public InMemoryDeviceRepository(Clock clock) {
        this(clock, null);
    }

    /** A repository whose writes inside a transaction of {@code unitOfWork} roll back with it (null: never). */
    public InMemoryDeviceRepository(Clock clock, InMemoryUnitOfWork unitOfWork) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unitOfWork = unitOfWork;
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(byId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        byId.clear();
        byId.putAll((Map<DeviceId, Device>) snapshot);
    }

    private void beforeWrite() {
        if (unitOfWork != null) {
            unitOfWork.beforeWrite(this);
        }
    }

    @Override
    public synchronized Device create(UserId user, DeviceInfo info) {
        beforeWrite();
        Device device = new Device(DeviceId.of(++lastId), user, info, Optional.empty(), SendSequence.NONE,
                AckedSequence.NONE, clock.instant());
        byId.put(device.id(), device);
        return device;
    }

    @Override
    public synchronized Optional<Device> findById(DeviceId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized void replaceToken(DeviceId id, DeviceInfo info, TokenHash tokenHash) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(tokenHash, "tokenHash");
        beforeWrite();
        byId.computeIfPresent(id, (k, d) -> new Device(d.id(), d.userId(), info, Optional.of(tokenHash),
                d.lastSendSequence(), d.acked(), d.createdAt()));
    }

    @Override
    public synchronized void revokeToken(DeviceId id) {
        beforeWrite();
        byId.computeIfPresent(id, (k, d) -> new Device(d.id(), d.userId(), d.info(), Optional.empty(),
                d.lastSendSequence(), d.acked(), d.createdAt()));
    }

    @Override
    public synchronized void ack(DeviceId id, InboxSequence sequence) {
        beforeWrite();
        byId.computeIfPresent(id, (k, d) -> sequence.isAfter(d.acked().value())
                ? new Device(d.id(), d.userId(), d.info(), d.tokenHash(), d.lastSendSequence(),
                        new AckedSequence(sequence), d.createdAt())
                : d);
    }

    @Override
    public synchronized AckedSequence maxAckedOfUser(UserId user) {
        AckedSequence max = AckedSequence.NONE;
        for (Device d : byId.values()) {
            if (d.belongsTo(user) && d.acked().value().isAfter(max.value())) {
                max = d.acked();
            }
        }
        return max;
    }

    /**
     * Raises the device's highest accepted send_sequence (never lowers it). Not a port method: the
     * in-memory {@link InMemoryMessageStore} keeps it in step, as the database's store does.
     */
    public synchronized void raiseSendSequence(DeviceId id, SendSequence sequence) {
        beforeWrite();
        byId.computeIfPresent(id, (k, d) -> sequence.isAfter(d.lastSendSequence())
                ? new Device(d.id(), d.userId(), d.info(), d.tokenHash(), sequence, d.acked(), d.createdAt())
                : d);
    }

    /** The device's highest accepted send_sequence (NONE for an unknown device). */
    public synchronized SendSequence lastSendSequence(DeviceId id) {
        Device d = byId.get(id);
        return d == null ? SendSequence.NONE : d.lastSendSequence();
    }

    /** The devices of {@code user}, in creation order. */
    public synchronized List<Device> devicesOf(UserId user) {
        return byId.values().stream().filter(d -> d.belongsTo(user)).sorted(java.util.Comparator.comparing(Device::id)).toList();
    }
}
