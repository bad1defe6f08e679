package io.teeio.spdm.requester;

import io.teeio.spdm.message.MeasurementBlock;
import java.util.List;

/**
 * What GET_MEASUREMENTS returned: the blocks (empty for the count operation), the total count the
 * responder reported for operation 0, and whether a signature was checked.
 */
public record MeasurementResult(int operation, List<MeasurementBlock> blocks, int totalCount, boolean signed,
        int slot) {
    public MeasurementResult {
        blocks = List.copyOf(blocks);
    }
}
