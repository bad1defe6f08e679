package io.teeio.spdm.session;

/**
 * The 32-bit SPDM session id: ReqSessionID in the low 16 bits, RspSessionID in the high 16 bits, so that
 * its little-endian wire form is Req(LE16) then Rsp(LE16) (DSP0274 "Concatenate(ReqSessionID, RspSessionID)").
 */
public record SessionId(int requesterHalf, int responderHalf) {

    public SessionId {
        if ((requesterHalf & ~0xFFFF) != 0 || (responderHalf & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("session id halves are 16-bit: req=" + requesterHalf
                    + " rsp=" + responderHalf);
        }
    }

    /** The id from its 32-bit value (as read little-endian from a secured record). */
    public static SessionId fromValue(int value) {
        return new SessionId(value & 0xFFFF, value >>> 16);
    }

    /** The 32-bit value: requester half | responder half &lt;&lt; 16. */
    public int value() {
        return requesterHalf | responderHalf << 16;
    }

    @Override
    public String toString() {
        return String.format("0x%08X", value());
    }
}
