package dev.vireo.persistence.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.util.HashSet;
import java.util.Set;

/** A group of accounts: its roles apply to every member, and VMs can be shared with it. */
@Entity
@Table(name = "user_group", uniqueConstraints = @UniqueConstraint(name = "user_group_name", columnNames = "name"))
@NamedQuery(name = UserGroup.BY_NAME, query = "select g from UserGroup g where g.name = :name")
@NamedQuery(name = UserGroup.ALL, query = "select g from UserGroup g order by g.name")
public class UserGroup {

    public static final String BY_NAME = "UserGroup.byName";
    public static final String ALL = "UserGroup.all";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 200)
    private String display;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_group_role", joinColumns = @JoinColumn(name = "user_group_id"))
    @Column(name = "role", nullable = false, length = 64)
    private Set<String> roles = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "user_group_member",
            joinColumns = @JoinColumn(name = "user_group_id"),
            inverseJoinColumns = @JoinColumn(name = "account_id"))
    private Set<Account> members = new HashSet<>();

    protected UserGroup() {
    }

    public UserGroup(String name, String display, Set<String> roles) {
        this.name = name;
        this.display = display;
        this.roles = new HashSet<>(roles);
    }

    public String getName() {
        return name;
    }

    public String getDisplay() {
        return display;
    }

    public void setDisplay(String display) {
        this.display = display;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles = new HashSet<>(roles);
    }

    /** Keeps both sides of the membership in step. */
    public void addMember(Account account) {
        members.add(account);
        account.getGroups().add(this);
    }

    public void removeMember(Account account) {
        members.remove(account);
        account.getGroups().remove(this);
    }

    public Set<Account> getMembers() {
        return members;
    }
}
