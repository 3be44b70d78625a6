package dev.vireo.persistence.node;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * How often something that every server keeps in memory has changed (e.g. {@value #ACCOUNTS}: who
 * may do what): a change bumps it in its own transaction, and a server whose memory was read at
 * another generation reads it again, so that a change made through one server holds on all.
 */
@Entity
@Table(name = "shared_generation")
@NamedQuery(name = SharedGeneration.BUMP,
        query = "update SharedGeneration g set g.generation = g.generation + 1 where g.name = :name")
public class SharedGeneration {

    /** Accounts, groups and roles: the permissions each account resolves to. */
    public static final String ACCOUNTS = "accounts";
    /** Adds one to the generation of {@code :name}. */
    public static final String BUMP = "SharedGeneration.bump";

    @Id
    @Column(length = 64)
    private String name;

    @Column(nullable = false)
    private long generation;

    protected SharedGeneration() {
    }

    public String getName() {
        return name;
    }

    public long getGeneration() {
        return generation;
    }
}
