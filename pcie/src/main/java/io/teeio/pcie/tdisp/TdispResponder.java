package io.teeio.pcie.tdisp;

import io.teeio.pcie.idekm.IdeStreamListener;
import io.teeio.pcie.idekm.IdeStreamStatus;
import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.PciSigProtocolHandler;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The DSM's TDISP responder: holds the TDIs by INTERFACE_ID and answers request bytes with response bytes.
 * It never throws; every failure is a TDISP_ERROR and leaves the TDI's state as it was:
 * malformed -> INVALID_REQUEST, TDISPVersion not 0x10 -> VERSION_MISMATCH, a code that is not a request this DSM
 * implements -> UNSUPPORTED_REQUEST (ERROR_DATA = the code), INTERFACE_ID not hosted -> INVALID_INTERFACE,
 * wrong TDI state -> INVALID_INTERFACE_STATE, and whatever the TDI itself refuses with.
 *
 * <p>Wire it as an {@link IdeStreamListener} of the IDE_KM responder so a bound stream leaving Secure sends its
 * TDIs to ERROR.
 */
public final class TdispResponder implements PciSigProtocolHandler, IdeStreamListener {
    private final TdispDeviceCapabilities capabilities;
    private final IdeStreamStatus ide;
    private final RandomGenerator random;
    private final TdispVdmHandler vdm;
    private final Tracer tracer;
    private final Map<InterfaceId, Tdi> tdis = new ConcurrentHashMap<>();

    public TdispResponder(TdispDeviceCapabilities capabilities, IdeStreamStatus ide, RandomGenerator random,
            TdispVdmHandler vdm, Tracer tracer) {
        this.capabilities = capabilities;
        this.ide = ide;
        this.random = random;
        this.vdm = vdm;
        this.tracer = tracer;
    }

    public TdispResponder(TdispDeviceCapabilities capabilities, IdeStreamStatus ide, RandomGenerator random,
            Tracer tracer) {
        this(capabilities, ide, random, TdispVdmHandler.NONE, tracer);
    }

    /** Starts hosting a TDI (in CONFIG_UNLOCKED); the device model keeps the returned TDI to report events. */
    public Tdi host(InterfaceId interfaceId, TdiHost host) {
        Tdi tdi = new Tdi(interfaceId, host, capabilities, ide, random, tracer);
        if (tdis.putIfAbsent(interfaceId, tdi) != null) {
            throw new IllegalArgumentException(interfaceId + " is already hosted");
        }
        return tdi;
    }

    public Optional<Tdi> tdi(InterfaceId interfaceId) {
        return Optional.ofNullable(tdis.get(interfaceId));
    }

    @Override
    public PciSigProtocol protocol() {
        return PciSigProtocol.TDISP;
    }

    /** TDISP always answers in its own terms: never a refusal. */
    @Override
    public VendorResponse handle(int sessionId, Bytes message) {
        return new VendorResponse.Answer(respond(sessionId, message));
    }

