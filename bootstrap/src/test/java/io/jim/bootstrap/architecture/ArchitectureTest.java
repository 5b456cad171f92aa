package io.jim.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** ARCHITECTURE.md §1 as executable rules over every production class of jim. */
@AnalyzeClasses(packages = "io.jim", importOptions = ProductionClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainImportsNoFramework = ArchitectureRules.DOMAIN_IS_PLAIN_JAVA;

    @ArchTest
    static final ArchRule applicationImportsNoFramework = ArchitectureRules.APPLICATION_IS_FRAMEWORK_FREE;

    @ArchTest
    static final ArchRule nettyStaysInTheTcpAdapter = noClasses()
            .that().resideOutsideOfPackages("io.jim.adapter.tcp..", "io.jim.client..", "io.jim.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("Netty is the TCP adapter's technology");

    @ArchTest
    static final ArchRule javalinStaysInTheHttpAdapter = noClasses()
            .that().resideOutsideOfPackages("io.jim.adapter.http..", "io.jim.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .because("Javalin is the HTTP adapter's technology");

    @ArchTest
    static final ArchRule sqlStaysInTheMysqlAdapter = noClasses()
            .that().resideOutsideOfPackages("io.jim.adapter.mysql..", "io.jim.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.flywaydb..", "com.zaxxer..", "java.sql..", "javax.sql..")
            .because("jOOQ, Flyway, HikariCP and JDBC are the MySQL adapter's technology");

    @ArchTest
    static final ArchRule guiceOnlyInBootstrap = noClasses()
            .that().resideOutsideOfPackage("io.jim.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
            .because("adapters carry no DI annotations; wiring lives in bootstrap");

    @ArchTest
    static final ArchRule guiceModulesAreNamedModule = classes()
            .that().areAssignableTo(com.google.inject.Module.class).and().resideInAPackage("io.jim..")
            .should().haveSimpleNameEndingWith("Module");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices().matching("io.jim.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("adapters cooperate through application ports only");

    @ArchTest
    static final ArchRule useCasesAreInterfaces = classes()
            .that().resideInAPackage("io.jim.application.port.in..").and().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces();

    @ArchTest
    static final ArchRule useCasesAreImplementedByServices = classes()
            .that().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a use case",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("io.jim.application.port.in")
                            && c.getSimpleName().endsWith("UseCase")))
            .and().resideInAPackage("io.jim..")
            .should().haveSimpleNameEndingWith("Service").andShould().bePublic()
            .andShould().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
            .andShould().resideInAPackage("io.jim.application.service..");

    @ArchTest
    static final ArchRule commandsAndQueriesAreRecords = classes()
            .that().resideInAPackage("io.jim.application.port.in..")
            .and().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Query")
            .should().beRecords();

    @ArchTest
    static final ArchRule servicesHaveNoCycles = slices().matching("io.jim.application.service.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule useCaseFeaturesHaveNoCycles = slices().matching("io.jim.application.port.in.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule noStandardStreamsOutsideTheCommandLine = noClasses()
            .that().resideOutsideOfPackages("io.jim.client.cli..", "io.jim.client.bench..", "io.jim.client.chaos..")
            .and().doNotHaveFullyQualifiedName("io.jim.bootstrap.Main")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("servers log through SLF4J; only the command-line client (jim-cli with its bench and chaos commands) and Main's fatal start-up line print");
}
