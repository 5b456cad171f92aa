package io.jim.bootstrap.e2e.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A test that runs once on the real server over each database (H2; MariaDB/MySQL when
 * {@code JIM_TEST_MYSQL_URL} is set, else reported skipped). The test takes a {@link RunningServer}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "[{0}]")
@ArgumentsSource(Servers.class)
@interface OnEachDatabase {
}
