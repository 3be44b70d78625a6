package dev.vireo.batch;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.batch.Batch;
import dev.vireo.persistence.batch.BatchItem;
import dev.vireo.persistence.task.Task;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import dev.vireo.vm.DeletionSteps;
import dev.vireo.vm.GuestService;
import dev.vireo.vm.GuestSpec;
import dev.vireo.vm.VmCreateRequest;
import dev.vireo.vm.VmService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches of VM creations and deletions (Nano's batch API). Each item is one ordinary creation or
 * deletion, with its own checks, locks, audit entry and outcome: an item refused or failed is
 * recorded with its reason, and the others go on. Creations and deletions run concurrently, each
 * in its own task; the batch is recorded before the first item starts, so it can be read while it runs.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
// every item is a service call with its own transaction: one item's rollback must not undo another's
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchService {

    public static final int MAX_COUNT = 100;
    static final String ORDER = "order";
    static final String DEFAULT_PREFIX = "guest";
    private static final String TASKS = "/api/tasks/";

    @EJB
    VmService vms;

    @EJB
    GuestService guests;

    @EJB
    BatchRecorder recorder;

    @EJB
    Callers callers;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /**
     * Creates {@code count} VMs of one spec, named in order; answers once every item was started
     * or refused, while the creations run.
     */
    @RolesAllowed(Permission.VM_CREATE)
    public BatchView createGuests(GuestBatchRequest request) {
        if (request == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "count");
        }
        String rule = request.nameRule() == null ? ORDER : request.nameRule();
        if (!ORDER.equals(rule)) {
            throw new VireoException(ErrorCode.BATCH_NAME_RULE, rule);
        }
        if (request.count() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "count");
        }
        if (request.count() < 1 || request.count() > MAX_COUNT) {
            throw new VireoException(ErrorCode.BATCH_COUNT, MAX_COUNT, request.count());
        }
        if (request.spec() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "spec");
        }
        String prefix = request.namePrefix() == null ? DEFAULT_PREFIX : request.namePrefix();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            names.add(ResourceName.require("virtual machine", prefix + "_" + i));
        }
        long id = recorder.start(Batch.CREATE, callers.current().name(),
                names.stream().map(name -> new BatchItem(name, null)).toList());
        GuestSpec spec = request.spec();
        for (int i = 0; i < names.size(); i++) {
            try {
                VmService.Creation creation = vms.createWithId(new VmCreateRequest(names.get(i), null,
                        request.storagepool(), null, null, null, null, request.host(), request.computepool(), spec));
                recorder.submitted(id, i, creation.uuid(), Long.parseLong(creation.task().id()));
            } catch (VireoException e) {
                recorder.fail(id, i, e.code() + ": " + e.reason());
            } catch (RuntimeException e) {
                recorder.fail(id, i, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return get(Long.toString(id));
    }

    /**
     * Deletes VMs by UUID, each in a task of its own; answers once every item was started or
     * refused, while the deletions run. Each item is authorized and locked here, so that a refusal
     * is in the answer and no VM changes hands before its task deletes it; the tasks record the steps.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    public BatchView deleteGuests(GuestBatchDeletion request) {
        if (request == null || request.guests() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "guests");
        }
        List<String> ids = request.guests();
        if (ids.isEmpty() || ids.size() > MAX_COUNT) {
            throw new VireoException(ErrorCode.BATCH_COUNT, MAX_COUNT, ids.size());
        }
        if (ids.contains(null)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "guests", "a list of guest ids without null");
        }
        boolean force = Boolean.TRUE.equals(request.force());
        long id = recorder.start(Batch.DELETE, callers.current().name(),
                ids.stream().map(guest -> new BatchItem(null, guest)).toList());
        for (int i = 0; i < ids.size(); i++) {
            try {
                guests.deleteInTask(ids.get(i), force, new ItemSteps(recorder, id, i));
            } catch (VireoException e) {
                recorder.fail(id, i, e.code() + ": " + e.reason());
            } catch (RuntimeException e) {
                recorder.fail(id, i, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return get(Long.toString(id));
    }

    /** One deletion item's steps, recorded as its task takes them (through the container's proxy). */
    private record ItemSteps(BatchRecorder recorder, long batch, int item) implements DeletionSteps {

        @Override
        public void deleting() {
            recorder.status(batch, item, BatchItem.DELETING);
        }

        @Override
        public void deleted() {
            recorder.status(batch, item, BatchItem.DELETED);
        }

        @Override
        public void failed(String reason) {
            recorder.fail(batch, item, reason);
        }
    }

    /** A batch of the caller's (anyone's for callers that see everything), each item as it stands now. */
    public BatchView get(String id) {
        Long key = parse(id);
        // outside a transaction every find reads the database afresh: what the items' own transactions wrote
        Batch batch = key == null ? null : em.find(Batch.class, key);
        if (batch == null || !callers.current().mayUseOwnedBy(batch.getOwner())) {
            throw new VireoException(ErrorCode.BATCH_NOT_FOUND, id);
        }
        return view(batch);
    }

    /** The caller's batches (everyone's for callers that see everything), newest first, at most {@code limit}. */
    public List<BatchView> list(int limit) {
        Caller caller = callers.current();
        return em.createNamedQuery(Batch.NEWEST_FIRST, Batch.class).getResultStream()
                .filter(batch -> caller.mayUseOwnedBy(batch.getOwner())).limit(limit).map(this::view).toList();
    }

    private BatchView view(Batch batch) {
        List<BatchView.Item> items = batch.getItems().stream().map(this::item).toList();
        return new BatchView(batch.getId().toString(), batch.getKind(), batch.getOwner(),
                items.stream().anyMatch(BatchView.Item::running), items);
    }

    /** {@link #get}, refused (404) unless it is a batch of {@code kind}. */
    public BatchView get(String id, String kind) {
        BatchView batch = get(id);
        if (!batch.kind().equals(kind)) {
            throw new VireoException(ErrorCode.BATCH_KIND, id, kind);
        }
        return batch;
    }

    private BatchView.Item item(BatchItem item) {
        if (!BatchItem.SUBMITTED.equals(item.getStatus())) {
            return new BatchView.Item(item.getName(), item.getGuestId(), item.getStatus(), null, item.getError(), null);
        }
        String taskUri = TASKS + item.getTaskId();
        Task task = em.find(Task.class, item.getTaskId());
        if (task == null) {
            return new BatchView.Item(item.getName(), item.getGuestId(), BatchItem.FAILED, null,
                    "its task " + item.getTaskId() + " is gone", taskUri);
        }
        return switch (task.getStatus()) {
            case RUNNING -> new BatchView.Item(item.getName(), item.getGuestId(), "creating", task.getProgress(), null,
                    taskUri);
            case FINISHED -> new BatchView.Item(item.getName(), item.getGuestId(), "created", null, null, taskUri);
            default -> new BatchView.Item(item.getName(), item.getGuestId(), BatchItem.FAILED, null, task.getMessage(),
                    taskUri);
        };
    }

    private static Long parse(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
