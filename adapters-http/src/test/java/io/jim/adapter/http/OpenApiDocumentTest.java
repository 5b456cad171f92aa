package io.jim.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jim.adapter.http.ops.OperationsController;
import io.jim.adapter.http.support.StubUseCases;
import io.jim.adapter.http.web.Route;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    @Test
    void documentListsExactlyTheRegisteredRoutesAndIsServedAtOpenapiJson() throws IOException {
        try (ServerHarness h = new ServerHarness(new StubUseCases().useCases())) {
            Set<String> registered = new TreeSet<>();
            for (Route r : h.server.routes()) {
                registered.add(r.method().name().toLowerCase(Locale.ROOT) + " " + r.path());
            }

            var served = h.http.get("/openapi.json", null);
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
            JsonNode doc = new ObjectMapper().readTree(served.body());
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            assertThat(doc).isEqualTo(new ObjectMapper().readTree(OperationsController.loadOpenApi()));

            Set<String> documented = new TreeSet<>();
            doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
                if (HTTP_METHODS.contains(m.getKey())) {
                    documented.add(m.getKey() + " " + p.getKey());
                }
            }));
            assertThat(documented).isEqualTo(registered);
        }
    }

    @Test
    void everyDocumentedOperationHasAnIdAResponseAndResolvableSchemaReferences() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(OperationsController.loadOpenApi());
        Set<String> schemas = new TreeSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        Set<String> ids = new TreeSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            JsonNode op = m.getValue();
            assertThat(op.path("operationId").asText()).as(m.getKey() + " " + p.getKey()).isNotEmpty();
            assertThat(ids.add(op.path("operationId").asText())).as("unique operationId").isTrue();
            assertThat(op.path("responses").size()).as(p.getKey()).isPositive();
        }));
        doc.findValues("$ref").forEach(ref -> {
            String name = ref.asText().replace("#/components/schemas/", "");
            assertThat(schemas).as("schema " + ref.asText()).contains(name);
        });
    }
}
