package dev.vireo.web.task;

import dev.vireo.error.VireoException;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.PrimeFaces;

/**
 * The long operation a page started: its progress bar while it runs (the page polls), then a
 * clear success or error message with the task's own words.
 */
@Named
@ViewScoped
public class FollowTask implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    TaskService tasks;

    private TaskView task;
    private String done;
    private String onEnd;

    public void follow(TaskView started) {
        follow(started, null);
    }

    /** Follows a task; {@code onEnd} is a script the page runs when it ended (e.g. to reload what it made). */
    public void follow(TaskView started, String onEnd) {
        task = started;
        done = null;
        this.onEnd = onEnd;
        refresh();
    }

    public void refresh() {
        if (task == null || !isRunning()) {
            return;
        }
        try {
            task = tasks.get(task.id());
        } catch (VireoException e) {
            FacesErrors.show(e);
            task = null;
            return;
        }
        if (!isRunning()) {
            boolean finished = "finished".equals(task.status());
            String summary = "Task " + task.id() + " (" + task.operation() + ") " + task.status()
                    + (task.message() == null || task.message().isBlank() ? "" : ": " + task.message());
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(
                    finished ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR, summary, null));
            done = task.status();
            if (onEnd != null) {
                PrimeFaces.current().executeScript(onEnd);
            }
        }
    }

    public boolean isRunning() {
        return task != null && "running".equals(task.status());
    }

    public TaskView getTask() {
        return task;
    }

    /** {@code finished} or {@code failed} once the followed task ended, else null. */
    public String getDone() {
        return done;
    }
}