    /** Request bytes in, response bytes out (TDISP message without the ProtocolID byte). */
    public Bytes respond(int sessionId, Bytes request) {
        byte[] bytes = request.toByteArray();
        InterfaceId id = bestEffortInterfaceId(bytes);
        try {
            if (bytes.length < TdispHeader.LENGTH) {
                return error(id, TdispErrorCode.INVALID_REQUEST, 0, bytes.length + " bytes, shorter than the header");
            }
            if ((bytes[0] & 0xFF) != TdispHeader.VERSION_1_0) {
                return error(id, TdispErrorCode.VERSION_MISMATCH, 0,
                        "TDISPVersion 0x" + Integer.toHexString(bytes[0] & 0xFF));
            }
            int code = bytes[1] & 0xFF;
            Optional<TdispMessageType> type = TdispMessageType.fromCode(code);
            if (type.isEmpty() || !type.get().isRequest() || !capabilities.supports(type.get())) {
                return error(id, TdispErrorCode.UNSUPPORTED_REQUEST, code,
                        "MessageType 0x" + Integer.toHexString(code) + " is not a request this DSM implements");
            }
            TdispRequest req;
            try {
                req = TdispCodec.decodeRequest(bytes);
            } catch (SpdmDecodeException e) {
                return error(id, TdispErrorCode.INVALID_REQUEST, 0, e.getMessage());
            }
            Tdi tdi = tdis.get(req.interfaceId());
            if (tdi == null) {
                return error(id, TdispErrorCode.INVALID_INTERFACE, 0, "no TDI " + req.interfaceId());
            }
            return Bytes.of(TdispCodec.encode(dispatch(sessionId, tdi, req)));
        } catch (TdiRejectedException e) {
            return errorResponse(id, e.errorCode(), e.errorData());
        } catch (RuntimeException e) {
            // A fault in the device model must not take the DSM down; the TSM sees UNSPECIFIED.
            return error(id, TdispErrorCode.UNSPECIFIED, 0, "internal failure: " + e);
        }
    }

    private TdispResponse dispatch(int sessionId, Tdi tdi, TdispRequest req) throws TdiRejectedException {
        if (req instanceof TdispRequest.GetTdispVersion r) {
            return tdi.getVersion(r);
        } else if (req instanceof TdispRequest.GetTdispCapabilities r) {
            return tdi.getCapabilities(r);
        } else if (req instanceof TdispRequest.LockInterfaceRequest r) {
            return tdi.lockInterface(sessionId, r);
        } else if (req instanceof TdispRequest.GetDeviceInterfaceReport r) {
            return tdi.getDeviceInterfaceReport(r);
        } else if (req instanceof TdispRequest.GetDeviceInterfaceState r) {
            return tdi.getDeviceInterfaceState(r);
        } else if (req instanceof TdispRequest.StartInterfaceRequest r) {
            return tdi.startInterface(r);
        } else if (req instanceof TdispRequest.StopInterfaceRequest r) {
            return tdi.stopInterface(r);
        } else if (req instanceof TdispRequest.BindP2pStreamRequest r) {
            return tdi.bindP2pStream(r);
        } else if (req instanceof TdispRequest.UnbindP2pStreamRequest r) {
            return tdi.unbindP2pStream(r);
        } else if (req instanceof TdispRequest.SetMmioAttributeRequest r) {
            return tdi.setMmioAttribute(r);
        }
        TdispRequest.VdmRequest r = (TdispRequest.VdmRequest) req;
        return new TdispResponse.VdmResponse(tdi.interfaceId(), r.vendor(), vdm.handle(tdi, r.vendor(), r.data()));
    }

    @Override
    public void sessionTerminated(int sessionId) {
        tdis.values().forEach(t -> t.spdmSessionTerminated(sessionId));
    }

    @Override
    public void streamLeftSecure(int portIndex, int streamId) {
        tdis.values().forEach(t -> t.ideStreamLeftSecure(portIndex, streamId));
    }

    private Bytes error(InterfaceId id, TdispErrorCode code, int data, String why) {
        tracer.event("pcie", "DSM", "TSM", "TDISP_ERROR", id + " " + code + ": " + why);
        return errorResponse(id, code, data);
    }

    private static Bytes errorResponse(InterfaceId id, TdispErrorCode code, int data) {
        return Bytes.of(TdispCodec.encode(TdispResponse.TdispError.of(id, code, data)));
    }

    /** The FUNCTION_ID bytes if present, so even a broken request's error names the interface it meant. */
    private static InterfaceId bestEffortInterfaceId(byte[] b) {
        if (b.length < 8) {
            return new InterfaceId(0);
        }
        return new InterfaceId((b[4] & 0xFF) | (b[5] & 0xFF) << 8 | (b[6] & 0xFF) << 16 | (b[7] & 0xFF) << 24);
    }
}
