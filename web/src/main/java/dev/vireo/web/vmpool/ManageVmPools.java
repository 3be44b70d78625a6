package dev.vireo.web.vmpool;

import dev.vireo.error.VireoException;
import dev.vireo.template.TemplateService;
import dev.vireo.template.TemplateView;
import dev.vireo.vmpool.PoolSummaries;
import dev.vireo.vmpool.PoolVmView;
import dev.vireo.vmpool.VmPoolRequest;
import dev.vireo.vmpool.VmPoolService;
import dev.vireo.vmpool.VmPoolView;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.web.console.ConsoleUser;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.console.LineChart;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.primefaces.event.RowEditEvent;

/**
 * The console's VM pools page: every pool with its ready, pending and checked-out VMs against its
 * size; size and template changed in the table's row; create, delete, reset (drain and refill); a
 * pool's VMs; clone and boot durations of the last days from the recorded events.
 */
@Named
@ViewScoped
public class ManageVmPools implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The ranges of days the duration chart offers. */
    static final List<Integer> CHART_DAYS = List.of(7, 30, 90);

    @EJB
    VmPoolService service;

    @EJB
    PoolSummaries summaries;

    @EJB
    TemplateService templateService;

    @Inject
    ConsoleUser user;

    @Inject
    ConsoleFormat format;

    /** A pool as the table shows it; its size and template are what the row editor changes. */
    public static final class PoolRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final VmPoolView pool;
        private int size;
        private String template;

        PoolRow(VmPoolView pool) {
            this.pool = pool;
            this.size = pool.size();
            this.template = pool.template();
        }

        public VmPoolView getPool() { return pool; }
        public String getName() { return pool.name(); }
        public int getSize() { return size; }
        public void setSize(int size) { this.size = size; }
        public String getTemplate() { return template; }
        public void setTemplate(String template) { this.template = template; }

        /** A count as a bar against the pool's size (full when the pool is empty or over it). */
        public int percent(int count) {
            return pool.size() == 0 ? (count == 0 ? 0 : 100) : Math.min(100, count * 100 / pool.size());
        }
    }

    private List<PoolRow> pools;
    /** The templates offered, read once per refresh (every row's editor offers them). */
    private transient List<String> templates;
    /** The chart's summary, computed once per range and refresh. */
    private transient PoolSummaries.Summary summary;
    private String selected;
    private int chartDays = CHART_DAYS.get(0);

    // the new pool's form
    private String name;
    private String template;
    private Integer size = 1;
    private String aliases;
    private Integer defaultLifetime;
    private Integer maxLifetime;
    private String domain;

    /** The table's rows, read once per refresh: the row editor writes into these very rows. */
    public List<PoolRow> getPools() {
        if (pools == null) {
            pools = service.list().stream().map(PoolRow::new).collect(Collectors.toCollection(ArrayList::new));
        }
        return pools;
    }

    /** Reads the pools again (the page's poll, and after each change). */
    public void refresh() {
        pools = null;
        templates = null;
        summary = null;
    }

    private PoolSummaries.Summary summary() {
        if (summary == null) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            summary = summaries.summarize(today.minusDays(chartDays - 1L).toString(), today.toString());
        }
        return summary;
    }

    /** The templates a pool may use: every template the user may see, else those the pools use now. */
    public List<String> getTemplates() {
        if (templates == null) {
            TreeSet<String> names = new TreeSet<>();
            if (user.may("template.read")) {
                templateService.list().stream().map(TemplateView::name).forEach(names::add);
            }
            getPools().forEach(row -> names.add(row.getPool().template()));
            templates = new ArrayList<>(names);
        }
        return templates;
    }

    /** The row editor's save: the row's size and template, through the service and its validation. */
    public void rowEdited(RowEditEvent<PoolRow> event) {
        PoolRow row = event.getObject();
        VmPoolView before = row.getPool();
        Integer newSize = row.getSize() == before.size() ? null : row.getSize();
        String newTemplate = row.getTemplate() == null || row.getTemplate().equals(before.template()) ? null : row.getTemplate();
        if (newSize == null && newTemplate == null) {
            refresh();
            return;
        }
        try {
            VmPoolView changed = service.update(before.name(),
                    new VmPoolRequest(null, null, newTemplate, newSize, null, null, null, null, null));
            FacesErrors.info("VM pool " + changed.name() + " now keeps " + changed.size() + " ready of template "
                    + changed.template() + (newTemplate == null ? "" : ": its ready VMs are replaced"));
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e);
            // the row stays open with what was typed, so that it can be corrected or cancelled
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    public void create() {
        try {
            VmPoolView created = service.create(new VmPoolRequest(blankToNull(name),
                    aliases == null ? null : ConsoleFormat.list(aliases), blankToNull(template), size, defaultLifetime,
                    maxLifetime, null, null, blankToNull(domain)));
            FacesErrors.info("VM pool " + created.name() + " created: it fills to " + created.size() + " ready VMs");
            name = null;
            aliases = null;
            domain = null;
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e, "new-pool");
        }
    }

    public void delete(String pool) {
        try {
            service.delete(pool);
            FacesErrors.info("VM pool " + pool + " deleted with its ready VMs");
            if (pool.equals(selected)) {
                selected = null;
            }
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    public void reset(String pool) {
        try {
            service.reset(List.of(pool));
            FacesErrors.info("VM pool " + pool + " reset: its ready and pending VMs are replaced");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    /** Shows the pool's VMs under the table. */
    public void select(String pool) {
        selected = pool;
    }

    /** The selected pool's VMs; none while no pool is selected or once it is gone. */
    public List<PoolVmView> getVms() {
        if (selected == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(service.vms(selected));
        } catch (VireoException e) {
            return new ArrayList<>();
        }
    }

    /**
     * Average and longest clone and boot-to-ready durations per day (seconds) over the chosen
     * range, from the recorded events as vmpooler's summary computes them; a day without any is a gap.
     */
    public String getDurationChart() {
        PoolSummaries.Summary summary = summary();
        List<String> labels = summary.daily().stream().map(day -> day.date().toString().substring(5)).toList();
        List<Double> cloneAverage = new ArrayList<>();
        List<Double> cloneMax = new ArrayList<>();
        List<Double> bootAverage = new ArrayList<>();
        List<Double> bootMax = new ArrayList<>();
        for (PoolSummaries.Day day : summary.daily()) {
            VmPoolService.Durations clones = day.period().clones();
            VmPoolService.Durations boots = day.period().boots();
            cloneAverage.add(clones.count() == 0 ? null : clones.average());
            cloneMax.add(clones.count() == 0 ? null : clones.max());
            bootAverage.add(boots.count() == 0 ? null : boots.average());
            bootMax.add(boots.count() == 0 ? null : boots.max());
        }
        return LineChart.labelled(labels).markers()
                .series("clone, average (s)", "#1e6b52", cloneAverage)
                .series("clone, longest (s)", "#8cc5b0", cloneMax)
                .series("boot to ready, average (s)", "#1f5fa8", bootAverage)
                .series("boot to ready, longest (s)", "#9bbce3", bootMax)
                .json();
    }

    /** The clone and boot figures of the chart's range, in a sentence. */
    public String getDurationTotals() {
        PoolSummaries.Summary summary = summary();
        VmPoolService.Durations clones = summary.overall().clones();
        VmPoolService.Durations boots = summary.overall().boots();
        return String.format(Locale.ROOT, "%d clones (average %.2f s, longest %.2f s), %d boots to ready"
                        + " (average %.2f s, longest %.2f s) in the last %d days", clones.count(), clones.average(),
                clones.max(), boots.count(), boots.average(), boots.max(), chartDays);
    }

    /** An instant the services give as text, to the second in UTC; blank when none. */
    public String when(String instant) {
        return instant == null ? "" : format.time(Instant.parse(instant));
    }

    /** Hours as people read them: "23 h 59 min". */
    public String hours(Double hours) {
        if (hours == null) {
            return "";
        }
        long minutes = Math.round(hours * 60);
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** Names separated by commas. */
    public String joined(List<String> names) {
        return String.join(", ", names);
    }

    /** Tags as "key=value" separated by commas. */
    public String tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", "));
    }

    /** The holder of a checked-out VM; the pool's own VMs have none. */
    public String holder(PoolVmView vm) {
        return "running".equals(vm.state()) ? vm.owner() : "";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public List<Integer> getChartRanges() { return CHART_DAYS; }
    public int getChartDays() { return chartDays; }
    public void setChartDays(int chartDays) {
        this.chartDays = CHART_DAYS.contains(chartDays) ? chartDays : CHART_DAYS.get(0);
        summary = null;
    }
    public String getSelected() { return selected; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTemplate() { return template; }
    public void setTemplate(String template) { this.template = template; }
    public Integer getSize() { return size; }
    public void setSize(Integer size) { this.size = size; }
    public String getAliases() { return aliases; }
    public void setAliases(String aliases) { this.aliases = aliases; }
    public Integer getDefaultLifetime() { return defaultLifetime; }
    public void setDefaultLifetime(Integer defaultLifetime) { this.defaultLifetime = defaultLifetime; }
    public Integer getMaxLifetime() { return maxLifetime; }
    public void setMaxLifetime(Integer maxLifetime) { this.maxLifetime = maxLifetime; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
}
