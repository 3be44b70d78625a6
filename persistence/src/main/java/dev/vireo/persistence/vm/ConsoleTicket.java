package dev.vireo.persistence.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A web console ticket as every server sees it: issued by the connect action on one node, spent on
 * any node by {@link #REDEEM}, a single conditional delete, so of two servers presenting it at
 * once only one deletes the row. The secret itself is never stored, only its SHA-256.
 */
@Entity
@Table(name = "console_ticket")
@NamedQuery(name = ConsoleTicket.REDEEM, query = "delete from ConsoleTicket t where t.secretHash = :hash"
        + " and t.vm = :vm and t.account = :account and t.validTo > :now")
@NamedQuery(name = ConsoleTicket.REMOVE_EXPIRED, query = "delete from ConsoleTicket t where t.validTo <= :now")
public class ConsoleTicket {

    /** Spends ticket {@code :hash} if it was issued to {@code :account} for {@code :vm} and is valid at {@code :now}. */
    public static final String REDEEM = "ConsoleTicket.redeem";
    /** Removes the tickets no longer valid at {@code :now}. */
    public static final String REMOVE_EXPIRED = "ConsoleTicket.removeExpired";
    public static final int NAME_LENGTH = 255;

    @Id
    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(nullable = false, length = NAME_LENGTH)
    private String vm;

    @Column(nullable = false, length = NAME_LENGTH)
    private String account;

    @Column(name = "valid_to", nullable = false)
    private Instant validTo;

    protected ConsoleTicket() {
    }

    public ConsoleTicket(String secret, String vm, String account, Instant validTo) {
        this.secretHash = hash(secret);
        this.vm = vm;
        this.account = account;
        this.validTo = validTo;
    }

    /** The stored form of a ticket's secret: its SHA-256, in hex. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public String getSecretHash() {
        return secretHash;
    }

    public String getVm() {
        return vm;
    }

    public String getAccount() {
        return account;
    }

    public Instant getValidTo() {
        return validTo;
    }
}
