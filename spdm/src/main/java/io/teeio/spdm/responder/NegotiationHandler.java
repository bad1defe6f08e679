package io.teeio.spdm.responder;

import static io.teeio.spdm.message.CapabilityFlags.CERT_CAP;
import static io.teeio.spdm.message.CapabilityFlags.CHAL_CAP;
import static io.teeio.spdm.message.CapabilityFlags.CHUNK_CAP;
import static io.teeio.spdm.message.CapabilityFlags.ENCAP_CAP;
import static io.teeio.spdm.message.CapabilityFlags.ENCRYPT_CAP;
import static io.teeio.spdm.message.CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP;
import static io.teeio.spdm.message.CapabilityFlags.HBEAT_CAP;
import static io.teeio.spdm.message.CapabilityFlags.KEY_EX_CAP;
import static io.teeio.spdm.message.CapabilityFlags.KEY_UPD_CAP;
import static io.teeio.spdm.message.CapabilityFlags.MAC_CAP;
import static io.teeio.spdm.message.CapabilityFlags.MUT_AUTH_CAP;
import static io.teeio.spdm.message.CapabilityFlags.PSK_CAP_MASK;
import static io.teeio.spdm.message.CapabilityFlags.PUB_KEY_ID_CAP;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.connection.AlgorithmPriority;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.message.AlgStruct;
import io.teeio.spdm.message.Algorithms;
import io.teeio.spdm.message.Capabilities;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.GetCapabilities;
import io.teeio.spdm.message.GetVersion;
import io.teeio.spdm.message.NegotiateAlgorithms;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VersionNumberEntry;
import io.teeio.spdm.message.VersionResponse;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** GET_VERSION, GET_CAPABILITIES and NEGOTIATE_ALGORITHMS: the VCA part of the connection. */
final class NegotiationHandler {
    private final ResponderConfig config;
    private final ResponderConnection conn;

    NegotiationHandler(ResponderConfig config, ResponderConnection conn) {
        this.config = config;
        this.conn = conn;
    }

    byte[] getVersion(ByteReader r) throws SpdmDecodeException {
        GetVersion req = GetVersion.read(r);
        conn.reset();
        List<VersionNumberEntry> entries = config.versions().stream().map(VersionNumberEntry::of).toList();
        byte[] rsp = new VersionResponse(entries).encode();
        conn.transcripts.vca().append(req.encode()).append(rsp);
        conn.state = ConnectionState.AFTER_VERSION;
        return rsp;
    }

    byte[] getCapabilities(ByteReader r, byte[] raw) throws SpdmDecodeException, SpdmErrorException {
        GetCapabilities req = GetCapabilities.read(r);
        SpdmVersion v = req.version();
        checkRequesterCapabilities(req);
        Capabilities rsp = new Capabilities(v, 0, config.ctExponent(),
                config.capabilityFlags() & CapabilityFlags.definedAt(v),
                config.dataTransferSize(), config.maxSpdmMsgSize());
        byte[] out = rsp.encode();
        conn.transcripts.vca().append(java.util.Arrays.copyOf(raw, r.position())).append(out);
        conn.version = v;
        conn.requesterCapabilities = req;
        conn.state = ConnectionState.AFTER_CAPABILITIES;
        return out;
    }

