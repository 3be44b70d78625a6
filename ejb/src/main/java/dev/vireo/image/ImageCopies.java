package dev.vireo.image;

import dev.vireo.persistence.image.ImageCopy;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The rows of the images' copies on cells, each change in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImageCopies {

    /** A copy as its row has it. */
    public record Copy(String image, String checksum, String host, String pool, String volume, long size) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    public Optional<Copy> at(String image, String host, String pool) {
        return em.createNamedQuery(ImageCopy.AT, ImageCopy.class).setParameter("image", image).setParameter("host", host)
                .setParameter("pool", pool).getResultStream().findFirst().map(ImageCopies::copy);
    }

    /** The copy whose volume is {@code pool/volume} of {@code host}, if that volume is one. */
    public Optional<Copy> holding(String host, String pool, String volume) {
        return em.createNamedQuery(ImageCopy.HOLDING, ImageCopy.class).setParameter("host", host).setParameter("pool", pool)
                .setParameter("volume", volume).getResultStream().findFirst().map(ImageCopies::copy);
    }

    public List<Copy> of(String image) {
        return em.createNamedQuery(ImageCopy.OF_IMAGE, ImageCopy.class).setParameter("image", image).getResultStream()
                .map(ImageCopies::copy).toList();
    }

    /** Records a verified copy, in place of the row of an earlier one at the same place. */
    public void record(Copy copy) {
        forget(copy.image(), copy.host(), copy.pool());
        em.persist(new ImageCopy(copy.image(), copy.checksum(), copy.host(), copy.pool(), copy.volume(), copy.size(),
                clock.instant()));
    }

    public void forget(String image, String host, String pool) {
        em.createNamedQuery(ImageCopy.AT, ImageCopy.class).setParameter("image", image).setParameter("host", host)
                .setParameter("pool", pool).getResultStream().forEach(em::remove);
        em.flush();
    }

    private static Copy copy(ImageCopy row) {
        return new Copy(row.getImage(), row.getChecksum(), row.getHost(), row.getPool(), row.getVolume(), row.getSize());
    }
}
