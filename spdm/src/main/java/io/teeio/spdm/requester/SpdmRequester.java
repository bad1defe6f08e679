package io.teeio.spdm.requester;

import static io.teeio.spdm.requester.SpdmRequesterException.Kind.ERROR_RESPONSE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.INVALID_STATE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.MALFORMED_RESPONSE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.NEGOTIATION_FAILED;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.TRANSPORT;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.VERIFICATION_FAILED;

import io.teeio.spdm.cert.ChainVerificationException;
import io.teeio.spdm.cert.ChainVerifier;
import io.teeio.spdm.cert.SpdmCertChain;
import io.teeio.spdm.cert.VerifiedChain;
import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.AlgorithmPriority;
import io.teeio.spdm.connection.ConnectionTranscripts;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.AlgStruct;
import io.teeio.spdm.message.Algorithms;
import io.teeio.spdm.message.Capabilities;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.CertificateResponse;
import io.teeio.spdm.message.Challenge;
import io.teeio.spdm.message.ChallengeAuth;
import io.teeio.spdm.message.Digests;
import io.teeio.spdm.message.ErrorResponse;
import io.teeio.spdm.message.GetCapabilities;
import io.teeio.spdm.message.GetCertificate;
import io.teeio.spdm.message.GetDigests;
import io.teeio.spdm.message.GetMeasurements;
import io.teeio.spdm.message.GetVersion;
import io.teeio.spdm.message.Measurements;
import io.teeio.spdm.message.NegotiateAlgorithms;
import io.teeio.spdm.message.RespondIfReady;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmHeader;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VersionNumberEntry;
import io.teeio.spdm.message.VersionResponse;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.SpdmTransport;
import io.teeio.spdm.transport.TransportException;
import io.teeio.spdm.connection.Transcript;
import io.teeio.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An SPDM requester: connection (VCA), digests, certificate chains (chunked, verified to a trust anchor),
 * CHALLENGE and measurements, each signature checked over its transcript. Failures are
 * {@link SpdmRequesterException}s naming the step and the reason.
 */
public final class SpdmRequester {
    private static final String LAYER = "spdm";

    private final RequesterConfig config;
    private final SpdmTransport transport;
    private final SpdmCrypto crypto;
    private final Tracer tracer;
    private final ConnectionTranscripts transcripts = new ConnectionTranscripts();
    private final Map<Integer, CertificateChainResult> chains = new HashMap<>();
    private final List<SpdmSession> sessions = new ArrayList<>();
    private Negotiated negotiated;
    private Digests digests;

    public SpdmRequester(RequesterConfig config, SpdmTransport transport, SpdmCrypto crypto, Tracer tracer) {
        this.config = config;
        this.transport = transport;
        this.crypto = crypto;
        this.tracer = tracer;
    }

    public RequesterConfig config() {
        return config;
    }

    /** What VCA settled; empty before {@link #connect()}. */
    public Optional<Negotiated> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    public Optional<CertificateChainResult> chain(int slot) {
        return Optional.ofNullable(chains.get(slot));
    }

    SpdmCrypto crypto() {
        return crypto;
    }

    SpdmTransport transport() {
        return transport;
    }

    Tracer tracer() {
        return tracer;
    }

    ConnectionTranscripts transcripts() {
        return transcripts;
    }

    Negotiated requireNegotiated(String step) throws SpdmRequesterException {
        if (negotiated == null) {
            throw new SpdmRequesterException(step, INVALID_STATE, "the connection is not negotiated (call connect first)");
        }
        return negotiated;
    }

