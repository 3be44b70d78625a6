package dev.vireo.web.vmpooler;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.vmpool.PoolSummaries;
import dev.vireo.vmpool.VmPoolService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * vmpooler's {@code /summary[/{section}[/{key}]]?from&to}: the recorded events of a range of days
 * in vmpooler's shapes, overall and {@code daily}; Vireo adds a {@code checkout} section (by pool).
 */
@ApplicationScoped
@Path(VmpoolerFace.ROOT + "/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vmpooler")
public class VmpoolerSummary {

    private static final List<String> SECTIONS = List.of("boot", "clone", "checkout", "tag");

    @EJB
    PoolSummaries summaries;

    @GET
    @Operation(summary = "vmpooler: clone and boot durations (seconds; count per day: average, min, max, total), checkouts "
            + "by pool and tag counts of the days from to to (YYYY-MM-DD, UTC, inclusive; either left out is today), overall "
            + "and daily; 400 for an invalid date or range")
    public Map<String, Object> summary(@QueryParam("from") String from, @QueryParam("to") String to) {
        PoolSummaries.Summary summary = summaries.summarize(from, to);
        Map<String, Object> answer = overall(summary);
        answer.put("daily", summary.daily().stream().map(day -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("date", day.date().toString());
            entry.putAll(daily(day.period()));
            return entry;
        }).toList());
        return answer;
    }

    @GET
    @Path("{section}")
    @Operation(summary = "vmpooler: one section of the summary (boot, clone, checkout or tag), overall and daily; 404 for "
            + "another section")
    public Map<String, Object> section(@PathParam("section") String section, @QueryParam("from") String from,
                                       @QueryParam("to") String to) {
        return drillDown(section, Function.identity(), from, to);
    }

    @GET
    @Path("{section}/{key}")
    @Operation(summary = "vmpooler: one entry of a summary section, overall and daily: duration or count of boot and clone, "
            + "count or pool of checkout, a tag's key (its values' counts, empty when no VM had it)")
    public Map<String, Object> entry(@PathParam("section") String section, @PathParam("key") String key,
                                     @QueryParam("from") String from, @QueryParam("to") String to) {
        if (!section.equals("tag") && SECTIONS.contains(section)) {
            List<String> keys = section.equals("checkout") ? List.of("count", "pool") : List.of("duration", "count");
            if (!keys.contains(key)) {
                throw new VireoException(ErrorCode.VMPOOL_SUMMARY_SECTION, section + "/" + key,
                        String.join(" or ", keys.stream().map(k -> section + "/" + k).toList()));
            }
        }
        return drillDown(section, content -> {
            Map<String, Object> only = new LinkedHashMap<>();
            only.put(key, ((Map<?, ?>) content).containsKey(key) ? ((Map<?, ?>) content).get(key) : Map.of());
            return only;
        }, from, to);
    }

    private Map<String, Object> drillDown(String section, Function<Object, Object> part, String from, String to) {
        if (!SECTIONS.contains(section)) {
            throw new VireoException(ErrorCode.VMPOOL_SUMMARY_SECTION, section, String.join(", ", SECTIONS));
        }
        PoolSummaries.Summary summary = summaries.summarize(from, to);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(section, part.apply(overall(summary).get(section)));
        List<Object> daily = new ArrayList<>();
        summary.daily().forEach(day -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("date", day.date().toString());
            entry.put(section, part.apply(daily(day.period()).get(section)));
            daily.add(entry);
        });
        answer.put("daily", daily);
        return answer;
    }

    private static Map<String, Object> overall(PoolSummaries.Summary summary) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("boot", Map.of("duration", duration(summary.overall().boots()), "count", counts(summary.bootsPerDay())));
        answer.put("clone", Map.of("duration", duration(summary.overall().clones()), "count", counts(summary.clonesPerDay())));
        answer.put("checkout", Map.of("count", counts(summary.checkoutsPerDay()), "pool", summary.overall().checkouts()));
        answer.put("tag", tags(summary.overall().tags()));
        return answer;
    }

    private static Map<String, Object> daily(PoolSummaries.Period day) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("boot", VmpoolerStatus.durations(day.boots()));
        answer.put("clone", VmpoolerStatus.durations(day.clones()));
        answer.put("checkout", Map.of("count", Map.of("total", day.checkouts().values().stream().mapToLong(Long::longValue).sum()),
                "pool", day.checkouts()));
        answer.put("tag", tags(day.tags()));
        return answer;
    }

    private static Map<String, Object> duration(VmPoolService.Durations durations) {
        return VmpoolerStatus.figures(durations.average(), durations.min(), durations.max(), durations.total());
    }

    private static Map<String, Object> counts(PoolSummaries.Counts counts) {
        return VmpoolerStatus.figures(counts.average(), counts.min(), counts.max(), counts.total());
    }

    /** Each key's values with their counts, and their {@code total}, as vmpooler shows them. */
    private static Map<String, Object> tags(Map<String, Map<String, Long>> tags) {
        Map<String, Object> answer = new LinkedHashMap<>();
        tags.forEach((key, values) -> {
            Map<String, Object> counted = new LinkedHashMap<>(values);
            counted.put("total", values.values().stream().mapToLong(Long::longValue).sum());
            answer.put(key, counted);
        });
        return answer;
    }
}
