package io.jim.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The architecture rules of ARCHITECTURE.md §1, shared by the test and its can-fail check. */
final class ArchitectureRules {

    static final String[] FRAMEWORKS = {
        "io.netty..", "io.javalin..", "org.eclipse.jetty..", "org.jooq..", "org.flywaydb..", "com.zaxxer..",
        "com.google.inject..", "jakarta.inject..", "javax.inject..", "com.fasterxml.jackson..", "java.sql..",
        "javax.sql..", "com.google.protobuf..", "io.micrometer..", "ch.qos.logback..", "com.mysql..", "org.h2.."
    };

    /** The domain is plain Java: JDK and itself only. */
    static final ArchRule DOMAIN_IS_PLAIN_JAVA = classes().that().resideInAPackage("io.jim.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.jim.domain..", "java..")
            .because("the domain models the rules and imports no framework (ARCHITECTURE.md §1)");

    /** The application sees the domain, the JDK and the SLF4J API only. */
    static final ArchRule APPLICATION_IS_FRAMEWORK_FREE = classes().that().resideInAPackage("io.jim.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.jim.application..", "io.jim.domain..", "java..", "javax.crypto..", "org.slf4j..")
            .because("use cases and ports import no framework (ARCHITECTURE.md §1)");

    private ArchitectureRules() {
    }
}
