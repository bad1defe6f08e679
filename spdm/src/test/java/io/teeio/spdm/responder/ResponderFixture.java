package io.teeio.spdm.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.message.AlgStruct;
import io.teeio.spdm.message.Challenge;
import io.teeio.spdm.message.EndSession;
import io.teeio.spdm.message.ErrorResponse;
import io.teeio.spdm.message.Finish;
import io.teeio.spdm.message.GetCapabilities;
import io.teeio.spdm.message.GetCertificate;
import io.teeio.spdm.message.GetDigests;
import io.teeio.spdm.message.GetMeasurements;
import io.teeio.spdm.message.GetVersion;
import io.teeio.spdm.message.Heartbeat;
import io.teeio.spdm.message.KeyExchange;
import io.teeio.spdm.message.KeyUpdate;
import io.teeio.spdm.message.NegotiateAlgorithms;
import io.teeio.spdm.message.OpaqueData;
import io.teeio.spdm.message.RespondIfReady;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.TestPeers;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TimeSource;
import io.teeio.trace.Tracer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A responder with the P-256 test identity in slot 0 and a requester wired to it through an
 * {@link InterceptingTransport}, agreeing on SPDM 1.2, SHA-256, secp256r1 and AES-256-GCM; and the valid
 * requests of that suite, for tests to send as they are, cut short or altered.
 */
final class ResponderFixture {
    static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;
    static final BaseHashAlgo HASH = BaseHashAlgo.TPM_ALG_SHA_256;
    static final DheGroup DHE = DheGroup.SECP256R1;
    static final AeadAlgo AEAD = AeadAlgo.AES_256_GCM;
    static final SpdmVersion V = SpdmVersion.V1_2;

    final SpdmResponder responder;
    final InterceptingTransport transport;
    final SpdmRequester requester;
    final RecordingSink trace = new RecordingSink();

    private ResponderFixture(ResponderConfig rc, RequesterConfig qc, SecuredMessageBinding binding) {
        Tracer tracer = new Tracer(trace, TimeSource.SYSTEM);
        responder = new SpdmResponder(rc, TestPeers.crypto(21), binding, tracer);
        transport = new InterceptingTransport(responder);
        requester = new SpdmRequester(qc, transport, TestPeers.crypto(22), tracer);
    }

    static ResponderConfig.Builder responderConfig() {
        return TestPeers.responderConfig(ASYM);
    }

    static RequesterConfig.Builder requesterConfig() {
        return TestPeers.requesterConfig(ASYM).hashes(List.of(HASH)).dheGroups(List.of(DHE)).aeads(List.of(AEAD));
    }

    static ResponderFixture create() {
        return create(responderConfig().build(), requesterConfig().build(), SecuredMessageBinding.PCI_DOE);
    }

    static ResponderFixture create(ResponderConfig rc) {
        return create(rc, requesterConfig().build(), SecuredMessageBinding.PCI_DOE);
    }

    static ResponderFixture create(ResponderConfig rc, RequesterConfig qc, SecuredMessageBinding binding) {
        return new ResponderFixture(rc, qc, binding);
    }

    /**
     * VCA, GET_DIGESTS, the slot 0 chain, CHALLENGE (signature over VCA || B || C), an unsigned then a
     * signed GET_MEASUREMENTS (signature over VCA || both exchanges). Throws if any signature fails: proof
     * that the responder's transcripts are the requester's.
     */
    void authenticate() throws SpdmRequesterException {
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        requester.challenge(0, 0xFF);
        requester.getMeasurements(1, false, 0, false);
        requester.getMeasurements(0xFF, true, 0, false);
    }

    /** Hands one plain message of the test's own to the responder. */
    byte[] send(byte[] request) {
        return transport.probe(SpdmPacket.plain(request)).response().bytes();
    }

    // --- the answers -----------------------------------------------------------------------------------

