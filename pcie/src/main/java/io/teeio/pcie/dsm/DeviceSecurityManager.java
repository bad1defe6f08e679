package io.teeio.pcie.dsm;

import io.teeio.pcie.doe.DataObject;
import io.teeio.pcie.doe.DoeDispatcher;
import io.teeio.pcie.doe.DoeProtocol;
import io.teeio.pcie.doe.DoeSpdmBinding;
import io.teeio.pcie.idekm.IdeKmPort;
import io.teeio.pcie.idekm.IdeKmResponder;
import io.teeio.pcie.tdisp.TdispDeviceCapabilities;
import io.teeio.pcie.tdisp.TdispResponder;
import io.teeio.pcie.vdm.PciSigVendorDispatcher;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.responder.SpdmErrorException;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.TransportException;
import io.teeio.trace.Tracer;
import java.util.List;
import java.util.Optional;

/**
 * A device's DSM: the SPDM responder, and behind it (inside secured sessions) IDE_KM and TDISP; on PCI DOE
 * also the discovery protocol. Sessions that end take their IDE streams out of Secure and send the TDIs
 * they locked to ERROR.
 */
public final class DeviceSecurityManager {
    private final SpdmResponder spdm;
    private final IdeKmResponder ideKm;
    private final TdispResponder tdisp;
    private final PciSigVendorDispatcher vendor;
    private final DoeDispatcher doe;
    private final Tracer tracer;

    /**
     * @param spdmConfig identity, measurements and capabilities of the SPDM responder (its vendor handler and
     *                   session listener are replaced by the DSM's own)
     * @param ports      the IDE ports IDE_KM serves
     * @param binding    the transport's secured-message parameters (PCI DOE, MCTP)
     */
    public DeviceSecurityManager(ResponderConfig spdmConfig, TdispDeviceCapabilities capabilities,
            List<IdeKmPort> ports, SecuredMessageBinding binding, SpdmCrypto crypto, Tracer tracer) {
        this.tracer = tracer;
        this.ideKm = new IdeKmResponder(ports, tracer);
        this.tdisp = new TdispResponder(capabilities, ideKm, crypto.randomGenerator(), tracer);
        ideKm.addStreamListener(tdisp);
        this.vendor = new PciSigVendorDispatcher(List.of(ideKm, tdisp), tracer);
        ResponderConfig config = spdmConfig.toBuilder().vendorHandler(this::vendorRequest)
                .sessionEnded(vendor::sessionTerminated).build();
        this.spdm = new SpdmResponder(config, crypto, binding, tracer);
        this.doe = DoeDispatcher.builder(tracer)
                .register(DoeProtocol.CMA_SPDM, this::doeSpdm)
                .register(DoeProtocol.SECURED_CMA_SPDM, this::doeSpdm)
                .build();
    }

    private Bytes vendorRequest(VendorDefined request, Integer sessionId) throws SpdmErrorException {
        if (!request.isPciSig()) {
            throw new SpdmErrorException(SpdmErrorCode.UNSUPPORTED_REQUEST, SpdmCode.VENDOR_DEFINED_REQUEST,
                    "vendor-defined request for registry " + request.standardId() + " vendor " + request.vendorId()
                            + ": only PCI-SIG protocols are served");
        }
        VendorResponse r = vendor.handle(sessionId == null ? 0 : sessionId, sessionId != null,
                request.payload().toByteArray());
        if (r instanceof VendorResponse.Answer a) {
            return a.payload();
        }
        VendorResponse.Refusal refusal = (VendorResponse.Refusal) r;
        SpdmErrorCode code = SpdmErrorCode.of(refusal.reason().spdmErrorCode()).orElse(SpdmErrorCode.INVALID_REQUEST);
        throw new SpdmErrorException(code, refusal.detail());
    }

    private Optional<DataObject> doeSpdm(DataObject request) {
        try {
            SpdmPacket reply = spdm.respond(DoeSpdmBinding.toPacket(request));
            DoeProtocol p = reply.secured() ? DoeProtocol.SECURED_CMA_SPDM : DoeProtocol.CMA_SPDM;
            return Optional.of(DataObject.of(p, Bytes.of(reply.bytes())));
        } catch (TransportException e) {
            tracer.event("pcie", "DSM", "host", "DISCARDED", e.getMessage());
            return Optional.empty();
        }
    }

    /** The DOE mailbox backend: a whole request object in, a response object out (empty: no answer). */
    public Optional<byte[]> handleDoeObject(byte[] requestObject) {
        return doe.dispatch(requestObject);
    }

    /** For transports other than DOE (MCTP, none): SPDM packets straight to the responder. */
    public SpdmPacket handle(SpdmPacket request) {
        return spdm.respond(request);
    }

    public SpdmResponder spdm() {
        return spdm;
    }

    public IdeKmResponder ideKm() {
        return ideKm;
    }

    public TdispResponder tdisp() {
        return tdisp;
    }

    public List<DoeProtocol> doeProtocols() {
        return doe.protocols();
    }
}
