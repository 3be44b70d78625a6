package dev.vireo.image;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The direct buffers of {@value ImageStore#BUFFER} bytes that uploads fill from the request's
 * channel and write to the volume's file with no copy in between (from a heap array, a file
 * channel first copies into a temporary direct buffer). Kept for the next chunk: a new one costs
 * the zeroing of its memory. At most {@value #KEPT} are kept (two an upload at once); more are
 * made when needed and left to the garbage collector.
 */
final class DirectBuffers {

    static final int KEPT = 8;
    private static final BlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(KEPT);

    private DirectBuffers() {
    }

    static ByteBuffer take() {
        ByteBuffer kept = FREE.poll();
        return kept != null ? kept.clear() : ByteBuffer.allocateDirect(ImageStore.BUFFER);
    }

    /** Gives back buffers no one uses any more. */
    static void give(ByteBuffer... buffers) {
        for (ByteBuffer buffer : buffers) {
            FREE.offer(buffer);
        }
    }
}