    /** GET_VERSION, GET_CAPABILITIES, NEGOTIATE_ALGORITHMS: agrees version, capabilities and algorithms. */
    public Negotiated connect() throws SpdmRequesterException {
        negotiated = null;
        digests = null;
        chains.clear();
        transcripts.resetAll();
        GetVersion gv = new GetVersion();
        Reply vr = exchangeRaw("GET_VERSION", gv.encode(), SpdmCode.VERSION, null);
        Decoded<VersionResponse> vd = decode("GET_VERSION", vr, r -> VersionResponse.read(r));
        VersionResponse version = vd.message();
        SpdmVersion selected = selectVersion(version.entries());
        transcripts.vca().append(gv.encode()).append(vd.exact());
        tracer.event(LAYER, config.name(), "responder", "VERSION", "responder offers " + version.entries().stream()
                .map(e -> e.version().toString()).collect(Collectors.joining(", ")) + "; selected " + selected);

        GetCapabilities gc = new GetCapabilities(selected, 0, config.ctExponent(),
                config.capabilityFlags() & CapabilityFlags.definedAt(selected), config.dataTransferSize(),
                config.maxSpdmMsgSize());
        Reply cr = exchangeRaw("GET_CAPABILITIES", gc.encode(), SpdmCode.CAPABILITIES, selected);
        Decoded<Capabilities> cd = decode("GET_CAPABILITIES", cr, r -> Capabilities.read(r));
        Capabilities caps = cd.message();
        if (selected.atLeast(SpdmVersion.V1_2) && caps.dataTransferSize() < 42) {
            throw new SpdmRequesterException("GET_CAPABILITIES", MALFORMED_RESPONSE,
                    "responder DataTransferSize " + caps.dataTransferSize() + " is below 42");
        }
        transcripts.vca().append(gc.encode()).append(cd.exact());
        tracer.event(LAYER, config.name(), "responder", "CAPABILITIES",
                "responder flags 0x" + Integer.toHexString(caps.flags()) + ": " + CapabilityFlags.describe(caps.flags()));

        boolean sessions = (caps.flags() & CapabilityFlags.KEY_EX_CAP) != 0
                && (config.capabilityFlags() & CapabilityFlags.KEY_EX_CAP) != 0;
        List<AlgStruct> structs = new ArrayList<>();
        if (selected.atLeast(SpdmVersion.V1_1) && sessions) {
            structs.add(new AlgStruct(AlgStruct.DHE, maskOf(config.dheGroups(), DheGroup::mask)));
            structs.add(new AlgStruct(AlgStruct.AEAD, maskOf(config.aeads(), AeadAlgo::mask)));
            structs.add(new AlgStruct(AlgStruct.KEY_SCHEDULE, 0x0001));
        }
        int otherParams = selected.atLeast(SpdmVersion.V1_2) ? NegotiateAlgorithms.OPAQUE_DATA_FMT1 : 0;
        NegotiateAlgorithms na = new NegotiateAlgorithms(selected, 0x01, otherParams,
                maskOf(config.asyms(), BaseAsymAlgo::mask), maskOf(config.hashes(), BaseHashAlgo::mask), List.of(),
                List.of(), structs, 0);
        Reply ar = exchangeRaw("NEGOTIATE_ALGORITHMS", na.encode(), SpdmCode.ALGORITHMS, selected);
        Decoded<Algorithms> ad = decode("NEGOTIATE_ALGORITHMS", ar, r -> Algorithms.read(r));
        Algorithms alg = ad.message();
        Negotiated n = checkAlgorithms(selected, gc, caps, na, alg, sessions);
        transcripts.vca().append(na.encode()).append(ad.exact());
        negotiated = n;
        tracer.event(LAYER, config.name(), "responder", "ALGORITHMS", "negotiated " + n.describeAlgorithms());
        return n;
    }

    private static <T> int maskOf(List<T> list, java.util.function.ToIntFunction<T> mask) {
        int m = 0;
        for (T t : list) {
            m |= mask.applyAsInt(t);
        }
        return m;
    }

    private SpdmVersion selectVersion(List<VersionNumberEntry> offered) throws SpdmRequesterException {
        SpdmVersion best = null;
        for (VersionNumberEntry e : offered) {
            SpdmVersion v = e.version();
            if (config.versions().contains(v) && (best == null || v.compareTo(best) > 0)) {
                best = v;
            }
        }
        if (best == null) {
            throw new SpdmRequesterException("GET_VERSION", NEGOTIATION_FAILED, "no common SPDM version: responder "
                    + "offers " + offered.stream().map(e -> e.version().toString()).collect(Collectors.joining(", "))
                    + "; requester supports " + config.versions().stream().map(SpdmVersion::toString)
                            .collect(Collectors.joining(", ")));
        }
        return best;
    }

