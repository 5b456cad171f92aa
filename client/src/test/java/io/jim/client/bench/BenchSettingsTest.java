package io.jim.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void parsesRangesWithShortAndFullEnds() {
        assertThat(BenchSettings.parseAddresses("127.0.0.2-4").stream().map(InetAddress::getHostAddress))
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(BenchSettings.parseAddresses("127.0.0.254-127.0.1.1").stream().map(InetAddress::getHostAddress))
                .containsExactly("127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1");
        assertThat(BenchSettings.parseAddresses("127.0.0.9, 127.0.0.2-127.0.0.3").stream().map(InetAddress::getHostAddress))
                .containsExactly("127.0.0.9", "127.0.0.2", "127.0.0.3");
    }

    @Test
    void refusesBackwardRanges() {
        assertThatThrownBy(() -> BenchSettings.parseAddresses("127.0.0.9-127.0.0.2")).isInstanceOf(IllegalArgumentException.class);
    }
}
