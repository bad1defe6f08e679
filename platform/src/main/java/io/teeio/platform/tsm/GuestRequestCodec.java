package io.teeio.platform.tsm;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.message.MeasurementBlock;
import java.util.List;

/**
 * The TSM's guest request encoding: what a guest puts in {@code req_in} and gets back in {@code req_out} of
 * Linux's {@code guest_req} (the scope travels beside it). All fields little-endian.
 *
 * <pre>
 * request:  u8 type | u8 reserved (0) | u16 payload length | payload
 * response: u8 type (the request's) | u8 reserved (0) | u16 reserved (0) | u32 payload length | payload
 *
 * type  name                   scope         request payload          response payload
 * 0x01  GET_INTERFACE_REPORT   INFO          none                     the DEVICE_INTERFACE_REPORT bytes
 * 0x02  GET_CERTIFICATE_CHAIN  INFO          none                     the DER certificates, root first
 * 0x03  GET_MEASUREMENTS       INFO          none                     u8 count | SPDM measurement blocks
 * 0x04  GET_TDI_STATE          INFO          none                     u8 TDI_STATE (TDISP code)
 * 0x81  START_INTERFACE        STATE_CHANGE  48-byte SHA-384 of the   u8 TDI_STATE afterwards
 *                                            report the guest checked
 * 0x82  STOP_INTERFACE         STATE_CHANGE  none                     u8 TDI_STATE afterwards
 * </pre>
 * Decoding is strict: unknown type, non-zero reserved bits, a length that disagrees with the bytes, a payload
 * the type does not take, and trailing bytes are {@link SpdmDecodeException}s naming the field.
 */
public final class GuestRequestCodec {
    private static final int REQUEST_HEADER = 4;

    private GuestRequestCodec() {
    }

    public static byte[] encode(GuestRequest request) {
        Bytes payload = request instanceof GuestRequest.StartInterface s ? s.reportDigest() : Bytes.EMPTY;
        return new ByteWriter().u8(request.type().code()).u8(0).u16(payload.length()).bytes(payload).toByteArray();
    }

    public static GuestRequest decodeRequest(byte[] bytes) throws SpdmDecodeException {
        ByteReader r = new ByteReader(bytes, "guest request");
        GuestRequestType type = type(r.u8("type"), "guest request");
        reserved(r.u8("reserved"), "guest request reserved byte");
        int length = r.u16("payload length");
        if (length != r.remaining()) {
            throw new SpdmDecodeException("guest request: payload length " + length + " but " + r.remaining()
                    + " bytes follow the " + REQUEST_HEADER + "-byte header");
        }
        if (type == GuestRequestType.START_INTERFACE) {
            if (length != GuestRequest.StartInterface.DIGEST_LENGTH) {
                throw new SpdmDecodeException("guest request START_INTERFACE: report digest of " + length
                        + " bytes, expected " + GuestRequest.StartInterface.DIGEST_LENGTH);
            }
            return new GuestRequest.StartInterface(r.bytes(length, "report digest"));
        }
        if (length != 0) {
            throw new SpdmDecodeException("guest request " + type + " takes no payload, got " + length + " bytes");
        }
        return switch (type) {
            case GET_INTERFACE_REPORT -> new GuestRequest.GetInterfaceReport();
            case GET_CERTIFICATE_CHAIN -> new GuestRequest.GetCertificateChain();
            case GET_MEASUREMENTS -> new GuestRequest.GetMeasurements();
            case GET_TDI_STATE -> new GuestRequest.GetTdiState();
            case STOP_INTERFACE -> new GuestRequest.StopInterface();
            case START_INTERFACE -> throw new IllegalStateException("handled above");
        };
    }

    public static byte[] encode(GuestResponse response) {
        byte[] payload = payload(response);
        return new ByteWriter().u8(response.type().code()).u8(0).u16(0).u32(payload.length).bytes(payload)
                .toByteArray();
    }

    private static byte[] payload(GuestResponse response) {
        if (response instanceof GuestResponse.InterfaceReport r) {
            return r.report().toByteArray();
        } else if (response instanceof GuestResponse.CertificateChain c) {
            return c.certificates().toByteArray();
        } else if (response instanceof GuestResponse.Measurements m) {
            return new ByteWriter().u8(m.blocks().size()).bytes(MeasurementBlock.encodeAll(m.blocks())).toByteArray();
        } else if (response instanceof GuestResponse.TdiStateReport s) {
            return new byte[] {(byte) s.state().code()};
        }
        return new byte[] {(byte) ((GuestResponse.StateChanged) response).state().code()};
    }

    public static GuestResponse decodeResponse(byte[] bytes) throws SpdmDecodeException {
        ByteReader r = new ByteReader(bytes, "guest response");
        GuestRequestType type = type(r.u8("type"), "guest response");
        reserved(r.u8("reserved"), "guest response reserved byte");
        reserved(r.u16("reserved"), "guest response reserved word");
        long length = r.u32("payload length") & 0xFFFF_FFFFL;
        if (length != r.remaining()) {
            throw new SpdmDecodeException("guest response: payload length " + length + " but " + r.remaining()
                    + " bytes follow the header");
        }
        return switch (type) {
            case GET_INTERFACE_REPORT -> new GuestResponse.InterfaceReport(r.rest());
            case GET_CERTIFICATE_CHAIN -> new GuestResponse.CertificateChain(r.rest());
            case GET_MEASUREMENTS -> measurements(r);
            case GET_TDI_STATE -> new GuestResponse.TdiStateReport(state(r));
            case START_INTERFACE, STOP_INTERFACE -> new GuestResponse.StateChanged(type, state(r));
        };
    }

    private static GuestResponse measurements(ByteReader r) throws SpdmDecodeException {
        int count = r.u8("measurement count");
        List<MeasurementBlock> blocks = MeasurementBlock.decodeAll(r.rest(), count);
        return new GuestResponse.Measurements(blocks);
    }

    private static TdiState state(ByteReader r) throws SpdmDecodeException {
        int code = r.u8("TDI_STATE");
        r.end();
        return TdiState.fromCode(code).orElseThrow(() -> new SpdmDecodeException("guest response: TDI_STATE "
                + code + " is not a TDISP state"));
    }

    private static GuestRequestType type(int code, String what) throws SpdmDecodeException {
        return GuestRequestType.fromCode(code).orElseThrow(() -> new SpdmDecodeException(what + ": type 0x"
                + Integer.toHexString(code) + " is not a guest request type"));
    }

    private static void reserved(int value, String field) throws SpdmDecodeException {
        if (value != 0) {
            throw new SpdmDecodeException(field + " is 0x" + Integer.toHexString(value) + ", must be 0");
        }
    }
}
