package dev.vireo.vmpool;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.vmpool.PoolEvent;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * vmpooler's {@code /summary}: what the pools' recorded events say about any range of days (UTC),
 * overall and day by day: clone and boot durations, checkouts per pool, tag counts.
 */
@Stateless
@RolesAllowed(Permission.VMPOOL_READ)
public class PoolSummaries {

    /** Ten years of days: a longer range is refused rather than answered with an endless list. */
    static final int MAX_DAYS = 3660;

    private static final List<PoolEvent.Kind> SUMMED = List.of(PoolEvent.Kind.CLONED, PoolEvent.Kind.READY,
            PoolEvent.Kind.CHECKED_OUT, PoolEvent.Kind.TAGGED);

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** Counts of one day each, over the days of a summary. */
    public record Counts(double average, long min, long max, long total) {

        static Counts of(List<Long> daily) {
            long total = daily.stream().mapToLong(Long::longValue).sum();
            return new Counts(daily.isEmpty() ? 0 : Math.round(total * 100.0 / daily.size()) / 100.0,
                    daily.stream().mapToLong(Long::longValue).min().orElse(0),
                    daily.stream().mapToLong(Long::longValue).max().orElse(0), total);
        }
    }

    /**
     * One day, or the whole range: clone ({@code CLONED}) and boot-to-ready ({@code READY}) durations,
     * checkouts by pool, and per tag key how many VMs carried each value ({@code total} among them).
     */
    public record Period(VmPoolService.Durations boots, VmPoolService.Durations clones, Map<String, Long> checkouts,
                         Map<String, Map<String, Long>> tags) {
    }

    public record Day(LocalDate date, Period period) {
    }

    /** The range, day counts over it ({@code count} of vmpooler's boot and clone sections) and its days. */
    public record Summary(Period overall, Counts bootsPerDay, Counts clonesPerDay, Counts checkoutsPerDay, List<Day> daily) {
    }

    /**
     * The summary of the days {@code from} to {@code to} (inclusive, {@code YYYY-MM-DD}); either
     * left out is today. 400 for a date that is not one, a range that ends before it starts or one
     * longer than {@link #MAX_DAYS}.
     */
    public Summary summarize(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = date("from", from, today);
        LocalDate last = date("to", to, today);
        if (first.isAfter(last)) {
            throw new VireoException(ErrorCode.VMPOOL_SUMMARY_RANGE, first, last);
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > MAX_DAYS) {
            throw new VireoException(ErrorCode.VMPOOL_SUMMARY_TOO_LONG, MAX_DAYS, first, last, days);
        }
        Map<LocalDate, List<Event>> byDay = events(first, last).stream().collect(Collectors.groupingBy(Event::day));
        List<Day> daily = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            daily.add(new Day(day, period(byDay.getOrDefault(day, List.of()))));
        }
        List<Event> all = byDay.values().stream().flatMap(List::stream).toList();
        Period overall = new Period(durations(all, PoolEvent.Kind.READY), durations(all, PoolEvent.Kind.CLONED),
                checkouts(all), new TreeMap<>());
        // vmpooler counts a VM's tag once a day: the whole range adds up its days
        daily.forEach(day -> day.period().tags().forEach((key, values) -> values.forEach((value, count) ->
                overall.tags().computeIfAbsent(key, k -> new TreeMap<>()).merge(value, count, Long::sum))));
        return new Summary(overall, Counts.of(daily.stream().map(day -> day.period().boots().count()).toList()),
                Counts.of(daily.stream().map(day -> day.period().clones().count()).toList()),
                Counts.of(daily.stream().map(day -> day.period().checkouts().values().stream()
                        .mapToLong(Long::longValue).sum()).toList()), daily);
    }

    private static LocalDate date(String field, String value, LocalDate today) {
        if (value == null || value.isEmpty()) {
            return today;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new VireoException(ErrorCode.VMPOOL_SUMMARY_DATE, value, field);
        }
    }

    private record Event(PoolEvent.Kind kind, Instant time, String pool, String hostname, Long durationMs, String detail) {

        LocalDate day() {
            return LocalDate.ofInstant(time, ZoneOffset.UTC);
        }
    }

    private List<Event> events(LocalDate first, LocalDate last) {
        return em.createQuery("select e.kind, e.time, e.pool, e.hostname, e.durationMs, e.detail from PoolEvent e"
                        + " where e.time >= :start and e.time < :end and e.kind in :kinds order by e.time, e.id", Object[].class)
                .setParameter("start", first.atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter("end", last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter("kinds", SUMMED)
                .getResultStream()
                .map(row -> new Event((PoolEvent.Kind) row[0], (Instant) row[1], (String) row[2], (String) row[3],
                        (Long) row[4], (String) row[5]))
                .toList();
    }

    /** The figures of a day's events; {@link #summarize} adds up the tags of a range from its days. */
    private static Period period(List<Event> events) {
        return new Period(durations(events, PoolEvent.Kind.READY), durations(events, PoolEvent.Kind.CLONED),
                checkouts(events), tags(events));
    }

    private static Map<String, Long> checkouts(List<Event> events) {
        return events.stream().filter(e -> e.kind() == PoolEvent.Kind.CHECKED_OUT)
                .collect(Collectors.groupingBy(Event::pool, TreeMap::new, Collectors.counting()));
    }

    private static VmPoolService.Durations durations(List<Event> events, PoolEvent.Kind kind) {
        List<Long> millis = events.stream().filter(e -> e.kind() == kind && e.durationMs() != null)
                .map(Event::durationMs).toList();
        if (millis.isEmpty()) {
            return new VmPoolService.Durations(0, 0, 0, 0, 0);
        }
        long total = millis.stream().mapToLong(Long::longValue).sum();
        return new VmPoolService.Durations(millis.size(), VmPoolService.seconds((double) total / millis.size()),
                VmPoolService.seconds(millis.stream().mapToLong(Long::longValue).min().orElseThrow()),
                VmPoolService.seconds(millis.stream().mapToLong(Long::longValue).max().orElseThrow()),
                VmPoolService.seconds(total));
    }

    /**
     * Per tag key, how many VMs carried each value; a VM tagged twice with one key counts once,
     * with its last value (as vmpooler keeps a VM's tags of a day). Details are {@code key=value}.
     */
    private static Map<String, Map<String, Long>> tags(List<Event> events) {
        Map<String, Map<String, String>> lastValue = new HashMap<>();
        events.stream().filter(e -> e.kind() == PoolEvent.Kind.TAGGED && e.detail() != null && e.detail().contains("="))
                .forEach(e -> {
                    int split = e.detail().indexOf('=');
                    lastValue.computeIfAbsent(e.detail().substring(0, split), k -> new HashMap<>())
                            .put(e.hostname(), e.detail().substring(split + 1));
                });
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        lastValue.forEach((key, byVm) -> counts.put(key, byVm.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))));
        return counts;
    }
}
