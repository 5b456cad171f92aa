package io.jim.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.jim.domain.archfixture.BadDomainClass;
import io.jim.domain.message.FanOut;
import org.junit.jupiter.api.Test;

/** Proves the domain rule is not vacuous: a domain class that imports Netty is reported. */
class ArchitectureRulesCanFailTest {

    @Test
    void domainRuleShouldReportADomainClassThatImportsAFramework() {
        JavaClasses bad = new ClassFileImporter().importClasses(BadDomainClass.class);
        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_IS_PLAIN_JAVA.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.netty.buffer.ByteBuf");
    }

    @Test
    void domainRuleShouldAcceptAPlainDomainClass() {
        JavaClasses good = new ClassFileImporter().importClasses(FanOut.class);
        assertThat(good).isNotEmpty();
        ArchitectureRules.DOMAIN_IS_PLAIN_JAVA.check(good);
    }
}
