package io.jim.adapter.http.web;

import io.jim.domain.shared.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (requests refused before they reach Javalin: an undecodable or ambiguous
 * URI, oversized headers …) in the API's error body instead of Jetty's HTML page. The message is
 * generic on purpose: Jetty's reason may quote the rejected input. This one serves the server level;
 * {@link ForServletContext} the servlet context Javalin runs in.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
            List<Charset> charsets, int code, String message, Throwable cause) {
        return writeJson(response, callback, code);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(body(status));
    }

    /** The same answers for errors raised inside Javalin's servlet context. */
    public static final class ForServletContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                List<Charset> charsets, int code, String message, Throwable cause) {
            return writeJson(response, callback, code);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            return ByteBuffer.wrap(body(status));
        }
    }

    private static boolean writeJson(Response response, Callback callback, int status) {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    static byte[] body(int status) {
        ErrorCode code = ErrorStatus.codeForStatus(status);
        String message = switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "no such endpoint";
            case 413 -> "the request is too large";
            case 414 -> "the URI is too long";
            case 431 -> "the request headers are too large";
            default -> status >= 500 ? "internal error" : "the request was refused";
        };
        String json = "{\"code\":" + ErrorStatus.of(code).wireCode() + ",\"error\":\"" + code.name() + "\",\"message\":\"" + message + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
