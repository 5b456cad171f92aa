package io.jim.application.contract;

import static io.jim.application.contract.ContractSupport.deviceInfo;
import static io.jim.application.contract.ContractSupport.passwordHash;
import static io.jim.application.contract.ContractSupport.profile;
import static io.jim.application.contract.ContractSupport.uniqueAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.DeviceRepository;
import io.jim.application.port.out.UserRepository;
import io.jim.domain.device.Device;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.DeviceInfo;
import io.jim.domain.device.DeviceType;
import io.jim.domain.device.TokenHash;
import io.jim.domain.message.AckedSequence;
import io.jim.domain.message.InboxSequence;
import io.jim.domain.message.SendSequence;
import io.jim.domain.user.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link DeviceRepository} contract. */
public abstract class DeviceRepositoryContract {

    protected abstract UserRepository users();

    protected abstract DeviceRepository devices();

    private UserId newUser() {
        return users().create(uniqueAccount("dev"), profile("Dev"), passwordHash()).id();
    }

    @Test
    void aNewDeviceShouldHaveNoTokenAndZeroSequences() {
        UserId user = newUser();
        DeviceInfo info = deviceInfo();

        Device device = devices().create(user, info);

        assertThat(device.userId()).isEqualTo(user);
        assertThat(device.info()).isEqualTo(info);
        assertThat(device.tokenHash()).isEmpty();
        assertThat(device.lastSendSequence()).isEqualTo(SendSequence.NONE);
        assertThat(device.acked()).isEqualTo(AckedSequence.NONE);
        assertThat(devices().findById(device.id())).contains(device);
    }

    @Test
    void devicesShouldGetDistinctIds() {
        UserId user = newUser();

        Device a = devices().create(user, deviceInfo());
        Device b = devices().create(user, deviceInfo());

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void anUnknownDeviceShouldNotBeFound() {
        assertThat(devices().findById(DeviceId.of(Long.MAX_VALUE - 11))).isEmpty();
    }

    @Test
    void replaceTokenShouldStoreTheNewInfoAndHashAndRevokeShouldRemoveIt() {
        Device device = devices().create(newUser(), deviceInfo());
        DeviceInfo newInfo = new DeviceInfo(DeviceType.IOS, "Apple", "iPhone 😀", "18.1", "2.0.0");

        devices().replaceToken(device.id(), newInfo, new TokenHash("hash-1"));
        devices().replaceToken(device.id(), newInfo, new TokenHash("hash-2"));

        Device loggedIn = devices().findById(device.id()).orElseThrow();
        assertThat(loggedIn.info()).isEqualTo(newInfo);
        assertThat(loggedIn.tokenHash()).contains(new TokenHash("hash-2"));
        assertThat(loggedIn.createdAt()).isEqualTo(device.createdAt());

        devices().revokeToken(device.id());

        assertThat(devices().findById(device.id()).orElseThrow().tokenHash()).isEmpty();
    }

    @Test
    void ackShouldRaiseButNeverLowerTheAcknowledgedPosition() {
        Device device = devices().create(newUser(), deviceInfo());

        devices().ack(device.id(), InboxSequence.of(5));
        devices().ack(device.id(), InboxSequence.of(3));

        assertThat(devices().findById(device.id()).orElseThrow().acked()).isEqualTo(new AckedSequence(InboxSequence.of(5)));

        devices().ack(device.id(), InboxSequence.of(9));

        assertThat(devices().findById(device.id()).orElseThrow().acked()).isEqualTo(new AckedSequence(InboxSequence.of(9)));
    }

    @Test
    void concurrentAcksShouldEndAtTheHighest() {
        Device device = devices().create(newUser(), deviceInfo());

        ContractSupport.concurrently(20, i -> {
            devices().ack(device.id(), InboxSequence.of(i + 1));
            return null;
        });

        assertThat(devices().findById(device.id()).orElseThrow().acked()).isEqualTo(new AckedSequence(InboxSequence.of(20)));
    }

    @Test
    void concurrentAcksOfManyDevicesShouldEachEndAtTheirOwnHighest() {
        UserId user = newUser();
        List<Device> many = java.util.stream.IntStream.range(0, 8).mapToObj(i -> devices().create(user, deviceInfo())).toList();

        // Acks of different devices may be written together (a batch): each device keeps its own maximum.
        ContractSupport.concurrently(64, i -> {
            devices().ack(many.get(i % 8).id(), InboxSequence.of(100L * (i % 8) + i + 1));
            return null;
        });

        for (int d = 0; d < 8; d++) {
            assertThat(devices().findById(many.get(d).id()).orElseThrow().acked())
                    .as("device %d", d).isEqualTo(new AckedSequence(InboxSequence.of(100L * d + 56 + d + 1)));
        }
    }

    @Test
    void maxAckedOfUserShouldBeTheHighestOverTheUsersDevices() {
        UserId user = newUser();
        UserId other = newUser();
        Device a = devices().create(user, deviceInfo());
        Device b = devices().create(user, deviceInfo());
        Device foreign = devices().create(other, deviceInfo());

        assertThat(devices().maxAckedOfUser(user)).isEqualTo(AckedSequence.NONE);

        devices().ack(a.id(), InboxSequence.of(4));
        devices().ack(b.id(), InboxSequence.of(7));
        devices().ack(foreign.id(), InboxSequence.of(100));

        assertThat(devices().maxAckedOfUser(user)).isEqualTo(new AckedSequence(InboxSequence.of(7)));
        assertThat(List.of(devices().maxAckedOfUser(newUser()))).containsExactly(AckedSequence.NONE);
    }
}
