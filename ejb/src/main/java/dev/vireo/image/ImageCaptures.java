package dev.vireo.image;

import dev.vireo.persistence.image.Image;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/** What a capture task records of its image, each step in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImageCaptures {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** The image's content is being made: not ready, and no upload goes into it. */
    public void begin(String id) {
        image(id).capturing(clock.instant());
    }

    /** The content is complete: {@code size} bytes, of that SHA-256 (null when it cannot be read back). */
    public void finish(String id, long size, String checksum) {
        image(id).ready(size, checksum, clock.instant());
    }

    /** The capture failed: the image goes with it. */
    public void fail(String id) {
        em.remove(image(id));
    }

    private Image image(String id) {
        return em.createNamedQuery(Image.BY_PUBLIC_ID, Image.class).setParameter("id", id).getSingleResult();
    }
}
