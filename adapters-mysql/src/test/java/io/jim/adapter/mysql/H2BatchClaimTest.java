package io.jim.adapter.mysql;

import org.jooq.DSLContext;

/** {@link BatchClaimTests} on embedded H2 (MySQL mode), a fresh in-memory database per test. */
class H2BatchClaimTest extends BatchClaimTests {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected boolean someSessionWaitsForADeviceRowLock(DSLContext ctx, String database) {
        // The database is this test's own and the devices' rows are the only ones its sessions contend for.
        return ((Number) ctx.fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")).longValue() > 0;
    }
}
