package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.iommufd.IommuIoasAlloc;
import io.teeio.platform.kernel.iommufd.IommufdCtx;
import io.teeio.platform.kernel.pci.PciRegs;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** The VFIO device cdev: bind to iommufd, attach, info, regions. */
class VfioDeviceIoctlsTest {
    private final TestHost host = TestHost.defaults();

    private VfioDeviceFd openVf1() {
        host.bindVfioPci(VF1);
        return host.kernel.vfioPci().open(VF1);
    }

    @Test
    void aSecondOpenOfTheCdevIsEbusy() {
        openVf1();
        host.assertFailsIntact(Errno.EBUSY, () -> host.kernel.vfioPci().open(VF1));
    }

    @Test
    void everyIoctlBeforeBindIommufdIsEinval() {
        VfioDeviceFd fd = openVf1();
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceGetInfo(VfioDeviceInfo.MINSZ));
        host.assertFailsIntact(Errno.EINVAL, fd::vfioDeviceReset);
        host.assertFailsIntact(Errno.EINVAL, () -> fd.mmap(0, 0, 0x1000));
    }

    @Test
    void bindIommufdWithFlagsOrAShortArgszIsEinval() {
        VfioDeviceFd fd = openVf1();
        IommufdCtx ctx = host.kernel.iommufd().open();
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceBindIommufd(new VfioDeviceBindIommufd(16, 1, ctx)));
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceBindIommufd(new VfioDeviceBindIommufd(8, 0, ctx)));
    }

    @Test
    void bindIommufdToAClosedIommufdIsEbadf() {
        VfioDeviceFd fd = openVf1();
        IommufdCtx ctx = host.kernel.iommufd().open();
        ctx.close();
        host.assertFailsIntact(Errno.EBADF, () -> fd.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx)));
    }

    @Test
    void bindIommufdTwiceIsEinval() {
        VfioDeviceFd fd = openVf1();
        IommufdCtx ctx = host.kernel.iommufd().open();
        fd.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx));
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx)));
    }

    @Test
    void bindIommufdEnablesTheDeviceAndReturnsTheDevId() {
        VfioDeviceFd fd = openVf1();
        IommufdCtx ctx = host.kernel.iommufd().open();
        int devId = fd.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx));
        assertEquals(1, devId);
        assertTrue(host.kernel.pci().device(VF1).memoryEnabled());
    }

    @Test
    void attachingToAnUnknownPtIsEnoentAndToAnObjectThatIsNoPageTableIsEinval() {
        VfioDeviceFd fd = openVf1();
        IommufdCtx ctx = host.kernel.iommufd().open();
        int devId = fd.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx));
        host.assertFailsIntact(Errno.ENOENT, () -> fd.vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt.of(40)));
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt.of(devId)));
    }

    @Test
    void changingTheHwptWhileTheDeviceHasAVdeviceIsEbusy() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.assertFailsIntact(Errno.EBUSY, () -> a.dev.vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt.of(a.ioasId)));
        host.assertFailsIntact(Errno.EBUSY, () -> a.dev.vfioDeviceDetachIommufdPt(VfioDeviceDetachIommufdPt.of()));
    }

    @Test
    void attachingToAnIoasCreatesAnAutoDomainThatGoesWithTheDetach() {
        VfioDeviceFd fd = openVf1();
        IommufdCtx ctx = host.kernel.iommufd().open();
        fd.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx));
        int ioas = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        int hwpt = fd.vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt.of(ioas));
        assertTrue(ctx.objects().stream().anyMatch(o -> o.id() == hwpt));
        fd.vfioDeviceDetachIommufdPt(VfioDeviceDetachIommufdPt.of());
        assertFalse(ctx.objects().stream().anyMatch(o -> o.id() == hwpt));
    }

    @Test
    void getInfoReportsAPciDeviceWithResetAndNineRegions() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        VfioDeviceInfo info = a.dev.vfioDeviceGetInfo(VfioDeviceInfo.MINSZ);
        assertEquals(VfioRegion.NUM_REGIONS, info.numRegions());
        assertEquals(VfioDeviceInfo.VFIO_DEVICE_FLAGS_PCI | VfioDeviceInfo.VFIO_DEVICE_FLAGS_RESET, info.flags());
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceGetInfo(8));
    }

    @Test
    void getRegionInfoDescribesImplementedBarsAsMmapable() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        VfioRegionInfo bar0 = a.dev.vfioDeviceGetRegionInfo(VfioRegionInfo.query(0));
        assertEquals(0x1_0000, bar0.size());
        assertTrue((bar0.flags() & VfioRegion.VFIO_REGION_INFO_FLAG_MMAP) != 0);
        assertEquals(0, a.dev.vfioDeviceGetRegionInfo(VfioRegionInfo.query(1)).size());
        assertEquals(VfioRegion.offset(VfioRegion.CONFIG),
                a.dev.vfioDeviceGetRegionInfo(VfioRegionInfo.query(VfioRegion.CONFIG)).offset());
    }

    @Test
    void getRegionInfoForAnIndexPastTheLastRegionIsEinval() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceGetRegionInfo(VfioRegionInfo.query(9)));
    }

    @Test
    void regionReadsReachTheBarAndConfigSpace() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        assertEquals(PciRegs.COMMAND_MEMORY, a.dev.regionRead(VfioRegion.CONFIG, PciRegs.COMMAND, 2));
        assertTrue(a.dev.barWrite(0, 0, 4, 0x55).reached());
        assertEquals(0x55, a.dev.regionRead(0, 0, 4));
    }

    @Test
    void aBarReadWithMemoryDisabledIsEio() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        a.dev.configWrite(PciRegs.COMMAND, 2, 0);
        host.assertFailsIntact(Errno.EIO, () -> a.dev.regionRead(0, 0, 4));
    }

    @Test
    void mmapOutsideTheBarOrUnalignedIsEinval() {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.mmap(0, 0x800, 0x1000));
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.mmap(0, 0, 0x2_0000));
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.mmap(VfioRegion.CONFIG, 0, 0x1000));
    }
}
