package io.jim.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jim.application.port.out.DeliveryGateway.KickReason;
import io.jim.domain.shared.ErrorCode;
import io.jim.proto.ResultCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireCodesTest {

    @ParameterizedTest
    @CsvSource({
        "INTERNAL, 1", "NOT_FRIENDS, 2", "NOT_IN_GROUP, 3", "UNAUTHENTICATED, 4", "INVALID_ARGUMENT, 5", "NOT_FOUND, 6",
        "PERMISSION_DENIED, 7", "CONFLICT, 8", "RATE_LIMITED, 9", "TOO_LARGE, 10", "UNAVAILABLE, 11"
    })
    void errorCodeShouldMapToTheCodeOfTheProtocolTable(ErrorCode code, int wire) {
        assertThat(WireCodes.of(code)).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"SIGNED_IN_ELSEWHERE, 20", "SIGNED_OUT, 21", "PROTOCOL_ERROR, 22", "SERVER_SHUTDOWN, 23"})
    void kickReasonShouldMapToTheKickCodeOfTheProtocolTable(KickReason reason, int wire) {
        assertThat(WireCodes.of(reason)).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"SIGNED_IN_ELSEWHERE", "SIGNED_OUT", "PROTOCOL_ERROR", "SERVER_SHUTDOWN"})
    void kickCodesShouldBeTheResultCodeConstants(KickReason reason) {
        assertThat(WireCodes.of(reason)).isBetween(ResultCode.SIGNED_IN_ELSEWHERE, ResultCode.SERVER_SHUTDOWN);
    }
}