    private Negotiated checkAlgorithms(SpdmVersion v, GetCapabilities gc, Capabilities caps, NegotiateAlgorithms na,
            Algorithms alg, boolean sessions) throws SpdmRequesterException {
        String step = "NEGOTIATE_ALGORITHMS";
        BaseHashAlgo hash = AlgorithmPriority.ofSingleBit(BaseHashAlgo.PRIORITY, BaseHashAlgo::mask, alg.baseHashSel())
                .filter(h -> config.hashes().contains(h)).orElseThrow(() -> new SpdmRequesterException(step,
                        NEGOTIATION_FAILED, String.format("ALGORITHMS selects base hash 0x%X, which the requester "
                                + "did not offer (offered 0x%X)", alg.baseHashSel(), na.baseHashAlgo())));
        boolean needsAsym = (caps.flags() & (CapabilityFlags.CERT_CAP | CapabilityFlags.CHAL_CAP
                | CapabilityFlags.KEY_EX_CAP | CapabilityFlags.MEAS_CAP_SIG)) != 0;
        BaseAsymAlgo asym = AlgorithmPriority.ofSingleBit(BaseAsymAlgo.PRIORITY, BaseAsymAlgo::mask, alg.baseAsymSel())
                .filter(a -> config.asyms().contains(a)).orElse(null);
        if (asym == null && (needsAsym || alg.baseAsymSel() != 0)) {
            throw new SpdmRequesterException(step, NEGOTIATION_FAILED, String.format(
                    "ALGORITHMS selects base asymmetric algorithm 0x%X; the requester offered 0x%X",
                    alg.baseAsymSel(), na.baseAsymAlgo()));
        }
        MeasurementHashAlgo measHash = null;
        if ((caps.flags() & CapabilityFlags.MEAS_CAP_MASK) != 0 && alg.measurementSpecificationSel() == 0x01) {
            measHash = MeasurementHashAlgo.fromMask(alg.measurementHashAlgo()).orElseThrow(() ->
                    new SpdmRequesterException(step, NEGOTIATION_FAILED, String.format(
                            "ALGORITHMS selects measurement hash 0x%X, which this requester cannot use",
                            alg.measurementHashAlgo())));
        }
        DheGroup dhe = null;
        AeadAlgo aead = null;
        boolean keySchedule = false;
        if (sessions) {
            dhe = AlgorithmPriority.ofSingleBit(DheGroup.PRIORITY, DheGroup::mask, alg.dhe())
                    .filter(g -> config.dheGroups().contains(g)).orElseThrow(() -> new SpdmRequesterException(step,
                            NEGOTIATION_FAILED, String.format("ALGORITHMS selects DHE 0x%X; offered 0x%X",
                                    alg.dhe(), na.dhe())));
            aead = AlgorithmPriority.ofSingleBit(AeadAlgo.PRIORITY, AeadAlgo::mask, alg.aead())
                    .filter(a -> config.aeads().contains(a)).orElseThrow(() -> new SpdmRequesterException(step,
                            NEGOTIATION_FAILED, String.format("ALGORITHMS selects AEAD 0x%X; offered 0x%X",
                                    alg.aead(), na.aead())));
            keySchedule = alg.keySchedule() == 0x0001;
            if (!keySchedule) {
                throw new SpdmRequesterException(step, NEGOTIATION_FAILED, "ALGORITHMS selects no SPDM key schedule");
            }
        }
        int opaque = alg.otherParamsSelection() & 0x0F;
        if (opaque != 0 && (opaque & na.otherParamsSupport()) != opaque) {
            throw new SpdmRequesterException(step, NEGOTIATION_FAILED,
                    "ALGORITHMS selects an opaque data format the requester did not offer: 0x" + Integer.toHexString(opaque));
        }
        return new Negotiated(v, gc.flags(), caps.flags(), caps.ctExponent(), gc.dataTransferSize(),
                gc.maxSpdmMsgSize(), caps.dataTransferSize(), caps.maxSpdmMsgSize(), alg.measurementSpecificationSel(),
                opaque, hash, asym, measHash, dhe, aead, alg.reqBaseAsymAlg(), keySchedule);
    }

    private void requireResponderCap(String step, int flag, String what) throws SpdmRequesterException {
        if (!requireNegotiated(step).responderHas(flag)) {
            throw new SpdmRequesterException(step, INVALID_STATE, "the responder does not advertise " + what);
        }
    }

