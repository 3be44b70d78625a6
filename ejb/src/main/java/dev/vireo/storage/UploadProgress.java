package dev.vireo.storage;

/**
 * How far a chunked upload into a volume got.
 *
 * @param offset the bytes received, which is where the next chunk goes
 * @param size   the bytes the upload brings in all
 */
public record UploadProgress(long offset, long size) {
}
