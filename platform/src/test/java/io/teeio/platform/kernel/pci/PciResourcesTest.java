package io.teeio.platform.kernel.pci;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static io.teeio.platform.kernel.testing.TestHost.VF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** The resource tree, the driver model and the host access paths of the PCI core. */
class PciResourcesTest {
    private final TestHost host = TestHost.defaults();
    private final PciCore pci = host.kernel.pci();
    private final PciDev vf1 = pci.device(VF1);
    private final long bar0 = host.bar0(VF1).address();

    @Test
    void everyHostPathReachesTheMmioOfAnUnclaimedFunction() {
        pci.device(VF1).setCommandBits(PciRegs.COMMAND_MEMORY, "test");
        assertTrue(new OtherKernelDriver(pci, "drv").mmioRead(VF1, 0, 0, 4).reached());
        assertTrue(host.kernel.devMem().read(bar0, 4).reached());
        assertTrue(host.kernel.sysfsResource().read(VF1, 0, 0, 4).reached());
        assertEquals(MmioOutcome.Status.COMPLETED, host.kernel.devMem().read(bar0, 4).outcome().status());
    }

    @Test
    void requestingAClaimedRegionIsEbusyNamingTheHolder() {
        pci.requestRegion(vf1, 0, "first");
        KernelException e = host.assertFailsIntact(Errno.EBUSY, () -> pci.requestRegion(vf1, 0, "second"));
        assertTrue(e.reason().contains("first"), e.reason());
    }

    @Test
    void requestRegionsIsAllOrNothing() {
        new OtherKernelDriver(pci, "holder").requestMemRegion(VF1, 2);
        host.assertFailsIntact(Errno.EBUSY, () -> pci.requestRegionsExclusive(vf1, "vfio-pci"));
        assertEquals(1, pci.claimsOf(vf1).size());
    }

    @Test
    void releaseGivesTheRegionBack() {
        pci.requestRegions(vf1, "drv");
        pci.releaseRegions(vf1, "drv");
        assertTrue(pci.claimsOf(vf1).isEmpty());
        pci.requestRegionsExclusive(vf1, "other");
        assertEquals(2, pci.claimsOf(vf1).size());
    }

    @Test
    void aNonExclusiveClaimKeepsOtherDriversOutButNotDevMemOrSysfs() {
        pci.requestRegions(vf1, "vfio-pci");
        assertFalse(new OtherKernelDriver(pci, "drv").mmioRead(VF1, 0, 0, 4).reached());
        assertTrue(host.kernel.devMem().read(bar0, 4).reached());
        assertTrue(host.kernel.sysfsResource().read(VF1, 0, 0, 4).reached());
    }

    @Test
    void anExclusiveClaimClosesDevMemWithEpermAndSysfsWithEinval() {
        pci.requestRegionsExclusive(vf1, "vfio-pci");
        HostAccess dm = host.kernel.devMem().read(bar0, 4);
        assertFalse(dm.reached());
        assertTrue(dm.reason().contains("EPERM"), dm.reason());
        host.assertFailsIntact(Errno.EPERM, () -> host.kernel.devMem().mmap(bar0, 0x1000));
        host.assertFailsIntact(Errno.EINVAL, () -> host.kernel.sysfsResource().mmap(VF1, 0));
    }

    @Test
    void anExclusiveClaimRevokesExistingDevMemAndSysfsMappings() {
        IomemMapping dm = host.kernel.devMem().mmap(bar0, 0x1000);
        IomemMapping sys = host.kernel.sysfsResource().mmap(VF1, 0);
        pci.requestRegionsExclusive(vf1, "vfio-pci");
        assertFalse(dm.read(0, 4).reached());
        assertFalse(sys.read(0, 4).reached());
        assertTrue(sys.read(0, 4).reason().contains("revoke_iomem"));
    }

    @Test
    void aClaimOnOneFunctionLeavesItsNeighbourAlone() {
        pci.requestRegionsExclusive(vf1, "vfio-pci");
        assertTrue(host.kernel.devMem().read(host.bar0(VF2).address(), 4).reached());
    }

    @Test
    void bindingADriverToABoundFunctionIsEbusyAndUnbindingAnOpenVfioDeviceIsEbusy() {
        pci.bindDriver(VF1, "vfio-pci");
        host.assertFailsIntact(Errno.EBUSY, () -> pci.bindDriver(VF1, "vfio-pci"));
        host.kernel.vfioPci().open(VF1);
        host.assertFailsIntact(Errno.EBUSY, () -> pci.unbindDriver(VF1));
    }

    @Test
    void bindingAnUnknownDriverIsEnoent() {
        host.assertFailsIntact(Errno.ENOENT, () -> pci.bindDriver(VF1, "nvme"));
    }

    @Test
    void openingTheCdevOfAFunctionVfioPciDoesNotDriveIsEnoent() {
        host.assertFailsIntact(Errno.ENOENT, () -> host.kernel.vfioPci().open(VF1));
    }
}
