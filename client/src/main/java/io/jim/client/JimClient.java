package io.jim.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of the jim HTTP API (accounts, friends, groups, messages) on {@code java.net.http}.
 *
 * <p>Instances are immutable and thread-safe. One without a token can only {@link #register} and
 * {@link #login}; {@link #withToken(String)} gives one that acts as a device (sharing the same
 * connection pool, so making many is cheap). Calls are synchronous; an error answer throws
 * {@link JimApiException} (carrying the server's message), a transport failure throws
 * {@link UncheckedIOException}.
 *
 * <p>{@link #close()} releases the connection pool, which is shared with every client derived through
 * {@link #withToken(String)}: close the root client once, when all of them are done.
 */
public final class JimClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** For calls whose answer has no body worth reading. */
    private static final Answer<Void> NONE = new Answer<>(null);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final String token;

    private JimClient(URI base, HttpClient http, ObjectMapper json, Duration timeout, String token) {
        this.base = base;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
        this.token = token;
    }

    /** A client of the server at {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}), without a token. */
    public static JimClient create(String baseUrl) {
        return create(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")), DEFAULT_TIMEOUT);
    }

    /** A client of the server at {@code baseUrl} whose requests time out after {@code timeout}. */
    public static JimClient create(URI baseUrl, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        String s = baseUrl.toString();
        URI base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        HttpClient http = HttpClient.newBuilder()
                // The API is plain HTTP/1.1; asking for h2c would cost an upgrade attempt per connection.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        return new JimClient(base, http, newObjectMapper(), timeout, null);
    }

    /** The JSON mapping this client uses (snake_case, unknown fields ignored), for callers that print or parse the same JSON. */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // The API may add response fields at any time.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A client that acts as the device owning {@code token} (shares this client's connection pool). */
    public JimClient withToken(String token) {
        return new JimClient(base, http, json, timeout, Objects.requireNonNull(token, "token"));
    }

    /** The server's base URL. */
    public URI baseUrl() {
        return base;
    }

    /** Releases the connection pool shared by this client and all clients derived from it. */
    @Override
    public void close() {
        http.close();
    }

    // ---------------------------------------------------------------- accounts and devices

    /** Creates an account ({@code POST /api/users}); 409 if it exists. */
    public User register(String account, String password, String nickname) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", Objects.requireNonNull(account, "account"));
        body.put("password", Objects.requireNonNull(password, "password"));
        body.put("nickname", Objects.requireNonNull(nickname, "nickname"));
        return call("POST", "/api/users", body, false, type(User.class)).value();
    }

    /** Logs in as a new device ({@code POST /api/sessions}); 401 for a wrong account or password. */
    public LoginResult login(String account, String password, DeviceInfo device) {
        return login(account, password, device, 0);
    }

    /**
     * Logs in ({@code POST /api/sessions}) re-using the device {@code deviceId} (its inbox position and
     * send_sequence carry on), or as a new device when {@code deviceId} is 0. A device that is not the
     * user's answers 404.
     */
    public LoginResult login(String account, String password, DeviceInfo device, long deviceId) {
        Objects.requireNonNull(device, "device");
        Map<String, Object> dev = new LinkedHashMap<>();
        if (deviceId > 0) {
            dev.put("device_id", deviceId);
        }
        dev.put("type", device.type());
        putIfPresent(dev, "brand", device.brand());
        putIfPresent(dev, "model", device.model());
        putIfPresent(dev, "system_version", device.systemVersion());
        putIfPresent(dev, "app_version", device.appVersion());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", Objects.requireNonNull(account, "account"));
        body.put("password", Objects.requireNonNull(password, "password"));
        body.put("device", dev);
        return call("POST", "/api/sessions", body, false, type(LoginResult.class)).value();
    }

    /** Revokes this client's token ({@code DELETE /api/sessions/current}); the device's TCP session gets Kick 21. */
    public void logout() {
        call("DELETE", "/api/sessions/current", null, true, NONE);
    }

    /** The caller's own user ({@code GET /api/users/me}). */
    public User me() {
        return call("GET", "/api/users/me", null, true, type(User.class)).value();
    }

    /** A user's public profile ({@code GET /api/users/{id}}); 404 if none. */
    public PublicUser user(long userId) {
        return call("GET", "/api/users/" + userId, null, true, type(PublicUser.class)).value();
    }

    /** The user with this exact account, if any ({@code GET /api/users?account=}). */
    public Optional<PublicUser> findUser(String account) {
        String query = "?account=" + URLEncoder.encode(Objects.requireNonNull(account, "account"), StandardCharsets.UTF_8);
        List<PublicUser> found = call("GET", "/api/users" + query, null, true, listOf(PublicUser.class)).value();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    // ---------------------------------------------------------------- friends

    /**
     * Asks {@code userId} to be a friend ({@code POST /api/friends/requests}); if they had already asked the
     * caller, this accepts their request instead.
     */
    public FriendRequestResult requestFriend(long userId, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        putIfPresent(body, "message", message);
        Response<JsonNode> answer = call("POST", "/api/friends/requests", body, true, type(JsonNode.class));
        // 201 = a new pending request; 200 = their earlier request was accepted and the body is the friend.
        return answer.status() == 201
                ? new FriendRequestResult.Requested(convert(answer.value(), FriendRequest.class))
                : new FriendRequestResult.BecameFriends(convert(answer.value(), Friend.class));
    }

    /** The pending requests to the caller, newest first. */
    public List<FriendRequest> friendRequests() {
        return friendRequests(FriendRequest.Direction.INCOMING);
    }

    /** The pending requests in {@code direction}, newest first ({@code GET /api/friends/requests}). */
    public List<FriendRequest> friendRequests(FriendRequest.Direction direction) {
        String query = "?direction=" + direction.name().toLowerCase(Locale.ROOT);
        return call("GET", "/api/friends/requests" + query, null, true, listOf(FriendRequest.class)).value();
    }

    /** Accepts a request made to the caller; answers the new friend. */
    public Friend acceptFriendRequest(long requestId) {
        return call("POST", "/api/friends/requests/" + requestId + "/accept", Map.of(), true, type(Friend.class)).value();
    }

    /** Rejects a request made to the caller (not announced to the asker). */
    public void rejectFriendRequest(long requestId) {
        call("POST", "/api/friends/requests/" + requestId + "/reject", null, true, NONE);
    }

    /** The caller's friends ({@code GET /api/friends}). */
    public List<Friend> friends() {
        return call("GET", "/api/friends", null, true, listOf(Friend.class)).value();
    }

    /** Ends a friendship in both directions ({@code DELETE /api/friends/{id}}). */
    public void deleteFriend(long userId) {
        call("DELETE", "/api/friends/" + userId, null, true, NONE);
    }

    // ---------------------------------------------------------------- groups

    /** Creates a group with the caller as OWNER and the given other members ({@code POST /api/groups}). */
    public Group createGroup(String name, Collection<Long> memberIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Objects.requireNonNull(name, "name"));
        body.put("member_ids", List.copyOf(memberIds));
        return call("POST", "/api/groups", body, true, type(Group.class)).value();
    }

    /** The groups the caller belongs to ({@code GET /api/groups}). */
    public List<Group> groups() {
        return call("GET", "/api/groups", null, true, listOf(Group.class)).value();
    }

    /** One group the caller belongs to; 404 otherwise. */
    public Group group(long groupId) {
        return call("GET", "/api/groups/" + groupId, null, true, type(Group.class)).value();
    }

    /** The members of a group the caller belongs to. */
    public List<GroupMember> groupMembers(long groupId) {
        return call("GET", "/api/groups/" + groupId + "/members", null, true, listOf(GroupMember.class)).value();
    }

    // ---------------------------------------------------------------- messages

    /** Sends over HTTP without a send_sequence (not de-duplicated). */
    public SentMessage sendMessage(OutgoingMessage message) {
        return sendMessage(message, 0);
    }

    /**
     * Sends over HTTP ({@code POST /api/messages}); with {@code sendSequence} > 0 a retry is de-duplicated
     * exactly as over TCP (the same answer again, nothing stored twice).
     */
    public SentMessage sendMessage(OutgoingMessage message, long sendSequence) {
        Objects.requireNonNull(message, "message");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiver_type", message.receiverType());
        body.put("receiver_id", message.receiverId());
        body.put("type", message.type());
        body.put("content", message.content());
        if (sendSequence > 0) {
            body.put("send_sequence", sendSequence);
        }
        if (!message.toUserIds().isEmpty()) {
            body.put("to_user_ids", message.toUserIds());
        }
        return call("POST", "/api/messages", body, true, type(SentMessage.class)).value();
    }

    /** The caller's inbox copies after {@code afterSequence}, at most {@code limit} ({@code GET /api/messages}). */
    public MessagePage messages(long afterSequence, int limit) {
        return call("GET", "/api/messages?after_sequence=" + afterSequence + "&limit=" + limit, null, true,
                type(MessagePage.class)).value();
    }

    /** Acknowledges the caller's inbox up to {@code syncSequence} for this device ({@code POST /api/messages/ack}). */
    public void ackMessages(long syncSequence) {
        call("POST", "/api/messages/ack", Map.of("sync_sequence", syncSequence), true, NONE);
    }

    // ---------------------------------------------------------------- plumbing

    private record Response<T>(int status, T value) {
    }

    /** A JavaType that remembers its Java type, so that call sites need no casts. */
    private record Answer<T>(JavaType javaType) {
    }

    private <T> Response<T> call(String method, String path, Object body, boolean authenticated, Answer<T> answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (authenticated) {
            if (token == null) {
                throw new IllegalStateException(method + " " + path + " needs a token: use withToken(...)");
            }
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(method + " " + path + " interrupted"));
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw error(status, response.body());
        }
        if (answer == NONE || status == 204 || response.body().length == 0) {
            return new Response<>(status, null);
        }
        try {
            return new Response<>(status, json.<T>readValue(response.body(), answer.javaType()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": unexpected answer: " + describe(e), e);
        }
    }

    private JimApiException error(int status, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return new JimApiException(status, node.path("code").asInt(-1),
                        node.hasNonNull("error") ? node.get("error").asText() : null, node.get("message").asText());
            }
        } catch (IOException notJson) {
            // Fall through: a proxy or a crashed server may answer with anything.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        return new JimApiException(status, -1, null, "HTTP " + status + (text.isEmpty() ? "" : ": " + text));
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unexpected answer: " + describe(e), e);
        }
    }

    private <T> Answer<T> type(Class<T> type) {
        return new Answer<>(json.getTypeFactory().constructType(type));
    }

    private <T> Answer<List<T>> listOf(Class<T> element) {
        return new Answer<>(json.getTypeFactory().constructCollectionType(List.class, element));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof java.net.ConnectException && (message == null || message.isBlank())) {
            return "connection refused";
        }
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
