package dev.vireo.storage;

import dev.vireo.task.TaskProgress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and tells a task, once per percent of the {@code total} expected. */
final class ProgressInput extends FilterInputStream {

    private final long total;
    private final TaskProgress progress;
    private long read;
    private int reported = -1;

    ProgressInput(InputStream in, long total, TaskProgress progress) {
        super(in);
        this.total = total;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    long bytesRead() {
        return read;
    }

    private void count(int n) {
        read += n;
        int percent = (int) (read * 100 / total);
        if (percent > reported) {
            reported = percent;
            // 99 at most: the task is finished by whoever made it, once the volume is complete
            progress.report(Math.min(percent, 99), read + " of " + total + " bytes");
        }
    }
}
