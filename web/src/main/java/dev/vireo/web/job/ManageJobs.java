package dev.vireo.web.job;

import dev.vireo.error.VireoException;
import dev.vireo.job.JobRunView;
import dev.vireo.job.JobService;
import dev.vireo.job.JobUpdate;
import dev.vireo.job.JobView;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The console's jobs page: every scheduled job, its last runs; enable, disable, run now, re-schedule. */
@Named
@ViewScoped
public class ManageJobs implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    JobService jobs;

    /** The job whose runs the page shows, and the one the schedule form changes. */
    private String selected;
    private String schedule;

    /** A list PrimeFaces may sort in place. */
    public List<JobView> getJobs() {
        return new ArrayList<>(jobs.list());
    }

    /** The selected job's last runs, newest first; none while no job is selected. */
    public List<JobRunView> getRuns() {
        if (selected == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(jobs.get(selected).runs());
        } catch (VireoException e) {
            return new ArrayList<>();
        }
    }

    public void enable(String job, boolean enabled) {
        try {
            jobs.update(job, new JobUpdate(enabled, null));
            FacesErrors.info("Job " + job + (enabled ? " enabled" : " disabled: it runs no more until enabled"));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void run(String job) {
        try {
            jobs.runNow(job);
            FacesErrors.info("Job " + job + " runs within seconds");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** Shows the job's runs and puts its schedule into the schedule form. */
    public void select(String job) {
        try {
            schedule = jobs.get(job).schedule();
            selected = job;
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void reschedule() {
        try {
            JobView changed = jobs.update(selected, new JobUpdate(null, schedule));
            schedule = changed.schedule();
            FacesErrors.info("Job " + changed.name() + " now runs " + changed.schedule());
        } catch (VireoException e) {
            FacesErrors.show(e, "schedule-form");
        }
    }

    /** A run's duration as people read it. */
    public String duration(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public String getSelected() { return selected; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
}
