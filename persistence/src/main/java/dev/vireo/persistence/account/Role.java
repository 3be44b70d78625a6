package dev.vireo.persistence.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.HashSet;
import java.util.Set;

/** A named set of permissions (Nano's role with its {@code menu}, generalised). */
@Entity
@Table(name = "role")
@NamedQuery(name = Role.ALL, query = "select r from Role r order by r.name")
public class Role {

    public static final String ALL = "Role.all";

    @Id
    @Column(length = 64)
    private String name;

    @Version
    private long version;

    @Column(nullable = false)
    private boolean builtin;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "role_permission", joinColumns = @JoinColumn(name = "role_name"))
    @Column(name = "permission", nullable = false, length = 64)
    private Set<String> permissions = new HashSet<>();

    protected Role() {
    }

    public Role(String name, boolean builtin, Set<String> permissions) {
        this.name = name;
        this.builtin = builtin;
        this.permissions = new HashSet<>(permissions);
    }

    public String getName() {
        return name;
    }

    public boolean isBuiltin() {
        return builtin;
    }

    public Set<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(Set<String> permissions) {
        this.permissions = new HashSet<>(permissions);
    }
}
