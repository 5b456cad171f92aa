package io.jim.bootstrap.e2e.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Configuration ({@code "JIM_KEY=value"}) that a test class's servers start with, over TestServer's defaults. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ServerSettings {
    String[] value();
}
