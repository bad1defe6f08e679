package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.teeio.pcie.vdm.Mutation;
import io.teeio.spdm.codec.Bytes;
import java.util.Arrays;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The TDISP responder answers everything with a TDISP message and never throws. */
class TdispResponderTest {
    private final Dsm dsm = new Dsm();

    private TdispResponse.TdispError error(byte[] request) {
        return assertInstanceOf(TdispResponse.TdispError.class, dsm.send(Dsm.SESSION, request));
    }

    static Stream<TdispRequest> oneOfEachRequest() {
        InterfaceId id = Dsm.TDI;
        return Stream.of(new TdispRequest.GetTdispVersion(id), new TdispRequest.GetTdispCapabilities(id, 0),
                new TdispRequest.LockInterfaceRequest(id, LockInterfaceFlags.NONE, 0, 0, 0),
                new TdispRequest.GetDeviceInterfaceReport(id, 0, 16), new TdispRequest.GetDeviceInterfaceState(id),
                new TdispRequest.StartInterfaceRequest(id, Bytes.zeros(32)), new TdispRequest.StopInterfaceRequest(id),
                new TdispRequest.BindP2pStreamRequest(id, 1), new TdispRequest.UnbindP2pStreamRequest(id, 1),
                new TdispRequest.SetMmioAttributeRequest(id, new MmioRange(1, 1, 0, 0)),
                new TdispRequest.VdmRequest(id, new VendorIdentity(0, Bytes.fromHex("0100")), Bytes.EMPTY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachRequest")
    void requestWithAnExtraByteIsAnsweredInvalidRequest(TdispRequest request) {
        byte[] b = TdispCodec.encode(request);
        // VDM_REQUEST's vendor data runs to the end, so an extra byte is data; cut its vendor id short instead.
        byte[] malformed = request instanceof TdispRequest.VdmRequest ? Arrays.copyOf(b, 18)
                : Arrays.copyOf(b, b.length + 1);
        assertEquals(TdispErrorCode.INVALID_REQUEST, error(malformed).errorCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachRequest")
    void requestMissingItsLastByteIsAnsweredInvalidRequest(TdispRequest request) {
        byte[] b = TdispCodec.encode(request);
        assertEquals(TdispErrorCode.INVALID_REQUEST, error(Arrays.copyOf(b, b.length - 1)).errorCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachRequest")
    void malformedRequestLeavesALockedTdiLocked(TdispRequest request) {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.lock();
        byte[] b = TdispCodec.encode(request);
        dsm.send(Dsm.SESSION, Arrays.copyOf(b, b.length - 1));
        assertEquals(TdiState.CONFIG_LOCKED, dsm.tdi.state());
    }

    @Test
    void nonZeroReservedHeaderByteIsAnsweredInvalidRequest() {
        byte[] b = TdispCodec.encode(new TdispRequest.GetTdispVersion(Dsm.TDI));
        b[2] = 1;
        assertEquals(TdispErrorCode.INVALID_REQUEST, error(b).errorCode());
    }

    @ParameterizedTest(name = "TDISPVersion 0x{0}")
    @ValueSource(strings = {"11", "20", "00", "01"})
    void otherVersionIsAnsweredVersionMismatch(String version) {
        byte[] b = TdispCodec.encode(new TdispRequest.GetTdispVersion(Dsm.TDI));
        b[0] = (byte) Integer.parseInt(version, 16);
        assertEquals(TdispErrorCode.VERSION_MISMATCH, error(b).errorCode());
    }

    @ParameterizedTest(name = "code 0x{0}")
    @ValueSource(strings = {"8c", "80", "01", "7f", "ff"})
    void codeThatIsNoRequestIsAnsweredUnsupportedWithTheCodeAsErrorData(String code) {
        byte[] b = TdispCodec.encode(new TdispRequest.GetTdispVersion(Dsm.TDI));
        b[1] = (byte) Integer.parseInt(code, 16);
        TdispResponse.TdispError e = error(b);
        assertEquals(TdispErrorCode.UNSUPPORTED_REQUEST, e.errorCode());
        assertEquals(Integer.parseInt(code, 16), e.errorData());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BIND_P2P_STREAM_REQUEST", "UNBIND_P2P_STREAM_REQUEST", "SET_MMIO_ATTRIBUTE_REQUEST",
            "VDM_REQUEST"})
    void optionalRequestTheDsmLacksIsAnsweredUnsupportedWithItsCode(String name) {
        Dsm minimal = new Dsm(TdispDeviceCapabilities.requiredOnly(new LockInterfaceFlags(7), 48));
        TdispRequest request = oneOfEachRequest().filter(r -> r.type().name().equals(name)).findFirst().orElseThrow();
        TdispResponse.TdispError e = assertInstanceOf(TdispResponse.TdispError.class, minimal.send(request));
        assertEquals(TdispErrorCode.UNSUPPORTED_REQUEST, e.errorCode());
        assertEquals(request.type().code(), e.errorData());
    }

    @Test
    void capabilitiesOfAMinimalDsmListOnlyTheRequiredRequests() {
        Dsm minimal = new Dsm(TdispDeviceCapabilities.requiredOnly(new LockInterfaceFlags(7), 48));
        TdispResponse.TdispCapabilities c = (TdispResponse.TdispCapabilities) minimal.send(
                new TdispRequest.GetTdispCapabilities(Dsm.TDI, 0));
        assertEquals(Bytes.fromHex("fe000000000000000000000000000000"), c.reqMsgsSupported());
    }

    @Test
    void interfaceTheDsmDoesNotHostIsAnsweredInvalidInterfaceNamingIt() {
        InterfaceId other = InterfaceId.of(9, 0, 1);
        TdispResponse.TdispError e = error(TdispCodec.encode(new TdispRequest.GetDeviceInterfaceState(other)));
        assertEquals(TdispErrorCode.INVALID_INTERFACE, e.errorCode());
        assertEquals(other, e.interfaceId());
    }

    @Test
    void requestShorterThanTheHeaderIsAnsweredInvalidRequest() {
        assertEquals(TdispErrorCode.INVALID_REQUEST, error(new byte[] {0x10, (byte) 0x81}).errorCode());
    }

    @Test
    void emptyRequestIsAnsweredInvalidRequest() {
        assertEquals(TdispErrorCode.INVALID_REQUEST, error(new byte[0]).errorCode());
    }

    @Test
    void failingDeviceModelIsAnsweredUnspecified() {
        TdispResponder responder = new TdispResponder(TdispDeviceCapabilities.requiredOnly(LockInterfaceFlags.NONE,
                52), dsm.ideKm, new java.util.Random(1), io.teeio.trace.Tracer.NONE);
        responder.host(Dsm.TDI, new TdiHost() {
            @Override
            public java.util.List<TdiMmioResource> mmioResources() {
                throw new IllegalStateException("config space unreadable");
            }

            @Override
            public java.util.OptionalInt idePortIndex() {
                return java.util.OptionalInt.empty();
            }
        });
        Bytes answer = responder.respond(Dsm.SESSION, Bytes.of(TdispCodec.encode(
                new TdispRequest.LockInterfaceRequest(Dsm.TDI, LockInterfaceFlags.NONE, 0, 0, 0))));
        assertEquals(Bytes.of(TdispCodec.encode(TdispResponse.TdispError.of(Dsm.TDI, TdispErrorCode.UNSPECIFIED, 0))),
                answer);
    }

    @Property(tries = 300)
    void randomBytesAlwaysGetATdispResponse(@ForAll @Size(max = 60) byte[] bytes) {
        assertInstanceOf(TdispResponse.class, dsm.send(Dsm.SESSION, bytes));
    }

    @Property(tries = 300)
    void mutatedRequestAnsweredWithAnErrorLeavesTheStateAsItWas(@ForAll("requests") TdispMessage request,
            @ForAll @IntRange(max = 60) int position, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        Dsm locked = new Dsm();
        locked.keyStream(Dsm.SESSION, Dsm.STREAM);
        locked.lock();
        byte[] mutated = Mutation.apply(TdispCodec.encode(request), how, position, value);
        TdispResponse r = locked.send(Dsm.SESSION, mutated);
        if (r instanceof TdispResponse.TdispError) {
            assertEquals(TdiState.CONFIG_LOCKED, locked.tdi.state());
        }
    }

    @Provide
    Arbitrary<TdispMessage> requests() {
        return TdispArbitraries.requests().map(m -> m instanceof TdispRequest r ? withTdi(r) : m);
    }

    /** Most generated requests should name the hosted TDI, so mutations reach the state machine. */
    private static TdispMessage withTdi(TdispRequest r) {
        byte[] b = TdispCodec.encode(r);
        byte[] id = TdispCodec.encode(new TdispRequest.GetTdispVersion(Dsm.TDI));
        System.arraycopy(id, 4, b, 4, 4);
        try {
            return TdispCodec.decode(b);
        } catch (io.teeio.spdm.codec.SpdmDecodeException e) {
            throw new AssertionError(e);
        }
    }
}
