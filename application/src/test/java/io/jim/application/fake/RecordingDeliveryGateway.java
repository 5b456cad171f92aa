package io.jim.application.fake;

import io.jim.application.port.out.DeliveryGateway;
import io.jim.domain.device.DeviceId;
import io.jim.domain.message.InboxEntry;
import io.jim.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DeliveryGateway} that records every delivery and kick instead of sending anything;
 * thread-safe. Given the {@link InMemoryUnitOfWork}, it refuses (IllegalStateException) to be called
 * inside a transaction, because pushes and kicks must happen after commit.
 */
public final class RecordingDeliveryGateway implements DeliveryGateway {

    /** One call of {@link #deliver}. */
    public record Delivery(List<InboxEntry> entries, DeviceId exceptDevice) {
        public Delivery {
            entries = List.copyOf(entries);
            Objects.requireNonNull(exceptDevice, "exceptDevice");
        }
    }

    /** One call of {@link #kick}. */
    public record Kick(DeviceId device, KickReason reason) {
    }

    private final InMemoryUnitOfWork unitOfWork;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Kick> kicks = new ArrayList<>();

    /** A gateway that does not check for open transactions. */
    public RecordingDeliveryGateway() {
        this(null);
    }

    /** A gateway that fails when called inside a transaction of {@code unitOfWork}. */
    public RecordingDeliveryGateway(InMemoryUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public void deliver(List<InboxEntry> entries, DeviceId exceptDevice) {
        checkOutsideTransaction("deliver");
        Delivery delivery = new Delivery(entries, exceptDevice);
        synchronized (this) {
            deliveries.add(delivery);
        }
    }

    @Override
    public void kick(DeviceId device, KickReason reason) {
        checkOutsideTransaction("kick");
        Kick kick = new Kick(Objects.requireNonNull(device, "device"), Objects.requireNonNull(reason, "reason"));
        synchronized (this) {
            kicks.add(kick);
        }
    }

    private void checkOutsideTransaction(String what) {
        if (unitOfWork != null && unitOfWork.isInTransaction()) {
            throw new IllegalStateException(what + " called inside a transaction: pushes and kicks must follow the commit");
        }
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every entry delivered so far, in call order. */
    public synchronized List<InboxEntry> deliveredEntries() {
        List<InboxEntry> all = new ArrayList<>();
        for (Delivery d : deliveries) {
            all.addAll(d.entries());
        }
        return all;
    }

    /** The entries delivered so far whose owner is {@code owner}, in call order. */
    public synchronized List<InboxEntry> deliveredTo(UserId owner) {
        return deliveredEntries().stream().filter(e -> e.owner().equals(owner)).toList();
    }

    public synchronized List<Kick> kicks() {
        return List.copyOf(kicks);
    }

    public synchronized void clear() {
        deliveries.clear();
        kicks.clear();
    }
}
