package io.teeio.platform.vmm;

import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.host.HostKernel;
import io.teeio.platform.kernel.iommufd.IommuDestroy;
import io.teeio.platform.kernel.iommufd.IommuHwptAlloc;
import io.teeio.platform.kernel.iommufd.IommuIoasAlloc;
import io.teeio.platform.kernel.iommufd.IommuIoasMap;
import io.teeio.platform.kernel.iommufd.IommuOption;
import io.teeio.platform.kernel.iommufd.IommuVdeviceAlloc;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmOp;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReq;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReqResult;
import io.teeio.platform.kernel.iommufd.IommuViommuAlloc;
import io.teeio.platform.kernel.iommufd.IommufdCtx;
import io.teeio.platform.kernel.kvm.GuestMemfd;
import io.teeio.platform.kernel.kvm.KvmCreateGuestMemfd;
import io.teeio.platform.kernel.kvm.KvmCreateVm;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.kvm.KvmMemoryAttributes;
import io.teeio.platform.kernel.kvm.KvmPageFault;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.kvm.VmFd;
import io.teeio.platform.kernel.kvm.VmType;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.vfio.VfioDeviceAttachIommufdPt;
import io.teeio.platform.kernel.vfio.VfioDeviceBindIommufd;
import io.teeio.platform.kernel.vfio.VfioDeviceFd;
import io.teeio.platform.kernel.vfio.VfioDeviceFeatureDmaBuf;
import io.teeio.platform.kernel.vfio.VfioDmaBuf;
import io.teeio.platform.kernel.vfio.VfioDmaRange;
import io.teeio.platform.kernel.vfio.VfioPci;
import io.teeio.platform.kernel.vfio.VfioPciTsmBind;
import io.teeio.platform.kernel.vfio.VfioPciTsmUnbind;
import io.teeio.trace.Tracer;
import java.util.List;

/**
 * What a VMM (QEMU) does for a CVM with an assigned TDI: opens iommufd with the exclusive-ranges option, opens
 * and binds the VFIO cdev, sets up the IOAS with guest memory, the vIOMMU and the vDEVICE, creates the KVM VM,
 * and relays the guest's TDI requests (bind, guest requests, unbind) to the kernel. Every kernel failure
 * surfaces as the kernel's {@link KernelException} (with its errno).
 */
public final class Vmm {
    private static final String LAYER = "vmm";
    /** Host virtual address where the VMM keeps guest RAM. */
    static final long HVA = 0x7f00_0000_0000L;
    private static final int SLOT_RAM = 0;
    private static final int SLOT_PRIVATE_MMIO = 1;

    private final HostKernel kernel;
    private final VmmConfig config;
    private final Tracer tracer;
    private final String name;
    private VmFd vm;
    private IommufdCtx ictx;
    private VfioDeviceFd device;
    private int devId;
    private int ioasId;
    private int hwptId;
    private int viommuId;
    private int vdeviceId;
    private VfioDmaBuf privateMmio;
    private boolean bound;

    public Vmm(HostKernel kernel, VmmConfig config, String name, Tracer tracer) {
        this.kernel = kernel;
        this.config = config;
        this.name = name;
        this.tracer = tracer;
    }

    public VmmConfig config() {
        return config;
    }

    private void step(String action, String detail) {
        tracer.event(LAYER, name, "kernel", action, detail);
    }

