package io.teeio.spdm.responder;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.connection.Transcript;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.measurement.MeasurementEntry;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.GetMeasurements;
import io.teeio.spdm.message.MeasurementBlock;
import io.teeio.spdm.message.Measurements;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** GET_MEASUREMENTS, signed or not, with the L1 log kept per connection or per session. */
final class MeasurementHandler {
    private final ResponderConfig config;
    private final ResponderConnection conn;
    private final SpdmCrypto crypto;
    private final AuthenticationHandler auth;

    MeasurementHandler(ResponderConfig config, ResponderConnection conn, SpdmCrypto crypto,
            AuthenticationHandler auth) {
        this.config = config;
        this.conn = conn;
        this.crypto = crypto;
        this.auth = auth;
    }

    byte[] getMeasurements(ByteReader r, byte[] raw, Transcript log) throws SpdmDecodeException, SpdmErrorException {
        int measCap = conn.negotiated.responderFlags() & CapabilityFlags.MEAS_CAP_MASK;
        if (measCap == 0) {
            throw new SpdmErrorException(SpdmErrorCode.UNSUPPORTED_REQUEST, SpdmCode.GET_MEASUREMENTS,
                    "GET_MEASUREMENTS is not supported by this responder");
        }
        GetMeasurements req = GetMeasurements.read(r);
        boolean signed = req.signatureRequested();
        if (signed && measCap != CapabilityFlags.MEAS_CAP_SIG) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "GET_MEASUREMENTS: a signature was requested but this responder only measures without signing");
        }
        DeviceIdentity slot = signed ? auth.slot(req.slotIdParam() & 0x0F, "GET_MEASUREMENTS") : null;
        DeviceMeasurements dm = config.measurements();
        boolean rawBits = (req.attributes() & GetMeasurements.RAW_BIT_STREAM_REQUESTED) != 0;
        List<MeasurementBlock> blocks;
        int param1 = 0;
        int op = req.operation();
        if (op == GetMeasurements.OPERATION_COUNT) {
            blocks = List.of();
            param1 = dm.count();
        } else if (op == GetMeasurements.OPERATION_ALL) {
            blocks = dm.blocks(conn.negotiated.measurementHash(), rawBits, crypto);
        } else {
            Optional<MeasurementEntry> e = dm.entry(op);
            if (e.isEmpty()) {
                throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                        "GET_MEASUREMENTS: no measurement has index " + op);
            }
            blocks = List.of(dm.block(e.get(), conn.negotiated.measurementHash(), rawBits, crypto));
        }
        int param2 = signed ? (req.slotIdParam() & 0x0F) : 0;
        Measurements unsigned = new Measurements(req.version(), param1, param2, blocks.size(),
                Bytes.of(MeasurementBlock.encodeAll(blocks)), Bytes.of(crypto.randomBytes(32)), Bytes.EMPTY,
                req.requesterContext(), Bytes.EMPTY);
        int size = unsigned.encodeWithoutSignature().length + (signed ? slot.asym().signatureSize() : 0);
        int limit = conn.negotiated.requesterDataTransferSize();
        if (limit != 0 && size > limit) {
            throw new SpdmErrorException(SpdmErrorCode.RESPONSE_TOO_LARGE,
                    "MEASUREMENTS would be " + size + " bytes, above the requester's DataTransferSize " + limit);
        }
        log.append(Arrays.copyOf(raw, r.position())).append(unsigned.encodeWithoutSignature());
        if (!signed) {
            return unsigned.encode();
        }
        byte[] l1 = conn.transcripts.measurementTranscript(req.version(), log);
        byte[] toSign = SigningContext.RESPONDER_MEASUREMENTS.messageToSign(req.version(), crypto,
                conn.negotiated.baseHash(), l1);
        byte[] sig = crypto.sign(slot.asym(), conn.negotiated.baseHash(), slot.privateKey(), toSign);
        log.reset();
        return unsigned.withSignature(Bytes.of(sig)).encode();
    }
}
