package io.jim.adapter.mysql;

import java.util.Locale;
import java.util.Objects;
import org.jooq.SQLDialect;

/**
 * The database family jim talks to; picks the jOOQ dialect. jOOQ's own detection cannot be trusted:
 * through Connector/J it calls MariaDB "MySQL", and the MYSQL dialect renders upserts that MariaDB and
 * H2 reject, so the family is read from the server's own product name and version.
 */
public enum StorageDialect {
    H2(SQLDialect.H2),
    MARIADB(SQLDialect.MARIADB),
    MYSQL(SQLDialect.MYSQL);

    private final SQLDialect jooq;

    StorageDialect(SQLDialect jooq) {
        this.jooq = jooq;
    }

    SQLDialect jooq() {
        return jooq;
    }

    /**
     * The family for a server that reports {@code productName} and {@code productVersion} in its JDBC
     * metadata: H2 by name, MariaDB by the "MariaDB" its version string carries (MariaDB calls itself
     * "MySQL" in the product name for compatibility), MySQL otherwise.
     */
    public static StorageDialect detect(String productName, String productVersion) {
        String name = Objects.requireNonNullElse(productName, "").toLowerCase(Locale.ROOT);
        String version = Objects.requireNonNullElse(productVersion, "").toLowerCase(Locale.ROOT);
        if (name.startsWith("h2")) {
            return H2;
        }
        if (name.contains("mariadb") || version.contains("mariadb")) {
            return MARIADB;
        }
        return MYSQL;
    }

    /** Parses a configured override: h2, mariadb or mysql, in any case. */
    public static StorageDialect parse(String value) {
        Objects.requireNonNull(value, "value");
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown database dialect '" + value + "' (expected h2, mariadb or mysql)", e);
        }
    }
}
