package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.spdm.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmaTest {
    private final TestGates gates = new TestGates();
    private final List<DmaRequest> seen = new ArrayList<>();
    private final Endpoint endpoint = Endpoint.builder(EndpointSpec.builder().build()).gates(gates)
            .iommu(r -> {
                seen.add(r);
                return DmaOutcome.completed(r.write() ? Bytes.EMPTY : Bytes.zeros(r.length()), "mapped");
            }).build();

    DmaTest() {
        LinuxLikeHost.enablePf(endpoint, 0xF000000000L);
    }

    @Test
    void dmaFromARunningTdiCarriesTheTeeBit() {
        gates.all(TdiSecurityState.RUN);
        assertTrue(endpoint.pf().dmaRead(0x1000, 64).completed());
        assertTrue(seen.get(0).tee());
    }

    @Test
    void dmaFromALockedTdiDoesNotCarryTheTeeBit() {
        gates.all(TdiSecurityState.CONFIG_LOCKED);
        endpoint.pf().dmaWrite(0x1000, Bytes.fromHex("01"));
        assertFalse(seen.get(0).tee());
    }

    @Test
    void dmaCarriesTheFunctionsRoutingId() {
        LinuxLikeHost.enableVfs(endpoint, 2, 0xF100000000L);
        PciFunction vf2 = endpoint.vfs().get(1);
        vf2.writeWord(COMMAND, COMMAND_MASTER);
        vf2.dmaRead(0x2000, 8);
        assertEquals(vf2.routingId(), seen.get(0).requester());
    }

    @Test
    void withoutBusMasterEnableNoRequestIsIssued() {
        endpoint.pf().writeWord(COMMAND, COMMAND_MEMORY);
        DmaOutcome o = endpoint.pf().dmaRead(0x1000, 4);
        assertEquals(CompletionStatus.UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("Bus Master Enable"), o.reason());
        assertTrue(seen.isEmpty());
    }

    @Test
    void withoutAnIommuDmaIsAnUnsupportedRequest() {
        Endpoint bare = Endpoint.builder(EndpointSpec.builder().build()).build();
        LinuxLikeHost.enablePf(bare, 0xF000000000L);
        assertEquals(CompletionStatus.UNSUPPORTED_REQUEST, bare.pf().dmaRead(0, 4).status());
    }

    @Test
    void removedVfIssuesNoDma() {
        LinuxLikeHost.enableVfs(endpoint, 1, 0xF100000000L);
        PciFunction vf1 = endpoint.vfs().get(0);
        vf1.writeWord(COMMAND, COMMAND_MASTER);
        endpoint.pf().writeWord(LinuxLikeHost.sriovOffset(endpoint) + SRIOV_CTRL, 0);
        assertFalse(vf1.dmaRead(0, 4).completed());
        assertTrue(seen.isEmpty());
    }
}