    /** GET_DIGESTS: one digest per provisioned slot. */
    public Digests getDigests() throws SpdmRequesterException {
        String step = "GET_DIGESTS";
        requireResponderCap(step, CapabilityFlags.CERT_CAP, "CERT_CAP");
        Negotiated n = negotiated;
        GetDigests req = new GetDigests(n.version());
        Reply r = exchangeAfterResets(step, req.code(), req.encode(), SpdmCode.DIGESTS, n.version());
        Decoded<Digests> dd = decode(step, r, rd -> Digests.read(rd, n.hashSize()));
        Digests d = dd.message();
        transcripts.b().append(req.encode()).append(dd.exact());
        digests = d;
        tracer.event(LAYER, config.name(), "responder", "DIGESTS",
                "slot mask 0x" + Integer.toHexString(d.slotMask()) + ", " + d.digests().size() + " chain digests");
        return d;
    }

    /**
     * GET_CERTIFICATE for a slot until RemainderLength is 0; checks the chain against its DIGESTS entry and
     * the root hash, verifies it to a trust anchor when configured, and remembers the leaf key.
     */
    public CertificateChainResult getCertificate(int slot) throws SpdmRequesterException {
        String step = "GET_CERTIFICATE";
        requireResponderCap(step, CapabilityFlags.CERT_CAP, "CERT_CAP");
        Negotiated n = negotiated;
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        int offset = 0;
        int messages = 0;
        int total = -1;
        int portion = Math.min(config.certificatePortion(), config.dataTransferSize() - 8);
        while (true) {
            GetCertificate req = new GetCertificate(n.version(), slot, 0, offset, portion);
            Reply r = exchangeAfterResets(step, req.code(), req.encode(), SpdmCode.CERTIFICATE, n.version());
            Decoded<CertificateResponse> cdec = decode(step, r, rd -> CertificateResponse.read(rd));
            CertificateResponse cert = cdec.message();
            messages++;
            if (cert.slot() != slot) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "CERTIFICATE is for slot " + cert.slot()
                        + ", slot " + slot + " was asked for");
            }
            int thisTotal = offset + cert.portion().length() + cert.remainderLength();
            if (total >= 0 && thisTotal != total) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "CERTIFICATE portions disagree on the "
                        + "chain length (" + total + " then " + thisTotal + ")");
            }
            total = thisTotal;
            if (cert.portion().isEmpty() && cert.remainderLength() != 0) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "CERTIFICATE returned an empty portion "
                        + "with " + cert.remainderLength() + " bytes remaining");
            }
            transcripts.b().append(req.encode()).append(cdec.exact());
            chain.writeBytes(cert.portion().toByteArray());
            offset += cert.portion().length();
            if (cert.remainderLength() == 0) {
                break;
            }
        }
        byte[] encoded = chain.toByteArray();
        byte[] digest = crypto.hash(n.baseHash(), encoded);
        if (digests != null) {
            Bytes expected = digests.digestOf(slot);
            if (expected != null && !expected.contentEquals(digest)) {
                throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                        "the slot " + slot + " chain does not hash to its DIGESTS entry");
            }
        }
        SpdmCertChain parsed;
        try {
            parsed = SpdmCertChain.decode(encoded, n.baseHash(), crypto);
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "slot " + slot + " chain: " + e.getMessage(),
                    null, e);
        }
        Optional<VerifiedChain> verified = Optional.empty();
        if (config.verifyChains()) {
            try {
                verified = Optional.of(new ChainVerifier(config.trustAnchors())
                        .verify(parsed, config.clock().get(), n.baseAsym()));
            } catch (ChainVerificationException e) {
                throw new SpdmRequesterException(step, VERIFICATION_FAILED, "slot " + slot + " chain: "
                        + e.getMessage(), null, e);
            }
        }
        CertificateChainResult result = new CertificateChainResult(slot, parsed, digest, messages, verified);
        chains.put(slot, result);
        tracer.event(LAYER, config.name(), "responder", "CERTIFICATE", "slot " + slot + ": " + parsed.size()
                + " certificates in " + messages + " portions, leaf " + result.leafSubject()
                + (verified.isPresent() ? ", verified to a trust anchor" : ", NOT verified (no trust anchor)"));
        return result;
    }

    PublicKey leafKey(String step, int slot) throws SpdmRequesterException {
        CertificateChainResult c = chains.get(slot);
        if (c == null) {
            throw new SpdmRequesterException(step, INVALID_STATE,
                    "the certificate chain of slot " + slot + " has not been fetched");
        }
        return c.leafKey();
    }

    byte[] chainDigest(String step, int slot) throws SpdmRequesterException {
        CertificateChainResult c = chains.get(slot);
        if (c == null) {
            throw new SpdmRequesterException(step, INVALID_STATE,
                    "the certificate chain of slot " + slot + " has not been fetched");
        }
        return c.digest().clone();
    }

    /** CHALLENGE: the responder proves possession of the slot's key over the whole transcript (M2). */
    public ChallengeResult challenge(int slot, int measurementSummaryHashType) throws SpdmRequesterException {
        String step = "CHALLENGE";
        requireResponderCap(step, CapabilityFlags.CHAL_CAP, "CHAL_CAP");
        Negotiated n = negotiated;
        PublicKey key = leafKey(step, slot);
        byte[] chainHash = chainDigest(step, slot);
        Challenge req = new Challenge(n.version(), slot, measurementSummaryHashType, Bytes.of(crypto.randomBytes(32)),
                n.version().atLeast(SpdmVersion.V1_3) ? Bytes.of(crypto.randomBytes(8)) : Bytes.EMPTY);
        Reply r = exchangeAfterResets(step, req.code(), req.encode(), SpdmCode.CHALLENGE_AUTH, n.version());
        boolean summary = n.responderMeasures() && measurementSummaryHashType != 0;
        Decoded<ChallengeAuth> adec = decode(step, r,
                rd -> ChallengeAuth.read(rd, n.hashSize(), n.signatureSize(), summary));
        ChallengeAuth auth = adec.message();
        if (auth.slot() != slot) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE,
                    "CHALLENGE_AUTH answers slot " + auth.slot() + ", slot " + slot + " was challenged");
        }
        if (!auth.certChainHash().contentEquals(chainHash)) {
            throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                    "CHALLENGE_AUTH CertChainHash is not the hash of the slot " + slot + " chain");
        }
        if (!auth.requesterContext().equals(req.requesterContext())) {
            throw new SpdmRequesterException(step, VERIFICATION_FAILED, "CHALLENGE_AUTH does not echo RequesterContext");
        }
        transcripts.c().append(req.encode())
                .append(Arrays.copyOf(adec.exact(), adec.exact().length - auth.signature().length()));
        byte[] m2 = transcripts.challengeTranscript();
        byte[] signed = SigningContext.RESPONDER_CHALLENGE_AUTH.signedMessage(n.version(), n.baseHash(), crypto, m2);
        if (!crypto.verify(n.baseAsym(), n.baseHash(), key, signed, auth.signature().toByteArray())) {
            transcripts.c().reset();
            throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                    "CHALLENGE_AUTH signature does not verify against the slot " + slot + " leaf key");
        }
        transcripts.markAuthenticated();
        tracer.event(LAYER, config.name(), "responder", "CHALLENGE_AUTH",
                "signature over M2 verified with the slot " + slot + " leaf key");
        return new ChallengeResult(slot, auth.slotMask(), auth.measurementSummaryHash());
    }

    /**
     * GET_MEASUREMENTS for one operation (0 = count, 1..0xFE = one index, 0xFF = all). With {@code signed},
     * verifies the signature over L2 (VCA || every measurement exchange since the last reset).
     */
    public MeasurementResult getMeasurements(int operation, boolean signed, int slot, boolean rawBitStream)
            throws SpdmRequesterException {
        String step = "GET_MEASUREMENTS";
        Negotiated n = requireNegotiated(step);
        if (!n.responderMeasures()) {
            throw new SpdmRequesterException(step, INVALID_STATE, "the responder does not advertise MEAS_CAP");
        }
        if (signed && (n.responderFlags() & CapabilityFlags.MEAS_CAP_MASK) != CapabilityFlags.MEAS_CAP_SIG) {
            throw new SpdmRequesterException(step, INVALID_STATE, "the responder cannot sign measurements");
        }
        PublicKey key = signed ? leafKey(step, slot) : null;
        int attributes = (signed ? GetMeasurements.SIGNATURE_REQUESTED : 0)
                | (rawBitStream ? GetMeasurements.RAW_BIT_STREAM_REQUESTED : 0);
        GetMeasurements req = new GetMeasurements(n.version(), attributes, operation,
                signed ? Bytes.of(crypto.randomBytes(32)) : Bytes.EMPTY, signed ? slot : 0,
                n.version().atLeast(SpdmVersion.V1_3) ? Bytes.of(crypto.randomBytes(8)) : Bytes.EMPTY);
        Reply r;
        try {
            r = exchangeAfterResets(step, req.code(), req.encode(), SpdmCode.MEASUREMENTS, n.version());
        } catch (SpdmRequesterException e) {
            transcripts.m().reset();
            throw e;
        }
        Decoded<Measurements> mdec = decode(step, r, rd -> Measurements.read(rd, signed, n.signatureSize()));
        Measurements m = mdec.message();
        List<io.teeio.spdm.message.MeasurementBlock> blocks;
        try {
            blocks = m.blocks();
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, e.getMessage(), null, e);
        }
        if (operation != GetMeasurements.OPERATION_COUNT && operation != GetMeasurements.OPERATION_ALL
                && (blocks.size() != 1 || blocks.get(0).index() != operation)) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE,
                    "MEASUREMENTS for index " + operation + " does not hold exactly that block");
        }
        transcripts.m().append(req.encode())
                .append(Arrays.copyOf(mdec.exact(), mdec.exact().length - m.signature().length()));
        if (signed) {
            byte[] l2 = transcripts.measurementTranscript(n.version(), transcripts.m());
            transcripts.m().reset();
            byte[] toVerify = SigningContext.RESPONDER_MEASUREMENTS.signedMessage(n.version(),
                    n.baseHash(), crypto, l2);
            if (!crypto.verify(n.baseAsym(), n.baseHash(), key, toVerify, m.signature().toByteArray())) {
                throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                        "MEASUREMENTS signature does not verify against the slot " + slot + " leaf key");
            }
        }
        tracer.event(LAYER, config.name(), "responder", "MEASUREMENTS", (operation == 0 ? m.param1()
                + " measurements available" : blocks.size() + " blocks") + (signed ? ", signature verified" : ""));
        return new MeasurementResult(operation, blocks, operation == 0 ? m.param1() : blocks.size(), signed, slot);
    }

    /** A VENDOR_DEFINED_REQUEST outside any session; returns the response payload. */
    public Bytes vendorDefined(int standardId, Bytes vendorId, Bytes payload) throws SpdmRequesterException {
        String step = "VENDOR_DEFINED_REQUEST";
        Negotiated n = requireNegotiated(step);
        io.teeio.spdm.message.VendorDefined req = new io.teeio.spdm.message.VendorDefined(n.version(), true,
                standardId, vendorId, payload);
        transcripts.beforeRequest(req.code(), null);
        Reply r = exchangeRaw(step, req.encode(), SpdmCode.VENDOR_DEFINED_RESPONSE, n.version());
        return decode(step, r, rd -> io.teeio.spdm.message.VendorDefined.read(rd)).message().payload();
    }

    /** Sessions this requester has open. */
    public List<SpdmSession> sessions() {
        return List.copyOf(sessions);
    }

    void sessionEnded(SpdmSession s) {
        sessions.remove(s);
    }

    /**
     * KEY_EXCHANGE and FINISH with the slot's certificate (fetched before): verifies the responder's
     * signature over TH and its verify data, derives handshake then data keys.
     */
    public SpdmSession openSession(int slot, int measurementSummaryHashType) throws SpdmRequesterException {
        return new SessionEstablishment(this).open(slot, measurementSummaryHashType);
    }

    void sessionOpened(SpdmSession s) {
        sessions.add(s);
    }

    // --- exchange plumbing -----------------------------------------------------------------------------

    /** A response as received: an SPDM message, possibly followed by transport padding. */
    record Reply(byte[] bytes) {
    }

    /** A decoded message and its exact bytes (what transcripts hold). */
    record Decoded<T>(T message, byte[] exact) {
    }

    interface Reader<T> {
        T read(ByteReader r) throws SpdmDecodeException;
    }

    <T> Decoded<T> decode(String step, Reply reply, Reader<T> reader) throws SpdmRequesterException {
        ByteReader r = new ByteReader(reply.bytes(), step + " response");
        try {
            T t = reader.read(r);
            return new Decoded<>(t, Arrays.copyOf(reply.bytes(), r.position()));
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, e.getMessage(), null, e);
        }
    }

    /**
     * Applies the transcript resets {@code code} causes (PROTOCOLS.md §1.17), then exchanges the request. If
     * the responder refuses it with an ERROR the transcripts are put back: a responder applies those resets
     * only to a request that passed its checks (as libspdm does), so both sides stay in step.
     */
    Reply exchangeAfterResets(String step, int code, byte[] request, int expectedCode, SpdmVersion version)
            throws SpdmRequesterException {
        return afterResets(code, null, () -> exchangeRaw(step, request, expectedCode, version));
    }

    /** One exchange that may be refused. */
    @FunctionalInterface
    interface Exchange<T> {
        T run() throws SpdmRequesterException;
    }

    /**
     * Runs {@code exchange} after the resets {@code code} causes ({@code sessionLog}: the session's measurement
     * log when inside one, else null), and puts the transcripts back if the responder answers ERROR.
     */
    <T> T afterResets(int code, Transcript sessionLog, Exchange<T> exchange) throws SpdmRequesterException {
        List<Transcript> logs = new ArrayList<>(List.of(transcripts.b(), transcripts.c(), transcripts.m()));
        if (sessionLog != null) {
            logs.add(sessionLog);
        }
        List<byte[]> saved = logs.stream().map(Transcript::toByteArray).toList();
        transcripts.beforeRequest(code, sessionLog);
        try {
            return exchange.run();
        } catch (SpdmRequesterException e) {
            if (e.kind() == ERROR_RESPONSE) {
                for (int i = 0; i < logs.size(); i++) {
                    logs.get(i).reset();
                    logs.get(i).append(saved.get(i));
                }
            }
            throw e;
        }
    }

    /**
     * Sends a plain request and returns the response, following ResponseNotReady with RESPOND_IF_READY.
     * An ERROR becomes an exception; any other unexpected code too. {@code version} null means "any"
     * (only for VERSION).
     */
    Reply exchangeRaw(String step, byte[] request, int expectedCode, SpdmVersion version)
            throws SpdmRequesterException {
        byte[] rsp = send(step, request);
        int retries = 0;
        while (true) {
            SpdmHeader h = header(step, rsp);
            if (h.code() == SpdmCode.ERROR) {
                ErrorResponse err = decodeError(step, rsp);
                if (err.errorCode() == SpdmErrorCode.RESPONSE_NOT_READY.value()
                        && retries < config.responseNotReadyRetries()) {
                    ErrorResponse.ResponseNotReady rnr = notReady(step, err);
                    retries++;
                    tracer.event(LAYER, config.name(), "responder", "RESPOND_IF_READY", "ResponseNotReady for "
                            + SpdmCode.name(rnr.requestCode()) + ", retry " + retries);
                    rsp = send(step, new RespondIfReady(h.version(), rnr.requestCode(), rnr.token()).encode());
                    continue;
                }
                throw new SpdmRequesterException(step, ERROR_RESPONSE, "responder answered ERROR " + err.describe(),
                        err, null);
            }
            if (h.code() != expectedCode) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "expected " + SpdmCode.name(expectedCode)
                        + " but got " + SpdmCode.name(h.code()));
            }
            if (version != null && !h.version().equals(version)) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, SpdmCode.name(h.code())
                        + " carries version " + h.version() + " but " + version + " was negotiated");
            }
            return new Reply(rsp);
        }
    }

    private ErrorResponse.ResponseNotReady notReady(String step, ErrorResponse err) throws SpdmRequesterException {
        try {
            ErrorResponse.ResponseNotReady rnr = err.responseNotReady().orElseThrow();
            long micros = rnr.waitMicros();
            if (micros >= 1000) {
                Thread.sleep(Math.min(micros / 1000, 1000));
            }
            return rnr;
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, e.getMessage(), err, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpdmRequesterException(step, TRANSPORT, "interrupted while waiting for ResponseNotReady",
                    err, e);
        }
    }

    static SpdmHeader header(String step, byte[] rsp) throws SpdmRequesterException {
        try {
            return SpdmHeader.peek(rsp);
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "response shorter than the SPDM header", null, e);
        }
    }

    static ErrorResponse decodeError(String step, byte[] rsp) throws SpdmRequesterException {
        try {
            return ErrorResponse.read(new ByteReader(rsp, "ERROR"));
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, e.getMessage(), null, e);
        }
    }

    private byte[] send(String step, byte[] request) throws SpdmRequesterException {
        try {
            SpdmPacket response = transport.exchange(SpdmPacket.plain(request));
            if (response.secured()) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE,
                        "a secured record answered a request sent in the clear");
            }
            return response.bytes();
        } catch (TransportException e) {
            throw new SpdmRequesterException(step, TRANSPORT, e.getMessage(), null, e);
        }
    }
}
