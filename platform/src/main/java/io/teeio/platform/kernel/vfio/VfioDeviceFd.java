package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelFile;
import io.teeio.platform.kernel.kvm.KvmVfioFile;
import io.teeio.platform.kernel.kvm.KvmVm;
import io.teeio.platform.kernel.pci.HostAccess;

/**
 * An open VFIO device cdev (/dev/vfio/devices/vfioN): the device ioctls, region read/write and mmap. Until
 * VFIO_DEVICE_BIND_IOMMUFD succeeds every other ioctl is EINVAL. The kvm-vfio device may hold a reference, so
 * the device is closed when both the fd and that reference are gone.
 */
public final class VfioDeviceFd extends KernelFile implements KvmVfioFile {
    private final VfioPciCoreDevice dev;

    VfioDeviceFd(String name, VfioPciCoreDevice dev) {
        super(name);
        this.dev = dev;
    }

    public VfioPciCoreDevice device() {
        return dev;
    }

    private void granted(String call) {
        checkOpen(call);
        if (!dev.isBoundToIommufd()) {
            throw dev.trace().fail(dev.actor(), Errno.EINVAL, call, "device not bound to an iommufd yet");
        }
    }

    public int vfioDeviceBindIommufd(VfioDeviceBindIommufd req) {
        checkOpen("VFIO_DEVICE_BIND_IOMMUFD");
        return dev.bindIommufd(req);
    }

    public int vfioDeviceAttachIommufdPt(VfioDeviceAttachIommufdPt req) {
        granted("VFIO_DEVICE_ATTACH_IOMMUFD_PT");
        return dev.attachPt(req);
    }

    public void vfioDeviceDetachIommufdPt(VfioDeviceDetachIommufdPt req) {
        granted("VFIO_DEVICE_DETACH_IOMMUFD_PT");
        dev.detachPt(req);
    }

    public VfioDeviceInfo vfioDeviceGetInfo(int argsz) {
        granted("VFIO_DEVICE_GET_INFO");
        return dev.getInfo(argsz);
    }

    public VfioRegionInfo vfioDeviceGetRegionInfo(VfioRegionInfo req) {
        granted("VFIO_DEVICE_GET_REGION_INFO");
        return dev.getRegionInfo(req);
    }

    /** pread of a region (CONFIG, or a BAR: EIO when VFIO refuses the access). */
    public long regionRead(int index, long offset, int width) {
        granted("pread");
        return dev.regionRead(index, offset, width);
    }

    /** pwrite of the config region. */
    public void configWrite(long offset, int width, int value) {
        granted("pwrite CONFIG");
        dev.configWrite(offset, width, value);
    }

    /** pwrite of a BAR region: reached the MMIO, or refused with the reason. */
    public HostAccess barWrite(int index, long offset, int width, long value) {
        granted("pwrite");
        return dev.regionWriteBar(index, offset, width, value);
    }

    public VfioMmap mmap(int index, long offset, long length) {
        granted("mmap");
        return dev.mmap(index, offset, length);
    }

    public void vfioDeviceReset() {
        granted("VFIO_DEVICE_RESET");
        dev.reset();
    }

    public void vfioDeviceFeature(VfioDeviceFeature req) {
        granted("VFIO_DEVICE_FEATURE");
        dev.feature(req);
    }

    public VfioDmaBuf vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf req) {
        granted("VFIO_DEVICE_FEATURE_DMA_BUF");
        return dev.dmaBuf(req);
    }

    public void vfioDeviceTsmBind(VfioPciTsmBind req) {
        granted("VFIO_DEVICE_TSM_BIND");
        dev.vfioTsmBind(req);
    }

    public void vfioDeviceTsmUnbind(VfioPciTsmUnbind req) {
        granted("VFIO_DEVICE_TSM_UNBIND");
        dev.vfioTsmUnbind(req);
    }

    /**
     * An ioctl by number without an argument: what a caller passing a bad pointer or an unknown command gets.
     * Known commands that take an argument fail the copy (EFAULT); VFIO_DEVICE_RESET takes none; others ENOTTY.
     */
    public void ioctl(int cmd) {
        String call = VfioIoctl.name(cmd);
        checkOpen(call);
        if (cmd == VfioIoctl.VFIO_DEVICE_RESET) {
            vfioDeviceReset();
            return;
        }
        boolean known = cmd == VfioIoctl.VFIO_DEVICE_GET_INFO || cmd == VfioIoctl.VFIO_DEVICE_GET_REGION_INFO
                || cmd == VfioIoctl.VFIO_DEVICE_GET_IRQ_INFO || cmd == VfioIoctl.VFIO_DEVICE_SET_IRQS
                || cmd == VfioIoctl.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO || cmd == VfioIoctl.VFIO_DEVICE_PCI_HOT_RESET
                || cmd == VfioIoctl.VFIO_DEVICE_FEATURE || cmd == VfioIoctl.VFIO_DEVICE_BIND_IOMMUFD
                || cmd == VfioIoctl.VFIO_DEVICE_ATTACH_IOMMUFD_PT || cmd == VfioIoctl.VFIO_DEVICE_DETACH_IOMMUFD_PT
                || cmd == VfioIoctl.VFIO_DEVICE_TSM_BIND || cmd == VfioIoctl.VFIO_DEVICE_TSM_UNBIND;
        if (!known) {
            throw dev.trace().fail(dev.actor(), Errno.ENOTTY, call, "unknown ioctl");
        }
        throw dev.trace().fail(dev.actor(), new KernelException(Errno.EFAULT, call, "cannot copy the argument"));
    }

    @Override
    public void setKvm(KvmVm vm) {
        dev.setKvm(vm);
    }

    @Override
    protected void beforeFdClose() {
        dev.trace().event(dev.actor(), "close(fd)", name() + (refs() > 1 ? ", still referenced by kvm-vfio" : ""));
    }

    @Override
    protected void release() {
        dev.release();
    }
}
