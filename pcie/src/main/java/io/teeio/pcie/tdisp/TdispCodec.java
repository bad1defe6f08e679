package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * TDISP 1.0 messages to and from bytes (the part after the ProtocolID byte). Encoding always writes
 * TDISPVersion 0x10; decoding is strict: version 0x10, exact sizes, reserved fields zero.
 */
public final class TdispCodec {
    private TdispCodec() {
    }

    public static byte[] encode(TdispMessage m) {
        ByteWriter w = new ByteWriter();
        w.u8(TdispHeader.VERSION_1_0).u8(m.type().code()).u16(0).u32(m.interfaceId().functionId()).zeros(8);
        if (m instanceof TdispRequest.GetTdispCapabilities r) {
            w.u32(r.tsmCaps());
        } else if (m instanceof TdispRequest.LockInterfaceRequest r) {
            w.u16(r.flags().bits()).u8(r.defaultStreamId()).u8(0);
            u64(w, r.mmioReportingOffset());
            u64(w, r.bindP2pAddressMask());
        } else if (m instanceof TdispRequest.GetDeviceInterfaceReport r) {
            w.u16(r.offset()).u16(r.length());
        } else if (m instanceof TdispRequest.StartInterfaceRequest r) {
            w.bytes(r.startInterfaceNonce());
        } else if (m instanceof TdispRequest.BindP2pStreamRequest r) {
            w.u8(r.p2pStreamId());
        } else if (m instanceof TdispRequest.UnbindP2pStreamRequest r) {
            w.u8(r.p2pStreamId());
        } else if (m instanceof TdispRequest.SetMmioAttributeRequest r) {
            TdiReportCodec.writeRange(w, r.mmioRange());
        } else if (m instanceof TdispRequest.VdmRequest r) {
            vendor(w, r.vendor());
            w.bytes(r.data());
        } else if (m instanceof TdispResponse.TdispVersion r) {
            w.u8(r.versions().size());
            r.versions().forEach(w::u8);
        } else if (m instanceof TdispResponse.TdispCapabilities r) {
            w.u32(r.dsmCaps()).bytes(r.reqMsgsSupported()).u16(r.lockInterfaceFlagsSupported().bits()).zeros(3)
                    .u8(r.devAddrWidth()).u8(r.numReqThis()).u8(r.numReqAll());
        } else if (m instanceof TdispResponse.LockInterfaceResponse r) {
            w.bytes(r.startInterfaceNonce());
        } else if (m instanceof TdispResponse.DeviceInterfaceReport r) {
            w.u16(r.portion().length()).u16(r.remainderLength()).bytes(r.portion());
        } else if (m instanceof TdispResponse.DeviceInterfaceState r) {
            w.u8(r.state().code());
        } else if (m instanceof TdispResponse.VdmResponse r) {
            vendor(w, r.vendor());
            w.bytes(r.data());
        } else if (m instanceof TdispResponse.TdispError r) {
            w.u32(r.errorCode().code()).u32(r.errorData());
            r.vendorError().ifPresent(v -> {
                vendor(w, v.vendor());
                w.bytes(v.vendorData());
            });
        }
        // The remaining messages are header only.
        return w.toByteArray();
    }

