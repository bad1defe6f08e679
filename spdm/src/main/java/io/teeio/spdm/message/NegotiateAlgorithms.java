package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** NEGOTIATE_ALGORITHMS: 32-byte fixed part, extended algorithms, then the AlgStructs (Param1 of them). */
public record NegotiateAlgorithms(SpdmVersion version, int measurementSpecification, int otherParamsSupport,
        int baseAsymAlgo, int baseHashAlgo, List<Integer> extAsym, List<Integer> extHash,
        List<AlgStruct> algStructs, int melSpecification) implements SpdmMessage {

    public static final int OPAQUE_DATA_FMT0 = 0x01;
    public static final int OPAQUE_DATA_FMT1 = 0x02;

    public NegotiateAlgorithms {
        extAsym = List.copyOf(extAsym);
        extHash = List.copyOf(extHash);
        algStructs = List.copyOf(algStructs);
        Fields.requireU8(extAsym.size(), "ExtAsymCount");
        Fields.requireU8(extHash.size(), "ExtHashCount");
        Fields.requireU8(algStructs.size(), "Param1 (AlgStruct count)");
    }

    @Override
    public int code() {
        return SpdmCode.NEGOTIATE_ALGORITHMS;
    }

    public int length() {
        int n = 32 + 4 * extAsym.size() + 4 * extHash.size();
        for (AlgStruct s : algStructs) {
            n += s.size();
        }
        return n;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), algStructs.size(), 0)
                .u16(length()).u8(measurementSpecification).u8(otherParamsSupport)
                .u32(baseAsymAlgo).u32(baseHashAlgo).zeros(12)
                .u8(extAsym.size()).u8(extHash.size()).u8(0).u8(melSpecification);
        extAsym.forEach(w::u32);
        extHash.forEach(w::u32);
        algStructs.forEach(s -> s.write(w));
        return w.toByteArray();
    }

    public int dhe() {
        return AlgStruct.supportedOf(algStructs, AlgStruct.DHE);
    }

    public int aead() {
        return AlgStruct.supportedOf(algStructs, AlgStruct.AEAD);
    }

    public int reqBaseAsymAlg() {
        return AlgStruct.supportedOf(algStructs, AlgStruct.REQ_BASE_ASYM_ALG);
    }

    public int keySchedule() {
        return AlgStruct.supportedOf(algStructs, AlgStruct.KEY_SCHEDULE);
    }

    public static NegotiateAlgorithms read(ByteReader r) throws SpdmDecodeException {
        int start = r.position();
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.NEGOTIATE_ALGORITHMS);
        int length = r.u16("Length");
        int measSpec = r.u8("MeasurementSpecification");
        int other = r.u8("OtherParamsSupport");
        int asym = r.u32("BaseAsymAlgo");
        int hash = r.u32("BaseHashAlgo");
        r.skip(12, "Reserved");
        int extAsymCount = r.u8("ExtAsymCount");
        int extHashCount = r.u8("ExtHashCount");
        r.skip(1, "Reserved");
        int mel = r.u8("MELspecification");
        List<Integer> extAsym = new ArrayList<>();
        for (int i = 0; i < extAsymCount; i++) {
            extAsym.add(r.u32("ExtAsym"));
        }
        List<Integer> extHash = new ArrayList<>();
        for (int i = 0; i < extHashCount; i++) {
            extHash.add(r.u32("ExtHash"));
        }
        List<AlgStruct> structs = new ArrayList<>();
        int count = h.version().atLeast(SpdmVersion.V1_1) ? h.param1() : 0;
        for (int i = 0; i < count; i++) {
            structs.add(AlgStruct.read(r, i));
        }
        if (r.position() - start != length) {
            throw new SpdmDecodeException("NEGOTIATE_ALGORITHMS: Length field says " + length
                    + " bytes but the structures take " + (r.position() - start));
        }
        return new NegotiateAlgorithms(h.version(), measSpec, other, asym, hash, extAsym, extHash, structs, mel);
    }
}
