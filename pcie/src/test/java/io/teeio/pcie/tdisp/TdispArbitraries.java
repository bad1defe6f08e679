package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every TDISP message and the TDI report. */
final class TdispArbitraries {
    private TdispArbitraries() {
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<InterfaceId> interfaceIds() {
        return Arbitraries.integers().map(InterfaceId::new);
    }

    static Arbitrary<MmioRange> ranges() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(0, 0xFFFF_FFFFL), u16(), u16())
                .as(MmioRange::new);
    }

    static Arbitrary<VendorIdentity> vendors() {
        return Combinators.combine(u8(), bytes(0, 8)).as(VendorIdentity::new);
    }

    static Arbitrary<TdiReport> reports() {
        return Combinators.combine(u16(), u16(), u16(), Arbitraries.integers(), ranges().list().ofMaxSize(6),
                bytes(0, 40)).as(TdiReport::new);
    }

    static Arbitrary<TdispMessage> requests() {
        Arbitrary<InterfaceId> id = interfaceIds();
        return Arbitraries.oneOf(
                id.map(TdispRequest.GetTdispVersion::new),
                Combinators.combine(id, Arbitraries.integers()).as(TdispRequest.GetTdispCapabilities::new),
                Combinators.combine(id, u16().map(LockInterfaceFlags::new), u8(), Arbitraries.longs(),
                        Arbitraries.longs()).as(TdispRequest.LockInterfaceRequest::new),
                Combinators.combine(id, u16(), u16()).as(TdispRequest.GetDeviceInterfaceReport::new),
                id.map(TdispRequest.GetDeviceInterfaceState::new),
                Combinators.combine(id, bytes(32, 32)).as(TdispRequest.StartInterfaceRequest::new),
                id.map(TdispRequest.StopInterfaceRequest::new),
                Combinators.combine(id, u8()).as(TdispRequest.BindP2pStreamRequest::new),
                Combinators.combine(id, u8()).as(TdispRequest.UnbindP2pStreamRequest::new),
                Combinators.combine(id, ranges()).as(TdispRequest.SetMmioAttributeRequest::new),
                Combinators.combine(id, vendors(), bytes(0, 20)).as(TdispRequest.VdmRequest::new));
    }

    static Arbitrary<TdispMessage> responses() {
        Arbitrary<InterfaceId> id = interfaceIds();
        Arbitrary<TdispErrorCode> plainCodes = Arbitraries.of(TdispErrorCode.class)
                .filter(c -> c != TdispErrorCode.VENDOR_SPECIFIC_ERROR);
        return Arbitraries.oneOf(
                Combinators.combine(id, u8().list().ofMinSize(1).ofMaxSize(5)).as(TdispResponse.TdispVersion::new),
                Combinators.combine(id, Arbitraries.integers(), bytes(16, 16), u16().map(LockInterfaceFlags::new),
                        u8(), u8(), u8()).as(TdispResponse.TdispCapabilities::new),
                Combinators.combine(id, bytes(32, 32)).as(TdispResponse.LockInterfaceResponse::new),
                Combinators.combine(id, bytes(0, 80), u16()).as(TdispResponse.DeviceInterfaceReport::new),
                Combinators.combine(id, Arbitraries.of(TdiState.class)).as(TdispResponse.DeviceInterfaceState::new),
                id.map(TdispResponse.StartInterfaceResponse::new),
                id.map(TdispResponse.StopInterfaceResponse::new),
                id.map(TdispResponse.BindP2pStreamResponse::new),
                id.map(TdispResponse.UnbindP2pStreamResponse::new),
                id.map(TdispResponse.SetMmioAttributeResponse::new),
                Combinators.combine(id, vendors(), bytes(0, 20)).as(TdispResponse.VdmResponse::new),
                Combinators.combine(id, plainCodes, Arbitraries.integers())
                        .as((i, c, d) -> new TdispResponse.TdispError(i, c, d, Optional.empty())),
                Combinators.combine(id, vendors(), bytes(0, 20)).as((i, v, d) ->
                        TdispResponse.TdispError.vendorSpecific(i, new TdispResponse.VendorSpecificError(v, d))));
    }

    static Arbitrary<TdispMessage> messages() {
        return Arbitraries.oneOf(requests(), responses());
    }
}