    public static TdispMessage decode(byte[] bytes) throws SpdmDecodeException {
        ByteReader r = new ByteReader(bytes, "TDISP message");
        TdispHeader h = TdispHeader.read(r);
        if (h.version() != TdispHeader.VERSION_1_0) {
            throw new SpdmDecodeException("TDISP message: TDISPVersion 0x" + Integer.toHexString(h.version())
                    + ", only 0x10 is understood");
        }
        TdispMessageType type = TdispMessageType.fromCode(h.messageType()).orElseThrow(() ->
                new SpdmDecodeException("TDISP message: unknown MessageType 0x" + Integer.toHexString(h.messageType())));
        InterfaceId id = h.interfaceId();
        TdispMessage m = switch (type) {
            case GET_TDISP_VERSION -> new TdispRequest.GetTdispVersion(id);
            case GET_TDISP_CAPABILITIES -> new TdispRequest.GetTdispCapabilities(id, r.u32("TSM_CAPS"));
            case LOCK_INTERFACE_REQUEST -> {
                LockInterfaceFlags flags = new LockInterfaceFlags(r.u16("FLAGS"));
                int stream = r.u8("DEFAULT_STREAM_ID");
                if (r.u8("Reserved") != 0) {
                    throw new SpdmDecodeException("LOCK_INTERFACE_REQUEST: reserved byte 19 is not zero");
                }
                long offset = u64(r, "MMIO_REPORTING_OFFSET");
                long mask = u64(r, "BIND_P2P_ADDRESS_MASK");
                yield new TdispRequest.LockInterfaceRequest(id, flags, stream, offset, mask);
            }
            case GET_DEVICE_INTERFACE_REPORT -> new TdispRequest.GetDeviceInterfaceReport(id, r.u16("OFFSET"),
                    r.u16("LENGTH"));
            case GET_DEVICE_INTERFACE_STATE -> new TdispRequest.GetDeviceInterfaceState(id);
            case START_INTERFACE_REQUEST -> new TdispRequest.StartInterfaceRequest(id,
                    r.bytes(TdispRequest.NONCE_LENGTH, "START_INTERFACE_NONCE"));
            case STOP_INTERFACE_REQUEST -> new TdispRequest.StopInterfaceRequest(id);
            case BIND_P2P_STREAM_REQUEST -> new TdispRequest.BindP2pStreamRequest(id, r.u8("P2P_STREAM_ID"));
            case UNBIND_P2P_STREAM_REQUEST -> new TdispRequest.UnbindP2pStreamRequest(id, r.u8("P2P_STREAM_ID"));
            case SET_MMIO_ATTRIBUTE_REQUEST -> new TdispRequest.SetMmioAttributeRequest(id,
                    TdiReportCodec.readRange(r));
            case VDM_REQUEST -> new TdispRequest.VdmRequest(id, vendor(r), r.rest());
            case TDISP_VERSION -> {
                int count = r.u8("VERSION_NUM_COUNT");
                if (count == 0) {
                    throw new SpdmDecodeException("TDISP_VERSION: VERSION_NUM_COUNT is 0, must be at least 1");
                }
                List<Integer> versions = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    versions.add(r.u8("VERSION_NUM_ENTRY"));
                }
                yield new TdispResponse.TdispVersion(id, versions);
            }
            case TDISP_CAPABILITIES -> {
                int dsmCaps = r.u32("DSM_CAPS");
                Bytes reqMsgs = r.bytes(TdispResponse.TdispCapabilities.REQ_MSGS_SUPPORTED_LENGTH,
                        "REQ_MSGS_SUPPORTED");
                LockInterfaceFlags flags = new LockInterfaceFlags(r.u16("LOCK_INTERFACE_FLAGS_SUPPORTED"));
                if (r.u24("Reserved") != 0) {
                    throw new SpdmDecodeException("TDISP_CAPABILITIES: reserved bytes 38-40 are not zero");
                }
                yield new TdispResponse.TdispCapabilities(id, dsmCaps, reqMsgs, flags, r.u8("DEV_ADDR_WIDTH"),
                        r.u8("NUM_REQ_THIS"), r.u8("NUM_REQ_ALL"));
            }
            case LOCK_INTERFACE_RESPONSE -> new TdispResponse.LockInterfaceResponse(id,
                    r.bytes(TdispRequest.NONCE_LENGTH, "START_INTERFACE_NONCE"));
            case DEVICE_INTERFACE_REPORT -> {
                int portionLength = r.u16("PORTION_LENGTH");
                int remainder = r.u16("REMAINDER_LENGTH");
                yield new TdispResponse.DeviceInterfaceReport(id, r.bytes(portionLength, "REPORT portion"),
                        remainder);
            }
            case DEVICE_INTERFACE_STATE -> {
                int code = r.u8("TDI_STATE");
                TdiState state = TdiState.fromCode(code).orElseThrow(() -> new SpdmDecodeException(
                        "DEVICE_INTERFACE_STATE: unknown TDI_STATE " + code));
                yield new TdispResponse.DeviceInterfaceState(id, state);
            }
            case START_INTERFACE_RESPONSE -> new TdispResponse.StartInterfaceResponse(id);
            case STOP_INTERFACE_RESPONSE -> new TdispResponse.StopInterfaceResponse(id);
            case BIND_P2P_STREAM_RESPONSE -> new TdispResponse.BindP2pStreamResponse(id);
            case UNBIND_P2P_STREAM_RESPONSE -> new TdispResponse.UnbindP2pStreamResponse(id);
            case SET_MMIO_ATTRIBUTE_RESPONSE -> new TdispResponse.SetMmioAttributeResponse(id);
            case VDM_RESPONSE -> new TdispResponse.VdmResponse(id, vendor(r), r.rest());
            case TDISP_ERROR -> decodeError(id, r);
        };
        r.end();
        return m;
    }

    /** Decodes and insists on a request. */
    public static TdispRequest decodeRequest(byte[] bytes) throws SpdmDecodeException {
        TdispMessage m = decode(bytes);
        if (m instanceof TdispRequest req) {
            return req;
        }
        throw new SpdmDecodeException("TDISP message: " + m.type() + " is a response, a request was expected");
    }

    /** Decodes and insists on a response. */
    public static TdispResponse decodeResponse(byte[] bytes) throws SpdmDecodeException {
        TdispMessage m = decode(bytes);
        if (m instanceof TdispResponse resp) {
            return resp;
        }
        throw new SpdmDecodeException("TDISP message: " + m.type() + " is a request, a response was expected");
    }

    private static TdispResponse.TdispError decodeError(InterfaceId id, ByteReader r) throws SpdmDecodeException {
        int raw = r.u32("ERROR_CODE");
        TdispErrorCode code = TdispErrorCode.fromCode(raw).orElseThrow(() -> new SpdmDecodeException(
                "TDISP_ERROR: unknown ERROR_CODE 0x" + Integer.toHexString(raw)));
        int data = r.u32("ERROR_DATA");
        if (code != TdispErrorCode.VENDOR_SPECIFIC_ERROR) {
            return TdispResponse.TdispError.of(id, code, data);
        }
        if (Integer.toUnsignedLong(data) != r.remaining()) {
            throw new SpdmDecodeException("TDISP_ERROR VENDOR_SPECIFIC_ERROR: ERROR_DATA says "
                    + Integer.toUnsignedLong(data) + " bytes of extended data, " + r.remaining() + " follow");
        }
        VendorIdentity vendor = vendor(r);
        return TdispResponse.TdispError.vendorSpecific(id, new TdispResponse.VendorSpecificError(vendor, r.rest()));
    }

    private static void vendor(ByteWriter w, VendorIdentity v) {
        w.u8(v.registryId()).u8(v.vendorId().length()).bytes(v.vendorId());
    }

    private static VendorIdentity vendor(ByteReader r) throws SpdmDecodeException {
        int registry = r.u8("REGISTRY_ID");
        int len = r.u8("VENDOR_ID_LEN");
        return new VendorIdentity(registry, r.bytes(len, "VENDOR_ID"));
    }

    private static void u64(ByteWriter w, long v) {
        w.u32((int) v).u32((int) (v >>> 32));
    }

    private static long u64(ByteReader r, String field) throws SpdmDecodeException {
        long lo = r.u32(field) & 0xFFFFFFFFL;
        long hi = r.u32(field) & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }
}
