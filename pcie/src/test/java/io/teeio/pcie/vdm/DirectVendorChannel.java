package io.teeio.pcie.vdm;

import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * Test channel: the TSM's secured vendor channel as a direct call of the DSM's vendor handler, standing in for
 * the SPDM session (a fixed session id, secured or not).
 */
public final class DirectVendorChannel implements SecuredVendorChannel {
    private final PciSigVendorHandler dsm;
    private final int sessionId;
    private final boolean secured;

    public DirectVendorChannel(PciSigVendorHandler dsm, int sessionId, boolean secured) {
        this.dsm = dsm;
        this.sessionId = sessionId;
        this.secured = secured;
    }

    @Override
    public byte[] exchange(PciSigProtocol protocol, byte[] message) throws VendorChannelException {
        byte[] payload = PciSigPayloadCodec.encode(new PciSigPayload(protocol, io.teeio.spdm.codec.Bytes.of(message)));
        VendorResponse response = dsm.handle(sessionId, secured, payload);
        if (response instanceof VendorResponse.Refusal refusal) {
            throw new VendorChannelException("SPDM ERROR 0x" + Integer.toHexString(refusal.reason().spdmErrorCode())
                    + " (" + refusal.reason() + ": " + refusal.detail() + ")");
        }
        try {
            PciSigPayload answer = PciSigPayloadCodec.decode(((VendorResponse.Answer) response).payload().toByteArray());
            if (answer.protocol() != protocol) {
                throw new VendorChannelException("answer names " + answer.protocol() + ", request " + protocol);
            }
            return answer.message().toByteArray();
        } catch (SpdmDecodeException e) {
            throw new VendorChannelException("bad vendor payload: " + e.getMessage(), e);
        }
    }
}