    private static void checkRequesterCapabilities(GetCapabilities req) throws SpdmErrorException {
        SpdmVersion v = req.version();
        int f = req.flags();
        if (v.atLeast(SpdmVersion.V1_1)) {
            if (req.ctExponent() > 31) {
                throw invalid("CTExponent " + req.ctExponent() + " exceeds 31");
            }
            int psk = (f & PSK_CAP_MASK) >> 10;
            if (psk == 2 || psk == 3) {
                throw invalid("requester PSK_CAP value " + psk + " is reserved");
            }
            boolean keyEx = (f & KEY_EX_CAP) != 0;
            if (keyEx || psk != 0) {
                if ((f & (MAC_CAP | ENCRYPT_CAP)) == 0) {
                    throw invalid("KEY_EX_CAP or PSK_CAP without MAC_CAP or ENCRYPT_CAP");
                }
            } else if ((f & (MAC_CAP | ENCRYPT_CAP | HANDSHAKE_IN_THE_CLEAR_CAP | HBEAT_CAP | KEY_UPD_CAP)) != 0) {
                throw invalid("session capabilities (MAC/ENCRYPT/HANDSHAKE_IN_THE_CLEAR/HBEAT/KEY_UPD) "
                        + "without KEY_EX_CAP or PSK_CAP");
            }
            if (!keyEx && psk == 1 && (f & HANDSHAKE_IN_THE_CLEAR_CAP) != 0) {
                throw invalid("HANDSHAKE_IN_THE_CLEAR_CAP with PSK only");
            }
            boolean cert = (f & CERT_CAP) != 0;
            boolean pubKey = (f & PUB_KEY_ID_CAP) != 0;
            if (cert && pubKey) {
                throw invalid("CERT_CAP and PUB_KEY_ID_CAP both set");
            }
            if ((cert || pubKey) && (f & (CHAL_CAP | KEY_EX_CAP)) == 0) {
                throw invalid("CERT_CAP or PUB_KEY_ID_CAP without CHAL_CAP or KEY_EX_CAP");
            }
            if (!cert && !pubKey && (f & (CHAL_CAP | MUT_AUTH_CAP)) != 0) {
                throw invalid("CHAL_CAP or MUT_AUTH_CAP without CERT_CAP or PUB_KEY_ID_CAP");
            }
            if ((f & MUT_AUTH_CAP) != 0 && (f & (KEY_EX_CAP | CHAL_CAP)) == 0) {
                throw invalid("MUT_AUTH_CAP without KEY_EX_CAP or CHAL_CAP");
            }
        }
        if (v.equals(SpdmVersion.V1_1) && (f & MUT_AUTH_CAP) != 0 && (f & ENCAP_CAP) == 0) {
            throw invalid("MUT_AUTH_CAP without ENCAP_CAP (required at 1.1)");
        }
        if (v.atLeast(SpdmVersion.V1_2)) {
            if (req.dataTransferSize() < 42) {
                throw invalid("DataTransferSize " + req.dataTransferSize() + " is below MinDataTransferSize 42");
            }
            if (Integer.compareUnsigned(req.maxSpdmMsgSize(), req.dataTransferSize()) < 0) {
                throw invalid("MaxSPDMmsgSize is smaller than DataTransferSize");
            }
            if ((f & CHUNK_CAP) == 0 && req.maxSpdmMsgSize() != req.dataTransferSize()) {
                throw invalid("MaxSPDMmsgSize must equal DataTransferSize without CHUNK_CAP");
            }
        }
    }

