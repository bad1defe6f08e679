package io.teeio.platform.kernel.iommufd;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.testing.TestHost;
import io.teeio.platform.kernel.vfio.VfioDeviceBindIommufd;
import io.teeio.platform.kernel.vfio.VfioDeviceFd;
import org.junit.jupiter.api.Test;

/** IOMMU_OPTION_EXCLUSIVE_RANGES: a context option, set before the VFIO cdev is bound. */
class IommuOptionTest {
    private final TestHost host = TestHost.defaults();
    private final IommufdCtx ctx = host.kernel.iommufd().open();

    @Test
    void exclusiveRangesIsOffUntilSetAndReadsBack() {
        assertEquals(0, ctx.iommuOption(IommuOption.get(IommuOption.IOMMU_OPTION_EXCLUSIVE_RANGES)).val64());
        ctx.iommuOption(IommuOption.setExclusiveRanges(true));
        assertEquals(1, ctx.iommuOption(IommuOption.get(IommuOption.IOMMU_OPTION_EXCLUSIVE_RANGES)).val64());
    }

    @Test
    void settingItAfterAVfioCdevWasBoundIsEbusy() {
        host.bindVfioPci(VF1);
        VfioDeviceFd dev = host.kernel.vfioPci().open(VF1);
        dev.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx));
        host.assertFailsIntact(Errno.EBUSY, () -> ctx.iommuOption(IommuOption.setExclusiveRanges(true)));
    }

    @Test
    void itIsAContextOptionSoAnObjectIdIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> ctx.iommuOption(new IommuOption(IommuOption.SIZE,
                IommuOption.IOMMU_OPTION_EXCLUSIVE_RANGES, IommuOption.IOMMU_OPTION_OP_SET, 0, 3, 1)));
    }

    @Test
    void aValueOtherThan0Or1IsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> ctx.iommuOption(new IommuOption(IommuOption.SIZE,
                IommuOption.IOMMU_OPTION_EXCLUSIVE_RANGES, IommuOption.IOMMU_OPTION_OP_SET, 0, 0, 2)));
    }

    @Test
    void reservedBitsAreEopnotsupp() {
        host.assertFailsIntact(Errno.EOPNOTSUPP, () -> ctx.iommuOption(new IommuOption(IommuOption.SIZE,
                IommuOption.IOMMU_OPTION_EXCLUSIVE_RANGES, IommuOption.IOMMU_OPTION_OP_SET, 1, 0, 1)));
    }

    @Test
    void aKernelWithTheDynamicPolicyHasNoSuchOptionEopnotsupp() {
        TestHost dyn = TestHost.withPolicies(new HostPolicies(RegionPolicy.DYNAMIC_ON_BIND,
                BoundDevicePolicy.BLOCK_WHILE_BOUND));
        IommufdCtx c = dyn.kernel.iommufd().open();
        dyn.assertFailsIntact(Errno.EOPNOTSUPP, () -> c.iommuOption(IommuOption.setExclusiveRanges(true)));
    }

    @Test
    void withTheOptionSetVfioClaimsTheRegionsExclusivelyAtBindAndKeepsThemToClose() {
        ctx.iommuOption(IommuOption.setExclusiveRanges(true));
        host.bindVfioPci(VF1);
        VfioDeviceFd dev = host.kernel.vfioPci().open(VF1);
        assertEquals(0, host.kernel.pci().claimsOf(host.kernel.pci().device(VF1)).size());
        dev.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx));
        var claims = host.kernel.pci().claimsOf(host.kernel.pci().device(VF1));
        assertEquals(2, claims.size());
        claims.forEach(c -> {
            assertEquals("vfio-pci", c.owner());
            assertEquals(true, c.exclusive());
        });
        dev.close();
        assertEquals(0, host.kernel.pci().claimsOf(host.kernel.pci().device(VF1)).size());
    }

    @Test
    void withTheOptionSetBindingTheCdevFailsEbusyWhenAnotherClaimantHoldsARegion() {
        ctx.iommuOption(IommuOption.setExclusiveRanges(true));
        new io.teeio.platform.kernel.pci.OtherKernelDriver(host.kernel.pci(), "nosy_drv").requestMemRegion(VF1, 0);
        host.bindVfioPci(VF1);
        VfioDeviceFd dev = host.kernel.vfioPci().open(VF1);
        host.assertFailsIntact(Errno.EBUSY, () -> dev.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ctx)));
    }
}
