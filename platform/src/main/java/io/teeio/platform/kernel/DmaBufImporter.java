package io.teeio.platform.kernel;

/** Receives dma_buf_move_notify(): whatever the importer mapped from the buffer must be unmapped now. */
@FunctionalInterface
public interface DmaBufImporter {
    /**
     * @param buf         the buffer
     * @param privateOnly true when only private (TEE) mappings must go (TSM unbind); false when every
     *                    mapping must go (revoke)
     */
    void moveNotify(DmaBuf buf, boolean privateOnly);
}
