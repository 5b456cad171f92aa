package io.jim.bootstrap.e2e.http;

import static io.jim.bootstrap.e2e.http.Api.json;
import static io.jim.bootstrap.e2e.http.Expect.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.jim.bootstrap.e2e.http.Api.Session;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP-API.md: passwords are stored only as a slow salted hash, tokens only hashed. Proven by reading
 * every column of every row of every table of the server's database over JDBC after registrations,
 * logins, a re-login and a password change.
 */
class StoredSecretsE2ETest {

    /** A stored cell: where it is and what it holds. */
    private record Cell(String table, String column, String value) {
        @Override
        public String toString() {
            return table + "." + column + "=" + value;
        }
    }

    @OnEachDatabase
    void databaseShouldHoldNeitherPasswordsNorTokensInAnyReadableForm(RunningServer s) throws SQLException {
        Api api = s.api();
        String password = "Pw-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String newPassword = "Np-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String account = Api.account("secret");
        status(api.register(account, password, "Secret"), 201);
        Session first = api.signIn(account, password, null);
        Session second = api.signIn(account, password, null);
        Session replaced = api.signIn(account, password, first.deviceId());
        status(api.patch("/api/users/me", second.token(), json("password", newPassword, "old_password", password)), 200);
        Session afterChange = api.signIn(account, newPassword, null);

        Map<String, String> forbidden = new LinkedHashMap<>();
        for (String p : List.of(password, newPassword)) {
            forbidden.put("password " + p, p);
            addForms(forbidden, "password " + p, p.getBytes(StandardCharsets.UTF_8));
        }
        for (Session session : List.of(first, second, replaced, afterChange)) {
            String token = session.token();
            forbidden.put("token " + token, token);
            addForms(forbidden, "token " + token, token.getBytes(StandardCharsets.UTF_8));
            int dot = token.indexOf('.');
            String secret = dot >= 0 ? token.substring(dot + 1) : token;
            forbidden.put("token secret " + secret, secret);
            try {
                addForms(forbidden, "token secret bytes of " + token, Base64.getUrlDecoder().decode(secret));
            } catch (IllegalArgumentException notBase64Url) {
                // a token of another shape: its raw and encoded text forms are still checked
            }
        }

        List<Cell> cells = readEveryCell(s.dbUrl());

        // the scan really read the data: the user's row and the credential columns are there
        assertThat(cells).anyMatch(c -> c.value().equals(account));
        List<String> columns = cells.stream().map(c -> c.table() + "." + c.column()).distinct().toList();
        assertThat(columns).as("columns read").anyMatch(c -> c.contains("password"));
        assertThat(columns).as("columns read").anyMatch(c -> c.contains("token"));

        for (Cell cell : cells) {
            String value = cell.value().toLowerCase(Locale.ROOT);
            forbidden.forEach((what, text) -> assertThat(value)
                    .as("%s must not hold the %s", cell.table() + "." + cell.column(), what)
                    .doesNotContain(text.toLowerCase(Locale.ROOT)));
        }
    }

    @OnEachDatabase
    void theSamePasswordShouldBeStoredAsDifferentSaltedHashes(RunningServer s) throws SQLException {
        Api api = s.api();
        String password = "same-password-for-both";
        String a = Api.account("salt");
        String b = Api.account("salt");
        long idA = status(api.register(a, password, "A"), 201).path("user_id").asLong();
        long idB = status(api.register(b, password, "B"), 201).path("user_id").asLong();

        String hashA = passwordColumnOf(s.dbUrl(), idA);
        String hashB = passwordColumnOf(s.dbUrl(), idB);
        assertThat(hashA).isNotBlank().doesNotContain(password);
        assertThat(hashA).isNotEqualTo(hashB);
        // a known slow password hash scheme (PBKDF2, bcrypt or Argon2id)
        assertThat(hashA).matches("(?i)(pbkdf2.*|\\$2[aby]\\$.*|\\$argon2id\\$.*)");
    }

    /** The text, base64 (both alphabets, with and without padding) and hex forms of {@code bytes}. */
    private static void addForms(Map<String, String> into, String what, byte[] bytes) {
        into.put(what + " as base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
        into.put(what + " as base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        into.put(what + " as hex", HexFormat.of().formatHex(bytes));
    }

    private static String passwordColumnOf(String url, long userId) throws SQLException {
        List<Cell> row = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM users WHERE id = " + userId)) {
            assertThat(rs.next()).as("user " + userId + " is stored").isTrue();
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                if (name.contains("password")) {
                    row.add(new Cell("users", name, rs.getString(i)));
                }
            }
        }
        assertThat(row).as("the users table has one password column").hasSize(1);
        return row.get(0).value();
    }

    /** Every non-null cell of every table in the server's schema, as text. */
    private static List<Cell> readEveryCell(String url) throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData meta = c.getMetaData();
            String quote = meta.getIdentifierQuoteString().trim();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("tables of " + c.getCatalog()).isNotEmpty();
            for (String table : tables) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String value = rs.getString(i);
                            if (value != null) {
                                cells.add(new Cell(table, md.getColumnLabel(i), value));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }
}
