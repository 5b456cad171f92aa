package io.jim.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Imports production classes only: no test-classes directories and no test-jars (the application
 * test-jar with the in-memory fakes is on this module's test classpath).
 */
public final class ProductionClassesOnly implements ImportOption {

    private static final ImportOption NO_TEST_DIRECTORIES = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return NO_TEST_DIRECTORIES.includes(location) && !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
}
