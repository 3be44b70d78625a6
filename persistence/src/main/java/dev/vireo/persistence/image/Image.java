package dev.vireo.persistence.image;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A media or disk image of the catalogue. Its bytes are the volume {@link #getVolume()} of the
 * image store; the row counts how many of them arrived, in order from the start, and keeps the
 * SHA-256 of the whole once the last one did.
 */
@Entity
@Table(name = "image")
@NamedQuery(name = Image.OF_KIND, query = "select i from Image i where i.kind = :kind order by i.name, i.created")
@NamedQuery(name = Image.BY_PUBLIC_ID, query = "select i from Image i where i.publicId = :id")
public class Image {

    public static final String OF_KIND = "Image.ofKind";
    public static final String BY_PUBLIC_ID = "Image.byPublicId";
    public static final int DESCRIPTION_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(name = "public_id", nullable = false, length = 36, unique = true)
    private String publicId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ImageKind kind;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = DESCRIPTION_LENGTH)
    private String description;

    @Column(nullable = false, length = 64)
    private String owner;

    @Column(name = "group_name", length = 64)
    private String group;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ImageVisibility visibility;

    @Column(nullable = false, length = 16)
    private String format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ImageState state;

    @Column(nullable = false, length = 64, unique = true)
    private String volume;

    /** The content's length: announced by the upload's first chunk, or measured by a capture. */
    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "written_bytes", nullable = false)
    private long written;

    /** The SHA-256 (hex) the owner said the content has; the upload is refused if it has another. */
    @Column(name = "expected_checksum", length = 64)
    private String expectedChecksum;

    /** The SHA-256 (hex) of the content, known once it is ready. */
    @Column(length = 64)
    private String checksum;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "image_tag", joinColumns = @JoinColumn(name = "image_id"))
    @Column(name = "tag", length = 64, nullable = false)
    private Set<String> tags = new TreeSet<>();

    @Column(nullable = false)
    private Instant created;

    @Column(nullable = false)
    private Instant modified;

    protected Image() {
    }

    public Image(String publicId, ImageKind kind, String name, String owner, String volume, Instant now) {
        this.publicId = publicId;
        this.kind = kind;
        this.name = name;
        this.owner = owner;
        this.volume = volume;
        this.format = kind.format();
        this.visibility = ImageVisibility.PRIVATE;
        this.state = ImageState.EMPTY;
        this.created = now;
        this.modified = now;
    }

    public Long getId() {
        return id;
    }

    public String getPublicId() {
        return publicId;
    }

    public ImageKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public ImageVisibility getVisibility() {
        return visibility;
    }

    public void setVisibility(ImageVisibility visibility) {
        this.visibility = visibility;
    }

    public String getFormat() {
        return format;
    }

    public ImageState getState() {
        return state;
    }

    public String getVolume() {
        return volume;
    }

    public long getSize() {
        return size;
    }

    public long getWritten() {
        return written;
    }

    public String getExpectedChecksum() {
        return expectedChecksum;
    }

    public void setExpectedChecksum(String expectedChecksum) {
        this.expectedChecksum = expectedChecksum;
    }

    public String getChecksum() {
        return checksum;
    }

    public Set<String> getTags() {
        return Set.copyOf(tags);
    }

    public void setTags(Set<String> tags) {
        this.tags.clear();
        this.tags.addAll(tags);
    }

    public Instant getCreated() {
        return created;
    }

    public Instant getModified() {
        return modified;
    }

    public void touch(Instant now) {
        modified = now;
    }

    /** Starts (or restarts) awaiting {@code size} bytes from the first. */
    public void expect(long size, Instant now) {
        if (size < 1) {
            throw new IllegalArgumentException("an image has at least one byte, not " + size);
        }
        this.size = size;
        this.written = 0;
        this.checksum = null;
        this.state = ImageState.UPLOADING;
        this.modified = now;
    }

    /** Its content is being made by a task (a capture): not ready, no upload expected. */
    public void capturing(Instant now) {
        this.state = ImageState.CAPTURING;
        this.modified = now;
    }

    /** Counts {@code bytes} more written at the current end; a chunk past the size is the caller's bug. */
    public void advance(long bytes, Instant now) {
        if (state != ImageState.UPLOADING || bytes < 1 || bytes > size - written) {
            throw new IllegalStateException(bytes + " more bytes do not fit: " + written + " of " + size + " written");
        }
        written += bytes;
        modified = now;
    }

    /** The content is all there with this SHA-256. */
    public void ready(long size, String checksum, Instant now) {
        this.size = size;
        this.written = size;
        this.checksum = checksum;
        this.state = ImageState.READY;
        this.modified = now;
    }

    /** Forgets the content (a failed checksum): the next upload starts from the first byte. */
    public void discard(Instant now) {
        this.size = 0;
        this.written = 0;
        this.checksum = null;
        this.state = ImageState.EMPTY;
        this.modified = now;
    }
}
