package io.teeio.spdm.session;

/**
 * What a transport binding fixes in DSP0277 records: how many low-order bytes of the 64-bit sequence
 * number the record carries (T), and how much random padding a sender may add inside the ciphertext.
 *
 * @param sequenceNumberSize T, 0..8 bytes, little-endian low bytes of the counter
 * @param maxRandomPadding   the most random bytes an encrypted record may carry after the application data
 */
public record SecuredMessageFormat(int sequenceNumberSize, int maxRandomPadding) {

    /** PCIe DOE (secured CMA/SPDM): no sequence-number bytes, no random padding. */
    public static final SecuredMessageFormat PCI_DOE = new SecuredMessageFormat(0, 0);

    /** MCTP (DSP0275): 2 sequence-number bytes, up to 32 random padding bytes (libspdm's bound). */
    public static final SecuredMessageFormat MCTP = new SecuredMessageFormat(2, 32);

    /** Padding above this could push a record's 16-bit Length past its range on its own. */
    public static final int PADDING_LIMIT = 0x1000;

    public SecuredMessageFormat {
        if (sequenceNumberSize < 0 || sequenceNumberSize > 8) {
            throw new IllegalArgumentException("sequence number size must be 0..8 bytes, got " + sequenceNumberSize);
        }
        if (maxRandomPadding < 0 || maxRandomPadding > PADDING_LIMIT) {
            throw new IllegalArgumentException("random padding must be 0.." + PADDING_LIMIT + ", got " + maxRandomPadding);
        }
    }
}
