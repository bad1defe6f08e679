package io.teeio.platform.kernel.iommufd;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelFile;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.kvm.KvmVm;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.pcitsm.GuestReqResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * An open /dev/iommu: the iommufd context (ictx) with its object table and options. Drivers that bind a device
 * to it hold a reference, so closing the fd while a device is bound keeps the context (and its objects) until
 * that device's fd is closed; the last reference destroys every object, newest first.
 */
public final class IommufdCtx extends KernelFile {
    public static final String ACTOR = "iommufd";

    private final Iommufd iommufd;
    private final TreeMap<Integer, IommufdObject> objects = new TreeMap<>();
    private long nextSeq = 1;
    private boolean exclusiveRanges;
    private boolean rlimitModeUser;
    private int devicesEverBound;

    IommufdCtx(String name, Iommufd iommufd) {
        super(name);
        this.iommufd = iommufd;
    }

    Iommufd iommufd() {
        return iommufd;
    }

    KernelTrace trace() {
        return iommufd.trace();
    }

    /** Whether IOMMU_OPTION_EXCLUSIVE_RANGES is set: VFIO then claims a device's regions exclusively at bind. */
    public boolean exclusiveRanges() {
        return exclusiveRanges;
    }

    // ---- object table ------------------------------------------------------------------------------------------

    private <T extends IommufdObject> T insert(T obj) {
        int id = 1;
        while (objects.containsKey(id)) {
            id++;
        }
        obj.assign(id, nextSeq++);
        objects.put(id, obj);
        return obj;
    }

    IommufdObject lookup(int id, String call) {
        IommufdObject o = objects.get(id);
        if (o == null) {
            throw fail(Errno.ENOENT, call, "no object " + id);
        }
        return o;
    }

    private <T extends IommufdObject> T lookup(int id, Class<T> type, String call, String what) {
        IommufdObject o = objects.get(id);
        if (!type.isInstance(o)) {
            throw fail(Errno.ENOENT, call, what + " " + id + (o == null ? " does not exist" : " is a " + o.type()));
        }
        return type.cast(o);
    }

    /** The vDEVICE with this id (ENOENT otherwise), for VFIO_DEVICE_TSM_BIND. */
    public Vdevice lookupVdevice(int id, String call) {
        return lookup(id, Vdevice.class, call, "vdevice_id");
    }

    /** Objects in id order. */
    public List<IommufdObject> objects() {
        return List.copyOf(objects.values());
    }

    KernelException fail(Errno errno, String call, String reason) {
        return trace().fail(ACTOR, errno, call, reason);
    }

    private static void checkSize(int size, int min, String call, IommufdCtx ctx) {
        if (size < min) {
            throw ctx.fail(Errno.EINVAL, call, "size " + size + " below " + min);
        }
    }

    // ---- IOMMU_OPTION ------------------------------------------------------------------------------------------

