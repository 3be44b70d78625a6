package dev.vireo.persistence.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A person or script that signs in to Vireo. The password is kept only as a salted slow hash. */
@Entity
@Table(name = "account", uniqueConstraints = @UniqueConstraint(name = "account_name", columnNames = "name"))
@NamedQuery(name = Account.BY_NAME, query = "select a from Account a where a.name = :name")
public class Account {

    public static final String BY_NAME = "Account.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 200)
    private String nick;

    @Column(length = 254)
    private String mail;

    @Column(name = "password_hash", nullable = false, length = 400)
    private String passwordHash;

    @Column(nullable = false)
    private Instant created;

    @ManyToMany(mappedBy = "members")
    private Set<UserGroup> groups = new HashSet<>();

    protected Account() {
    }

    public Account(String name, String passwordHash, Instant created) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getNick() {
        return nick;
    }

    public void setNick(String nick) {
        this.nick = nick;
    }

    public String getMail() {
        return mail;
    }

    public void setMail(String mail) {
        this.mail = mail;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant getCreated() {
        return created;
    }

    public Set<UserGroup> getGroups() {
        return groups;
    }
}
