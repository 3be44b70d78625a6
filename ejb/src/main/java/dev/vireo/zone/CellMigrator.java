package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.task.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out a {@link CellMigration}. Whatever fails, the VM stays whole on exactly one host:
 * volumes made on the destination are removed again, a definition made there is undone, and the
 * source keeps the VM until the destination holds it. The source's copied volumes go only after.
 */
final class CellMigrator {

    private static final Logger LOG = Logger.getLogger(CellMigrator.class.getName());

    /** The share of the task's progress (percent) this migration reports in: an evacuation runs several. */
    private final int first;
    private final int last;

    CellMigrator(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** Moves the VM; answers what happened, in words. */
    String run(CellMigration move, TaskProgress progress) {
        DomainSummary now = move.source().domains().get(move.vm())
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, move.vm()));
        if (!move.fits(now.state())) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, move.vm(), now.state().apiName(),
                    "take the " + move.kind() + " migration decided when it was " + (move.live() ? "running" : "shut off"));
        }
        String what = move.kind() + " migration of " + move.vm() + " from " + move.from() + " to " + move.to();
        progress.report(at(0), what + (move.why() == null ? "" : ": " + move.why()));
        List<VolumeSummary> made = new ArrayList<>();
        try {
            for (CellMigration.DiskMove disk : move.copies()) {
                VolumeSummary volume = disk.volume();
                made.add(move.destination().storage().createVolume(volume.pool(), new VolumeSpec(volume.name(),
                        volume.capacityBytes(), volume.format(), null, null)));
            }
            if (move.live()) {
                progress.report(at(10), what + ": moving its memory" + (move.copies().isEmpty() ? "" : " and copying "
                        + move.copies().size() + " disk(s)") + " while it runs");
                if (!move.source().domains().migrateLive(move.vm(), move.destination().ref(), move.migrateUri(),
                        !move.copies().isEmpty(), move.unsafe())) {
                    throw new VireoException(ErrorCode.VM_NOT_FOUND, move.vm());
                }
            } else {
                moveShutOff(move, what, progress);
            }
        } catch (RuntimeException e) {
            if (!arrived(move)) {
                removeQuietly(move, made);
            }
            throw e;
        }
        String left = removeSourceCopies(move);
        progress.report(at(100), what + ": done");
        return what + " done" + left;
    }

    /** Copies the disks, defines the VM on the destination, then undefines it on the source. */
    private void moveShutOff(CellMigration move, String what, TaskProgress progress) {
        String xml = move.source().domains().migratableXml(move.vm())
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, move.vm()));
        List<CellMigration.DiskMove> copies = move.copies();
        for (int i = 0; i < copies.size(); i++) {
            VolumeSummary volume = copies.get(i).volume();
            String step = what + ": copying disk " + copies.get(i).target() + " (" + (i + 1) + " of " + copies.size() + ")";
            int from = 5 + 80 * i / copies.size();
            int span = 80 / copies.size();
            progress.report(at(from), step);
            // a volume with nothing allocated reads as zeros, as the new volume on the destination does
            if (volume.allocationBytes() > 0) {
                long length = volume.physicalBytes();
                if (!move.source().storage().copyVolumeTo(volume.pool(), volume.name(), move.destination().ref(), length,
                        new Throttle(progress, step, from, span, length)::copied)) {
                    throw new VireoException(ErrorCode.VOLUME_NOT_FOUND, volume.pool(), volume.name());
                }
            }
        }
        progress.report(at(90), what + ": defining it on " + move.to());
        move.destination().domains().defineFrom(move.vm(), xml);
        try {
            progress.report(at(95), what + ": undefining it on " + move.from());
            move.source().domains().remove(move.vm())
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, move.vm()));
        } catch (RuntimeException e) {
            // the source still has it: the destination gives its copy back
            try {
                move.destination().domains().remove(move.vm());
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
                LOG.log(Level.SEVERE, move.vm() + " is defined on both " + move.from() + " and " + move.to()
                        + ": undefine it on " + move.to(), undo);
            }
            throw e;
        }
    }

    /** Reports a disk copy's progress at most once per percent. */
    private final class Throttle {
        private final TaskProgress progress;
        private final String step;
        private final int from;
        private final int span;
        private final long length;
        private int reported = -1;

        Throttle(TaskProgress progress, String step, int from, int span, long length) {
            this.progress = progress;
            this.step = step;
            this.from = from;
            this.span = span;
            this.length = length;
        }

        void copied(long bytes) {
            int percent = length == 0 ? 100 : (int) (100 * bytes / length);
            if (percent != reported) {
                reported = percent;
                progress.report(at(from + span * percent / 100), step + ": " + percent + "%");
            }
        }
    }

    /** The source's copies of the moved disks; the VM no longer uses them. Answers what could not go. */
    private static String removeSourceCopies(CellMigration move) {
        List<String> kept = new ArrayList<>();
        for (CellMigration.DiskMove disk : move.copies()) {
            try {
                move.source().storage().deleteVolume(disk.volume().pool(), disk.volume().name());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot remove " + disk.volume().path() + " from " + move.from()
                        + " after migrating " + move.vm(), e);
                kept.add(disk.volume().path());
            }
        }
        return kept.isEmpty() ? "" : " (left on " + move.from() + ", delete by hand: " + String.join(", ", kept) + ")";
    }

    /**
     * Whether the VM is on the destination (and no longer on the source) although the move
     * reported a failure, as when a live migration's last step loses its answer: its volumes there
     * are then in use and stay.
     */
    private static boolean arrived(CellMigration move) {
        try {
            return move.destination().domains().get(move.vm()).isPresent() && move.source().domains().get(move.vm()).isEmpty();
        } catch (RuntimeException e) {
            // cannot tell: keep what was made rather than risk the disks of a VM that runs there
            return true;
        }
    }

    private static void removeQuietly(CellMigration move, List<VolumeSummary> made) {
        for (VolumeSummary volume : made) {
            try {
                move.destination().storage().deleteVolume(volume.pool(), volume.name());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot remove " + volume.path() + " from " + move.to()
                        + " after a failed migration of " + move.vm(), e);
            }
        }
    }

    private int at(int percent) {
        return first + (last - first) * percent / 100;
    }
}
