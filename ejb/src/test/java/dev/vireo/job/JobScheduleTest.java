package dev.vireo.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobScheduleTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");

    @ParameterizedTest
    @CsvSource({
            "every 15s, every 15s, 2026-12-03T10:15:45Z",
            "every 90s, every 90s, 2026-12-03T10:17:00Z",
            "every 120s, every 2m, 2026-12-03T10:17:30Z",
            "'  EVERY 10 M ', every 10m, 2026-12-03T10:25:30Z",
            "every 1h, every 1h, 2026-12-03T11:15:30Z",
            "every 24h, every 1d, 2026-12-04T10:15:30Z",
            "every 30d, every 30d, 2027-01-02T10:15:30Z",
            "daily 03:30, daily 03:30, 2026-12-04T03:30:00Z",
            "daily 23:59, daily 23:59, 2026-12-03T23:59:00Z",
            "Daily 10:15, daily 10:15, 2026-12-04T10:15:00Z",
    })
    void readsEachFormIntoItsShortestTextAndNextTime(String written, String text, Instant next) {
        JobSchedule schedule = JobSchedule.parse(written);
        assertThat(schedule.text()).isEqualTo(text);
        assertThat(schedule.next(AT)).isEqualTo(next);
        assertThat(JobSchedule.parse(schedule.text())).isEqualTo(schedule);
    }

    @Test
    void aDailyTimeJustPassedIsTomorrows() {
        assertThat(JobSchedule.parse("daily 10:15").next(Instant.parse("2026-12-03T10:15:00Z")))
                .isEqualTo(Instant.parse("2026-12-04T10:15:00Z"));
        assertThat(JobSchedule.parse("daily 10:15").next(Instant.parse("2026-12-03T10:14:59.999Z")))
                .isEqualTo(Instant.parse("2026-12-03T10:15:00Z"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "every", "every 0s", "every -5s", "every 31d", "every 744h", "every 5", "every 5 weeks",
            "every 1.5h", "5s", "PT5S", "*/5 * * * *", "daily 24:00", "daily 3:30", "daily 03:60", "hourly",
            "every 99999999s", "every 5s; drop table job"})
    void refusesAnythingElseNamingTheAcceptedForms(String written) {
        assertThatThrownBy(() -> JobSchedule.parse(written)).isInstanceOfSatisfying(VireoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEDULE.code());
            assertThat(e.reason()).contains("every N").contains("daily HH:MM").contains("from 1s to 30d");
        });
    }

    @Test
    void aLongRefusedValueIsShownShortened() {
        String written = "x".repeat(10_000);
        assertThatThrownBy(() -> JobSchedule.parse(written)).isInstanceOfSatisfying(VireoException.class,
                e -> assertThat(e.reason()).hasSizeLessThan(400));
    }

    @ParameterizedTest
    @CsvSource({"30d, P30D", "12h, PT12H", "15m, PT15M", "10s, PT10S", "P7D, P7D", "pt36h, PT36H", "' 2 d ', P2D"})
    void readsRetentionPeriods(String written, Duration period) {
        assertThat(JobSchedule.duration(written)).contains(period);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0d", "-3d", "PT0S", "P-1D", "thirty days", "30 days", "30"})
    void refusesPeriodsThatAreNoLengthOfTime(String written) {
        assertThat(JobSchedule.duration(written)).isEmpty();
    }
}
