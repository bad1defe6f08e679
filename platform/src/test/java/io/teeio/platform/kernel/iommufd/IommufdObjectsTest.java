package io.teeio.platform.kernel.iommufd;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.kvm.VmState;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.TestHost;
import io.teeio.platform.kernel.vfio.VfioDeviceDetachIommufdPt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The iommufd object table: ids, IOAS, HWPT, vIOMMU, vDEVICE and IOMMU_DESTROY with references. */
class IommufdObjectsTest {
    private final TestHost host = TestHost.defaults();
    private final IommufdCtx ctx = host.kernel.iommufd().open();

    @Test
    void objectIdsComeFromAPerContextTableLowestFreeFirst() {
        int a = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        int b = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        ctx.iommuDestroy(IommuDestroy.of(a));
        int c = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        IommufdCtx other = host.kernel.iommufd().open();
        assertEquals(List.of(1, 2, 1), List.of(a, b, c));
        assertEquals(1, other.iommuIoasAlloc(IommuIoasAlloc.of()));
    }

    @Test
    void mappingOverAnExistingMappingIsEexist() {
        int ioas = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        ctx.iommuIoasMap(IommuIoasMap.fixed(ioas, 0x10000, 0x2000, 0x4000));
        host.assertFailsIntact(Errno.EEXIST, () -> ctx.iommuIoasMap(IommuIoasMap.fixed(ioas, 0x20000, 0x1000, 0x5000)));
    }

    @Test
    void mappingAnUnalignedRangeIsEinval() {
        int ioas = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        host.assertFailsIntact(Errno.EINVAL, () -> ctx.iommuIoasMap(IommuIoasMap.fixed(ioas, 0x10000, 0x1800, 0)));
    }

    @Test
    void mappingIntoAnIdThatIsNotAnIoasIsEnoent() {
        host.assertFailsIntact(Errno.ENOENT, () -> ctx.iommuIoasMap(IommuIoasMap.fixed(42, 0x10000, 0x1000, 0)));
    }

    @Test
    void unmapReturnsTheBytesUnmappedAndUnmappingNothingIsEnoent() {
        int ioas = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        ctx.iommuIoasMap(IommuIoasMap.fixed(ioas, 0x10000, 0x2000, 0x4000));
        assertEquals(0x2000, ctx.iommuIoasUnmap(IommuIoasUnmap.of(ioas, 0x4000, 0x2000)));
        host.assertFailsIntact(Errno.ENOENT, () -> ctx.iommuIoasUnmap(IommuIoasUnmap.of(ioas, 0x4000, 0x2000)));
    }

    @Test
    void unmappingPartOfAMappingIsEinval() {
        int ioas = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        ctx.iommuIoasMap(IommuIoasMap.fixed(ioas, 0x10000, 0x2000, 0x4000));
        host.assertFailsIntact(Errno.EINVAL, () -> ctx.iommuIoasUnmap(IommuIoasUnmap.of(ioas, 0x4000, 0x1000)));
    }

    @Test
    void destroyingAnUnknownIdIsEnoent() {
        host.assertFailsIntact(Errno.ENOENT, () -> ctx.iommuDestroy(IommuDestroy.of(5)));
    }

