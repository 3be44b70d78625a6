package dev.vireo.vmpool;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ready VMs this server's checkouts are trying to win now, each until the transaction that
 * tried ends. Only a hint, so that concurrent checkouts spread over different rows instead of
 * queueing on one row's lock: which checkout wins a VM is still decided by the database (the
 * conditional update), on this server as across servers. On PostgreSQL the database passes over
 * rows that other servers' checkouts hold as well ({@link #skipsLocked}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CheckoutClaims {

    private final Set<Long> claimed = ConcurrentHashMap.newKeySet();

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "java:jboss/datasources/VireoDS")
    DataSource database;

    private volatile Boolean skipsLocked;

    /**
     * Whether the database is PostgreSQL, whose {@code for update skip locked} lets a checkout pass
     * over a row another transaction (of any server) holds instead of waiting for it. H2 2.2.224 is
     * not asked to: of 50 such selects at once over 50 free rows, most came back empty.
     */
    public boolean skipsLocked() {
        Boolean known = skipsLocked;
        if (known == null) {
            try (Connection connection = database.getConnection()) {
                known = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
            } catch (SQLException e) {
                throw new EJBException("Cannot tell which database VireoDS is", e);
            }
            skipsLocked = known;
        }
        return known;
    }

    /** Claims the VM for the caller's transaction; false when another transaction of this server has it. */
    public boolean claim(long vmId) {
        if (!claimed.add(vmId)) {
            return false;
        }
        ofThisTransaction().add(vmId);
        return true;
    }

    @SuppressWarnings("unchecked")
    private List<Long> ofThisTransaction() {
        List<Long> mine = (List<Long>) transactions.getResource(CheckoutClaims.class);
        if (mine == null) {
            List<Long> ids = new ArrayList<>();
            transactions.putResource(CheckoutClaims.class, ids);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    claimed.removeAll(ids);
                }
            });
            mine = ids;
        }
        return mine;
    }
}