    /** DESIGN.md step 3: everything up to a non-secure assigned device inside a CVM. */
    public void assign() {
        if (!VfioPci.NAME.equals(kernel.pci().device(config.device()).driverName())) {
            kernel.pci().bindDriver(config.device(), VfioPci.NAME);
            step("bind vfio-pci", config.device() + " bound to vfio-pci");
        }
        vm = kernel.kvm().kvmCreateVm(new KvmCreateVm(VmType.CVM));
        GuestMemfd gmem = vm.kvmCreateGuestMemfd(new KvmCreateGuestMemfd(config.guestMemory(), 0));
        vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.guestMemfd(SLOT_RAM, 0, config.guestMemory(), HVA, gmem,
                0));
        vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(0, config.privateEnd()));
        gmem.close();
        step("KVM_CREATE_VM", "CVM with " + (config.guestMemory() >> 20) + " MiB, lower half private");
        ictx = kernel.iommufd().open();
        if (config.exclusiveRanges()) {
            try {
                ictx.iommuOption(IommuOption.setExclusiveRanges(true));
                step("IOMMU_OPTION", "EXCLUSIVE_RANGES set before the VFIO cdev is bound");
            } catch (KernelException e) {
                if (e.errno() != io.teeio.platform.kernel.Errno.EOPNOTSUPP) {
                    throw e;
                }
                // an older kernel (the RFC's DYNAMIC_ON_BIND): go on, as QEMU would, and say so
                step("IOMMU_OPTION", "this kernel has no EXCLUSIVE_RANGES option (EOPNOTSUPP): the device's regions"
                        + " are not held exclusively from open");
            }
        }
        device = kernel.vfioPci().open(config.device());
        vm.kvmDevVfioFileAdd(device);
        devId = device.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(ictx));
        step("VFIO_DEVICE_BIND_IOMMUFD", config.device() + " is iommufd device " + devId);
        ioasId = ictx.iommuIoasAlloc(IommuIoasAlloc.of());
        long shared = config.guestMemory() - config.privateEnd();
        ictx.iommuIoasMap(IommuIoasMap.fixed(ioasId, HVA + config.privateEnd(), shared, config.privateEnd()));
        hwptId = ictx.iommuHwptAlloc(IommuHwptAlloc.nestParent(devId, ioasId));
        device.vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt.of(hwptId));
        viommuId = ictx.iommuViommuAlloc(IommuViommuAlloc.of(devId, hwptId));
        vdeviceId = ictx.iommuVdeviceAlloc(IommuVdeviceAlloc.of(viommuId, devId, config.virtualId()));
        step("IOMMU_VDEVICE_ALLOC", "vDEVICE " + vdeviceId + " with virtual id 0x"
                + Long.toHexString(config.virtualId()) + "; the CVM sees a non-secure assigned device");
    }

    private void requireAssigned(String what) {
        if (device == null) {
            throw new IllegalStateException(what + ": the device is not assigned (call assign first)");
        }
    }

    /** The guest asked to lock its TDI: the VMM binds it through the configured uAPI. */
    public void tsmBind() {
        requireAssigned("TSM bind");
        if (config.bindPath() == BindPath.VFIO_IOCTL) {
            device.vfioDeviceTsmBind(VfioPciTsmBind.of(vdeviceId));
            step("VFIO_DEVICE_TSM_BIND", "vDEVICE " + vdeviceId);
        } else {
            ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(vdeviceId));
            step("IOMMU_VDEVICE_TSM_OP BIND", "vDEVICE " + vdeviceId);
        }
        bound = true;
    }

    /**
     * The guest's driver enabled the device (pci_enable_device, pci_set_master): the VMM writes Memory Space
     * and Bus Master Enable through the VFIO config region.
     */
    public void enableDevice() {
        requireAssigned("enable device");
        int command = (int) device.regionRead(VFIO_PCI_CONFIG_REGION_INDEX, COMMAND, 2);
        device.configWrite(COMMAND, 2, command | COMMAND_MEMORY | COMMAND_MASTER);
        step("config write COMMAND", "guest enabled memory decoding and bus mastering");
    }

    private static final int VFIO_PCI_CONFIG_REGION_INDEX = io.teeio.platform.kernel.vfio.VfioRegion.CONFIG;
    private static final int COMMAND = 0x04;
    private static final int COMMAND_MEMORY = 1 << 1;
    private static final int COMMAND_MASTER = 1 << 2;

    /** A guest request relayed with IOMMU_VDEVICE_TSM_REQ; returns the response bytes. */
    public byte[] guestRequest(int scope, byte[] request, int responseCapacity) {
        requireAssigned("guest request");
        IommuVdeviceTsmReqResult r = ictx.iommuVdeviceTsmReq(IommuVdeviceTsmReq.of(vdeviceId, scope, request,
                responseCapacity));
        step("IOMMU_VDEVICE_TSM_REQ", (scope == IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE
                ? "STATE_CHANGE" : "INFO") + " request of " + request.length + " bytes");
        return r.response();
    }

    /**
     * Private MMIO for the CVM: exports BAR 0 as a vfio dma-buf and gives it to KVM as a memslot at
     * {@link VmmConfig#privateMmioGpa()} (KVM maps it for the CVM only while the TDI is RUN).
     */
    public void mapPrivateMmio() {
        requireAssigned("map private MMIO");
        BarInfo bar = kernel.pci().device(config.device()).bars().get(0);
        privateMmio = device.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(bar.index(),
                List.of(new VfioDmaRange(0, bar.size()))));
        vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(SLOT_PRIVATE_MMIO, config.privateMmioGpa(),
                bar.size(), privateMmio));
        vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(config.privateMmioGpa(), bar.size()));
        step("KVM_SET_USER_MEMORY_REGION2", "BAR " + bar.index() + " dma-buf at GPA 0x"
                + Long.toHexString(config.privateMmioGpa()) + " as private MMIO");
    }

    /** A guest access to a GPA, as KVM resolves the fault. */
    public KvmFaultOutcome fault(long gpa, boolean privateAccess, boolean write) {
        requireAssigned("guest fault");
        return vm.fault(new KvmPageFault(gpa, privateAccess, write));
    }

    /** The guest unlocks: TSM unbind first, then the private MMIO slot goes (HOST-STACK.md §1.3 order). */
    public void tsmUnbind() {
        requireAssigned("TSM unbind");
        if (config.bindPath() == BindPath.VFIO_IOCTL) {
            device.vfioDeviceTsmUnbind(VfioPciTsmUnbind.of());
            step("VFIO_DEVICE_TSM_UNBIND", "vDEVICE " + vdeviceId);
        } else {
            ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.unbind(vdeviceId));
            step("IOMMU_VDEVICE_TSM_OP UNBIND", "vDEVICE " + vdeviceId);
        }
        bound = false;
        unmapPrivateMmio();
    }

    private void unmapPrivateMmio() {
        if (privateMmio != null) {
            vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.delete(SLOT_PRIVATE_MMIO));
            privateMmio.close();
            privateMmio = null;
            step("KVM_SET_USER_MEMORY_REGION2", "private MMIO slot removed");
        }
    }

    public boolean bound() {
        return bound;
    }

    public VfioDeviceFd deviceFd() {
        return device;
    }

    public IommufdCtx iommufd() {
        return ictx;
    }

    public VmFd vm() {
        return vm;
    }

    public int vdeviceId() {
        return vdeviceId;
    }

    /**
     * DESIGN.md step 8: close the device fd (which unbinds first), then the private MMIO slot, the iommufd
     * objects in reverse order, the iommufd and the VM. The slot goes after the close: KVM refuses to remove
     * private MMIO of a TDI that is still RUN.
     */
    public void shutdown() {
        if (device == null) {
            return;
        }
        vm.kvmDevVfioFileDel(device);
        device.close();
        step("close(vfio cdev)", "the device fd is closed; the kernel unbound the TDI first if it was bound");
        unmapPrivateMmio();
        for (int id : new int[] {vdeviceId, viommuId, hwptId, ioasId}) {
            try {
                ictx.iommuDestroy(IommuDestroy.of(id));
            } catch (KernelException e) {
                // objects the device's release already dropped are gone: ENOENT is expected here
                if (e.errno() != io.teeio.platform.kernel.Errno.ENOENT) {
                    throw e;
                }
            }
        }
        ictx.close();
        vm.close();
        step("close(iommufd, VM)", "iommufd objects destroyed in reverse order, VM torn down");
        device = null;
        bound = false;
    }
}