    public IommuOption iommuOption(IommuOption req) {
        String call = "IOMMU_OPTION";
        checkOpen(call);
        checkSize(req.size(), IommuOption.SIZE, call, this);
        if (req.reserved() != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "__reserved must be 0");
        }
        if (req.op() != IommuOption.IOMMU_OPTION_OP_SET && req.op() != IommuOption.IOMMU_OPTION_OP_GET) {
            throw fail(Errno.EOPNOTSUPP, call, "op " + req.op());
        }
        boolean set = req.op() == IommuOption.IOMMU_OPTION_OP_SET;
        switch (req.optionId()) {
            case IommuOption.IOMMU_OPTION_EXCLUSIVE_RANGES -> {
                if (iommufd.regionPolicy() != RegionPolicy.EXCLUSIVE_AT_OPEN) {
                    throw fail(Errno.EOPNOTSUPP, call, "no EXCLUSIVE_RANGES option in this kernel (policy "
                            + iommufd.regionPolicy() + ")");
                }
                if (req.objectId() != 0) {
                    throw fail(Errno.EINVAL, call, "EXCLUSIVE_RANGES is a context option; object_id must be 0");
                }
                if (!set) {
                    return req.withVal64(exclusiveRanges ? 1 : 0);
                }
                if (req.val64() != 0 && req.val64() != 1) {
                    throw fail(Errno.EINVAL, call, "val64 must be 0 or 1");
                }
                if (devicesEverBound > 0) {
                    throw fail(Errno.EBUSY, call, "a device is already bound to " + name()
                            + "; set EXCLUSIVE_RANGES before binding the VFIO cdev");
                }
                boolean before = exclusiveRanges;
                exclusiveRanges = req.val64() == 1;
                trace().transition(ACTOR, call, "IOMMU_OPTION_EXCLUSIVE_RANGES on " + name(), before, exclusiveRanges);
                return req;
            }
            case IommuOption.IOMMU_OPTION_RLIMIT_MODE -> {
                if (req.objectId() != 0) {
                    throw fail(Errno.EINVAL, call, "RLIMIT_MODE is a context option; object_id must be 0");
                }
                if (!set) {
                    return req.withVal64(rlimitModeUser ? 1 : 0);
                }
                if (req.val64() != 0 && req.val64() != 1) {
                    throw fail(Errno.EINVAL, call, "val64 must be 0 or 1");
                }
                boolean before = rlimitModeUser;
                rlimitModeUser = req.val64() == 1;
                trace().transition(ACTOR, call, "IOMMU_OPTION_RLIMIT_MODE on " + name(), before, rlimitModeUser);
                return req;
            }
            default -> throw fail(Errno.EOPNOTSUPP, call, "option " + req.optionId());
        }
    }

    // ---- IOAS --------------------------------------------------------------------------------------------------

    public int iommuIoasAlloc(IommuIoasAlloc req) {
        String call = "IOMMU_IOAS_ALLOC";
        checkOpen(call);
        checkSize(req.size(), IommuIoasAlloc.SIZE, call, this);
        if (req.flags() != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "flags must be 0");
        }
        Ioas ioas = insert(new Ioas(this));
        created(call, ioas);
        return ioas.id();
    }

    public long iommuIoasMap(IommuIoasMap req) {
        String call = "IOMMU_IOAS_MAP";
        checkOpen(call);
        checkSize(req.size(), IommuIoasMap.SIZE, call, this);
        int known = IommuIoasMap.IOMMU_IOAS_MAP_FIXED_IOVA | IommuIoasMap.IOMMU_IOAS_MAP_WRITEABLE
                | IommuIoasMap.IOMMU_IOAS_MAP_READABLE;
        if ((req.flags() & ~known) != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "unknown flags");
        }
        Ioas ioas = lookup(req.ioasId(), Ioas.class, call, "ioas_id");
        if (req.length() <= 0 || req.length() % KvmVm.PAGE_SIZE != 0 || req.userVa() % KvmVm.PAGE_SIZE != 0
                || req.iova() % KvmVm.PAGE_SIZE != 0 || req.iova() < 0) {
            throw fail(Errno.EINVAL, call, "iova, user_va and length must be page aligned, length non-zero");
        }
        long iova = req.iova();
        if ((req.flags() & IommuIoasMap.IOMMU_IOAS_MAP_FIXED_IOVA) != 0) {
            if (ioas.overlaps(iova, req.length())) {
                throw fail(Errno.EEXIST, call, String.format("iova 0x%x+0x%x overlaps a mapping", iova, req.length()));
            }
        } else {
            iova = 0;
            while (ioas.overlaps(iova, req.length())) {
                iova += KvmVm.PAGE_SIZE;
            }
        }
        ioas.add(new Ioas.Area(iova, req.length(), req.userVa(),
                (req.flags() & IommuIoasMap.IOMMU_IOAS_MAP_WRITEABLE) != 0,
                (req.flags() & IommuIoasMap.IOMMU_IOAS_MAP_READABLE) != 0));
        trace().event(ACTOR, call, String.format("ioas %d: iova 0x%x+0x%x -> user_va 0x%x", ioas.id(), iova,
                req.length(), req.userVa()));
        return iova;
    }

    /** Unmaps whole areas inside [iova, iova + length); returns the bytes unmapped. */
    public long iommuIoasUnmap(IommuIoasUnmap req) {
        String call = "IOMMU_IOAS_UNMAP";
        checkOpen(call);
        checkSize(req.size(), IommuIoasUnmap.SIZE, call, this);
        Ioas ioas = lookup(req.ioasId(), Ioas.class, call, "ioas_id");
        long end = req.iova() + req.length();
        List<Ioas.Area> hit = ioas.areas().stream().filter(a -> a.overlaps(req.iova(), end)).toList();
        if (hit.isEmpty()) {
            throw fail(Errno.ENOENT, call, "nothing mapped there");
        }
        for (Ioas.Area a : hit) {
            if (a.iova() < req.iova() || a.end() > end) {
                throw fail(Errno.EINVAL, call, String.format("would split the mapping at iova 0x%x", a.iova()));
            }
        }
        hit.forEach(ioas::remove);
        long total = hit.stream().mapToLong(Ioas.Area::length).sum();
        trace().event(ACTOR, call, String.format("ioas %d: 0x%x bytes", ioas.id(), total));
        return total;
    }

    // ---- HWPT, vIOMMU, vDEVICE ---------------------------------------------------------------------------------

    public int iommuHwptAlloc(IommuHwptAlloc req) {
        String call = "IOMMU_HWPT_ALLOC";
        checkOpen(call);
        checkSize(req.size(), IommuHwptAlloc.SIZE, call, this);
        if ((req.flags() & ~IommuHwptAlloc.IOMMU_HWPT_ALLOC_NEST_PARENT) != 0 || req.dataType() != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "unsupported flags or data_type");
        }
        lookup(req.devId(), IommufdDevice.class, call, "dev_id");
        Ioas ioas = lookup(req.ptId(), Ioas.class, call, "pt_id");
        HwptPaging h = insert(new HwptPaging(this, ioas, false,
                (req.flags() & IommuHwptAlloc.IOMMU_HWPT_ALLOC_NEST_PARENT) != 0));
        ioas.addUser();
        created(call, h);
        return h.id();
    }

    HwptPaging newAutoHwpt(Ioas ioas) {
        HwptPaging h = insert(new HwptPaging(this, ioas, true, false));
        ioas.addUser();
        created("auto domain", h);
        return h;
    }

    public int iommuViommuAlloc(IommuViommuAlloc req) {
        String call = "IOMMU_VIOMMU_ALLOC";
        checkOpen(call);
        checkSize(req.size(), IommuViommuAlloc.SIZE, call, this);
        if (req.flags() != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "flags must be 0");
        }
        if (req.type() != IommuViommuAlloc.IOMMU_VIOMMU_TYPE_DEFAULT) {
            throw fail(Errno.EOPNOTSUPP, call, "vIOMMU type " + req.type());
        }
        IommufdDevice idev = lookup(req.devId(), IommufdDevice.class, call, "dev_id");
        HwptPaging hwpt = lookup(req.hwptId(), HwptPaging.class, call, "hwpt_id");
        if (!hwpt.nestParent()) {
            throw fail(Errno.EINVAL, call, "hwpt " + hwpt.id() + " is not a nest parent");
        }
        KvmVm kvm = idev.kvm().filter(KvmVm::getSafe).orElse(null);
        Viommu v = insert(new Viommu(this, hwpt, kvm));
        hwpt.addUser();
        if (kvm != null) {
            kvm.addTeardownListener(v);
        }
        created(call, v);
        return v.id();
    }

    public int iommuVdeviceAlloc(IommuVdeviceAlloc req) {
        String call = "IOMMU_VDEVICE_ALLOC";
        checkOpen(call);
        checkSize(req.size(), IommuVdeviceAlloc.SIZE, call, this);
        Viommu viommu = lookup(req.viommuId(), Viommu.class, call, "viommu_id");
        IommufdDevice idev = lookup(req.devId(), IommufdDevice.class, call, "dev_id");
        if (idev.vdevice().isPresent()) {
            throw fail(Errno.EEXIST, call, "dev " + idev.id() + " already has vDEVICE " + idev.vdevice().get().id());
        }
        if (idev.hwpt().orElse(null) != viommu.hwpt()) {
            throw fail(Errno.EINVAL, call, "dev " + idev.id() + " is not attached to the vIOMMU's hwpt "
                    + viommu.hwpt().id());
        }
        Vdevice v = insert(new Vdevice(this, viommu, idev, req.virtId()));
        viommu.addUser();
        viommu.addVdevice(v);
        idev.addUser();
        idev.setVdevice(v);
        created(call, v);
        return v.id();
    }

    // ---- TSM ---------------------------------------------------------------------------------------------------

    /** IOMMU_VDEVICE_TSM_OP: BIND/UNBIND the vDEVICE's TDI, through the device's owner (the same core as VFIO's). */
    public void iommuVdeviceTsmOp(IommuVdeviceTsmOp req) {
        String call = "IOMMU_VDEVICE_TSM_OP";
        checkOpen(call);
        checkSize(req.size(), IommuVdeviceTsmOp.SIZE, call, this);
        if (req.flags() != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "flags must be 0");
        }
        if (req.type() != IommuVdeviceTsmOp.IOMMU_VDEVICE_TSM_BIND
                && req.type() != IommuVdeviceTsmOp.IOMMU_VDEVICE_TSM_UNBIND) {
            throw fail(Errno.EINVAL, call, "type " + req.type() + " is not BIND or UNBIND");
        }
        Vdevice v = lookup(req.vdeviceId(), Vdevice.class, call, "vdevice_id");
        if (req.type() == IommuVdeviceTsmOp.IOMMU_VDEVICE_TSM_UNBIND) {
            v.idev().owner().tsmUnbind(call);
            return;
        }
        if (v.viommu().liveKvm().isEmpty()) {
            throw fail(Errno.ENODEV, call, "vIOMMU " + v.viommu().id() + " has no live kvm");
        }
        v.idev().owner().tsmBind(v, call);
    }

    /** IOMMU_VDEVICE_TSM_REQ: relay a guest request for a bound vDEVICE to pci_tsm_guest_req(). */
    public IommuVdeviceTsmReqResult iommuVdeviceTsmReq(IommuVdeviceTsmReq req) {
        String call = "IOMMU_VDEVICE_TSM_REQ";
        checkOpen(call);
        checkSize(req.size(), IommuVdeviceTsmReq.SIZE, call, this);
        if (req.reserved() != 0) {
            throw fail(Errno.EOPNOTSUPP, call, "__reserved must be 0");
        }
        if (req.scope() < IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_INFO
                || req.scope() > IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_DEBUG_WRITE) {
            throw fail(Errno.EINVAL, call, "scope " + req.scope());
        }
        if (req.respLen() < 0) {
            throw fail(Errno.EINVAL, call, "resp_len " + req.respLen());
        }
        Vdevice v = lookup(req.vdeviceId(), Vdevice.class, call, "vdevice_id");
        if (!v.tsmBound()) {
            throw fail(Errno.ENOENT, call, "vDEVICE " + v.id() + " is not TSM-bound");
        }
        GuestReqResult r;
        try {
            r = iommufd.pciTsm().guestReq(v.idev().pdev(), req.scope(), req.request(), req.respLen());
        } catch (KernelException e) {
            throw trace().fail(ACTOR, e.as(call));
        }
        return new IommuVdeviceTsmReqResult(r.bytes(), r.tsmCode(), r.residue());
    }

    // ---- destroy -----------------------------------------------------------------------------------------------

    public void iommuDestroy(IommuDestroy req) {
        String call = "IOMMU_DESTROY";
        checkOpen(call);
        checkSize(req.size(), IommuDestroy.SIZE, call, this);
        IommufdObject o = lookup(req.id(), call);
        if (o instanceof IommufdDevice d) {
            throw fail(Errno.EBUSY, call, "dev " + o.id() + " belongs to " + d.owner().name()
                    + "; it goes when the device fd is closed");
        }
        if (o.users() > 0) {
            throw fail(Errno.EBUSY, call, o + " in use (" + o.users() + " user(s)"
                    + (o instanceof Vdevice v && v.tsmBound() ? ", TSM-bound: unbind first" : "") + ")");
        }
        destroyObject(o, call);
    }

    /** Frees an object with no users and drops what it held. */
    void destroyObject(IommufdObject o, String why) {
        if (o.users() > 0) {
            throw new IllegalStateException("destroying " + o + " with " + o.users() + " user(s)");
        }
        if (o instanceof Vdevice v) {
            v.viommu().removeVdevice(v);
            v.viommu().dropUser();
            v.idev().setVdevice(null);
            v.idev().dropUser();
        } else if (o instanceof Viommu v) {
            v.hwpt().dropUser();
            v.kvm().ifPresent(k -> {
                k.removeTeardownListener(v);
                k.put();
            });
        } else if (o instanceof HwptPaging h) {
            h.ioas().dropUser();
        } else if (o instanceof Ioas i) {
            i.clear();
        } else if (o instanceof IommufdDevice d) {
            iommufd.iommu().unregister(d);
        }
        objects.remove(o.id());
        trace().transition(ACTOR, "IOMMU_DESTROY", o + " (" + why + ")", o.type() + " " + o.id(), "destroyed");
    }

    private void created(String call, IommufdObject o) {
        trace().transition(ACTOR, call, o.detail(), "absent", o.type() + " " + o.id());
    }

    // ---- device binding (kernel API for VFIO) ------------------------------------------------------------------

    /**
     * iommufd_device_bind(): the driver binds {@code pdev} to this context and takes a reference on it. EBUSY if
     * the function is already bound to a context; EBADF if this context's fd is closed.
     */
    public IommufdDevice deviceBind(PciDev pdev, IommufdDeviceOwner owner, KvmVm kvm, String call) {
        checkOpen(call);
        if (iommufd.iommu().boundDevice(pdev.bdf()).isPresent()) {
            throw fail(Errno.EBUSY, call, pdev + " is already bound to an iommufd context");
        }
        IommufdDevice idev = insert(new IommufdDevice(this, pdev, owner, kvm));
        iommufd.iommu().register(idev);
        devicesEverBound++;
        get();
        created(call, idev);
        return idev;
    }

    void removeDevice(IommufdDevice idev) {
        destroyObject(idev, "iommufd_device_unbind");
        put();
    }

    @Override
    protected void beforeFdClose() {
        trace().event(ACTOR, "close(fd)", name() + (refs() > 1 ? ", still referenced by " + (refs() - 1)
                + " bound device(s)" : ""));
    }

    /** Last reference: every object, newest first. */
    @Override
    protected void release() {
        List<IommufdObject> all = new ArrayList<>(objects.values());
        all.sort(Comparator.comparingLong(IommufdObject::seq).reversed());
        for (IommufdObject o : all) {
            if (o instanceof Vdevice v && v.tsmBound()) {
                v.idev().tsmUnbindCore(() -> { });
            }
            if (objects.containsKey(o.id())) {
                forceRelease(o);
            }
        }
        trace().transition(ACTOR, "release", name(), "open", "released");
    }

    private void forceRelease(IommufdObject o) {
        while (o.users() > 0) {
            o.dropUser();
        }
        destroyObject(o, "context released");
    }

    IommufdSnapshot.Ctx snapshot() {
        return new IommufdSnapshot.Ctx(name(), isOpen(), refs(), exclusiveRanges, objects.values().stream()
                .map(o -> new IommufdSnapshot.Obj(o.id(), o.type(), o.users(), o.detail())).toList());
    }
}