    static ErrorResponse decodeError(byte[] response) {
        assertEquals(SpdmCode.ERROR, response[1] & 0xFF,
                () -> "expected ERROR, got " + SpdmCode.name(response[1] & 0xFF));
        try {
            return ErrorResponse.read(new ByteReader(response, "ERROR"));
        } catch (SpdmDecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts {@code response} is ERROR with this code and ErrorData. */
    static void assertError(SpdmErrorCode code, int errorData, byte[] response) {
        ErrorResponse e = decodeError(response);
        assertEquals(code.value(), e.errorCode(), () -> "expected " + code.specName() + " but got " + e.describe());
        assertEquals(errorData, e.errorData(), () -> "ErrorData of " + e.describe());
    }

    static void assertError(SpdmErrorCode code, byte[] response) {
        assertError(code, 0, response);
    }

    // --- valid requests of the suite --------------------------------------------------------------------

    static byte[] getVersion() {
        return new GetVersion().encode();
    }

    static GetCapabilities capabilities(SpdmVersion v, int flags) {
        return new GetCapabilities(v, 0, 0, flags, 0x1200, 0x1200);
    }

    static byte[] getCapabilities() {
        return capabilities(V, RequesterConfig.DEFAULT_FLAGS).encode();
    }

    static NegotiateAlgorithms algorithms(int asym, int hash, List<AlgStruct> structs) {
        return new NegotiateAlgorithms(V, 0x01, NegotiateAlgorithms.OPAQUE_DATA_FMT1, asym, hash, List.of(), List.of(),
                structs, 0);
    }

    static List<AlgStruct> sessionStructs() {
        return List.of(new AlgStruct(AlgStruct.DHE, DHE.mask()), new AlgStruct(AlgStruct.AEAD, AEAD.mask()),
                new AlgStruct(AlgStruct.KEY_SCHEDULE, 0x0001));
    }

    static byte[] negotiateAlgorithms() {
        return algorithms(ASYM.mask(), HASH.mask(), sessionStructs()).encode();
    }

    static byte[] getDigests() {
        return new GetDigests(V).encode();
    }

    static byte[] getCertificate(int slot, int offset, int length) {
        return new GetCertificate(V, slot, 0, offset, length).encode();
    }

    static byte[] challenge(int slot) {
        return new Challenge(V, slot, 0, Bytes.zeros(32), Bytes.EMPTY).encode();
    }

    static byte[] getMeasurements(boolean signed, int operation) {
        return new GetMeasurements(V, signed ? GetMeasurements.SIGNATURE_REQUESTED : 0, operation,
                signed ? Bytes.zeros(32) : Bytes.EMPTY, 0, Bytes.EMPTY).encode();
    }

    /** The requester's SupportedVersion element offering secured-message 1.2. */
    static Bytes supportedVersionOpaque() {
        return Bytes.of(OpaqueData.supportedSecuredMessageVersions(List.of(SpdmVersion.V1_2)).encode(V));
    }

    /** A fresh, valid secp256r1 public value. */
    static Bytes dhePublicValue() {
        try (DheKeyPair k = TestPeers.crypto(23).generateDheKeyPair(DHE)) {
            return Bytes.of(k.publicValue());
        }
    }

    static byte[] keyExchange(Bytes exchangeData, Bytes opaque) {
        return new KeyExchange(V, 0, 0, 0xFFFF, 0, Bytes.zeros(32), exchangeData, opaque).encode();
    }

    static byte[] keyExchange() {
        return keyExchange(dhePublicValue(), supportedVersionOpaque());
    }

    static byte[] finish(Bytes requesterVerifyData) {
        return new Finish(V, 0, 0, Bytes.EMPTY, requesterVerifyData).encode();
    }

    static byte[] finish() {
        return finish(Bytes.zeros(HASH.size()));
    }

    static byte[] heartbeat() {
        return new Heartbeat(V).encode();
    }

    static byte[] keyUpdate() {
        return new KeyUpdate(V, KeyUpdate.UPDATE_KEY, 1).encode();
    }

    static byte[] endSession() {
        return new EndSession(V, 0).encode();
    }

    static byte[] vendorDefined() {
        return VendorDefined.pciSigRequest(V, Bytes.of((byte) 1, (byte) 2, (byte) 3)).encode();
    }

    static byte[] respondIfReady(int code, int token) {
        return new RespondIfReady(V, code, token).encode();
    }

    /** {@code message} with its version byte replaced. */
    static byte[] atVersion(byte[] message, SpdmVersion v) {
        byte[] out = message.clone();
        out[0] = (byte) v.headerByte();
        return out;
    }

    static UnaryOperator<SpdmPacket> flipBit(int offset, int bit) {
        return p -> {
            byte[] b = p.bytes();
            b[offset] ^= (byte) (1 << bit);
            return new SpdmPacket(p.secured(), b);
        };
    }
}
