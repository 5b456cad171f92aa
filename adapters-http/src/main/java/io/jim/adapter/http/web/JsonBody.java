package io.jim.adapter.http.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.jim.domain.shared.DomainException;
import io.jim.domain.shared.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies into request records, strictly: at most {@code maxBodyBytes}, one JSON object,
 * no unknown fields, no nulls, no type coercion (a string is not a number, a number is not a string),
 * no duplicate keys. Every failure is a 400 (or 413) whose {@code field} names the offending input.
 */
public final class JsonBody {

    private static final Logger LOG = LoggerFactory.getLogger(JsonBody.class);

    /** The free-form JSON object field that may hold nulls of its own. */
    private static final String EXTRA = "extra";

    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    public JsonBody(ObjectMapper mapper, int maxBodyBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The one mapper of the HTTP adapter: snake_case, strict on input, compact output. */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        // A number or boolean given for a text field is a wrong type, not a string to make up.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a required body (an empty body is a 400 naming {@code body}). */
    public <T> T read(Context ctx, Class<T> type) {
        byte[] bytes = readBytes(ctx);
        if (isBlank(bytes)) {
            throw DomainException.invalid("body", "a JSON object body is required");
        }
        return parse(bytes, type);
    }

    /** Parses an optional body: an empty body is read as {@code {}}. */
    public <T> T readOptional(Context ctx, Class<T> type) {
        byte[] bytes = readBytes(ctx);
        return parse(isBlank(bytes) ? "{}".getBytes(StandardCharsets.UTF_8) : bytes, type);
    }

    /** The text form of an {@code extra} object, as the domain stores it (empty when absent). */
    public Optional<String> extraText(ObjectNode extra) {
        if (extra == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.writeValueAsString(extra));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON object cannot be written back", e);
        }
    }

    /** The stored {@code extra} text as a JSON object for answers ({@code {}} for text that is not one). */
    public JsonNode extraNode(String stored) {
        if (stored == null || stored.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(stored);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Falls through: stored data that is not an object must not break reading the user.
        }
        LOG.warn("stored extra is not a JSON object; answering {{}} instead");
        return mapper.createObjectNode();
    }

    private byte[] readBytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        // The declared length may be absent (chunked) or wrong: count what actually arrives.
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            if (timedOut(e)) {
                // The client stopped sending mid-body (JIM_HTTP_IDLE_TIMEOUT_SECONDS): its fault, not a server error.
                throw new HttpResponseException(408, "the request body did not arrive within the idle timeout");
            }
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    private DomainException tooLarge() {
        return new DomainException(ErrorCode.TOO_LARGE, "the request body exceeds " + maxBodyBytes + " bytes", "body");
    }

    private <T> T parse(byte[] bytes, Class<T> type) {
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || !tree.isObject()) {
            throw DomainException.invalid("body", "the body must be a JSON object");
        }
        rejectNulls(tree, "");
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw mappingFailure(e);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("body", "the body does not fit this endpoint");
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Nulls are refused everywhere except inside {@code extra}, which is the client's own JSON. */
    private static void rejectNulls(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isNull()) {
                    throw DomainException.invalid(name, name + " must not be null (leave it out instead)");
                }
                if (!(path.isEmpty() && EXTRA.equals(e.getKey()))) {
                    rejectNulls(e.getValue(), name);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isNull()) {
                    throw DomainException.invalid(path, path + " must not contain null");
                }
                rejectNulls(element, path);
            }
        }
    }

    private static DomainException malformed(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return DomainException.invalid("body", "the body exceeds the JSON nesting or size limits");
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return DomainException.invalid("body", "the body is not valid JSON" + where);
    }

    private static DomainException mappingFailure(JsonProcessingException e) {
        if (e instanceof JsonParseException && !(e instanceof JsonMappingException)) {
            return malformed(e);
        }
        String field = e instanceof JsonMappingException m ? fieldOf(m.getPath()) : "";
        if (field.isEmpty()) {
            field = "body";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return DomainException.invalid(field, "unknown field " + field);
        }
        if (e instanceof InputCoercionException || isOutOfRange(e)) {
            return DomainException.invalid(field, field + " is out of range");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return DomainException.invalid(field, field + " must be " + describe(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return DomainException.invalid(field, field + " must be " + describe(m.getTargetType()));
        }
        return DomainException.invalid(field, field + " has the wrong type");
    }

    private static boolean isOutOfRange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("."));
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
