package dev.vireo.security;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.account.AccessKey;
import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.account.Role;
import dev.vireo.persistence.account.UserGroup;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Users, user groups and roles (Nano's front-end management, Kimchi's users and groups). Every
 * change makes the account directory resolve callers again once it commits.
 */
@Stateless
@RolesAllowed(Permission.ACCOUNT_READ)
public class AccountService {

    private static final Pattern MAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Inject
    Passwords passwords;

    @EJB
    Callers callers;

    @EJB
    AccountDirectory directory;

    private final Clock clock = Clock.systemUTC();

    // users

    public List<String> users() {
        return em.createQuery("select a.name from Account a order by a.name", String.class).getResultList();
    }

    /** Kimchi's {@code _user_id} check: the name if such a user exists, else nothing. */
    public List<String> usersNamed(String name) {
        return account(name).map(Account::getName).stream().toList();
    }

    /** Users may read themselves; reading others takes {@code account.read}. */
    @PermitAll
    public UserView user(String name) {
        requireSelfOr(Permission.ACCOUNT_READ, name);
        return view(existing(name));
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("user.create")
    public UserView createUser(UserRequest request) {
        String name = ResourceName.require("user", request.name());
        if (account(name).isPresent()) {
            throw new VireoException(ErrorCode.USER_EXISTS, name);
        }
        if (request.password() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "password");
        }
        List<UserGroup> groups = groups(request.groups() == null ? List.of(BuiltinRole.USER.groupName()) : request.groups());
        Account account = new Account(name, passwords.hash(name, request.password()), clock.instant());
        account.setNick(text(request.nick()));
        account.setMail(mail(request.mail()));
        em.persist(account);
        groups.forEach(group -> group.addMember(account));
        changed();
        return view(account);
    }

