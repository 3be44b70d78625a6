package dev.vireo.template;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The templates' icons by template name, which every VM view shows: read once and kept, so that
 * reading a VM reads no database. A template changed through this server is read again once its
 * transaction commits; one changed through another server (several share the database) shows
 * here after at most {@link #OTHER_SERVERS}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TemplateIcons {

    static final Duration OTHER_SERVERS = Duration.ofSeconds(10);

    private record Kept(Map<String, String> icons, long readAtNanos) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final AtomicLong generation = new AtomicLong();
    private volatile Kept kept;

    /** The icon of every template that has one. */
    public Map<String, String> all() {
        Kept current = kept;
        if (current != null && System.nanoTime() - current.readAtNanos() < OTHER_SERVERS.toNanos()) {
            return current.icons();
        }
        long before = generation.get();
        long readAt = System.nanoTime();
        Map<String, String> icons = new HashMap<>();
        em.createQuery("select t.name, t.icon from Template t where t.icon is not null", Object[].class)
                .getResultList().forEach(row -> icons.put((String) row[0], (String) row[1]));
        Map<String, String> read = Map.copyOf(icons);
        if (generation.get() == before) {
            kept = new Kept(read, readAt);
        }
        return read;
    }

    /** Templates change in the current transaction: their icons are read again once it commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void changing() {
        forget();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                forget();
            }
        });
    }

    private void forget() {
        generation.incrementAndGet();
        kept = null;
    }
}
