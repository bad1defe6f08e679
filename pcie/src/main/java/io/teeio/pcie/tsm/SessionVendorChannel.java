package io.teeio.pcie.tsm;

import io.teeio.pcie.vdm.PciSigPayload;
import io.teeio.pcie.vdm.PciSigPayloadCodec;
import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.SecuredVendorChannel;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;

/** TDISP and IDE_KM requests as PCI-SIG VENDOR_DEFINED_REQUESTs inside an SPDM session. */
public final class SessionVendorChannel implements SecuredVendorChannel {
    private final SpdmSession session;

    public SessionVendorChannel(SpdmSession session) {
        this.session = session;
    }

    @Override
    public byte[] exchange(PciSigProtocol protocol, byte[] message) throws VendorChannelException {
        Bytes payload = Bytes.of(PciSigPayloadCodec.encode(new PciSigPayload(protocol, Bytes.of(message))));
        Bytes response;
        try {
            response = session.vendorDefined(VendorDefined.STANDARD_ID_PCI_SIG, VendorDefined.PCI_SIG_VENDOR_ID,
                    payload);
        } catch (SpdmRequesterException e) {
            throw new VendorChannelException(protocol + ": " + e.getMessage(), e);
        }
        try {
            PciSigPayload p = PciSigPayloadCodec.decode(response.toByteArray());
            if (p.protocol() != protocol) {
                throw new VendorChannelException(protocol + " request answered with a " + p.protocol() + " message");
            }
            return p.message().toByteArray();
        } catch (SpdmDecodeException e) {
            throw new VendorChannelException(protocol + " response: " + e.getMessage(), e);
        }
    }
}
