package dev.vireo.vm;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.GuestAuthRecord;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.Permission;
import dev.vireo.template.TemplateService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Crypt;

/**
 * A guest user's password (OpenStack's and Proxmox's "set password"): set in a running guest
 * through its QEMU guest agent, or, for a shut-off guest, by cloud-init at its next start from a
 * NoCloud seed drive Vireo makes and attaches. The last one set is kept sealed (see
 * {@link GuestPasswordSeal}) in the domain's metadata, so it can be read back, by those who may
 * manage the guest only. The audit log records who set which guest's password, never the password.
 */
@Stateless
@RolesAllowed(Permission.VM_MANAGE)
public class GuestPasswords {

    static final int GENERATED_LENGTH = 20;
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    /** A user name both Linux (useradd's default rule) and Windows accept. */
    static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    /** Letters and digits without the look-alikes (0/O, 1/l/I): read off a screen and typed into a console. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    VmAccess access;

    @EJB
    TemplateService templates;

    @EJB
    SeedStore seeds;

    @Inject
    GuestPasswordKey key;

    /**
     * Sets the password of {@code user} (by default the guest system's administrator: {@code Administrator}
     * on Windows, else {@code root}) to {@code password} (by default a generated one), and answers both.
     */
    @Audited("vm.password.set")
    public GuestPassword set(String vm, String user, String password) {
        DomainSummary domain = access.claim(vm).domain();
        String account = user == null ? defaultUser(domain) : validUser(user);
        String secret = password == null ? generate() : validPassword(password);
        HostGateways host = access.hostOf(vm);
        String uuid = domain.definition().uuid();
        boolean shutOff = domain.state() == DomainState.SHUTOFF || domain.state() == DomainState.CRASHED;
        String applied = shutOff ? GuestPassword.NEXT_BOOT : GuestPassword.NOW;
        GuestAuthRecord record = new GuestAuthRecord(account, key.seal().seal(uuid, account, secret), applied);
        if (shutOff) {
            VolumeSummary seed = seeds.put(host, vm, uuid, seedImage(vm, uuid, account, secret));
            host.domains().ownVolume(vm, new VireoMetadata.OwnedVolume(seed.pool(), seed.name()));
            host.domains().setUserPasswordAtNextBoot(vm, seed.path(), record)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        } else {
            host.domains().setUserPassword(vm, account, secret, record)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        }
        return new GuestPassword(account, secret, applied);
    }

    /** The user and password last set through Vireo; 404 GOP0012E when none was. */
    public GuestPassword get(String vm) {
        DomainSummary domain = access.require(vm);
        GuestAuthRecord record = access.hostOf(vm).domains().userPasswordRecord(vm)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm))
                .orElseThrow(() -> new VireoException(ErrorCode.GUEST_PASSWORD_NOT_SET, vm));
        try {
            return new GuestPassword(record.user(),
                    key.seal().open(domain.definition().uuid(), record.user(), record.sealedPassword()), record.applied());
        } catch (GeneralSecurityException e) {
            throw new VireoException(ErrorCode.GUEST_PASSWORD_UNREADABLE, e, vm, "it was sealed with another key than"
                    + " this server's (vireo.guest-passwords.key), or for another guest; set it again");
        }
    }

    /** {@code Administrator} when the guest's template says Windows, else {@code root}. */
    private String defaultUser(DomainSummary domain) {
        String template = domain.definition().metadata().template();
        boolean windows = template != null && templates.byName(template)
                .map(found -> found.settings().osDistro())
                .map(distro -> distro.toLowerCase(Locale.ROOT).startsWith("win"))
                .orElse(false);
        return windows ? "Administrator" : "root";
    }

    static String validUser(String user) {
        if (!USER.matcher(user).matches()) {
            throw new VireoException(ErrorCode.GUEST_USER_INVALID, user.length() > 40 ? user.substring(0, 40) + "…" : user,
                    "a letter or _ then up to 31 letters, digits, _ . or -");
        }
        return user;
    }

    static String validPassword(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new VireoException(ErrorCode.GUEST_PASSWORD_INVALID, "it has " + length + " characters; a password has "
                    + MIN_LENGTH + " to " + MAX_LENGTH + " (leave it out to have one generated)");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            throw new VireoException(ErrorCode.GUEST_PASSWORD_INVALID, "it holds a control character (a new line, a tab, …)");
        }
        return password;
    }

    static String generate() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static byte[] seedImage(String vm, String uuid, String user, String password) {
        // a new instance id each time: cloud-init runs chpasswd once per instance
        CloudInitSeed seed = CloudInitSeed.forPassword(uuid + "-" + UUID.randomUUID(), vm, user,
                Crypt.crypt(password, "$6$" + saltOf(16)));
        try {
            return SeedIso.of(seed);
        } catch (IOException e) {
            throw new VireoException(ErrorCode.GUEST_SEED_FAILED, e, vm, e.getMessage());
        }
    }

    private static String saltOf(int length) {
        String salt = ALPHABET + "./";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(salt.charAt(RANDOM.nextInt(salt.length())));
        }
        return out.toString();
    }
}
