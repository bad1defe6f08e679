package io.teeio.platform.kernel.host;

import static io.teeio.platform.kernel.testing.TestHost.PF0;
import static io.teeio.platform.kernel.testing.TestHost.VF1;

import io.teeio.platform.kernel.DmaOutcome;
import io.teeio.platform.kernel.DmaRequest;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelFile;
import io.teeio.platform.kernel.iommufd.IommuDestroy;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReq;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.kvm.KvmMemoryAttributes;
import io.teeio.platform.kernel.kvm.KvmPageFault;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.pci.OtherKernelDriver;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.FakeLinkTsm;
import io.teeio.platform.kernel.testing.TestHost;
import io.teeio.platform.kernel.vfio.VfioDeviceFeature;
import io.teeio.platform.kernel.vfio.VfioDeviceFeatureDmaBuf;
import io.teeio.platform.kernel.vfio.VfioDmaBuf;
import io.teeio.platform.kernel.vfio.VfioDmaRange;
import io.teeio.platform.kernel.vfio.VfioMmap;
import java.util.List;

/**
 * One run of uAPI calls against a host with VF1 assigned: each {@link Op} is one call (or one host access), so
 * a failing op must leave the state intact. Used by the property tests; a small stand-in for the model checker.
 */
final class UapiSequence {
    static final long DMABUF_GPA = 0x1000_0000L;

    enum Op {
        CONNECT, DISCONNECT, BIND_VFIO, BIND_IOMMUFD, UNBIND_VFIO, UNBIND_IOMMUFD, GUEST_START, GUEST_STOP,
        RESET, MSE_OFF, MSE_ON, LOW_POWER, FULL_POWER, DESTROY_VDEVICE, OTHER_DRIVER_CLAIM, OTHER_DRIVER_RELEASE,
        DEVMEM_READ, SYSFS_READ, MMAP_READ, DMABUF_EXPORT, DMABUF_SLOT, PRIVATE_MMIO_ATTR, PRIVATE_FAULT, TEE_DMA, CLOSE_DEVICE, CLOSE_IOMMUFD, CLOSE_VM,
        PF_RESET, PF_LOW_POWER, PF_FULL_POWER, PF_CLOSE
    }

    final TestHost host;
    final Assigned a;
    /** PF0 assigned to a second VM: its resets and power changes reach VF1. */
    final Assigned pf;
    private final VfioMmap mmap;
    private final OtherKernelDriver other;
    private VfioDmaBuf dmabuf;
    private boolean slotted;

    UapiSequence(HostPolicies policies) {
        host = TestHost.withPolicies(policies);
        a = host.assign(VF1, AssignOptions.DEFAULT);
        pf = host.assign(PF0, AssignOptions.DEFAULT);
        mmap = a.dev.mmap(0, 0, 0x1000);
        other = new OtherKernelDriver(host.kernel.pci(), "nosy_drv");
    }

    /** Applies one op; returns the error if the call failed. */
    KernelException apply(Op op) {
        try {
            run(op);
            return null;
        } catch (KernelException e) {
            return e;
        }
    }

    private void run(Op op) {
        switch (op) {
            case CONNECT -> host.kernel.pciTsm().sysfs(PF0).writeConnect("tsm0");
            case DISCONNECT -> host.kernel.pciTsm().sysfs(PF0).writeDisconnect("tsm0");
            case BIND_VFIO -> BindPath.VFIO_DEVICE_TSM_BIND.bind(a);
            case BIND_IOMMUFD -> BindPath.IOMMU_VDEVICE_TSM_OP.bind(a);
            case UNBIND_VFIO -> BindPath.VFIO_DEVICE_TSM_BIND.unbind(a);
            case UNBIND_IOMMUFD -> BindPath.IOMMU_VDEVICE_TSM_OP.unbind(a);
            case GUEST_START -> a.start();
            case GUEST_STOP -> a.guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE,
                    FakeLinkTsm.STOP_INTERFACE);
            case RESET -> a.dev.vfioDeviceReset();
            case MSE_OFF -> a.dev.configWrite(4, 2, 0);
            case MSE_ON -> a.dev.configWrite(4, 2, 2);
            case LOW_POWER -> a.dev.vfioDeviceFeature(
                    VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
            case FULL_POWER -> a.dev.vfioDeviceFeature(
                    VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_EXIT));
            case DESTROY_VDEVICE -> a.ictx.iommuDestroy(IommuDestroy.of(a.vdeviceId));
            case OTHER_DRIVER_CLAIM -> other.requestMemRegion(VF1, 0);
            case OTHER_DRIVER_RELEASE -> other.releaseAll();
            case DEVMEM_READ -> host.kernel.devMem().read(host.bar0(VF1).address(), 4);
            case SYSFS_READ -> host.kernel.sysfsResource().read(VF1, 0, 0, 4);
            case MMAP_READ -> mmap.read(0, 4);
            case DMABUF_EXPORT -> {
                if (dmabuf == null) {
                    dmabuf = a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0,
                            List.of(new VfioDmaRange(0, 0x1_0000))));
                }
            }
            case DMABUF_SLOT -> {
                if (dmabuf != null && !slotted) {
                    a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, DMABUF_GPA, 0x1_0000,
                            dmabuf));
                    slotted = true;
                }
            }
            case PRIVATE_MMIO_ATTR -> a.vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(DMABUF_GPA,
                    0x1_0000));
            case PRIVATE_FAULT -> {
                KvmFaultOutcome o = a.vm.fault(new KvmPageFault(DMABUF_GPA, true, false));
                if (o.kind() == KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO && !host.fn(VF1).tdispState()
                        .equals(io.teeio.platform.kernel.TdispState.RUN)) {
                    throw new AssertionError("private MMIO mapped for a TDI in " + host.fn(VF1).tdispState());
                }
            }
            case TEE_DMA -> {
                DmaOutcome o = host.kernel.iommu().dma(new DmaRequest(VF1, true, 0x1000, 64, true));
                if (o.allowed() && host.fn(VF1).tdispState() != io.teeio.platform.kernel.TdispState.RUN) {
                    throw new AssertionError("T=1 DMA allowed for a TDI in " + host.fn(VF1).tdispState());
                }
            }
            case CLOSE_DEVICE -> closeIfOpen(a.dev);
            case CLOSE_IOMMUFD -> closeIfOpen(a.ictx);
            case CLOSE_VM -> closeIfOpen(a.vm);
            case PF_RESET -> pf.dev.vfioDeviceReset();
            case PF_LOW_POWER -> pf.dev.vfioDeviceFeature(
                    VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
            case PF_FULL_POWER -> pf.dev.vfioDeviceFeature(
                    VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_EXIT));
            case PF_CLOSE -> {
                if (pf.dev.isOpen()) {
                    pf.vm.kvmDevVfioFileDel(pf.dev);
                    pf.dev.close();
                }
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    private static void closeIfOpen(KernelFile f) {
        if (f.isOpen()) {
            f.close();
        }
    }

    /** What the run itself remembers beside the kernel and the hardware (part of a model-checking state). */
    List<Object> localState() {
        return List.of(dmabuf != null, slotted, mmap.isUnmapped());
    }

    /** Closes every fd the run still holds and lets the other driver go. */
    void closeAll() {
        other.releaseAll();
        if (dmabuf != null) {
            closeIfOpen(dmabuf);
        }
        closeIfOpen(a.dev);
        closeIfOpen(a.ictx);
        closeIfOpen(a.vm);
        closeIfOpen(pf.dev);
        closeIfOpen(pf.ictx);
        closeIfOpen(pf.vm);
    }
}
