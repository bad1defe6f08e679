package io.teeio.spdm.requester;

import io.teeio.spdm.codec.Bytes;

/** A verified CHALLENGE_AUTH: the slot, the responder's slot mask and the measurement summary hash. */
public record ChallengeResult(int slot, int slotMask, Bytes measurementSummaryHash) {
}
