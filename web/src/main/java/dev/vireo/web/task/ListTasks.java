package dev.vireo.web.task;

import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** The tasks the user may see (everyone's with scope.all), newest first, optionally of one status. */
@Named
@ViewScoped
public class ListTasks implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    TaskService tasks;

    private String status;

    public List<TaskView> getTasks() {
        return tasks.list(status == null || status.isBlank() ? null : status, null).stream()
                .sorted(Comparator.comparing(TaskView::created, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
