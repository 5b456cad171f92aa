package io.jim.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.TokenIssuer.Issued;
import io.jim.domain.device.DeviceId;
import io.jim.domain.device.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureTokenIssuerTest {

    private final SecureTokenIssuer issuer = new SecureTokenIssuer();

    @Test
    void aTokenShouldNameItsDeviceAndCarry256RandomBitsInUrlSafeBase64() {
        Issued issued = issuer.issue(DeviceId.of(1234));

        assertThat(issued.token()).matches("1234\\.[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(issued.token().substring(5))).hasSize(32);
        assertThat(issuer.deviceOf(issued.token())).contains(DeviceId.of(1234));
    }

    @Test
    void onlyTheSha256OfTheWholeTokenShouldBeStored() throws Exception {
        Issued issued = issuer.issue(DeviceId.of(7));

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(issued.token().getBytes(StandardCharsets.UTF_8));
        assertThat(issued.hash().encoded()).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(issued.hash().encoded()).doesNotContain(issued.token().substring(2));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void aTokenShouldMatchItsOwnHashOnly() {
        Issued one = issuer.issue(DeviceId.of(7));
        Issued two = issuer.issue(DeviceId.of(7));

        assertThat(issuer.matches(one.token(), one.hash())).isTrue();
        assertThat(issuer.matches(two.token(), one.hash())).isFalse();
        assertThat(issuer.matches(one.token(), new TokenHash("not hex"))).isFalse();
        assertThat(issuer.matches(null, one.hash())).isFalse();
    }

    @Test
    void tokensShouldNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(issuer.issue(DeviceId.of(1)).token())).isTrue();
        }
    }

    @Test
    void malformedTokensShouldNameNoDevice() {
        String secret = "A".repeat(43);
        for (String bad : new String[] {"", "abc", "." + secret, "12" + secret, "x1." + secret, "-1." + secret, "1." + secret + "A",
            "1." + "A".repeat(42), "1." + "A".repeat(42) + "=", "1." + "A".repeat(42) + "+", "12345678901234567890." + secret,
            "99999999999999999999." + secret}) {
            assertThat(issuer.deviceOf(bad)).as(bad).isEmpty();
        }
        assertThat(issuer.deviceOf(null)).isEmpty();
        assertThat(issuer.deviceOf("0." + secret)).contains(DeviceId.of(0));
        assertThat(issuer.deviceOf(Long.MAX_VALUE + "." + secret)).contains(DeviceId.of(Long.MAX_VALUE));
    }
}
