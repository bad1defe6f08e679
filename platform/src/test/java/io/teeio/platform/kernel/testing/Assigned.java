package io.teeio.platform.kernel.testing;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.iommufd.IommuHwptAlloc;
import io.teeio.platform.kernel.iommufd.IommuIoasAlloc;
import io.teeio.platform.kernel.iommufd.IommuIoasMap;
import io.teeio.platform.kernel.iommufd.IommuOption;
import io.teeio.platform.kernel.iommufd.IommuVdeviceAlloc;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReq;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReqResult;
import io.teeio.platform.kernel.iommufd.IommuViommuAlloc;
import io.teeio.platform.kernel.iommufd.IommufdCtx;
import io.teeio.platform.kernel.kvm.GuestMemfd;
import io.teeio.platform.kernel.kvm.KvmCreateGuestMemfd;
import io.teeio.platform.kernel.kvm.KvmCreateVm;
import io.teeio.platform.kernel.kvm.KvmMemoryAttributes;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.kvm.VmFd;
import io.teeio.platform.kernel.kvm.VmType;
import io.teeio.platform.kernel.vfio.VfioDeviceAttachIommufdPt;
import io.teeio.platform.kernel.vfio.VfioDeviceBindIommufd;
import io.teeio.platform.kernel.vfio.VfioDeviceFd;

/**
 * A function assigned to a VM the way a VMM does it (DESIGN.md step 3): VM with 1 MiB of guest memory (lower half
 * private, upper half shared), kvm-vfio association, iommufd with the exclusive-ranges option, VFIO cdev bound,
 * IOAS with the shared half mapped, nest-parent HWPT attached, vIOMMU, vDEVICE (virt_id 0x08 = 00:01.0).
 */
public final class Assigned {
    public static final long GUEST_MEM = 0x10_0000;
    public static final long PRIVATE_END = 0x8_0000;
    public static final long HVA = 0x7f00_0000_0000L;
    public static final long VIRT_ID = 0x08;

    public final Bdf bdf;
    public final VmFd vm;
    public final GuestMemfd gmem;
    public final IommufdCtx ictx;
    public final VfioDeviceFd dev;
    public final int devId;
    public final int ioasId;
    public final int hwptId;
    public final int viommuId;
    public final int vdeviceId;

    private Assigned(Bdf bdf, VmFd vm, GuestMemfd gmem, IommufdCtx ictx, VfioDeviceFd dev, int devId, int ioasId,
            int hwptId, int viommuId, int vdeviceId) {
        this.bdf = bdf;
        this.vm = vm;
        this.gmem = gmem;
        this.ictx = ictx;
        this.dev = dev;
        this.devId = devId;
        this.ioasId = ioasId;
        this.hwptId = hwptId;
        this.viommuId = viommuId;
        this.vdeviceId = vdeviceId;
    }

    static Assigned assign(TestHost host, Bdf bdf, AssignOptions o) {
        host.bindVfioPci(bdf);
        VmFd vm = host.kernel.kvm().kvmCreateVm(new KvmCreateVm(o.cvm() ? VmType.CVM : VmType.DEFAULT));
        GuestMemfd gmem = null;
        if (o.cvm()) {
            gmem = vm.kvmCreateGuestMemfd(new KvmCreateGuestMemfd(GUEST_MEM, 0));
            vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.guestMemfd(0, 0, GUEST_MEM, HVA, gmem, 0));
            vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(0, PRIVATE_END));
            gmem.close();
        } else {
            vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.shared(0, 0, GUEST_MEM, HVA));
        }
        IommufdCtx ictx = host.kernel.iommufd().open();
        if (o.exclusiveRangesOption()) {
            ictx.iommuOption(IommuOption.setExclusiveRanges(true));
        }
        VfioDeviceFd dev = host.kernel.vfioPci().open(bdf);
        if (o.kvmBeforeBind()) {
            vm.kvmDevVfioFileAdd(dev);
        }
        int devId = dev.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ictx));
        int ioas = ictx.iommuIoasAlloc(IommuIoasAlloc.of());
        ictx.iommuIoasMap(IommuIoasMap.fixed(ioas, HVA + PRIVATE_END, GUEST_MEM - PRIVATE_END, PRIVATE_END));
        int hwpt = ictx.iommuHwptAlloc(IommuHwptAlloc.nestParent(devId, ioas));
        dev.vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt.of(hwpt));
        int viommu = ictx.iommuViommuAlloc(IommuViommuAlloc.of(devId, hwpt));
        int vdevice = ictx.iommuVdeviceAlloc(IommuVdeviceAlloc.of(viommu, devId, VIRT_ID));
        return new Assigned(bdf, vm, gmem, ictx, dev, devId, ioas, hwpt, viommu, vdevice);
    }

    /** A guest request relayed through IOMMU_VDEVICE_TSM_REQ with a TDISP code as its only byte. */
    public IommuVdeviceTsmReqResult guestReq(int scope, int tdispCode) {
        return ictx.iommuVdeviceTsmReq(IommuVdeviceTsmReq.of(vdeviceId, scope, new byte[] {(byte) tdispCode}, 64));
    }

    /** The CVM accepts the device: START_INTERFACE, CONFIG_LOCKED -> RUN. */
    public IommuVdeviceTsmReqResult start() {
        return guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE, FakeLinkTsm.START_INTERFACE);
    }
}
