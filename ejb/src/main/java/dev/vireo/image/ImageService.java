package dev.vireo.image;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.account.UserGroup;
import dev.vireo.persistence.image.Image;
import dev.vireo.persistence.image.ImageKind;
import dev.vireo.persistence.image.ImageState;
import dev.vireo.persistence.image.ImageVisibility;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The catalogue of media (ISO) and disk (qcow2) images ({@code /api/images}, Nano's
 * {@code media_images} and {@code disk_images}): create, find, change and delete entries; upload
 * their content in chunks ({@link ImageChunks}) and read it back by ranges. The content lives in
 * the {@link ImageStore}. One sees one's own images, one's groups' and public ones; one changes
 * one's own (everyone's with {@code scope.all}).
 */
@Stateless
@RolesAllowed(Permission.IMAGE_READ)
public class ImageService {

    /** The audit action of an upload: recorded when one begins and when it completes ({@link ImageChunks}), and each refusal. */
    public static final String UPLOAD = "image.upload";
    static final int MAX_TAGS = 32;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}._+-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Callers callers;

    @EJB
    ImageStore store;

    @EJB
    ImageChunks chunks;

    @EJB
    ImageDigests digests;

    @EJB
    ImageCells cells;

    @EJB
    Locks locks;

    private final Clock clock = Clock.systemUTC();

    /** The images the caller may see that match {@code query}, by name. */
    public List<ImageView> search(ImageQuery query) {
        ImageKind kind = query.kind() == null ? null : kind(query.kind());
        String name = query.name() == null ? null : query.name().toLowerCase(Locale.ROOT);
        List<String> tags = query.tags() == null ? List.of() : query.tags();
        Caller caller = callers.current();
        List<ImageKind> kinds = kind == null ? List.of(ImageKind.values()) : List.of(kind);
        String pool = store.name();
        List<ImageView> found = new ArrayList<>();
        for (ImageKind each : kinds) {
            em.createNamedQuery(Image.OF_KIND, Image.class).setParameter("kind", each).getResultStream()
                    .filter(image -> ImageAccess.mayUse(caller, image))
                    .filter(image -> name == null || image.getName().toLowerCase(Locale.ROOT).contains(name))
                    .filter(image -> query.owner() == null || query.owner().equals(image.getOwner()))
                    .filter(image -> query.group() == null || query.group().equals(image.getGroup()))
                    .filter(image -> image.getTags().containsAll(tags))
                    .map(image -> view(image, pool))
                    .forEach(found::add);
        }
        return found;
    }

    /** One image the caller may see; {@code kind} (when not null) is the kind it must be, else it is as absent. */
    public ImageView get(String id, String kind) {
        return view(visible(id, kind), store.name());
    }

    @RolesAllowed(Permission.IMAGE_MANAGE)
    @Audited("image.create")
    public ImageView create(ImageRequest request) {
        if (request.kind() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "kind");
        }
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        ImageKind kind = kind(request.kind());
        Caller caller = callers.current();
        String id = UUID.randomUUID().toString();
        Image image = new Image(id, kind, ResourceName.require("image", request.name()), owner(caller, request.owner()),
                id + "." + kind.format(), clock.instant());
        image.setDescription(description(request.description()));
        image.setTags(tags(request.tags()));
        image.setGroup(group(caller, request.group()));
        image.setVisibility(visibility(request.visibility(), image.getGroup()));
        image.setExpectedChecksum(checksum(request.checksum()));
        em.persist(image);
        return view(image, store.name());
    }

    /** Changes the properties the request names; the content and the kind stay. */
    @RolesAllowed(Permission.IMAGE_MANAGE)
    @Audited("image.update")
    public ImageView update(String id, String kind, ImageRequest request) {
        Image image = changeable(id, kind, LockModeType.PESSIMISTIC_WRITE);
        if (request.kind() != null && kind(request.kind()) != image.getKind()) {
            throw new VireoException(ErrorCode.IMAGE_INVALID, "an image keeps its kind: " + id + " is a "
                    + image.getKind().name().toLowerCase(Locale.ROOT) + " image");
        }
        Caller caller = callers.current();
        String name = request.name() == null ? image.getName() : ResourceName.require("image", request.name());
        String description = request.description() == null ? image.getDescription() : description(request.description());
        Set<String> tags = request.tags() == null ? image.getTags() : tags(request.tags());
        String owner = request.owner() == null ? image.getOwner() : owner(caller, request.owner());
        String group = request.group() == null ? image.getGroup() : group(caller, request.group());
        ImageVisibility visibility = request.visibility() == null
                ? (request.group() != null && image.getVisibility() == ImageVisibility.PRIVATE ? ImageVisibility.GROUP
                        : image.getVisibility())
                : visibility(request.visibility(), group);
        if (visibility == ImageVisibility.GROUP && group == null) {
            throw new VireoException(ErrorCode.IMAGE_INVALID, "visibility group needs a group");
        }
        String checksum = request.checksum() == null ? image.getExpectedChecksum() : checksum(request.checksum());
        if (request.checksum() != null && image.getState() == ImageState.READY) {
            throw new VireoException(ErrorCode.IMAGE_READY, id);
        }
        image.setName(name);
        image.setDescription(description);
        image.setTags(tags);
        image.setOwner(owner);
        image.setGroup(group);
        image.setVisibility(visibility);
        image.setExpectedChecksum(checksum);
        image.touch(clock.instant());
        em.flush();
        return view(image, store.name());
    }

    /** Removes the image, its content and its copies on the cells; refused (409) while a VM's disk is an overlay on it. */
    @RolesAllowed(Permission.IMAGE_MANAGE)
    @Audited("image.delete")
    public void delete(String id, String kind) {
        Image image = changeable(id, kind, LockModeType.PESSIMISTIC_WRITE);
        locks.claim(LockTarget.image(id));
        if (image.getState() == ImageState.CAPTURING) {
            throw new VireoException(ErrorCode.IMAGE_NOT_READY, id, "captured from a virtual machine by a task");
        }
        cells.requireUnused(id, image.getVolume());
        cells.removeCopies(id);
        store.delete(image.getVolume());
        digests.forget(image.getVolume());
        em.remove(image);
    }

    /**
     * Writes one chunk of the image's content (all of it when the request has no Content-Range).
     * No transaction around the transfer: {@link ImageChunks} takes its own, holding the image's
     * row, and commits in it what the chunk did to the image (ready, or discarded on a wrong
     * checksum, before a mismatch is reported) and its audit entry, if it begins or completes the
     * upload: one commit a chunk.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed(Permission.IMAGE_MANAGE)
    @Audited(value = UPLOAD, refusalsOnly = true)
    public ImageView upload(String id, String kind, String contentRange, long bodyLength, ReadableByteChannel data) {
        changeable(id, kind, LockModeType.NONE);
        ChunkRange chunk = ChunkRange.of(id, contentRange, bodyLength);
        ImageChunks.Outcome outcome = chunks.append(id, chunk, data);
        Image image = outcome.image();
        if (outcome.mismatch()) {
            throw new VireoException(ErrorCode.IMAGE_CHECKSUM_MISMATCH, id, outcome.checksum(),
                    image.getExpectedChecksum());
        }
        return view(image, store.name());
    }

    /**
     * Writes the whole content from a body of unknown length (a form's file field), at most one
     * chunk's worth: parked in a temporary file to learn its length first.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed(Permission.IMAGE_MANAGE)
    @Audited(value = UPLOAD, refusalsOnly = true)
    public ImageView uploadWhole(String id, String kind, InputStream data) {
        changeable(id, kind, LockModeType.NONE);
        Path spool = null;
        try {
            spool = Files.createTempFile("vireo-image-", ".part");
            long length;
            try (OutputStream out = Files.newOutputStream(spool)) {
                length = data.transferTo(new BoundedOutput(out, ChunkRange.MAX_BYTES));
            }
            try (FileChannel in = FileChannel.open(spool, StandardOpenOption.READ)) {
                return upload(id, kind, null, length, in);
            }
        } catch (IOException e) {
            throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, e, id, "the body could not be read: " + e.getMessage());
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // a temporary file; the system's cleaning removes it
                }
            }
        }
    }

    /** Refuses (413) a body longer than a chunk as it arrives, before it fills a disk. */
    private static final class BoundedOutput extends java.io.FilterOutputStream {
        private final long limit;
        private long written;

        BoundedOutput(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            written += length;
            if (written > limit) {
                throw new VireoException(ErrorCode.IMAGE_CHUNK_TOO_LARGE, written, limit);
            }
            out.write(bytes, offset, length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Starts reading a ready image's content, all of it or {@code range}; the caller copies and closes it. */
    public ImageReader content(String id, String kind, Optional<ByteRange> range) {
        Image image = visible(id, kind);
        if (image.getState() != ImageState.READY) {
            throw new VireoException(ErrorCode.IMAGE_NOT_READY, id, image.getState().name().toLowerCase(Locale.ROOT));
        }
        ByteRange bytes = range.map(asked -> asked.within(id, image.getSize()))
                .orElse(new ByteRange(0, image.getSize() - 1));
        return store.read(image.getVolume(), bytes.first(), bytes.length());
    }

    /** The image's content length, for a range's answer. */
    public long size(String id, String kind) {
        return visible(id, kind).getSize();
    }

    private Image visible(String id, String kind) {
        Caller caller = callers.current();
        return find(id).filter(image -> kind == null || image.getKind() == kind(kind))
                .filter(image -> ImageAccess.mayUse(caller, image))
                .orElseThrow(() -> new VireoException(ErrorCode.IMAGE_NOT_FOUND, id));
    }

    private Image changeable(String id, String kind, LockModeType lock) {
        Image image = visible(id, kind);
        Caller caller = callers.current();
        if (!ImageAccess.mayChange(caller, image)) {
            throw new VireoException(ErrorCode.IMAGE_NOT_OWNER, id, image.getOwner());
        }
        if (lock != LockModeType.NONE) {
            em.lock(image, lock);
            em.refresh(image);
        }
        return image;
    }

    private Optional<Image> find(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return em.createNamedQuery(Image.BY_PUBLIC_ID, Image.class).setParameter("id", id).getResultStream().findFirst();
    }

    private static ImageKind kind(String kind) {
        for (ImageKind each : ImageKind.values()) {
            if (each.name().toLowerCase(Locale.ROOT).equals(kind)) {
                return each;
            }
        }
        throw new VireoException(ErrorCode.IMAGE_INVALID, "kind '" + kind + "' is neither media nor disk");
    }

    /** The caller, or (for who sees everything) another existing account. */
    private String owner(Caller caller, String owner) {
        if (owner == null || owner.equals(caller.name())) {
            return caller.name();
        }
        if (!caller.seesEverything()) {
            throw new VireoException(ErrorCode.IMAGE_OWNER_INVALID, owner, "only who sees everything (scope.all)"
                    + " gives an image to another account");
        }
        if (em.createNamedQuery(Account.BY_NAME, Account.class).setParameter("name", owner).getResultStream()
                .findFirst().isEmpty()) {
            throw new VireoException(ErrorCode.IMAGE_OWNER_INVALID, owner, "no such account");
        }
        return owner;
    }

    /** An existing group the caller belongs to (any group for who sees everything); "" for none. */
    private String group(Caller caller, String group) {
        if (group == null || group.isEmpty()) {
            return null;
        }
        if (em.createNamedQuery(UserGroup.BY_NAME, UserGroup.class).setParameter("name", group).getResultStream()
                .findFirst().isEmpty()) {
            throw new VireoException(ErrorCode.IMAGE_GROUP_INVALID, group, "no such user group");
        }
        if (!caller.seesEverything() && !caller.groups().contains(group)) {
            throw new VireoException(ErrorCode.IMAGE_GROUP_INVALID, group, "you are not a member");
        }
        return group;
    }

    private static ImageVisibility visibility(String visibility, String group) {
        if (visibility == null) {
            return group == null ? ImageVisibility.PRIVATE : ImageVisibility.GROUP;
        }
        for (ImageVisibility each : ImageVisibility.values()) {
            if (each.name().toLowerCase(Locale.ROOT).equals(visibility)) {
                if (each == ImageVisibility.GROUP && group == null) {
                    throw new VireoException(ErrorCode.IMAGE_INVALID, "visibility group needs a group");
                }
                return each;
            }
        }
        throw new VireoException(ErrorCode.IMAGE_INVALID, "visibility '" + visibility + "' is not private, group or public");
    }

    private static String description(String description) {
        if (description != null && description.length() > Image.DESCRIPTION_LENGTH) {
            throw new VireoException(ErrorCode.TOO_LONG, "description", Image.DESCRIPTION_LENGTH);
        }
        return description;
    }

    private static Set<String> tags(Collection<String> tags) {
        if (tags == null) {
            return Set.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new VireoException(ErrorCode.IMAGE_INVALID, "an image has at most " + MAX_TAGS + " tags, not " + tags.size());
        }
        Set<String> checked = new TreeSet<>();
        for (String tag : tags) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw new VireoException(ErrorCode.IMAGE_INVALID, "tag '" + tag + "' is not 1 to 64 letters, digits,"
                        + " '.', '_', '+' or '-', starting with a letter or digit");
            }
            checked.add(tag);
        }
        return checked;
    }

    private static String checksum(String checksum) {
        if (checksum == null) {
            return null;
        }
        String lower = checksum.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(lower).matches()) {
            throw new VireoException(ErrorCode.IMAGE_INVALID, "checksum is a SHA-256 in 64 hex digits, not '"
                    + checksum + "'");
        }
        return lower;
    }

    private static ImageView view(Image image, String pool) {
        return new ImageView(image.getPublicId(), image.getKind().name().toLowerCase(Locale.ROOT), image.getName(),
                image.getDescription(), List.copyOf(new TreeSet<>(image.getTags())), image.getOwner(), image.getGroup(),
                image.getVisibility().name().toLowerCase(Locale.ROOT), image.getFormat(),
                image.getState().name().toLowerCase(Locale.ROOT), image.getSize(), image.getWritten(),
                image.getChecksum(), image.getExpectedChecksum(), pool, image.getVolume(), image.getCreated(),
                image.getModified());
    }
}
