package io.jim.adapter.mysql;

/** The {@link AuthorizationCacheContract} on embedded H2 (MySQL mode), a fresh in-memory database for the class. */
class H2AuthorizationCacheTest extends AuthorizationCacheContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
