package dev.vireo.job;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a job runs, in one of two written forms: {@code every N} with N a whole number and a unit
 * (s, m, h, d; 1s to 30d), a fixed interval from the end of the last round's start; or
 * {@code daily HH:MM}, once a day at that time of day in UTC.
 */
public final class JobSchedule {

    public static final String ACCEPTED = "'every N' with N a whole number followed by s, m, h or d, from 1s to 30d "
            + "(e.g. every 15s, every 10m, every 1d), or 'daily HH:MM' in UTC (e.g. daily 03:30)";
    static final Duration LONGEST = Duration.ofDays(30);

    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,7})\\s*([smhd])");
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final Pattern DAILY = Pattern.compile("daily\\s+([01]\\d|2[0-3]):([0-5]\\d)");
    /** How much of a refused value the error repeats. */
    private static final int SHOWN = 64;

    private final Duration every;
    private final LocalTime dailyAt;

    private JobSchedule(Duration every, LocalTime dailyAt) {
        this.every = every;
        this.dailyAt = dailyAt;
    }

    /** The schedule a text names; a 400 naming the accepted forms when it names none. */
    public static JobSchedule parse(String text) {
        String written = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher every = EVERY.matcher(written);
        if (every.matches()) {
            Duration interval = amount(Long.parseLong(every.group(1)), every.group(2).charAt(0));
            if (interval.isZero() || interval.compareTo(LONGEST) > 0) {
                throw invalid(text);
            }
            return new JobSchedule(interval, null);
        }
        Matcher daily = DAILY.matcher(written);
        if (daily.matches()) {
            return new JobSchedule(null, LocalTime.of(Integer.parseInt(daily.group(1)), Integer.parseInt(daily.group(2))));
        }
        throw invalid(text);
    }

    /**
     * A length of time as configuration writes it: a whole number and a unit (s, m, h, d), e.g.
     * {@code 30d}, or ISO-8601 ({@code P30D}, {@code PT12H}); empty when it is neither or not positive.
     */
    public static java.util.Optional<Duration> duration(String text) {
        String written = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher amount = AMOUNT.matcher(written);
        Duration duration;
        if (amount.matches()) {
            duration = amount(Long.parseLong(amount.group(1)), amount.group(2).charAt(0));
        } else {
            try {
                duration = Duration.parse(written.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }
        return duration.isNegative() || duration.isZero() ? java.util.Optional.empty() : java.util.Optional.of(duration);
    }

    private static Duration amount(long count, char unit) {
        return switch (unit) {
            case 's' -> Duration.ofSeconds(count);
            case 'm' -> Duration.ofMinutes(count);
            case 'h' -> Duration.ofHours(count);
            default -> Duration.ofDays(count);
        };
    }

    private static VireoException invalid(String text) {
        String shown = text == null ? "" : text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
        return new VireoException(ErrorCode.INVALID_SCHEDULE, shown, ACCEPTED);
    }

    /** The first moment after {@code after} at which a job on this schedule is due. */
    public Instant next(Instant after) {
        if (every != null) {
            return after.plus(every);
        }
        ZonedDateTime today = after.atZone(ZoneOffset.UTC).with(dailyAt).withSecond(0).withNano(0);
        ZonedDateTime due = today.toInstant().isAfter(after) ? today : today.plusDays(1);
        return due.toInstant();
    }

    /** The schedule written as {@link #parse} reads it, in its shortest form ({@code every 90s}, {@code daily 03:30}). */
    public String text() {
        if (every == null) {
            return String.format(Locale.ROOT, "daily %02d:%02d", dailyAt.getHour(), dailyAt.getMinute());
        }
        long seconds = every.toSeconds();
        if (seconds % 86400 == 0) {
            return "every " + seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return "every " + seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return "every " + seconds / 60 + "m";
        }
        return "every " + seconds + "s";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobSchedule schedule && text().equals(schedule.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
