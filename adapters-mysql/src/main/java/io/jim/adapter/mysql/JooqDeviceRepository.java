package io.jim.adapter.mysql;

import static io.jim.adapter.mysql.generated.Tables.DEVICES;

import io.jim.application.port.out.DeviceRepository;
import io.jim.domain.device.Device;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.DeviceType;
import io.jim.domain.device.TokenHash;
import io.jim.domain.message.AckedSequence;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link DeviceRepository} on the {@code devices} table. */
final class JooqDeviceRepository implements DeviceRepository {

    private final JooqUnitOfWork uow;
    private final Clock clock;
    /** Acks made outside a unit of work share commits through it (null: each ack commits by itself). */
    private final AckBatcher acks;

    JooqDeviceRepository(JooqUnitOfWork uow, Clock clock) {
        this(uow, clock, null);
    }

    JooqDeviceRepository(JooqUnitOfWork uow, Clock clock, AckBatcher acks) {
        this.uow = Objects.requireNonNull(uow, "uow");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.acks = acks;
    }

    @Override
    public Device create(UserId user, DeviceInfo info) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(info, "info");
        Instant now = Rows.stored(clock.instant());
        long id = uow.withDsl(ctx -> Rows.insertReturningId(ctx, ctx.insertInto(DEVICES)
                .set(DEVICES.USER_ID, user.value())
                .set(DEVICES.DEVICE_TYPE, info.type().code())
                .set(DEVICES.BRAND, info.brand())
                .set(DEVICES.MODEL, info.model())
                .set(DEVICES.SYSTEM_VERSION, info.systemVersion())
                .set(DEVICES.APP_VERSION, info.appVersion())
                .set(DEVICES.LAST_SEND_SEQUENCE, 0L)
                .set(DEVICES.ACKED_SEQUENCE, 0L)
                .set(DEVICES.CREATED_AT, Rows.millis(now))));
        return new Device(DeviceId.of(id), user, info, Optional.empty(), SendSequence.NONE, AckedSequence.NONE, now);
    }

    @Override
    public Optional<Device> findById(DeviceId id) {
        Objects.requireNonNull(id, "id");
        return uow.withDsl(ctx -> ctx.selectFrom(DEVICES).where(DEVICES.ID.eq(id.value())).fetchOptional()
                .map(JooqDeviceRepository::toDevice));
    }

    @Override
    public void replaceToken(DeviceId id, DeviceInfo info, TokenHash tokenHash) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(tokenHash, "tokenHash");
        uow.withDsl(ctx -> ctx.update(DEVICES)
                .set(DEVICES.DEVICE_TYPE, info.type().code())
                .set(DEVICES.BRAND, info.brand())
                .set(DEVICES.MODEL, info.model())
                .set(DEVICES.SYSTEM_VERSION, info.systemVersion())
                .set(DEVICES.APP_VERSION, info.appVersion())
                .set(DEVICES.TOKEN_HASH, tokenHash.encoded())
                .where(DEVICES.ID.eq(id.value()))
                .execute());
    }

    @Override
    public void revokeToken(DeviceId id) {
        Objects.requireNonNull(id, "id");
        uow.withDsl(ctx -> ctx.update(DEVICES).setNull(DEVICES.TOKEN_HASH).where(DEVICES.ID.eq(id.value())).execute());
    }

    @Override
    public void ack(DeviceId id, InboxSequence sequence) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sequence, "sequence");
        if (acks != null && !uow.active()) {
            acks.ack(id.value(), sequence.value());
            return;
        }
        // GREATEST in the statement itself: concurrent acks can never move the position backwards.
        uow.withDsl(ctx -> ctx.update(DEVICES)
                .set(DEVICES.ACKED_SEQUENCE, DSL.greatest(DEVICES.ACKED_SEQUENCE, DSL.val(sequence.value())))
                .where(DEVICES.ID.eq(id.value()))
                .execute());
    }

    @Override
    public AckedSequence maxAckedOfUser(UserId user) {
        Objects.requireNonNull(user, "user");
        Long max = uow.withDsl(ctx -> ctx.select(DSL.max(DEVICES.ACKED_SEQUENCE)).from(DEVICES)
                .where(DEVICES.USER_ID.eq(user.value())).fetchOne(0, Long.class));
        return max == null || max == 0 ? AckedSequence.NONE : new AckedSequence(InboxSequence.of(max));
    }

    private static Device toDevice(Record r) {
        return new Device(
                DeviceId.of(r.get(DEVICES.ID)),
                UserId.of(r.get(DEVICES.USER_ID)),
                new DeviceInfo(DeviceType.fromCode(r.get(DEVICES.DEVICE_TYPE)), r.get(DEVICES.BRAND), r.get(DEVICES.MODEL),
                        r.get(DEVICES.SYSTEM_VERSION), r.get(DEVICES.APP_VERSION)),
                Optional.ofNullable(r.get(DEVICES.TOKEN_HASH)).map(TokenHash::new),
                SendSequence.of(r.get(DEVICES.LAST_SEND_SEQUENCE)),
                new AckedSequence(InboxSequence.of(r.get(DEVICES.ACKED_SEQUENCE))),
                Rows.instant(r.get(DEVICES.CREATED_AT)));
    }
}
