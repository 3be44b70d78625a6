package dev.vireo.security;

import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.account.Role;
import dev.vireo.persistence.account.UserGroup;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure the built-in roles and their groups exist as {@link BuiltinRole} says, and, on a
 * database without accounts, creates {@code admin} with the password from
 * {@code VIREO_ADMIN_PASSWORD}, or a generated one printed once to the log.
 */
@Singleton
@Startup
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());
    static final String ADMIN = "admin";

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    @ConfigProperty(name = "vireo.admin.password")
    Optional<String> adminPassword;

    @PostConstruct
    void prepare() {
        for (BuiltinRole builtin : BuiltinRole.values()) {
            Role role = em.find(Role.class, builtin.roleName());
            if (role == null) {
                em.persist(new Role(builtin.roleName(), true, builtin.permissions()));
            } else {
                role.setPermissions(builtin.permissions());
            }
            boolean groupExists = !em.createNamedQuery(UserGroup.BY_NAME, UserGroup.class)
                    .setParameter("name", builtin.groupName()).getResultList().isEmpty();
            if (!groupExists) {
                em.persist(new UserGroup(builtin.groupName(), builtin.groupDisplay(), java.util.Set.of(builtin.roleName())));
            }
        }
        long accounts = em.createQuery("select count(a) from Account a", Long.class).getSingleResult();
        if (accounts == 0) {
            createAdmin();
        }
    }

    private void createAdmin() {
        String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = Secrets.password();
        }
        Account admin = new Account(ADMIN, passwords.hash(ADMIN, password), Instant.now());
        admin.setNick("Administrator");
        em.persist(admin);
        em.flush();
        em.createNamedQuery(UserGroup.BY_NAME, UserGroup.class).setParameter("name", BuiltinRole.ADMIN.groupName())
                .getSingleResult().addMember(admin);
        if (generated) {
            LOG.warning("Created the first administrator 'admin' with the generated password " + password
                    + " (shown only this once; change it with PUT /api/users/admin/password)");
        } else {
            LOG.info("Created the first administrator 'admin' with the password from VIREO_ADMIN_PASSWORD");
        }
    }
}
