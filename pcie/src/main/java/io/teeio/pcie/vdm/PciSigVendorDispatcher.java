package io.teeio.pcie.vdm;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Routes PCI-SIG vendor payloads to the TDISP and IDE_KM responders by ProtocolID, and refuses anything that
 * did not arrive in a secured session: a DSM must neither use nor answer those (PCIe11 §11.2.2).
 */
public final class PciSigVendorDispatcher implements PciSigVendorHandler {
    private final Map<PciSigProtocol, PciSigProtocolHandler> handlers;
    private final List<PciSigProtocolHandler> terminationOrder;
    private final Tracer tracer;

    /**
     * @param handlers one per protocol; on session termination they are told in this order (give IDE_KM
     *                 first so its streams leave Secure before TDISP looks at its TDIs)
     */
    public PciSigVendorDispatcher(List<PciSigProtocolHandler> handlers, Tracer tracer) {
        Map<PciSigProtocol, PciSigProtocolHandler> map = new EnumMap<>(PciSigProtocol.class);
        for (PciSigProtocolHandler h : handlers) {
            if (map.put(h.protocol(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.protocol());
            }
        }
        this.handlers = map;
        this.terminationOrder = List.copyOf(handlers);
        this.tracer = tracer;
    }

    @Override
    public VendorResponse handle(int sessionId, boolean secured, byte[] payloadWithProtocolByte) {
        if (!secured) {
            return refuse(RefusalReason.NOT_SECURED, "PCI-SIG vendor request outside a secured session");
        }
        PciSigPayload payload;
        try {
            payload = PciSigPayloadCodec.decode(payloadWithProtocolByte);
        } catch (SpdmDecodeException e) {
            return refuse(payloadWithProtocolByte.length == 0 ? RefusalReason.MALFORMED
                    : RefusalReason.UNSUPPORTED_PROTOCOL, e.getMessage());
        }
        PciSigProtocolHandler handler = handlers.get(payload.protocol());
        if (handler == null) {
            return refuse(RefusalReason.UNSUPPORTED_PROTOCOL, payload.protocol() + " is not served by this DSM");
        }
        VendorResponse response = handler.handle(sessionId, payload.message());
        if (response instanceof VendorResponse.Answer answer) {
            return new VendorResponse.Answer(Bytes.of(PciSigPayloadCodec.encode(
                    new PciSigPayload(payload.protocol(), answer.payload()))));
        }
        VendorResponse.Refusal refusal = (VendorResponse.Refusal) response;
        tracer.event("pcie", "DSM", "TSM", "REFUSED", payload.protocol() + ": " + refusal.detail());
        return refusal;
    }

    @Override
    public void sessionTerminated(int sessionId) {
        for (PciSigProtocolHandler h : terminationOrder) {
            h.sessionTerminated(sessionId);
        }
    }

    private VendorResponse refuse(RefusalReason reason, String detail) {
        tracer.event("pcie", "DSM", "TSM", "REFUSED", reason + ": " + detail);
        return new VendorResponse.Refusal(reason, detail);
    }
}
