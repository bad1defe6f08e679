package io.teeio.platform.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReq;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.testing.FakeLinkTsm;
import io.teeio.platform.kernel.testing.TestHost;
import io.teeio.trace.Tracer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VmmTest {
    @ParameterizedTest
    @EnumSource(BindPath.class)
    void assignBindAcceptMapUnbindAndShutDownLeaveNothingBehind(BindPath path) {
        TestHost host = TestHost.defaults();
        host.connect();
        Vmm vmm = new Vmm(host.kernel, VmmConfig.defaults(TestHost.VF1).withBindPath(path), "VMM", Tracer.NONE);
        vmm.assign();
        vmm.tsmBind();
        assertEquals(TdispState.CONFIG_LOCKED, host.fn(TestHost.VF1).tdispState());
        vmm.guestRequest(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE,
                new byte[] {(byte) FakeLinkTsm.START_INTERFACE}, 64);
        assertEquals(TdispState.RUN, host.fn(TestHost.VF1).tdispState());
        vmm.mapPrivateMmio();
        KvmFaultOutcome f = vmm.fault(vmm.config().privateMmioGpa(), true, false);
        assertEquals(KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO, f.kind(), f.detail());
        vmm.tsmUnbind();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(TestHost.VF1).tdispState());
        assertFalse(vmm.bound());
        vmm.shutdown();
        assertTrue(host.kernel.leaks().isEmpty(), host.kernel.leaks().toString());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void shutdownWhileBoundUnbindsAndLeavesNoErroredTdi(BindPath path) {
        TestHost host = TestHost.defaults();
        host.connect();
        Vmm vmm = new Vmm(host.kernel, VmmConfig.defaults(TestHost.VF1).withBindPath(path), "VMM", Tracer.NONE);
        vmm.assign();
        vmm.tsmBind();
        vmm.shutdown();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(TestHost.VF1).tdispState());
        assertTrue(host.kernel.leaks().isEmpty(), host.kernel.leaks().toString());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void shutdownWhileRunWithPrivateMmioMappedUnbindsFirstAndLeavesNothingBehind(BindPath path) {
        TestHost host = TestHost.defaults();
        host.connect();
        Vmm vmm = new Vmm(host.kernel, VmmConfig.defaults(TestHost.VF1).withBindPath(path), "VMM", Tracer.NONE);
        vmm.assign();
        vmm.tsmBind();
        vmm.guestRequest(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE,
                new byte[] {(byte) FakeLinkTsm.START_INTERFACE}, 64);
        vmm.mapPrivateMmio();
        KvmFaultOutcome f = vmm.fault(vmm.config().privateMmioGpa(), true, false);
        assertEquals(KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO, f.kind(), f.detail());
        vmm.shutdown();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(TestHost.VF1).tdispState());
        assertTrue(host.kernel.leaks().isEmpty(), host.kernel.leaks().toString());
    }
}
