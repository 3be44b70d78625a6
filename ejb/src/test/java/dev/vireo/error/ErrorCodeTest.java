package dev.vireo.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void codesAreUnique() {
        Map<String, List<ErrorCode>> byCode = Arrays.stream(ErrorCode.values())
                .collect(Collectors.groupingBy(ErrorCode::code));

        assertThat(byCode).allSatisfy((code, errors) -> assertThat(errors).as(code).hasSize(1));
    }

    @Test
    void codesFollowTheLettersDigitsEPattern() {
        assertThat(ErrorCode.values())
                .extracting(ErrorCode::code)
                .allMatch(code -> code.matches("[A-Z]+[0-9]{4}E"), "matches [A-Z]+[0-9]{4}E");
    }

    @Test
    void statusesAreHttpClientOrServerErrors() {
        assertThat(ErrorCode.values())
                .extracting(ErrorCode::status)
                .allSatisfy(status -> assertThat(status).isBetween(400, 599));
    }

    @Test
    void everyReasonNamesEachOfItsArguments() {
        assertThat(ErrorCode.values()).allSatisfy(error -> {
            Object[] args = IntStream.range(0, placeholders(error)).mapToObj(i -> "<arg" + i + ">").toArray();

            String reason = error.reason(args);

            assertThat(reason).as(error.name()).doesNotContain("%");
            for (Object arg : args) {
                assertThat(reason).as(error.name()).contains((String) arg);
            }
        });
    }

    @Test
    void vireoExceptionCarriesCodeStatusAndFormattedReason() {
        VireoException e = new VireoException(ErrorCode.VM_WRONG_STATE, "web-01", "running", "start");

        assertThat(e.error()).isSameAs(ErrorCode.VM_WRONG_STATE);
        assertThat(e.code()).isEqualTo("VMS0005E");
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.reason()).isEqualTo("Virtual machine web-01 is running: it cannot start");
    }

    /** How many arguments the template takes: format it with markers and count them. */
    private static int placeholders(ErrorCode error) {
        String marked = error.reason(Collections.nCopies(10, "\u0000").toArray());
        return (int) marked.chars().filter(c -> c == 0).count();
    }
}
