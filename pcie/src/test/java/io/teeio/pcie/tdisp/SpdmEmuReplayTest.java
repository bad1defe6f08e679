package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.pcie.idekm.IdeKmPort;
import io.teeio.pcie.idekm.IdeKmResponder;
import io.teeio.pcie.vdm.PciSigPayload;
import io.teeio.pcie.vdm.PciSigPayloadCodec;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.pcie.vdm.PciSigVectors.VendorMessage;
import io.teeio.pcie.vdm.PciSigVendorDispatcher;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * spdm-emu's requester, replayed from the capture against this DSM set up like spdm-emu's sample device: the
 * whole APP step of the first session (IDE_KM query, keying, TDISP version..stop, K_SET_STOP) gets the captured
 * answers byte for byte, except the report's page numbers: spdm-emu ignores MMIO_REPORTING_OFFSET, this DSM
 * adds it as TDISP says.
 */
class SpdmEmuReplayTest {
    private static final int SESSION = 0xFFFFFFFF;
    private static final long OFFSET_PAGES = 0xD000_0000L >>> 12;

    private final List<VendorMessage> firstSession = PciSigVectors.pciSigMessages("A_ecdsa_p384").subList(0, 60);

    private static byte[] capturedNonce(List<VendorMessage> flow) {
        return flow.stream().filter(m -> m.name().contains("LOCK_INTERFACE_RESPONSE")).findFirst()
                .map(m -> java.util.Arrays.copyOfRange(m.message(), 16, 48)).orElseThrow();
    }

    private PciSigVendorDispatcher spdmEmuLikeDsm() {
        List<IdeKmPort> ports = new ArrayList<>();
        for (int p = 0; p <= 7; p++) {
            ports.add(p == 1 ? IdeKmPort.fixed(1, 0, 0, 0, Set.of(0), Collections.nCopies(74, 0))
                    : IdeKmPort.fixed(p, 0, 0, 0, Set.of(), List.of()));
        }
        IdeKmResponder ideKm = new IdeKmResponder(ports, Tracer.NONE);
        byte[] nonce = capturedNonce(firstSession);
        RandomGenerator replayNonce = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(nonce, 0, bytes, 0, bytes.length);
            }
        };
        TdispResponder tdisp = new TdispResponder(new TdispDeviceCapabilities(0, new LockInterfaceFlags(7), 48, 0, 0,
                Set.of(), 0x40), ideKm, replayNonce, Tracer.NONE);
        ideKm.addStreamListener(tdisp);
        tdisp.host(new InterfaceId(0xBEEF), new TdiHost() {
            @Override
            public List<TdiMmioResource> mmioResources() {
                return List.of(new TdiMmioResource(0x0000_0000L, 0x1000, MmioRange.IS_NON_TEE_MEM, 1),
                        new TdiMmioResource(0x0800_0000L, 0x4000, MmioRange.IS_MEM_ATTR_UPDATABLE, 2),
                        new TdiMmioResource(0x1000_0000L, 0x8000, MmioRange.IS_MEM_ATTR_UPDATABLE, 3),
                        new TdiMmioResource(0x2000_0000L, 0x8000, MmioRange.IS_MEM_ATTR_UPDATABLE, 4));
            }

            @Override
            public OptionalInt idePortIndex() {
                return OptionalInt.of(1);
            }

            @Override
            public Bytes deviceSpecificInfo() {
                return Bytes.of("tdisp_dev_emu\0\0\0".getBytes(StandardCharsets.US_ASCII));
            }
        });
        return new PciSigVendorDispatcher(List.of(ideKm, tdisp), Tracer.NONE);
    }

    private static byte[] answer(PciSigVendorDispatcher dsm, VendorMessage request) {
        byte[] payload = PciSigPayloadCodec.encode(new PciSigPayload(request.protocol(), Bytes.of(request.message())));
        byte[] withProtocol = ((VendorResponse.Answer) dsm.handle(SESSION, true, payload)).payload().toByteArray();
        return java.util.Arrays.copyOfRange(withProtocol, 1, withProtocol.length);
    }

    @Test
    void firstSessionIsThirtyRequestResponsePairs() {
        for (int i = 0; i < firstSession.size(); i++) {
            assertEquals(i % 2 == 0, firstSession.get(i).fromRequester(), firstSession.get(i).name());
        }
        assertEquals("IDE_KM K_SET_GOSTOP_ACK stream=0 kss=0x22 port=1", firstSession.get(59).name());
    }

    @Test
    void everyAnswerButTheReportPortionsMatchesSpdmEmuByteForByte() {
        PciSigVendorDispatcher dsm = spdmEmuLikeDsm();
        for (int i = 0; i < firstSession.size(); i += 2) {
            VendorMessage response = firstSession.get(i + 1);
            byte[] ours = answer(dsm, firstSession.get(i));
            if (!response.name().contains(" DEVICE_INTERFACE_REPORT ")) {
                assertArrayEquals(response.message(), ours, response.name());
            }
        }
    }

    @Test
    void reportComesInSpdmEmusPortionsWithTheReportingOffsetAddedToEveryPage() throws SpdmDecodeException {
        PciSigVendorDispatcher dsm = spdmEmuLikeDsm();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        for (int i = 0; i < firstSession.size(); i += 2) {
            VendorMessage response = firstSession.get(i + 1);
            byte[] answer = answer(dsm, firstSession.get(i));
            if (response.name().contains(" DEVICE_INTERFACE_REPORT ")) {
                TdispResponse.DeviceInterfaceReport theirs =
                        (TdispResponse.DeviceInterfaceReport) TdispCodec.decode(response.message());
                TdispResponse.DeviceInterfaceReport mine = (TdispResponse.DeviceInterfaceReport) TdispCodec.decode(answer);
                assertEquals(List.of(theirs.portion().length(), theirs.remainderLength()),
                        List.of(mine.portion().length(), mine.remainderLength()));
                ours.writeBytes(mine.portion().toByteArray());
            }
        }
        TdiReport expected = TdiReportCodecTest.SPDM_EMU_REPORT;
        List<MmioRange> shifted = expected.mmioRanges().stream().map(r -> new MmioRange(r.firstPage() + OFFSET_PAGES,
                r.numberOfPages(), r.attributes(), r.rangeId())).toList();
        assertEquals(new TdiReport(expected.interfaceInfo(), 0, 0, 0, shifted, expected.deviceSpecificInfo()),
                TdiReportCodec.decode(ours.toByteArray()));
    }
}
