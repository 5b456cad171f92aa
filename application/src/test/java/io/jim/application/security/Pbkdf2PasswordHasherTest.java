package io.jim.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jim.domain.user.Password;
import io.jim.domain.user.PasswordHash;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Pbkdf2PasswordHasherTest {

    /** A low cost keeps the test fast; the format and the checks are the same as at 600,000. */
    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);
    private final Password password = new Password("correct horse battery");

    @Test
    void theDefaultCostShouldBeTheOwaspRecommendation() {
        assertThat(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }

    @Test
    void aHashShouldNameAlgorithmCostSaltAndResultAndNeverContainThePassword() {
        PasswordHash hash = hasher.hash(password);

        String[] parts = hash.encoded().split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("1000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(hash.encoded()).doesNotContain(password.value());
        assertThat(hash.toString()).doesNotContain(hash.encoded());
    }

    @Test
    void theRightPasswordShouldVerifyAndAWrongOneShouldNot() {
        PasswordHash hash = hasher.hash(password);

        assertThat(hasher.verify(password, hash)).isTrue();
        assertThat(hasher.verify(new Password("correct horse battery!"), hash)).isFalse();
    }

    @Test
    void theSamePasswordShouldGetADifferentSaltEachTime() {
        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }

    @Test
    void aHashMadeAtAnotherCostShouldStillVerify() {
        PasswordHash cheap = new Pbkdf2PasswordHasher(10).hash(password);

        assertThat(hasher.verify(password, cheap)).isTrue();
    }

    @Test
    void theDecoyShouldBeAValidHashThatNoOrdinaryPasswordMatches() {
        assertThat(hasher.decoy().encoded()).startsWith("pbkdf2-sha256$1000$");
        assertThat(hasher.decoy()).isSameAs(hasher.decoy());
        assertThat(hasher.verify(password, hasher.decoy())).isFalse();
    }

    @Test
    void malformedHashesShouldNotVerify() {
        for (String bad : new String[] {"", "plain", "bcrypt$1$a$b", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$0$AAAA$AAAA",
            "pbkdf2-sha256$1000$!!$AAAA", "pbkdf2-sha256$1000$$", "pbkdf2-sha256$999999999$AAAA$AAAA"}) {
            assertThat(hasher.verify(password, new PasswordHash(bad))).as(bad).isFalse();
        }
    }

    @Test
    void aNonsensicalCostShouldBeRefused() {
        assertThatThrownBy(() -> new Pbkdf2PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonAsciiPasswordsShouldWork() {
        Password unicode = new Password("pässwörd-密码-🔑");

        assertThat(hasher.verify(unicode, hasher.hash(unicode))).isTrue();
        assertThat(hasher.verify(new Password("passwort-密码-🔑"), hasher.hash(unicode))).isFalse();
    }
}
