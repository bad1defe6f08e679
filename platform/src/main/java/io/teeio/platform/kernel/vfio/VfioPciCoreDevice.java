package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelMutex;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.MmioLocation;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.Verdict;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.iommufd.IommufdCtx;
import io.teeio.platform.kernel.iommufd.IommufdDevice;
import io.teeio.platform.kernel.iommufd.IommufdDeviceOwner;
import io.teeio.platform.kernel.iommufd.Vdevice;
import io.teeio.platform.kernel.kvm.KvmVm;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pci.HostAccess;
import io.teeio.platform.kernel.pci.HostAccessPath;
import io.teeio.platform.kernel.pci.PciCore;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.pci.PciRegs;
import io.teeio.platform.kernel.pci.PowerState;
import io.teeio.platform.kernel.pcitsm.PciTsmCore;
import io.teeio.platform.kernel.pcitsm.PciTsmDriverHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * vfio-pci's per-function state ({@code struct vfio_pci_core_device}) and the one TSM bind/unbind core both bind
 * paths run through. Everything that changes the device runs under its dev_set lock, which is released on every
 * path (the RFC's unbind left it held when not bound).
 */
public final class VfioPciCoreDevice implements IommufdDeviceOwner {
    static final String REGION_OWNER = "vfio-pci";
    static final String TSM_REGION_OWNER = "vfio-pci-tsm";

    private final PciDev pdev;
    private final PciCore pci;
    private final PciTsmCore pciTsm;
    private final HostPolicies policies;
    private final KernelTrace trace;
    private final String cdev;
    private final KernelMutex devSetLock;

    private VfioDeviceFd fd;
    private KvmVm kvm;
    private IommufdDevice idev;
    private boolean regionsExclusive;
    private boolean dynamicRegions;
    private Vdevice tsmBound;
    private boolean userMmioRevoked;
    private boolean lowPower;
    private int savedCommand;
    private int nextDmaBuf = 1;
    private final List<VfioMmap> mmaps = new ArrayList<>();
    private final List<VfioDmaBuf> dmabufs = new ArrayList<>();

    VfioPciCoreDevice(PciDev pdev, PciCore pci, PciTsmCore pciTsm, HostPolicies policies, KernelTrace trace,
            String cdev) {
        this.pdev = pdev;
        this.pci = pci;
        this.pciTsm = pciTsm;
        this.policies = policies;
        this.trace = trace;
        this.cdev = cdev;
        this.devSetLock = new KernelMutex("dev_set lock of " + pdev.bdf());
    }

    public PciDev pdev() {
        return pdev;
    }

    PciCore pci() {
        return pci;
    }

    KernelTrace trace() {
        return trace;
    }

    public String actor() {
        return "vfio-pci " + pdev.bdf();
    }

    @Override
    public String name() {
        return actor();
    }

    /** /dev/vfio/devices/vfioN. */
    public String cdev() {
        return cdev;
    }

    /** The dev_set lock; tests assert it is free after every call. */
    public KernelMutex devSetLock() {
        return devSetLock;
    }

    public boolean isOpen() {
        return fd != null;
    }

    /** Bound to an iommufd (the device is "opened" in VFIO's sense). */
    public boolean isBoundToIommufd() {
        return idev != null;
    }

    public Optional<IommufdDevice> idev() {
        return Optional.ofNullable(idev);
    }

    public Optional<KvmVm> kvm() {
        return Optional.ofNullable(kvm);
    }

    public boolean isTsmBound() {
        return tsmBound != null;
    }

    /** The TDI's state from the TSM while bound. */
    public Optional<TdispState> tdiState() {
        return tsmBound == null ? Optional.empty() : pciTsm.tdiState(pdev);
    }

    public List<VfioMmap> mmaps() {
        return List.copyOf(mmaps);
    }

    public List<VfioDmaBuf> dmabufs() {
        return List.copyOf(dmabufs);
    }

    private String policyTag() {
        return " [" + policies + "]";
    }

    private KernelException fail(Errno errno, String call, String reason) {
        return trace.fail(actor(), errno, call, reason);
    }

    // ---- open / bind / close -----------------------------------------------------------------------------------

    VfioDeviceFd open() {
        if (fd != null) {
            throw fail(Errno.EBUSY, "open " + cdev, "already open");
        }
        fd = new VfioDeviceFd(cdev, this);
        trace.transition(actor(), "open " + cdev, "", "closed", "open");
        return fd;
    }

    void setKvm(KvmVm vm) {
        KvmVm before = kvm;
        kvm = vm;
        trace.transition(actor(), "vfio_file_set_kvm", "", before == null ? "none" : before.id(),
                vm == null ? "none" : vm.id());
    }

    int bindIommufd(VfioDeviceBindIommufd req) {
        String call = "VFIO_DEVICE_BIND_IOMMUFD";
        if (req.argsz() < VfioDeviceBindIommufd.ARGSZ || req.flags() != 0) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz() + " flags " + req.flags());
        }
        if (idev != null) {
            throw fail(Errno.EINVAL, call, "already bound to " + idev.ctx().name());
        }
        IommufdCtx ctx = req.iommufd();
        if (ctx == null || !ctx.isOpen()) {
            throw fail(Errno.EBADF, call, "iommufd is not an open iommufd");
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            boolean exclusive = policies.regions() == RegionPolicy.EXCLUSIVE_AT_OPEN && ctx.exclusiveRanges();
            if (exclusive) {
                try {
                    pci.requestRegionsExclusive(pdev, REGION_OWNER);
                } catch (KernelException e) {
                    throw fail(e.errno(), call, "IOMMU_OPTION_EXCLUSIVE_RANGES: " + e.getMessage());
                }
            }
            IommufdDevice bound;
            try {
                bound = ctx.deviceBind(pdev, this, kvm, call);
            } catch (KernelException e) {
                if (exclusive) {
                    pci.releaseRegions(pdev, REGION_OWNER);
                }
                throw e;
            }
            idev = bound;
            regionsExclusive = exclusive;
            enable();
            trace.transition(actor(), call, ctx.name() + " dev_id " + idev.id()
                    + (exclusive ? ", regions exclusive until close" : "") + policyTag(), "unbound", "bound");
            return idev.id();
        }
    }

    /** vfio_pci_core_enable(): D0, reset, memory decode on. */
    private void enable() {
        pdev.setPowerState(PowerState.D0, "vfio_pci_core_enable");
        pdev.functionReset("vfio_pci_core_enable");
        pdev.setCommandBits(PciRegs.COMMAND_MEMORY, "vfio_pci_core_enable");
        lowPower = false;
    }

    /** The device fd's last reference: unbind first, then disable, then give back regions and the iommufd device. */
    void release() {
        try (KernelMutex.Guard g = devSetLock.lock("close " + cdev)) {
            if (tsmBound != null) {
                tsmUnbindLocked("close " + cdev);
            }
            for (VfioDmaBuf b : List.copyOf(dmabufs)) {
                b.revoke(true, "close_device");
            }
            for (VfioMmap m : List.copyOf(mmaps)) {
                m.invalidate();
            }
            mmaps.clear();
            if (idev != null) {
                unbindDependents("close " + cdev + " resets the PF");
                disable();
                if (regionsExclusive) {
                    pci.releaseRegions(pdev, REGION_OWNER);
                    regionsExclusive = false;
                }
                IommufdDevice d = idev;
                idev = null;
                d.unbind();
            }
            fd = null;
            trace.transition(actor(), "close " + cdev, "", "open", "closed");
        }
    }

    /** vfio_pci_core_disable(): bus master and memory off, reset, idle in D3hot. */
    private void disable() {
        pdev.clearCommandBits(PciRegs.COMMAND_MASTER | PciRegs.COMMAND_MEMORY, "vfio_pci_core_disable");
        pdev.functionReset("vfio_pci_core_disable");
        pdev.setPowerState(PowerState.D3HOT, "vfio_pci_core_disable (idle)");
    }

    // ---- iommufd attach ----------------------------------------------------------------------------------------

    int attachPt(VfioDeviceAttachIommufdPt req) {
        String call = "VFIO_DEVICE_ATTACH_IOMMUFD_PT";
        if (req.argsz() < VfioDeviceAttachIommufdPt.ARGSZ || req.flags() != 0) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz() + " flags " + req.flags());
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            return idev.attach(req.ptId(), call);
        }
    }

    void detachPt(VfioDeviceDetachIommufdPt req) {
        String call = "VFIO_DEVICE_DETACH_IOMMUFD_PT";
        if (req.argsz() < VfioDeviceDetachIommufdPt.ARGSZ || req.flags() != 0) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz() + " flags " + req.flags());
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            idev.detach(call);
        }
    }

    // ---- info and regions --------------------------------------------------------------------------------------

    VfioDeviceInfo getInfo(int argsz) {
        if (argsz < VfioDeviceInfo.MINSZ) {
            throw fail(Errno.EINVAL, "VFIO_DEVICE_GET_INFO", "argsz " + argsz);
        }
        return new VfioDeviceInfo(argsz, VfioDeviceInfo.VFIO_DEVICE_FLAGS_PCI | VfioDeviceInfo.VFIO_DEVICE_FLAGS_RESET,
                VfioRegion.NUM_REGIONS, 5);
    }

    VfioRegionInfo getRegionInfo(VfioRegionInfo req) {
        String call = "VFIO_DEVICE_GET_REGION_INFO";
        if (req.argsz() < VfioRegionInfo.MINSZ) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz());
        }
        int index = req.index();
        if (index < 0 || index >= VfioRegion.NUM_REGIONS) {
            throw fail(Errno.EINVAL, call, "region index " + index);
        }
        int rw = VfioRegion.VFIO_REGION_INFO_FLAG_READ | VfioRegion.VFIO_REGION_INFO_FLAG_WRITE;
        if (VfioRegion.isBar(index)) {
            Optional<BarInfo> bar = pdev.bar(index);
            return bar.map(b -> new VfioRegionInfo(req.argsz(), index, rw | VfioRegion.VFIO_REGION_INFO_FLAG_MMAP,
                    b.size(), VfioRegion.offset(index)))
                    .orElse(new VfioRegionInfo(req.argsz(), index, 0, 0, VfioRegion.offset(index)));
        }
        if (index == VfioRegion.CONFIG) {
            return new VfioRegionInfo(req.argsz(), index, rw, 4096, VfioRegion.offset(index));
        }
        return new VfioRegionInfo(req.argsz(), index, 0, 0, VfioRegion.offset(index));
    }

    /** Why user MMIO (mmap faults, BAR region read/write) is refused now, or that it is allowed. */
    Verdict userMmioAllowed() {
        if (fd == null) {
            return Verdict.refuse("device closed");
        }
        if (userMmioRevoked) {
            return Verdict.refuse("BAR mmaps revoked while the TDI is bound");
        }
        if (lowPower || pdev.powerState() != PowerState.D0) {
            return Verdict.refuse("device in low power");
        }
        if (!pdev.memoryEnabled()) {
            return Verdict.refuse("memory space disabled (MSE=0)");
        }
        return Verdict.allow("");
    }

    long regionRead(int index, long offset, int width) {
        String call = "pread " + VfioRegion.name(index);
        if (index == VfioRegion.CONFIG) {
            if (offset < 0 || offset + width > 4096) {
                throw fail(Errno.EINVAL, call, "offset 0x" + Long.toHexString(offset));
            }
            if (offset == PciRegs.COMMAND && width == 2) {
                return pdev.readCommand(); // a VF's Memory Space Enable is kept virtually
            }
            return pdev.hw().configRead((int) offset, width);
        }
        HostAccess a = barAccess(index, offset, width, false, 0, call);
        if (!a.reached()) {
            throw fail(Errno.EIO, call, a.reason());
        }
        return a.outcome().value();
    }

    HostAccess regionWriteBar(int index, long offset, int width, long value) {
        return barAccess(index, offset, width, true, value, "pwrite " + VfioRegion.name(index));
    }

    private HostAccess barAccess(int index, long offset, int width, boolean write, long value, String call) {
        BarInfo bar = VfioRegion.isBar(index) ? pdev.bar(index).orElse(null) : null;
        if (bar == null || offset < 0 || offset + width > bar.size()) {
            throw fail(Errno.EINVAL, call, "no such BAR range");
        }
        MmioLocation loc = new MmioLocation(pdev.bdf(), index, offset, bar.address() + offset);
        Verdict v = userMmioAllowed();
        if (!v.allowed()) {
            return pci.refuse(HostAccessPath.VFIO_REGION_RW, actor(), loc.toString(), "EIO: " + v.reason());
        }
        return pci.hostMmio(HostAccessPath.VFIO_REGION_RW, actor(), loc, width, write, value);
    }

    /**
     * pwrite to the config region. Clearing MSE or BME while the TDI is bound follows the policy: EBUSY, or unbind
     * first. Memory going off revokes dma-bufs; coming back restores them.
     */
    void configWrite(long offset, int width, int value) {
        String call = "pwrite CONFIG";
        if (offset < 0 || offset + width > 4096 || (width != 1 && width != 2 && width != 4)) {
            throw fail(Errno.EINVAL, call, "offset 0x" + Long.toHexString(offset) + " width " + width);
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            boolean touchesCommand = offset <= PciRegs.COMMAND && offset + width > PciRegs.COMMAND;
            int before = pdev.readCommand();
            if (offset < VIRTUAL_BARS_END && offset + width > BAR0 || offset < ROM_BAR + 4 && offset + width > ROM_BAR) {
                // vfio-pci keeps its own copy of the BARs (vconfig): the device never sees the write
                trace.event(actor(), call, String.format("0x%x (%d bytes) = 0x%x: BAR write kept in vfio-pci's "
                        + "virtual config space, not passed to the device", offset, width, value));
                return;
            }
            int devctl = devCtlOffset();
            if (devctl >= 0 && offset <= devctl + 1 && offset + width > devctl + 1
                    && (((long) value << (8 * (offset - devctl))) & DEVCTL_BCR_FLR) != 0) {
                // Initiate FLR through Device Control is a reset like VFIO_DEVICE_RESET: same policy, same order
                beforeReset(call + " Device Control Initiate FLR");
                int saved = pdev.readCommand();
                revokeDmaBufs(call + " FLR");
                pdev.functionReset(call + " Device Control Initiate FLR");
                pdev.writeCommand(saved, call + " (restore state)");
                restoreDmaBufs(call + " FLR done");
                return;
            }
            if (!touchesCommand) {
                pdev.hw().configWrite((int) offset, width, value);
                trace.event(actor(), call, String.format("0x%x (%d bytes) = 0x%x", offset, width, value));
                return;
            }
            int after = (value >>> (8 * (PciRegs.COMMAND - offset))) & 0xffff;
            int cleared = before & ~after & (PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER);
            if (cleared != 0 && tsmBound != null) {
                whileBound(call + " COMMAND " + PciRegs.describeCommand(after));
            }
            boolean memOff = (before & PciRegs.COMMAND_MEMORY) != 0 && (after & PciRegs.COMMAND_MEMORY) == 0;
            if (memOff) {
                revokeDmaBufs("MSE cleared");
            }
            pdev.writeCommand(after, call);
            if ((before & PciRegs.COMMAND_MEMORY) == 0 && (after & PciRegs.COMMAND_MEMORY) != 0) {
                restoreDmaBufs("MSE set");
            }
        }
    }

    /** BLOCK_WHILE_BOUND: EBUSY; IMPLICIT_UNBIND: unbind now. Caller holds the dev_set lock. */
    private void whileBound(String what) {
        if (policies.whileBound() == BoundDevicePolicy.BLOCK_WHILE_BOUND) {
            throw fail(Errno.EBUSY, what, "TDI is bound (" + tdiState().map(TdispState::toString).orElse("?")
                    + "); unbind it first" + policyTag());
        }
        tsmUnbindLocked("implicit unbind before " + what + policyTag());
    }

    /**
     * Before an operation that resets the function or takes it out of D0 (a PF's FLR and power state reach its
     * VFs): the policy applies to this function's TDI and to bound TDIs of its VFs alike.
     */
    private void beforeReset(String what) {
        List<PciDev> dependents = boundDependents();
        if (tsmBound == null && dependents.isEmpty()) {
            return;
        }
        if (policies.whileBound() == BoundDevicePolicy.BLOCK_WHILE_BOUND) {
            String who = tsmBound != null ? "its TDI is bound (" + tdiState().map(TdispState::toString).orElse("?")
                    + ")" : "TDIs of its VFs are bound: " + dependents;
            throw fail(Errno.EBUSY, what, who + "; unbind first" + policyTag());
        }
        if (tsmBound != null) {
            tsmUnbindLocked("implicit unbind before " + what + policyTag());
        }
        unbindDependents("implicit unbind before " + what + " of PF " + pdev.bdf() + policyTag());
    }

    /** VFs of this function with a bound TDI. */
    private List<PciDev> boundDependents() {
        if (pdev.isVirtfn()) {
            return List.of();
        }
        return pci.devices().stream()
                .filter(d -> d.physfn().filter(pdev.bdf()::equals).isPresent())
                .filter(d -> pciTsm.tdi(d).isPresent())
                .toList();
    }

    /** Unbinds the VFs' TDIs through their drivers (vfio-pci runs its whole unbind), else through PCI/TSM. */
    private void unbindDependents(String why) {
        for (PciDev vf : boundDependents()) {
            pci.driverOf(vf).filter(PciTsmDriverHook.class::isInstance).map(PciTsmDriverHook.class::cast)
                    .ifPresent(h -> h.tsmUnbindRequested(vf, why));
            pciTsm.unbind(vf);
        }
    }

    private void revokeDmaBufs(String why) {
        for (VfioDmaBuf b : dmabufs) {
            b.revoke(false, why);
        }
    }

    private void restoreDmaBufs(String why) {
        if (pdev.memoryEnabled() && !lowPower) {
            for (VfioDmaBuf b : dmabufs) {
                b.restore(why);
            }
        }
    }

    VfioMmap mmap(int index, long offset, long length) {
        String call = "mmap " + VfioRegion.name(index);
        BarInfo bar = VfioRegion.isBar(index) ? pdev.bar(index).orElse(null) : null;
        if (bar == null) {
            throw fail(Errno.EINVAL, call, "region cannot be mmapped");
        }
        if (offset < 0 || length <= 0 || offset % KvmVm.PAGE_SIZE != 0 || length % KvmVm.PAGE_SIZE != 0
                || offset + length > bar.size()) {
            throw fail(Errno.EINVAL, call, "range must be page aligned and inside the BAR");
        }
        VfioMmap m = new VfioMmap(this, bar, offset, length);
        mmaps.add(m);
        trace.event(actor(), call, String.format("0x%x+0x%x", offset, length));
        return m;
    }

    void mmapGone(VfioMmap m) {
        mmaps.remove(m);
    }

    private static final int BAR0 = 0x10;
    /** BARs 0..5 (0x10..0x27) and the expansion ROM BAR (0x30..0x33) are virtualized. */
    private static final int VIRTUAL_BARS_END = 0x28;
    private static final int ROM_BAR = 0x30;
    private static final int CAP_ID_EXP = 0x10;
    private static final int DEVCTL_BCR_FLR = 0x8000;

    /** Offset of Device Control in the PCI Express capability, or -1 when the function has none. */
    private int devCtlOffset() {
        int ptr = pdev.hw().configRead(0x34, 1) & 0xFC;
        for (int ttl = 48; ptr >= 0x40 && ttl > 0; ttl--) {
            int header = pdev.hw().configRead(ptr, 2);
            if ((header & 0xFF) == CAP_ID_EXP) {
                return ptr + 0x08;
            }
            ptr = (header >> 8) & 0xFC;
        }
        return -1;
    }

    // ---- reset, power ------------------------------------------------------------------------------------------

    void reset() {
        String call = "VFIO_DEVICE_RESET";
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            beforeReset(call);
            int saved = pdev.readCommand();
            revokeDmaBufs(call);
            pdev.functionReset(call);
            pdev.writeCommand(saved, call + " (restore state)");
            restoreDmaBufs(call + " done");
        }
    }

    void feature(VfioDeviceFeature req) {
        String call = "VFIO_DEVICE_FEATURE";
        if (req.argsz() < VfioDeviceFeature.ARGSZ) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz());
        }
        if ((req.flags() & VfioDeviceFeatureDmaBuf.VFIO_DEVICE_FEATURE_SET) == 0) {
            throw fail(Errno.EINVAL, call, "low-power features are SET only");
        }
        switch (req.feature()) {
            case VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY -> lowPowerEntry();
            case VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_EXIT -> lowPowerExit();
            default -> throw fail(Errno.ENOTTY, call, "feature " + req.feature());
        }
    }

    private void lowPowerEntry() {
        String call = "VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY";
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            beforeReset(call);
            revokeDmaBufs("D3hot");
            savedCommand = pdev.readCommand();
            pdev.setPowerState(PowerState.D3HOT, call);
            lowPower = true;
        }
    }

    private void lowPowerExit() {
        String call = "VFIO_DEVICE_FEATURE_LOW_POWER_EXIT";
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            if (!lowPower) {
                return;
            }
            pdev.setPowerState(PowerState.D0, call);
            pdev.writeCommand(savedCommand, call + " (restore state)");
            lowPower = false;
            restoreDmaBufs("D0");
        }
    }

    // ---- dma-buf -----------------------------------------------------------------------------------------------

    VfioDmaBuf dmaBuf(VfioDeviceFeatureDmaBuf req) {
        String call = "VFIO_DEVICE_FEATURE_DMA_BUF";
        if (req.argsz() < VfioDeviceFeatureDmaBuf.MINSZ + 16L * req.ranges().size()) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz());
        }
        if (req.featureFlags() != (VfioDeviceFeatureDmaBuf.VFIO_DEVICE_FEATURE_GET
                | VfioDeviceFeatureDmaBuf.VFIO_DEVICE_FEATURE_DMA_BUF)) {
            throw fail(Errno.EINVAL, call, "needs VFIO_DEVICE_FEATURE_GET | DMA_BUF");
        }
        if (req.flags() != 0) {
            throw fail(Errno.EINVAL, call, "flags must be 0");
        }
        BarInfo bar = VfioRegion.isBar(req.regionIndex()) ? pdev.bar(req.regionIndex()).orElse(null) : null;
        if (bar == null) {
            throw fail(Errno.EINVAL, call, VfioRegion.name(req.regionIndex()) + " is not an mmap-able BAR");
        }
        if (req.ranges().isEmpty()) {
            throw fail(Errno.EINVAL, call, "nr_ranges is 0");
        }
        for (VfioDmaRange r : req.ranges()) {
            if (r.length() <= 0 || r.offset() < 0 || r.offset() % KvmVm.PAGE_SIZE != 0
                    || r.length() % KvmVm.PAGE_SIZE != 0 || r.offset() + r.length() > bar.size()) {
                throw fail(Errno.EINVAL, call, String.format("range 0x%x+0x%x unaligned or past the end of BAR%d",
                        r.offset(), r.length(), bar.index()));
            }
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            boolean memoryOff = !pdev.memoryEnabled() || lowPower;
            VfioDmaBuf b = new VfioDmaBuf("dmabuf:" + pdev.bdf() + "#" + nextDmaBuf++, this, bar, req.ranges(),
                    memoryOff);
            dmabufs.add(b);
            trace.transition(actor(), call, "BAR" + bar.index() + " 0x" + Long.toHexString(b.size()) + " bytes",
                    "absent", b.name() + (memoryOff ? " (revoked)" : ""));
            return b;
        }
    }

    void dmaBufGone(VfioDmaBuf b) {
        dmabufs.remove(b);
    }

    /** Whether {@code vm} may map this device's MMIO as private: bound to that VM and the TDI RUN. */
    Verdict privateMmioAllowed(VmId vm) {
        if (tsmBound == null) {
            return Verdict.refuse(pdev + " has no bound TDI");
        }
        Optional<VmId> owner = tsmBound.viommu().kvm().map(KvmVm::id);
        if (!owner.equals(Optional.of(vm))) {
            return Verdict.refuse("TDI " + pdev + " is bound to " + owner.map(VmId::toString).orElse("no VM")
                    + ", not " + vm);
        }
        TdispState s = tdiState().orElse(TdispState.CONFIG_UNLOCKED);
        return s == TdispState.RUN ? Verdict.allow("TDI RUN") : Verdict.refuse("TDI is " + s + ", not RUN");
    }

    // ---- TSM bind / unbind: one core for both paths --------------------------------------------------------------

    /** VFIO_DEVICE_TSM_BIND (the seed RFC's ioctl). */
    void vfioTsmBind(VfioPciTsmBind req) {
        String call = "VFIO_DEVICE_TSM_BIND";
        if (req.argsz() < VfioPciTsmBind.ARGSZ || req.flags() != 0) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz() + " flags " + req.flags());
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            if (tsmBound != null) {
                throw fail(Errno.EEXIST, call, pdev + " is already bound through vDEVICE " + tsmBound.id());
            }
            Vdevice v = idev.ctx().lookupVdevice(req.vdeviceId(), call);
            if (v.idev() != idev) {
                throw fail(Errno.EINVAL, call, "vDEVICE " + v.id() + " belongs to " + v.idev().pdev() + ", not " + pdev);
            }
            if (v.viommu().liveKvm().isEmpty()) {
                throw fail(Errno.ENOENT, call, "vIOMMU " + v.viommu().id() + " has no live kvm");
            }
            bindLocked(v, call);
        }
    }

    /** IOMMU_VDEVICE_TSM_OP BIND, handed over by iommufd (which checked flags, type, id and kvm). */
    @Override
    public void tsmBind(Vdevice v, String call) {
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            if (tsmBound != null) {
                throw fail(Errno.EEXIST, call, pdev + " is already bound through vDEVICE " + tsmBound.id());
            }
            bindLocked(v, call);
        }
    }

    /**
     * The bind core: regions per policy, user mmaps revoked before LOCK, then iommufd (trusted DMA, pci_tsm_bind
     * = LOCK). Every step is undone in reverse if a later one fails.
     */
    private void bindLocked(Vdevice v, String call) {
        if (lowPower || pdev.powerState() != PowerState.D0) {
            // Leaving D3hot resets the function, which would send the locked TDI to ERROR.
            throw fail(Errno.EINVAL, call, pdev + " is in " + pdev.powerState()
                    + " (VFIO low power); leave low power before binding");
        }
        Optional<PciDev> pf = pdev.physfn().flatMap(pci::find);
        if (pf.isPresent() && pf.get().powerState() != PowerState.D0) {
            throw fail(Errno.EINVAL, call, "its PF " + pf.get() + " is in " + pf.get().powerState());
        }
        boolean claimed = false;
        if (policies.regions() == RegionPolicy.EXCLUSIVE_AT_OPEN) {
            if (!regionsExclusive) {
                throw fail(Errno.EPERM, call, "regions are not exclusive: set IOMMU_OPTION_EXCLUSIVE_RANGES before "
                        + "VFIO_DEVICE_BIND_IOMMUFD" + policyTag());
            }
        } else {
            try {
                pci.requestRegionsExclusive(pdev, TSM_REGION_OWNER);
                claimed = true;
            } catch (KernelException e) {
                throw fail(Errno.EBUSY, call, e.getMessage() + policyTag());
            }
        }
        userMmioRevoked = true;
        trace.event(actor(), "vfio_pci_zap_bars", "user BAR mmaps revoked before LOCK (" + mmaps.size()
                + " mapping(s))");
        try {
            idev.tsmBindCore(v, call);
        } catch (KernelException e) {
            userMmioRevoked = false;
            if (claimed) {
                pci.releaseRegions(pdev, TSM_REGION_OWNER);
            }
            throw trace.fail(actor(), e);
        }
        dynamicRegions = claimed;
        tsmBound = v;
        trace.transition(actor(), call, "vDEVICE " + v.id() + " virt_id 0x" + Long.toHexString(v.virtId())
                + policyTag(), "unbound", tdiState().map(TdispState::toString).orElse("?"));
    }

    /** VFIO_DEVICE_TSM_UNBIND: idempotent, and the lock is released on every path. */
    void vfioTsmUnbind(VfioPciTsmUnbind req) {
        String call = "VFIO_DEVICE_TSM_UNBIND";
        if (req.argsz() < VfioPciTsmUnbind.ARGSZ || req.flags() != 0) {
            throw fail(Errno.EINVAL, call, "argsz " + req.argsz() + " flags " + req.flags());
        }
        try (KernelMutex.Guard g = devSetLock.lock(call)) {
            tsmUnbindLocked(call);
        }
    }

    /** IOMMU_VDEVICE_TSM_OP UNBIND, VM teardown, PCI/TSM disconnect. */
    @Override
    public void tsmUnbind(String why) {
        try (KernelMutex.Guard g = devSetLock.lock(why)) {
            tsmUnbindLocked(why);
        }
    }

    /**
     * The unbind core: TSM unbind (STOP) first, then private MMIO unmapped, trusted DMA off, references dropped;
     * then (DYNAMIC_ON_BIND only) the regions go back. Nothing to do when not bound.
     */
    private void tsmUnbindLocked(String why) {
        if (tsmBound == null) {
            return;
        }
        TdispState before = tdiState().orElse(TdispState.CONFIG_UNLOCKED);
        Vdevice v = tsmBound;
        idev.tsmUnbindCore(() -> dmabufs.forEach(b -> b.unmapPrivate(why)));
        if (dynamicRegions) {
            pci.releaseRegions(pdev, TSM_REGION_OWNER);
            dynamicRegions = false;
        }
        userMmioRevoked = false;
        tsmBound = null;
        trace.transition(actor(), "tsm unbind", why + " (vDEVICE " + v.id() + ")" + policyTag(), before,
                "unbound");
    }

    VfioSnapshot.Device snapshot() {
        return new VfioSnapshot.Device(pdev.bdf(), cdev, fd != null, idev == null ? 0 : idev.id(),
                idev == null ? "" : idev.ctx().name(), kvm == null ? "" : kvm.id().toString(), regionsExclusive,
                dynamicRegions, tsmBound == null ? 0 : tsmBound.id(), userMmioRevoked, lowPower, mmaps.size(),
                dmabufs.stream().map(b -> new VfioSnapshot.DmaBufState(b.name(), b.isRevoked(),
                        b.isPermanentlyRevoked(), b.refs(), b.importerCount())).toList(),
                devSetLock.isHeld());
    }
}
