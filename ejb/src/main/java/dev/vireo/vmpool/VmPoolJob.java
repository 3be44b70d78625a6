package dev.vireo.vmpool;

import dev.vireo.job.JobDefinition;
import dev.vireo.job.JobRegistry;
import dev.vireo.job.JobWork;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * When {@link VmPoolManager} runs a round: a job of the {@link JobRegistry} (once per period for all
 * servers, never two rounds at once), every five seconds or within a second when something asked
 * for one ({@link #nudge}: a VM checked out or given back, a pool changed).
 */
@Startup
@Singleton
// no state of its own to guard: a container lock would queue every concurrent checkout's nudge
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VmPoolJob {

    static final String NAME = "vmpool-manager";

    @EJB
    JobRegistry jobs;

    @EJB
    VmPoolManager manager;

    @PostConstruct
    void register() {
        jobs.register(JobDefinition.cluster(NAME, "every 5s",
                "Keeps every VM pool at its size: clones and starts missing VMs, retires expired and broken ones"),
                JobWork.of(manager::runRound));
    }

    /** Asks for a round within a second (unless the job is disabled); it touches no database, so it joins the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void nudge() {
        jobs.runSoon(NAME);
    }
}
