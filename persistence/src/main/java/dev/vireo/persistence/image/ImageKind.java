package dev.vireo.persistence.image;

/** What an image is for, and so the one format its content has. */
public enum ImageKind {
    /** Install media: an ISO 9660 image attached as a CD-ROM. */
    MEDIA("iso"),
    /** A disk image: a qcow2 file guests are made from. */
    DISK("qcow2");

    private final String format;

    ImageKind(String format) {
        this.format = format;
    }

    /** The volume format of its content, as libvirt names it. */
    public String format() {
        return format;
    }
}
