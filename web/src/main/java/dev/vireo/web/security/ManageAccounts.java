package dev.vireo.web.security;

import dev.vireo.error.VireoException;
import dev.vireo.security.AccountService;
import dev.vireo.security.BuiltinRole;
import dev.vireo.security.GroupRequest;
import dev.vireo.security.GroupView;
import dev.vireo.security.RoleRequest;
import dev.vireo.security.RoleView;
import dev.vireo.security.UserRequest;
import dev.vireo.security.UserView;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Users, user groups and roles: everyone with {@code account.read} sees them, {@code account.manage}
 * creates and deletes them, changes group membership and gives roles to (or takes them from) groups. The lists are read once per change, not
 * once per getter call.
 */
@Named
@ViewScoped
public class ManageAccounts implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AccountService accounts;

    private transient List<UserView> users;
    private transient List<GroupView> groups;
    private transient List<RoleView> roles;

    // new user
    private String userName;
    private String password;
    private String nick;
    private String mail;
    private String userGroup = "users";

    // new group
    private String groupName;
    private String display;
    private List<String> groupRoles = new ArrayList<>();

    // new role
    private String roleName;
    private List<String> permissions = new ArrayList<>();

    // membership
    private String memberGroup;
    private String member;

    // a role given to a group
    private String grantedRole;
    private String grantGroup;

    public List<UserView> getUsers() {
        if (users == null) {
            users = accounts.users().stream().map(accounts::user).toList();
        }
        return users;
    }

    public List<GroupView> getGroups() {
        if (groups == null) {
            groups = accounts.groups().stream().map(group -> accounts.group(group.name())).toList();
        }
        return groups;
    }

    public List<RoleView> getRoles() {
        if (roles == null) {
            roles = accounts.roles().stream().map(accounts::role).toList();
        }
        return roles;
    }

    public List<String> getAllPermissions() {
        return accounts.permissions();
    }

    public List<String> getUserNames() {
        return getUsers().stream().map(UserView::name).toList();
    }

    public List<String> getGroupNames() {
        return getGroups().stream().map(GroupView::name).toList();
    }

    /** The groups whose roles may change. */
    public List<String> getChangeableGroupNames() {
        return getGroupNames().stream().filter(group -> !isBuiltin(group)).toList();
    }

    /** A built-in group keeps its roles and cannot be deleted. */
    public boolean isBuiltin(String group) {
        return BuiltinRole.isBuiltinGroup(group);
    }

    public List<String> getRoleNames() {
        return getRoles().stream().map(RoleView::name).toList();
    }

    /** Before each render: read again, so that changes made elsewhere (the API, another admin) show. */
    public void refresh() {
        changed();
    }

    private void changed() {
        users = null;
        groups = null;
        roles = null;
    }

    public void createUser() {
        try {
            UserView created = accounts.createUser(new UserRequest(userName, blankToNull(nick), blankToNull(mail), password,
                    userGroup == null || userGroup.isBlank() ? null : List.of(userGroup)));
            FacesErrors.info("User " + created.name() + " created");
            userName = null;
            password = null;
            nick = null;
            mail = null;
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e, "new-user");
        }
    }

    public void deleteUser(String name) {
        try {
            accounts.deleteUser(name);
            FacesErrors.info("User " + name + " deleted");
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void createGroup() {
        try {
            GroupView created = accounts.createGroup(new GroupRequest(groupName, blankToNull(display), List.copyOf(groupRoles)));
            FacesErrors.info("User group " + created.name() + " created");
            groupName = null;
            display = null;
            groupRoles = new ArrayList<>();
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e, "new-group");
        }
    }

    public void deleteGroup(String name) {
        try {
            accounts.deleteGroup(name);
            FacesErrors.info("User group " + name + " deleted");
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void addMember() {
        try {
            accounts.addMember(memberGroup, member);
            FacesErrors.info("User " + member + " added to " + memberGroup);
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e, "membership");
        }
    }

    public void removeMember(String group, String user) {
        try {
            accounts.removeMember(group, user);
            FacesErrors.info("User " + user + " removed from " + group);
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void giveRole() {
        try {
            List<String> roles = new ArrayList<>(accounts.group(grantGroup).role());
            if (!roles.contains(grantedRole)) {
                roles.add(grantedRole);
            }
            accounts.updateGroup(grantGroup, new GroupRequest(null, null, roles));
            FacesErrors.info("Role " + grantedRole + " given to " + grantGroup);
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e, "role-grant");
        }
    }

    public void takeRole(String group, String role) {
        try {
            List<String> roles = new ArrayList<>(accounts.group(group).role());
            roles.remove(role);
            accounts.updateGroup(group, new GroupRequest(null, null, roles));
            FacesErrors.info("Role " + role + " taken from " + group);
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void createRole() {
        try {
            RoleView created = accounts.createRole(new RoleRequest(roleName, List.copyOf(permissions)));
            FacesErrors.info("Role " + created.name() + " created");
            roleName = null;
            permissions = new ArrayList<>();
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e, "new-role");
        }
    }

    public void deleteRole(String name) {
        try {
            accounts.deleteRole(name);
            FacesErrors.info("Role " + name + " deleted");
            changed();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public String join(List<String> names) {
        return names == null ? "" : String.join(", ", names);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getNick() { return nick; }
    public void setNick(String nick) { this.nick = nick; }
    public String getMail() { return mail; }
    public void setMail(String mail) { this.mail = mail; }
    public String getUserGroup() { return userGroup; }
    public void setUserGroup(String userGroup) { this.userGroup = userGroup; }
    public String getGroupName() { return groupName; }
    public void setGroupName(String groupName) { this.groupName = groupName; }
    public String getDisplay() { return display; }
    public void setDisplay(String display) { this.display = display; }
    public List<String> getGroupRoles() { return groupRoles; }
    public void setGroupRoles(List<String> groupRoles) { this.groupRoles = groupRoles; }
    public String getRoleName() { return roleName; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public List<String> getPermissions() { return permissions; }
    public void setPermissions(List<String> permissions) { this.permissions = permissions; }
    public String getMemberGroup() { return memberGroup; }
    public void setMemberGroup(String memberGroup) { this.memberGroup = memberGroup; }
    public String getMember() { return member; }
    public void setMember(String member) { this.member = member; }
    public String getGrantedRole() { return grantedRole; }
    public void setGrantedRole(String grantedRole) { this.grantedRole = grantedRole; }
    public String getGrantGroup() { return grantGroup; }
    public void setGrantGroup(String grantGroup) { this.grantGroup = grantGroup; }
}
