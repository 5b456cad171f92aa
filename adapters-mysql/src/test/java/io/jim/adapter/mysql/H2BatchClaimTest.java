package io.jim.adapter.mysql;

/** {@link BatchClaimTests} on embedded H2 (MySQL mode), a fresh in-memory database per test. */
class H2BatchClaimTest extends BatchClaimTests {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected String lockWaitsQuery() {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    }
}
