package io.jim.adapter.mysql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jooq.CaseValueStep;
import org.jooq.CaseWhenStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * The SQL of one statement shape, rendered by jOOQ once per size and reused.
 *
 * <p>The send path's statements are multi-row: an INSERT of N inbox rows, an UPDATE of N counters or
 * device positions with an IN list and a CASE. jOOQ renders such a statement by visiting every bind value
 * as a query part, and the profile showed that rendering cost more CPU than executing the statement. The
 * shape of these statements depends only on their size, so the SQL (with {@code ?} placeholders, rendered
 * by the same dialect and settings as every other statement) is rendered once per size, from the same
 * type-safe jOOQ query that would otherwise be rendered each time, and then executed as a JDBC prepared
 * statement on the transaction's connection ({@link DSLContext#connectionResult}) with the values bound in
 * placeholder order: even jOOQ's plain-SQL path re-parsed the template and wrapped every value on each
 * call. Values are {@code Long}, {@code Integer} or {@code String}; a null is bound as a BIGINT NULL (the
 * only nullable value on these statements is a send_sequence). A failure surfaces as jOOQ's
 * DataAccessException with the driver's SQLException as its cause, which {@link SqlFailures} classifies
 * like any other.
 *
 * <p>At most {@value #MAX_SIZES} sizes are kept; a size past that is rendered each time (never expected:
 * the callers cut their statements at 500 or 1000 rows).
 */
final class RenderedSql {

    static final int MAX_SIZES = 2048;

    private final ConcurrentHashMap<Integer, String> bySize = new ConcurrentHashMap<>();
    private final BiFunction<DSLContext, Integer, Query> shape;

    /** {@code shape} builds the statement for a size with any values: only its SQL is kept. */
    RenderedSql(BiFunction<DSLContext, Integer, Query> shape) {
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    /** The SQL for {@code size}, with a {@code ?} for each value. */
    String sql(DSLContext ctx, int size) {
        String sql = bySize.get(size);
        if (sql != null) {
            return sql;
        }
        sql = ctx.render(shape.apply(ctx, size));
        if (bySize.size() < MAX_SIZES) {
            bySize.putIfAbsent(size, sql);
        }
        return sql;
    }

    /** Executes the statement for {@code size} with {@code values} bound in placeholder order; the update count. */
    int execute(DSLContext ctx, int size, Object... values) {
        String sql = sql(ctx, size);
        return ctx.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs the query for {@code size} and hands each row's first two columns, as longs, to {@code row}. */
    void forEachLongPair(DSLContext ctx, int size, Object[] values, LongPairConsumer row) {
        String sql = sql(ctx, size);
        ctx.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row.accept(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
        });
    }

    /** {@code n} bind placeholders, for an IN list of a statement shape. */
    static List<Field<Long>> placeholders(int n) {
        List<Field<Long>> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(DSL.val(0L));
        }
        return values;
    }

    /** {@code CASE key WHEN ? THEN ? … (n times) ELSE otherwise END}, bound with {@link #caseThenIn}. */
    static Field<Long> caseOf(Field<Long> key, int n, Field<Long> otherwise) {
        CaseValueStep<Long> choose = DSL.choose(key);
        CaseWhenStep<Long, Long> when = null;
        for (int i = 0; i < n; i++) {
            when = when == null ? choose.when(DSL.val(0L), DSL.val(0L)) : when.when(DSL.val(0L), DSL.val(0L));
        }
        return when.otherwise(otherwise);
    }

    /** The values of a {@link #caseOf} CASE followed by an IN list of the same keys: k1, v1, … kn, vn, k1 … kn. */
    static Object[] caseThenIn(long[] keys, long[] values) {
        int n = keys.length;
        Object[] bound = new Object[3 * n];
        for (int i = 0; i < n; i++) {
            bound[2 * i] = keys[i];
            bound[2 * i + 1] = values[i];
            bound[2 * n + i] = keys[i];
        }
        return bound;
    }

    /** Receives one row of two longs. */
    @FunctionalInterface
    interface LongPairConsumer {
        void accept(long first, long second);
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            switch (value) {
                case Long v -> statement.setLong(i + 1, v);
                case Integer v -> statement.setInt(i + 1, v);
                case String v -> statement.setString(i + 1, v);
                case null -> statement.setNull(i + 1, Types.BIGINT);
                default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
            }
        }
    }
}
