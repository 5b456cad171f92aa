package io.jim.adapter.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.domain.shared.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorStatusTest {

    @ParameterizedTest(name = "{0} -> HTTP {1}, code {2}")
    @CsvSource({
            "INVALID_ARGUMENT, 400, 5",
            "UNAUTHENTICATED, 401, 4",
            "PERMISSION_DENIED, 403, 7",
            "NOT_FRIENDS, 403, 2",
            "NOT_IN_GROUP, 403, 3",
            "NOT_FOUND, 404, 6",
            "CONFLICT, 409, 8",
            "RATE_LIMITED, 429, 9",
            "TOO_LARGE, 413, 10",
            "INTERNAL, 500, 1",
            "UNAVAILABLE, 503, 11"})
    void everyErrorCodeMapsToTheContractStatusAndWireCode(ErrorCode code, int status, int wire) {
        assertThat(ErrorStatus.of(code)).isEqualTo(new ErrorStatus(status, wire));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"404, NOT_FOUND", "405, INVALID_ARGUMENT", "413, TOO_LARGE", "400, INVALID_ARGUMENT", "500, INTERNAL", "503, UNAVAILABLE"})
    void frameworkStatusesMapToTheMatchingCode(int status, ErrorCode expected) {
        assertThat(ErrorStatus.codeForStatus(status)).isEqualTo(expected);
    }
}
