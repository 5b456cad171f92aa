package io.jim.adapter.mysql;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The SQL of one statement shape, rendered by jOOQ once per size and reused.
 *
 * <p>The send path's statements are multi-row: an INSERT of N inbox rows, an UPDATE of N counters or
 * device positions with an IN list and a CASE. jOOQ renders such a statement by visiting every bind value
 * as a query part, and the profile showed that rendering cost more CPU than executing the statement. The
 * shape of these statements depends only on their size, so the SQL (with {@code ?} placeholders, rendered
 * by the same dialect and settings as every other statement) is rendered once per size, from the same
 * type-safe jOOQ query that would otherwise be rendered each time, and then executed as plain SQL with
 * the values bound in placeholder order. jOOQ still executes it, so execute listeners, exception
 * translation and the transaction are the same as for any other statement.
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
        return ctx.execute(sql(ctx, size), values);
    }
}
