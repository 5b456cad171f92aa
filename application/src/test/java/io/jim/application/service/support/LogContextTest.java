package io.jim.application.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void closingShouldRestoreWhatAnOuterLayerHadPut() {
        MDC.put(LogContext.USER_ID, "outer");

        try (LogContext ignored = LogContext.of(LogContext.USER_ID, 7L, LogContext.MESSAGE_ID, null)) {
            assertThat(MDC.get(LogContext.USER_ID)).isEqualTo("7");
            MDC.put(LogContext.MESSAGE_ID, "42");
        }

        assertThat(MDC.get(LogContext.USER_ID)).isEqualTo("outer");
        assertThat(MDC.get(LogContext.MESSAGE_ID)).isNull();
    }

    @Test
    void aNullValueShouldHideAnOuterValueUntilClose() {
        MDC.put(LogContext.MESSAGE_ID, "outer");

        try (LogContext ignored = LogContext.of(LogContext.MESSAGE_ID, null)) {
            assertThat(MDC.get(LogContext.MESSAGE_ID)).isNull();
        }

        assertThat(MDC.get(LogContext.MESSAGE_ID)).isEqualTo("outer");
    }
}