    /** Users may change their own nick and mail; others' take {@code account.manage}. */
    @PermitAll
    @Audited("user.update")
    public UserView updateUser(String name, UserRequest request) {
        requireSelfOr(Permission.ACCOUNT_MANAGE, name);
        if (request.password() != null) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "password", "change it through /users/" + name + "/password");
        }
        if (request.name() != null && !request.name().equals(name)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "name", "a user cannot be renamed");
        }
        Account account = existing(name);
        if (request.nick() != null) {
            account.setNick(text(request.nick()));
        }
        if (request.mail() != null) {
            account.setMail(mail(request.mail()));
        }
        if (request.groups() != null) {
            if (!callers.current().has(Permission.ACCOUNT_MANAGE)) {
                throw new VireoException(ErrorCode.NOT_ALLOWED, callers.current().name(), "change group membership");
            }
            List<UserGroup> wanted = groups(request.groups());
            refuseLosingLastAdmin(account, wanted);
            List.copyOf(account.getGroups()).forEach(group -> group.removeMember(account));
            wanted.forEach(group -> group.addMember(account));
        }
        changed();
        return view(account);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("user.delete")
    public void deleteUser(String name) {
        Account account = existing(name);
        refuseLosingLastAdmin(account, List.of());
        List.copyOf(account.getGroups()).forEach(group -> group.removeMember(account));
        em.createNamedQuery(AccessKey.DELETE_OF_OWNER).setParameter("owner", name).executeUpdate();
        em.remove(account);
        passwords.forget(name);
        changed();
    }

    /**
     * Nano's password change. Users prove themselves with the old password; callers with
     * {@code account.manage} may reset another user's without it. The user's sessions end, and
     * its API tokens too unless the change asks to keep them.
     */
    @PermitAll
    @Audited("user.password")
    public void changePassword(String name, PasswordChange change) {
        requireSelfOr(Permission.ACCOUNT_MANAGE, name);
        Account account = existing(name);
        if (change.newPassword() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "new");
        }
        boolean self = callers.current().name().equals(name);
        if (self || change.oldPassword() != null) {
            if (change.oldPassword() == null || !passwords.verify(name, change.oldPassword(), account.getPasswordHash())) {
                throw new VireoException(ErrorCode.WRONG_PASSWORD, name);
            }
        }
        account.setPasswordHash(passwords.hash(name, change.newPassword()));
        if (Boolean.TRUE.equals(change.keepTokens())) {
            em.createQuery("delete from AccessKey k where k.owner = :owner and k.kind = :kind")
                    .setParameter("owner", name).setParameter("kind", AccessKey.Kind.SESSION).executeUpdate();
        } else {
            em.createNamedQuery(AccessKey.DELETE_OF_OWNER).setParameter("owner", name).executeUpdate();
        }
        changed();
    }

    /**
     * Refuses (400) names of users or groups that do not exist, so that a VM is never shared
     * with nobody. Anyone who may share a VM may ask.
     */
    @PermitAll
    public void requireExisting(List<String> users, List<String> groups) {
        for (String user : users == null ? List.<String>of() : users) {
            if (!ResourceName.isValid(user) || account(user).isEmpty()) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "users", "no user is named '" + user + "'");
            }
        }
        for (String group : groups == null ? List.<String>of() : groups) {
            if (!ResourceName.isValid(group) || findGroup(group).isEmpty()) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "groups", "no user group is named '" + group + "'");
            }
        }
    }

    /** Nano's user search: the users of a group, or all users. */
    public List<String> search(String group) {
        if (group == null) {
            return users();
        }
        return existingGroup(group).getMembers().stream().map(Account::getName).sorted().toList();
    }

    // groups

    public List<GroupView.Summary> groups() {
        return em.createNamedQuery(UserGroup.ALL, UserGroup.class).getResultList().stream()
                .map(group -> new GroupView.Summary(group.getName(), group.getDisplay(), group.getMembers().size()))
                .toList();
    }

    public GroupView group(String name) {
        return view(existingGroup(name));
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("group.create")
    public GroupView createGroup(GroupRequest request) {
        String name = ResourceName.require("user group", request.name());
        if (findGroup(name).isPresent()) {
            throw new VireoException(ErrorCode.GROUP_EXISTS, name);
        }
        UserGroup group = new UserGroup(name, text(request.display()), roles(request.role() == null ? List.of() : request.role()));
        em.persist(group);
        changed();
        return view(group);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("group.update")
    public GroupView updateGroup(String name, GroupRequest request) {
        UserGroup group = existingGroup(name);
        if (request.name() != null && !request.name().equals(name)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "name", "a group cannot be renamed");
        }
        if (request.display() != null) {
            group.setDisplay(text(request.display()));
        }
        if (request.role() != null) {
            if (BuiltinRole.isBuiltinGroup(name)) {
                throw new VireoException(ErrorCode.GROUP_BUILTIN, name);
            }
            group.setRoles(roles(request.role()));
        }
        changed();
        return view(group);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("group.delete")
    public void deleteGroup(String name) {
        UserGroup group = existingGroup(name);
        if (BuiltinRole.isBuiltinGroup(name)) {
            throw new VireoException(ErrorCode.GROUP_BUILTIN, name);
        }
        List.copyOf(group.getMembers()).forEach(group::removeMember);
        em.remove(group);
        changed();
    }

    public List<String> members(String group) {
        return search(group);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited(value = "group.member.add", target = 2)
    public List<String> addMember(String group, String user) {
        existingGroup(group).addMember(existing(user));
        changed();
        return members(group);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited(value = "group.member.remove", target = 2)
    public void removeMember(String groupName, String user) {
        UserGroup group = existingGroup(groupName);
        Account account = existing(user);
        if (!group.getMembers().contains(account)) {
            throw new VireoException(ErrorCode.MEMBER_NOT_FOUND, user, groupName);
        }
        List<UserGroup> remaining = account.getGroups().stream().filter(g -> g != group).toList();
        refuseLosingLastAdmin(account, remaining);
        group.removeMember(account);
        changed();
    }

    // roles

    public List<String> roles() {
        return em.createNamedQuery(Role.ALL, Role.class).getResultList().stream().map(Role::getName).toList();
    }

    public RoleView role(String name) {
        return view(existingRole(name));
    }

    /** The permissions a role may grant. */
    public List<String> permissions() {
        return Permission.ALL;
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("role.create")
    public RoleView createRole(RoleRequest request) {
        String name = ResourceName.require("role", request.name());
        if (em.find(Role.class, name) != null) {
            throw new VireoException(ErrorCode.ROLE_EXISTS, name);
        }
        Role role = new Role(name, false, permissions(request.permissions()));
        em.persist(role);
        changed();
        return view(role);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("role.update")
    public RoleView updateRole(String name, RoleRequest request) {
        Role role = changeableRole(name);
        if (request.permissions() != null) {
            role.setPermissions(permissions(request.permissions()));
        }
        changed();
        return view(role);
    }

    @RolesAllowed(Permission.ACCOUNT_MANAGE)
    @Audited("role.delete")
    public void deleteRole(String name) {
        Role role = changeableRole(name);
        List<String> users = em.createNamedQuery(UserGroup.ALL, UserGroup.class).getResultList().stream()
                .filter(group -> group.getRoles().contains(name)).map(UserGroup::getName).toList();
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.ROLE_IN_USE, name, String.join(", ", users));
        }
        em.remove(role);
        changed();
    }

    // rules

    private void requireSelfOr(String permission, String name) {
        Caller caller = callers.current();
        if (!caller.name().equals(name) && !caller.has(permission)) {
            // another user's account does not exist for a caller who may not see it
            throw new VireoException(ErrorCode.USER_NOT_FOUND, name);
        }
    }

    /** Refuses a change that would leave no member in the built-in administrators group. */
    private void refuseLosingLastAdmin(Account account, Collection<UserGroup> groupsAfter) {
        UserGroup admins = findGroup(BuiltinRole.ADMIN.groupName()).orElse(null);
        if (admins != null && admins.getMembers().contains(account) && admins.getMembers().size() == 1
                && !groupsAfter.contains(admins)) {
            throw new VireoException(ErrorCode.LAST_ADMIN, account.getName());
        }
    }

    private Account existing(String name) {
        ResourceName.require("user", name);
        return account(name).orElseThrow(() -> new VireoException(ErrorCode.USER_NOT_FOUND, name));
    }

    private Optional<Account> account(String name) {
        return em.createNamedQuery(Account.BY_NAME, Account.class).setParameter("name", name).getResultStream().findFirst();
    }

    private UserGroup existingGroup(String name) {
        ResourceName.require("user group", name);
        return findGroup(name).orElseThrow(() -> new VireoException(ErrorCode.GROUP_NOT_FOUND, name));
    }

    private Optional<UserGroup> findGroup(String name) {
        return em.createNamedQuery(UserGroup.BY_NAME, UserGroup.class).setParameter("name", name).getResultStream().findFirst();
    }

    private List<UserGroup> groups(List<String> names) {
        return names.stream().distinct().map(this::existingGroup).toList();
    }

    private Role existingRole(String name) {
        ResourceName.require("role", name);
        Role role = em.find(Role.class, name);
        if (role == null) {
            throw new VireoException(ErrorCode.ROLE_NOT_FOUND, name);
        }
        return role;
    }

    private Role changeableRole(String name) {
        Role role = existingRole(name);
        if (role.isBuiltin()) {
            throw new VireoException(ErrorCode.ROLE_BUILTIN, name);
        }
        return role;
    }

    private Set<String> roles(List<String> names) {
        names.forEach(this::existingRole);
        return new TreeSet<>(names);
    }

    private static Set<String> permissions(List<String> permissions) {
        if (permissions == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "permissions");
        }
        for (String permission : permissions) {
            if (!Permission.isKnown(permission)) {
                throw new VireoException(ErrorCode.UNKNOWN_PERMISSION, permission, String.join(", ", Permission.ALL));
            }
        }
        return new TreeSet<>(permissions);
    }

    private static String text(String value) {
        if (value != null && value.length() > 200) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "text", "at most 200 characters");
        }
        return value;
    }

    private static String mail(String mail) {
        if (mail != null && !mail.isEmpty() && !MAIL.matcher(mail).matches()) {
            throw new VireoException(ErrorCode.INVALID_MAIL, mail);
        }
        return mail == null || mail.isEmpty() ? null : mail;
    }

    /** Callers, tokens and sessions are resolved again, on every server, once this transaction has committed. */
    private void changed() {
        directory.changing();
    }

    private UserView view(Account account) {
        Caller caller = directory.resolve(account);
        List<String> roles = account.getGroups().stream().flatMap(group -> group.getRoles().stream())
                .distinct().sorted().toList();
        return new UserView(account.getName(), account.getNick(), account.getMail(), account.getCreated(),
                account.getGroups().stream().map(UserGroup::getName).sorted().toList(), roles,
                caller.permissions().stream().sorted().toList());
    }

    private static GroupView view(UserGroup group) {
        return new GroupView(group.getName(), group.getDisplay(), group.getRoles().stream().sorted().toList(),
                group.getMembers().stream().map(Account::getName).sorted().toList());
    }

    private static RoleView view(Role role) {
        return new RoleView(role.getName(), role.getPermissions().stream().sorted().toList(), role.isBuiltin());
    }
}