    private static SpdmErrorException invalid(String why) {
        return new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, "GET_CAPABILITIES: " + why);
    }

    byte[] negotiateAlgorithms(ByteReader r, byte[] raw) throws SpdmDecodeException, SpdmErrorException {
        NegotiateAlgorithms req = NegotiateAlgorithms.read(r);
        SpdmVersion v = conn.version;
        if (req.length() > (v.atLeast(SpdmVersion.V1_1) ? 128 : 64)) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, "NEGOTIATE_ALGORITHMS longer than allowed");
        }
        int previousType = 0;
        for (AlgStruct s : req.algStructs()) {
            if (s.algType() <= previousType || s.algType() < AlgStruct.DHE || s.algType() > AlgStruct.KEY_SCHEDULE) {
                throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                        "NEGOTIATE_ALGORITHMS: AlgStruct types must be 2..5 in ascending order");
            }
            if (s.supported() == 0) {
                throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, "NEGOTIATE_ALGORITHMS: AlgStruct "
                        + AlgStruct.typeName(s.algType()) + " supports nothing (AlgSupported 0)");
            }
            previousType = s.algType();
        }
        int ourHashes = BaseHashAlgo.maskOf(config.hashes());
        BaseHashAlgo hash = AlgorithmPriority.select(BaseHashAlgo.PRIORITY, BaseHashAlgo::mask, req.baseHashAlgo(),
                ourHashes).orElseThrow(() -> noOverlap("base hash", req.baseHashAlgo(), ourHashes));
        boolean needAsym = (config.capabilityFlags() & (CERT_CAP | CHAL_CAP | KEY_EX_CAP)) != 0
                || (config.capabilityFlags() & io.teeio.spdm.message.CapabilityFlags.MEAS_CAP_SIG) != 0;
        BaseAsymAlgo asym = AlgorithmPriority.select(BaseAsymAlgo.PRIORITY, BaseAsymAlgo::mask, req.baseAsymAlgo(),
                config.asymMask()).orElse(null);
        if (asym == null && needAsym) {
            throw noOverlap("base asymmetric", req.baseAsymAlgo(), config.asymMask());
        }
        boolean measures = (config.capabilityFlags() & io.teeio.spdm.message.CapabilityFlags.MEAS_CAP_MASK) != 0;
        int measSpec = measures && (req.measurementSpecification() & 0x01) != 0 ? 0x01 : 0;
        MeasurementHashAlgo measHash = null;
        if (measSpec != 0) {
            int ours = 0;
            for (MeasurementHashAlgo m : config.measurementHashes()) {
                ours |= m.mask();
            }
            // The requester does not offer measurement hashes: the responder picks from its own list.
            int all = ours;
            measHash = AlgorithmPriority.select(MeasurementHashAlgo.PRIORITY, MeasurementHashAlgo::mask, all, ours)
                    .orElse(null);
        }
        int opaque = 0;
        if (v.atLeast(SpdmVersion.V1_2)) {
            if ((req.otherParamsSupport() & NegotiateAlgorithms.OPAQUE_DATA_FMT1) != 0) {
                opaque = NegotiateAlgorithms.OPAQUE_DATA_FMT1;
            } else if ((req.otherParamsSupport() & NegotiateAlgorithms.OPAQUE_DATA_FMT0) != 0) {
                opaque = NegotiateAlgorithms.OPAQUE_DATA_FMT0;
            }
        }
        boolean sessions = (config.capabilityFlags() & KEY_EX_CAP) != 0
                && (conn.requesterCapabilities.flags() & KEY_EX_CAP) != 0;
        DheGroup dhe = null;
        AeadAlgo aead = null;
        boolean keySchedule = false;
        List<AlgStruct> structs = new ArrayList<>();
        if (v.atLeast(SpdmVersion.V1_1)) {
            for (AlgStruct s : req.algStructs()) {
                int selected = 0;
                switch (s.algType()) {
                    case AlgStruct.DHE -> {
                        dhe = AlgorithmPriority.select(DheGroup.PRIORITY, DheGroup::mask, s.supported(),
                                maskDhe()).orElse(null);
                        selected = dhe == null ? 0 : dhe.mask();
                    }
                    case AlgStruct.AEAD -> {
                        aead = AlgorithmPriority.select(AeadAlgo.PRIORITY, AeadAlgo::mask, s.supported(),
                                maskAead()).orElse(null);
                        selected = aead == null ? 0 : aead.mask();
                    }
                    case AlgStruct.REQ_BASE_ASYM_ALG -> selected = 0; // mutual authentication is not offered
                    case AlgStruct.KEY_SCHEDULE -> {
                        keySchedule = (s.supported() & 0x0001) != 0;
                        selected = keySchedule ? 0x0001 : 0;
                    }
                    default -> selected = 0;
                }
                structs.add(new AlgStruct(s.algType(), selected));
            }
            if (sessions && (dhe == null || aead == null || !keySchedule)) {
                throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                        "NEGOTIATE_ALGORITHMS: sessions were negotiated but no common "
                                + (dhe == null ? "DHE group" : aead == null ? "AEAD" : "key schedule"));
            }
        }
        Algorithms rsp = new Algorithms(v, measSpec, opaque, measHash == null ? 0 : measHash.mask(),
                asym == null ? 0 : asym.mask(), hash.mask(), List.of(), List.of(), structs, 0);
        byte[] out = rsp.encode();
        conn.transcripts.vca().append(java.util.Arrays.copyOf(raw, r.position())).append(out);
        GetCapabilities rc = conn.requesterCapabilities;
        conn.negotiated = new Negotiated(v, rc.flags(), config.capabilityFlags() & CapabilityFlags.definedAt(v),
                config.ctExponent(),
                rc.dataTransferSize(), rc.maxSpdmMsgSize(), config.dataTransferSize(), config.maxSpdmMsgSize(),
                measSpec, opaque, hash, asym, measHash, dhe, aead, 0, keySchedule);
        conn.state = ConnectionState.NEGOTIATED;
        return out;
    }

    private int maskDhe() {
        int m = 0;
        for (DheGroup g : config.dheGroups()) {
            m |= g.mask();
        }
        return m;
    }

    private int maskAead() {
        int m = 0;
        for (AeadAlgo a : config.aeads()) {
            m |= a.mask();
        }
        return m;
    }

    private static SpdmErrorException noOverlap(String what, int offered, int supported) {
        return new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, String.format(
                "NEGOTIATE_ALGORITHMS: no common %s algorithm (requester offers 0x%X, responder supports 0x%X)",
                what, offered, supported));
    }
}
