package io.teeio.platform.dsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.idekm.IdeDirection;
import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeKmCodec;
import io.teeio.pcie.idekm.IdeKmMessage;
import io.teeio.pcie.idekm.IdeKmResponder;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.KpAckStatus;
import io.teeio.pcie.idekm.SubStream;
import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.pcie.tdisp.LockInterfaceFlags;
import io.teeio.pcie.tdisp.TdiRejectedException;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.pcie.tdisp.TdispErrorCode;
import io.teeio.pcie.tdisp.TdispRequest;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.platform.device.EndpointSpec;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.tsm.TestMachine;
import io.teeio.spdm.codec.Bytes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatedDeviceTest {
    private static final int STREAM = 3;
    private static final int SESSION = 0x1234_5678;

    private final EmulatedDevice device = EmulatedDevice.builder().vfs(4).identity(TestMachine.IDENTITY)
            .crypto(TestMachine.crypto(3)).build();

    private IdeKmMessage ideKm(IdeKmMessage request) throws Exception {
        VendorResponse r = device.dsm().ideKm().handle(SESSION, Bytes.of(IdeKmCodec.encode(request)));
        return IdeKmCodec.decode(((VendorResponse.Answer) r).payload().toByteArray());
    }

    private void configureStream() {
        IdeRegisters ide = device.endpoint().ide().orElseThrow();
        device.endpoint().pf().writeDword(ide.controlOffset(0), IdeRegisters.control(STREAM, true, true));
    }

    private KpAckStatus keyProg(KeySubStream kss) throws Exception {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) kss.value());
        return ((IdeKmMessage.KpAck) ideKm(new IdeKmMessage.KeyProg(STREAM, kss, 0, IdeKey.of(k),
                IdeKmResponder.INITIAL_IFV))).status();
    }

    private void keyAndGo(int subStreams) throws Exception {
        int n = 0;
        for (IdeDirection d : IdeDirection.values()) {
            for (SubStream s : SubStream.values()) {
                if (n++ == subStreams) {
                    return;
                }
                KeySubStream kss = KeySubStream.of(KeySet.K0, d, s);
                keyProg(kss);
                ideKm(new IdeKmMessage.KSetGo(STREAM, kss, 0));
            }
        }
    }

    @Test
    void everyFunctionHostsATdiWhoseInterfaceIdIsItsRoutingId() {
        for (int n = 0; n <= 4; n++) {
            FunctionRef ref = n == 0 ? FunctionRef.PF : FunctionRef.vf(n);
            InterfaceId expected = new InterfaceId(device.endpoint().routingIdOf(ref).value());
            assertEquals(expected, device.tdi(ref).interfaceId());
        }
    }

    @Test
    void queryRespCarriesTheEndpointsIdeCapabilityRegisters() throws Exception {
        configureStream();
        IdeKmMessage.QueryResp q = (IdeKmMessage.QueryResp) ideKm(new IdeKmMessage.Query(0));
        int[] dump = device.endpoint().ide().orElseThrow().registerDump();
        assertEquals(Arrays.stream(dump).boxed().toList(), q.ideRegisters());
        assertEquals(device.endpoint().pf().routingId().bus(), q.busNum());
    }

    @Test
    void aKeyForAStreamNoBlockCarriesIsRefusedWithUnsupportedValue() throws Exception {
        assertEquals(KpAckStatus.UNSUPPORTED_VALUE, keyProg(KeySubStream.of(KeySet.K0, IdeDirection.RX, SubStream.PR)));
    }

    @Test
    void theEndpointStreamTurnsSecureOnlyWhenAllSixSubStreamsAreGo() throws Exception {
        configureStream();
        keyAndGo(5);
        assertFalse(device.endpoint().ideStreamSecure(STREAM), "five of six keys at go");
        keyAndGo(6);
        assertTrue(device.endpoint().ideStreamSecure(STREAM));
    }

    @Test
    void stoppingOneSubStreamTakesTheEndpointStreamOutOfSecure() throws Exception {
        configureStream();
        keyAndGo(6);
        ideKm(new IdeKmMessage.KSetStop(STREAM, KeySubStream.of(KeySet.K0, IdeDirection.TX, SubStream.CPL), 0));
        assertFalse(device.endpoint().ideStreamSecure(STREAM));
        assertEquals(5, device.ideKeySlotsInUse(STREAM));
    }

    @Test
    void lockOfAVfThatDoesNotExistIsRefusedAsAnInvalidDeviceConfiguration() {
        TdiRejectedException e = assertThrows(TdiRejectedException.class, () -> device.tdi(FunctionRef.vf(2))
                .lockInterface(SESSION, new TdispRequest.LockInterfaceRequest(device.tdi(FunctionRef.vf(2))
                        .interfaceId(), LockInterfaceFlags.NONE, STREAM, 0, 0)));
        assertEquals(TdispErrorCode.INVALID_DEVICE_CONFIGURATION, e.errorCode());
        assertTrue(e.getMessage().contains("VF2 does not exist"), e.getMessage());
    }

    @Test
    void lockOfAFunctionWithAnUnassignedBarIsRefusedAsAnInvalidDeviceConfiguration() {
        device.endpoint().pf().writeWord(io.teeio.platform.pci.PciRegs.COMMAND, io.teeio.platform.pci.PciRegs.COMMAND_MEMORY);
        TdiRejectedException e = assertThrows(TdiRejectedException.class, () -> device.tdi(FunctionRef.PF)
                .lockInterface(SESSION, new TdispRequest.LockInterfaceRequest(device.tdi(FunctionRef.PF)
                        .interfaceId(), LockInterfaceFlags.NONE, STREAM, 0, 0)));
        assertTrue(e.getMessage().contains("BAR0 is not assigned"), e.getMessage());
    }

    @Test
    void aConventionalResetGivesAFreshDsmWithEveryTdiUnlocked() throws Exception {
        TestMachine m = new TestMachine();
        m.runVf(1);
        Object before = m.device.dsm();
        m.device.conventionalReset();
        assertTrue(before != m.device.dsm(), "a new DSM");
        assertEquals(TdiState.CONFIG_UNLOCKED, m.device.tdiState(FunctionRef.vf(1)));
        assertTrue(m.device.dsm().spdm().sessionIds().isEmpty());
        assertEquals(0, m.device.ideKeySlotsInUse(1));
    }

    @Test
    void aSecondaryBusResetAtTheRootPortIsAConventionalResetOfTheDevice() throws Exception {
        TestMachine m = new TestMachine();
        m.runVf(1);
        int control = m.device.rootPort().readWord(io.teeio.platform.pci.PciRegs.BRIDGE_CONTROL);
        m.device.rootPort().writeWord(io.teeio.platform.pci.PciRegs.BRIDGE_CONTROL,
                control | io.teeio.platform.pci.PciRegs.BRIDGE_CTL_BUS_RESET);
        assertEquals(TdiState.CONFIG_UNLOCKED, m.device.tdiState(FunctionRef.vf(1)));
        assertTrue(m.device.endpoint().vfs().isEmpty(), "VFs gone with VF Enable");
    }

    @Test
    void moreThan256VfsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EmulatedDevice.builder().vfs(257));
    }

    @Test
    void anEndpointWithoutIdeIsRefused() {
        EndpointSpec noIde = EndpointSpec.builder().ide(null).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmulatedDevice.builder().endpoint(noIde));
        assertTrue(e.getMessage().contains("IDE"), e.getMessage());
    }

    @Test
    void theTrustAnchorIsTheRootOfTheDevicesChain() {
        assertEquals(List.of(device.trustAnchor()), List.of(device.identity().chain().certificates().get(0)));
    }
}
