package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** ALGORITHMS: the responder's selection; 36-byte fixed part, selected extended algorithms, AlgStructs. */
public record Algorithms(SpdmVersion version, int measurementSpecificationSel, int otherParamsSelection,
        int measurementHashAlgo, int baseAsymSel, int baseHashSel, List<Integer> extAsymSel,
        List<Integer> extHashSel, List<AlgStruct> algStructs, int melSpecificationSel) implements SpdmMessage {

    public Algorithms {
        extAsymSel = List.copyOf(extAsymSel);
        extHashSel = List.copyOf(extHashSel);
        algStructs = List.copyOf(algStructs);
        Fields.requireU8(extAsymSel.size(), "ExtAsymSelCount");
        Fields.requireU8(extHashSel.size(), "ExtHashSelCount");
        Fields.requireU8(algStructs.size(), "Param1 (AlgStruct count)");
    }

    @Override
    public int code() {
        return SpdmCode.ALGORITHMS;
    }

    public int length() {
        int n = 36 + 4 * extAsymSel.size() + 4 * extHashSel.size();
        for (AlgStruct s : algStructs) {
            n += s.size();
        }
        return n;
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

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), algStructs.size(), 0)
                .u16(length()).u8(measurementSpecificationSel).u8(otherParamsSelection)
                .u32(measurementHashAlgo).u32(baseAsymSel).u32(baseHashSel).zeros(11).u8(melSpecificationSel)
                .u8(extAsymSel.size()).u8(extHashSel.size()).u16(0);
        extAsymSel.forEach(w::u32);
        extHashSel.forEach(w::u32);
        algStructs.forEach(s -> s.write(w));
        return w.toByteArray();
    }

    public static Algorithms read(ByteReader r) throws SpdmDecodeException {
        int start = r.position();
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.ALGORITHMS);
        int length = r.u16("Length");
        int measSpec = r.u8("MeasurementSpecificationSel");
        int other = r.u8("OtherParamsSelection");
        int measHash = r.u32("MeasurementHashAlgo");
        int asym = r.u32("BaseAsymSel");
        int hash = r.u32("BaseHashSel");
        r.skip(11, "Reserved");
        int mel = r.u8("MELspecificationSel");
        int extAsymCount = r.u8("ExtAsymSelCount");
        int extHashCount = r.u8("ExtHashSelCount");
        r.skip(2, "Reserved");
        List<Integer> extAsym = new ArrayList<>();
        for (int i = 0; i < extAsymCount; i++) {
            extAsym.add(r.u32("ExtAsymSel"));
        }
        List<Integer> extHash = new ArrayList<>();
        for (int i = 0; i < extHashCount; i++) {
            extHash.add(r.u32("ExtHashSel"));
        }
        List<AlgStruct> structs = new ArrayList<>();
        int count = h.version().atLeast(SpdmVersion.V1_1) ? h.param1() : 0;
        for (int i = 0; i < count; i++) {
            structs.add(AlgStruct.read(r, i));
        }
        if (r.position() - start != length) {
            throw new SpdmDecodeException("ALGORITHMS: Length field says " + length
                    + " bytes but the structures take " + (r.position() - start));
        }
        return new Algorithms(h.version(), measSpec, other, measHash, asym, hash, extAsym, extHash, structs, mel);
    }
}