    @Test
    void objectsInUseCannotBeDestroyedEbusy() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.assertFailsIntact(Errno.EBUSY, () -> a.ictx.iommuDestroy(IommuDestroy.of(a.ioasId)));
        host.assertFailsIntact(Errno.EBUSY, () -> a.ictx.iommuDestroy(IommuDestroy.of(a.hwptId)));
        host.assertFailsIntact(Errno.EBUSY, () -> a.ictx.iommuDestroy(IommuDestroy.of(a.viommuId)));
        host.assertFailsIntact(Errno.EBUSY, () -> a.ictx.iommuDestroy(IommuDestroy.of(a.devId)));
    }

    @Test
    void objectsGoInReverseOrderOnceTheirUsersAreGone() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        a.ictx.iommuDestroy(IommuDestroy.of(a.vdeviceId));
        a.ictx.iommuDestroy(IommuDestroy.of(a.viommuId));
        a.dev.vfioDeviceDetachIommufdPt(VfioDeviceDetachIommufdPt.of());
        a.ictx.iommuDestroy(IommuDestroy.of(a.hwptId));
        a.ictx.iommuDestroy(IommuDestroy.of(a.ioasId));
        assertEquals(List.of(a.devId), a.ictx.objects().stream().map(IommufdObject::id).toList());
    }

    @Test
    void onlyOneVdevicePerDeviceEexist() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.assertFailsIntact(Errno.EEXIST, () -> a.ictx.iommuVdeviceAlloc(IommuVdeviceAlloc.of(a.viommuId, a.devId, 9)));
    }

    @Test
    void aVdeviceNeedsItsDeviceAttachedToTheViommusHwpt() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        a.ictx.iommuDestroy(IommuDestroy.of(a.vdeviceId));
        int ioas2 = a.ictx.iommuIoasAlloc(IommuIoasAlloc.of());
        int hwpt2 = a.ictx.iommuHwptAlloc(IommuHwptAlloc.nestParent(a.devId, ioas2));
        int viommu2 = a.ictx.iommuViommuAlloc(IommuViommuAlloc.of(a.devId, hwpt2));
        host.assertFailsIntact(Errno.EINVAL, () -> a.ictx.iommuVdeviceAlloc(IommuVdeviceAlloc.of(viommu2, a.devId, 8)));
    }

    @Test
    void aViommuNeedsANestParentHwpt() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        int ioas2 = a.ictx.iommuIoasAlloc(IommuIoasAlloc.of());
        int plain = a.ictx.iommuHwptAlloc(new IommuHwptAlloc(IommuHwptAlloc.SIZE, 0, a.devId, ioas2, 0));
        host.assertFailsIntact(Errno.EINVAL, () -> a.ictx.iommuViommuAlloc(IommuViommuAlloc.of(a.devId, plain)));
    }

    @Test
    void theViommuHoldsAReferenceOnTheVm() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        var vm = a.vm.vm();
        assertEquals(2, vm.users());
        a.ictx.iommuDestroy(IommuDestroy.of(a.vdeviceId));
        a.ictx.iommuDestroy(IommuDestroy.of(a.viommuId));
        assertEquals(1, vm.users());
        a.vm.kvmDevVfioFileDel(a.dev);
        a.vm.close();
        assertEquals(VmState.DESTROYED, vm.state());
    }

    @Test
    void aStructTooSmallIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> ctx.iommuIoasAlloc(new IommuIoasAlloc(8, 0)));
        host.assertFailsIntact(Errno.EINVAL, () -> ctx.iommuDestroy(new IommuDestroy(4, 1)));
    }

    @Test
    void closingTheContextWithNoDeviceBoundDestroysEveryObjectNewestFirst() {
        int ioas = ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        ctx.iommuIoasMap(IommuIoasMap.fixed(ioas, 0x10000, 0x1000, 0));
        ctx.iommuIoasAlloc(IommuIoasAlloc.of());
        ctx.close();
        assertTrue(ctx.isReleased());
        assertTrue(ctx.objects().isEmpty());
        int second = host.eventIndex("iommufd", "IOMMU_DESTROY");
        assertTrue(host.events().get(second).detail().startsWith("IOAS 2"), host.events().get(second).detail());
        assertFalse(host.kernel.leaks().stream().anyMatch(l -> l.contains(ctx.name())));
    }

    @Test
    void aClosedContextIsEbadf() {
        ctx.close();
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.teeio.platform.kernel.KernelException.class,
                () -> ctx.iommuIoasAlloc(IommuIoasAlloc.of()));
        assertEquals(Errno.EBADF, e.errno());
    }
}
