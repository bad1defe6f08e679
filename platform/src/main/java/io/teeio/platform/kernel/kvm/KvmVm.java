package io.teeio.platform.kernel.kvm;

import static io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2.KVM_MEM_GUEST_MEMFD;
import static io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2.KVM_MEM_READONLY;
import static io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2.KVM_MEM_VFIO_DMABUF;

import io.teeio.platform.kernel.DmaBuf;
import io.teeio.platform.kernel.DmaBufImporter;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.MmioLocation;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.Verdict;
import io.teeio.platform.kernel.VmId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code struct kvm}: memslots (shared memory, guest_memfd private memory, dma-buf MMIO), private/shared
 * attributes, the stage-2 mappings faults create, and the references that keep it alive. Private MMIO from a
 * dma-buf is mapped for a CVM only while the exporting TDI is bound to it and RUN.
 */
public final class KvmVm implements DmaBufImporter {
    public static final long PAGE_SIZE = 4096;

    private final VmId id;
    private final VmType type;
    private final KernelTrace trace;
    private VmState state = VmState.LIVE;
    private int users = 1;
    private int nextGmem = 1;
    private final TreeMap<Integer, Memslot> slots = new TreeMap<>();
    private final GpaRangeSet privateRanges = new GpaRangeSet();
    private final TreeMap<Long, Spte> sptes = new TreeMap<>();
    private final List<VmTeardownListener> listeners = new ArrayList<>();
    private final List<KvmVfioFile> vfioFiles = new ArrayList<>();
    private final List<GuestMemfd> gmems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** A memslot; exactly one of the backings is set for guest_memfd / dma-buf slots. */
    record Memslot(int slot, int flags, long gpa, long size, long hva, GuestMemfd gmem, long gmemOffset,
            DmaBuf dmabuf) {
        boolean contains(long addr) {
            return addr >= gpa && addr < gpa + size;
        }

        String kind() {
            return dmabuf != null ? "dma-buf " + dmabuf.name() : gmem != null ? "guest_memfd " + gmem.name() : "memory";
        }
    }

    /** A stage-2 mapping of one page. */
    public record Spte(long gpa, KvmFaultOutcome.Kind kind, int slot, String target) {
    }

    KvmVm(VmId id, VmType type, KernelTrace trace) {
        this.id = id;
        this.type = type;
        this.trace = trace;
    }

    public VmId id() {
        return id;
    }

    public VmType type() {
        return type;
    }

    public VmState state() {
        return state;
    }

    public boolean isLive() {
        return state == VmState.LIVE;
    }

    public int users() {
        return users;
    }

    private String actor() {
        return "kvm " + id;
    }

    // ---- references --------------------------------------------------------------------------------------------

    /** kvm_get_kvm_safe(): false once the VM is destroyed. */
    public boolean getSafe() {
        if (state == VmState.DESTROYED) {
            return false;
        }
        users++;
        return true;
    }

    /** kvm_put_kvm(). */
    public void put() {
        if (users == 0) {
            throw new IllegalStateException("unbalanced kvm_put_kvm on " + id);
        }
        if (--users == 0) {
            VmState before = state;
            state = VmState.DESTROYED;
            trace.transition(actor(), "kvm_destroy_vm", "last reference dropped", before, state);
        }
    }

    public void addTeardownListener(VmTeardownListener l) {
        listeners.add(l);
    }

    public void removeTeardownListener(VmTeardownListener l) {
        listeners.remove(l);
    }

    // ---- memslots ----------------------------------------------------------------------------------------------

    void setUserMemoryRegion2(KvmUserspaceMemoryRegion2 r) {
        String call = "KVM_SET_USER_MEMORY_REGION2";
        if (r.memorySize() == 0) {
            deleteSlot(r.slot(), call);
            return;
        }
        if (r.slot() < 0 || r.slot() > 32767) {
            throw fail(Errno.EINVAL, call, "slot " + r.slot() + " out of range");
        }
        if (r.guestPhysAddr() % PAGE_SIZE != 0 || r.memorySize() % PAGE_SIZE != 0 || r.memorySize() < 0) {
            throw fail(Errno.EINVAL, call, "address and size must be page aligned");
        }
        int known = KVM_MEM_READONLY | KVM_MEM_GUEST_MEMFD | KVM_MEM_VFIO_DMABUF;
        if ((r.flags() & ~known) != 0) {
            throw fail(Errno.EINVAL, call, "unknown flags 0x" + Integer.toHexString(r.flags() & ~known));
        }
        if ((r.flags() & KVM_MEM_GUEST_MEMFD) != 0 && (r.flags() & KVM_MEM_VFIO_DMABUF) != 0) {
            throw fail(Errno.EINVAL, call, "KVM_MEM_GUEST_MEMFD and KVM_MEM_VFIO_DMABUF are exclusive");
        }
        if (slots.containsKey(r.slot())) {
            throw fail(Errno.EINVAL, call, "slot " + r.slot() + " in use; delete it first");
        }
        for (Memslot s : slots.values()) {
            if (r.guestPhysAddr() < s.gpa() + s.size() && r.guestPhysAddr() + r.memorySize() > s.gpa()) {
                throw fail(Errno.EEXIST, call, "overlaps slot " + s.slot());
            }
        }
        Memslot slot;
        if ((r.flags() & KVM_MEM_GUEST_MEMFD) != 0) {
            if (type != VmType.CVM) {
                throw fail(Errno.EINVAL, call, "guest_memfd needs a confidential VM");
            }
            if (!(r.fd() instanceof GuestMemfd g) || g.vm() != this || !g.isOpen()) {
                throw fail(Errno.EINVAL, call, "fd is not an open guest_memfd of " + id);
            }
            if (r.fdOffset() < 0 || r.fdOffset() + r.memorySize() > g.size()) {
                throw fail(Errno.EINVAL, call, "range outside the guest_memfd");
            }
            g.get();
            slot = new Memslot(r.slot(), r.flags(), r.guestPhysAddr(), r.memorySize(), r.userspaceAddr(), g,
                    r.fdOffset(), null);
        } else if ((r.flags() & KVM_MEM_VFIO_DMABUF) != 0) {
            if (!(r.fd() instanceof DmaBuf buf) || !r.fd().isOpen()) {
                throw fail(Errno.EINVAL, call, "fd is not an open dma-buf");
            }
            if (r.fdOffset() != 0 || r.memorySize() != buf.size()) {
                throw fail(Errno.EINVAL, call, "dma-buf slot must cover " + buf.name() + " from offset 0 (size 0x"
                        + Long.toHexString(buf.size()) + ")");
            }
            if (!buf.kvm().equals(Optional.of(id))) {
                throw fail(Errno.EINVAL, call, buf.name() + " belongs to "
                        + buf.kvm().map(VmId::toString).orElse("no VM") + ", not " + id);
            }
            if (buf.isRevoked()) {
                throw fail(Errno.ENODEV, call, buf.name() + " is revoked");
            }
            buf.get();
            buf.attach(this);
            slot = new Memslot(r.slot(), r.flags(), r.guestPhysAddr(), r.memorySize(), 0, null, 0, buf);
        } else {
            slot = new Memslot(r.slot(), r.flags(), r.guestPhysAddr(), r.memorySize(), r.userspaceAddr(), null, 0,
                    null);
        }
        slots.put(slot.slot(), slot);
        trace.transition(actor(), call, "slot " + slot.slot() + " " + slot.kind() + " at "
                + new GpaRange(slot.gpa(), slot.gpa() + slot.size()), "absent", "slot " + slot.slot());
    }

    private void deleteSlot(int id, String call) {
        Memslot s = slots.get(id);
        if (s == null) {
            return;
        }
        refuseUnmappingLockedPrivateMmio(s.gpa(), s.gpa() + s.size(), call);
        zap(s.gpa(), s.gpa() + s.size(), false, "slot deleted");
        slots.remove(id);
        dropBacking(s);
        trace.transition(actor(), call, "delete slot " + id, "slot " + id, "absent");
    }

    private void dropBacking(Memslot s) {
        if (s.dmabuf() != null) {
            s.dmabuf().detach(this);
            s.dmabuf().put();
        }
        if (s.gmem() != null) {
            s.gmem().put();
        }
    }

    GuestMemfd createGuestMemfd(KvmCreateGuestMemfd req) {
        String call = "KVM_CREATE_GUEST_MEMFD";
        if (type != VmType.CVM) {
            throw fail(Errno.EINVAL, call, id + " is not a confidential VM");
        }
        if (req.flags() != 0 || req.size() <= 0 || req.size() % PAGE_SIZE != 0) {
            throw fail(Errno.EINVAL, call, "size must be a positive multiple of the page size, flags 0");
        }
        GuestMemfd g = new GuestMemfd("guest_memfd:" + id + "#" + nextGmem++, this, req.size());
        gmems.add(g);
        trace.transition(actor(), call, "0x" + Long.toHexString(req.size()) + " bytes", "absent", g.name());
        return g;
    }

    void guestMemfdReleased(GuestMemfd g) {
        gmems.remove(g);
    }

    void setMemoryAttributes(KvmMemoryAttributes a) {
        String call = "KVM_SET_MEMORY_ATTRIBUTES";
        if (type != VmType.CVM) {
            throw fail(Errno.EINVAL, call, id + " has no private memory");
        }
        if (a.flags() != 0 || (a.attributes() & ~KvmMemoryAttributes.KVM_MEMORY_ATTRIBUTE_PRIVATE) != 0) {
            throw fail(Errno.EINVAL, call, "unsupported attributes or flags");
        }
        if (a.size() <= 0 || a.address() % PAGE_SIZE != 0 || a.size() % PAGE_SIZE != 0) {
            throw fail(Errno.EINVAL, call, "range must be page aligned and non-empty");
        }
        long end = a.address() + a.size();
        boolean makePrivate = a.attributes() != 0;
        boolean unchanged = makePrivate ? privateRanges.covers(a.address(), end)
                : !privateRanges.overlaps(a.address(), end);
        if (unchanged) {
            return;
        }
        refuseUnmappingLockedPrivateMmio(a.address(), end, call);
        zap(a.address(), end, false, "attributes changed");
        if (makePrivate) {
            privateRanges.add(a.address(), end);
        } else {
            privateRanges.remove(a.address(), end);
        }
        trace.event(actor(), call, new GpaRange(a.address(), end) + (makePrivate ? " private" : " shared"));
    }

    /** Whether {@code gpa} is private guest memory (guest_memfd-backed and attributed private). */
    public boolean isPrivateMemory(long gpa) {
        return slotAt(gpa).filter(s -> s.gmem() != null).isPresent() && privateRanges.contains(gpa);
    }

    /** Whether {@code gpa} is shared guest memory (a memory slot page that is not private). */
    public boolean isSharedMemory(long gpa) {
        return slotAt(gpa).filter(s -> s.dmabuf() == null).isPresent() && !privateRanges.contains(gpa);
    }

    private Optional<Memslot> slotAt(long gpa) {
        return slots.values().stream().filter(s -> s.contains(gpa)).findFirst();
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    KvmFaultOutcome fault(KvmPageFault f) {
        long page = f.gpa() & ~(PAGE_SIZE - 1);
        Optional<Memslot> found = slotAt(page);
        if (found.isEmpty()) {
            return outcome(f, KvmFaultOutcome.Kind.MMIO_EXIT, "no memslot");
        }
        Memslot s = found.get();
        boolean attrPrivate = type == VmType.CVM && privateRanges.contains(page);
        if (f.privateAccess() != attrPrivate) {
            return outcome(f, KvmFaultOutcome.Kind.MEMORY_FAULT_EXIT, "page is " + (attrPrivate ? "private" : "shared")
                    + ", access is " + (f.privateAccess() ? "private" : "shared"));
        }
        if (s.dmabuf() != null) {
            return faultMmio(f, page, s);
        }
        if (f.privateAccess()) {
            if (s.gmem() == null) {
                return outcome(f, KvmFaultOutcome.Kind.REFUSED, "private page without guest_memfd backing");
            }
            return map(f, page, s, KvmFaultOutcome.Kind.MAPPED_PRIVATE_MEMORY, s.gmem().name());
        }
        if (f.write() && (s.flags() & KVM_MEM_READONLY) != 0) {
            return outcome(f, KvmFaultOutcome.Kind.MMIO_EXIT, "write to a read-only slot");
        }
        return map(f, page, s, KvmFaultOutcome.Kind.MAPPED_SHARED_MEMORY,
                String.format("hva 0x%x", s.hva() + (page - s.gpa())));
    }

    private KvmFaultOutcome faultMmio(KvmPageFault f, long page, Memslot s) {
        DmaBuf buf = s.dmabuf();
        MmioLocation loc;
        try {
            loc = buf.resolve(page - s.gpa());
        } catch (KernelException e) {
            return outcome(f, KvmFaultOutcome.Kind.REFUSED, e.getMessage());
        }
        if (!f.privateAccess()) {
            return map(f, page, s, KvmFaultOutcome.Kind.MAPPED_SHARED_MMIO, loc.toString());
        }
        Verdict v = buf.privateMapping(id);
        if (!v.allowed()) {
            return outcome(f, KvmFaultOutcome.Kind.REFUSED, v.reason());
        }
        return map(f, page, s, KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO, loc.toString());
    }

    private KvmFaultOutcome map(KvmPageFault f, long page, Memslot s, KvmFaultOutcome.Kind kind, String target) {
        sptes.put(page, new Spte(page, kind, s.slot(), target));
        return outcome(f, kind, target);
    }

    private KvmFaultOutcome outcome(KvmPageFault f, KvmFaultOutcome.Kind kind, String detail) {
        trace.event(actor(), "page fault", String.format("gpa 0x%x %s: %s %s", f.gpa(),
                f.privateAccess() ? "private" : "shared", kind, detail));
        return new KvmFaultOutcome(kind, detail);
    }

    /** dma_buf_move_notify() from an exporter: zap what this VM mapped from it. */
    @Override
    public void moveNotify(DmaBuf buf, boolean privateOnly) {
        for (Memslot s : slots.values()) {
            if (s.dmabuf() == buf) {
                zap(s.gpa(), s.gpa() + s.size(), privateOnly, "move_notify from " + buf.name());
            }
        }
    }

    /**
     * The TSMs reject unmapping private MMIO while its TDI is bound (TDX refuses the S-EPT unmap, AMD trips an ASID
     * fence): a VMM call that would do it is EBUSY until the TDI is unbound.
     */
    private void refuseUnmappingLockedPrivateMmio(long start, long end, String call) {
        for (Spte spte : sptes.subMap(start, end).values()) {
            if (spte.kind() == KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO) {
                DmaBuf buf = slots.get(spte.slot()).dmabuf();
                Optional<TdispState> tdi = buf.tdiState();
                if (tdi.isPresent() && tdi.get().isLocked()) {
                    throw fail(Errno.EBUSY, call, String.format("gpa 0x%x is private MMIO of TDI %s, which is %s;"
                            + " unbind it first", spte.gpa(), buf.exporter(), tdi.get()));
                }
            }
        }
    }

    /** Unmaps stage-2 pages in [start, end); unmapping private MMIO under a locked TDI is a platform violation. */
    private void zap(long start, long end, boolean privateOnly, String why) {
        List<Long> gone = new ArrayList<>();
        for (Map.Entry<Long, Spte> e : sptes.subMap(start, end).entrySet()) {
            Spte spte = e.getValue();
            boolean isPrivate = spte.kind() == KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO
                    || spte.kind() == KvmFaultOutcome.Kind.MAPPED_PRIVATE_MEMORY;
            if (privateOnly && !isPrivate) {
                continue;
            }
            if (spte.kind() == KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO) {
                DmaBuf buf = slots.get(spte.slot()).dmabuf();
                Optional<TdispState> tdi = buf.tdiState();
                if (tdi.isPresent() && tdi.get().isLocked()) {
                    warn(String.format("private MMIO at gpa 0x%x unmapped while TDI %s is %s (%s)", spte.gpa(),
                            buf.exporter(), tdi.get(), why));
                }
            }
            gone.add(e.getKey());
        }
        gone.forEach(sptes::remove);
        if (!gone.isEmpty()) {
            trace.event(actor(), "zap", gone.size() + " page(s) in " + new GpaRange(start, end) + ": " + why);
        }
    }

    private void warn(String what) {
        warnings.add(what);
        trace.event(actor(), "WARN", what);
    }

    /** WARN_ON()s hit: ordering rules the platform would reject. Empty in a correct run. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Spte> sptes() {
        return List.copyOf(sptes.values());
    }

    // ---- kvm-vfio ----------------------------------------------------------------------------------------------

    void vfioFileAdd(KvmVfioFile file) {
        String call = "KVM_DEV_VFIO_FILE_ADD";
        if (vfioFiles.contains(file)) {
            throw fail(Errno.EEXIST, call, file.name() + " already added");
        }
        file.get();
        vfioFiles.add(file);
        file.setKvm(this);
        trace.event(actor(), call, file.name());
    }

    void vfioFileDel(KvmVfioFile file) {
        String call = "KVM_DEV_VFIO_FILE_DEL";
        if (!vfioFiles.remove(file)) {
            throw fail(Errno.ENOENT, call, file.name() + " was not added");
        }
        file.setKvm(null);
        trace.event(actor(), call, file.name());
        file.put();
    }

    // ---- teardown ----------------------------------------------------------------------------------------------

    /** The VM fd's last reference: unbind what is bound to it (listeners), then drop files, mappings and slots. */
    void teardown() {
        VmState before = state;
        state = VmState.DYING;
        trace.transition(actor(), "VM teardown", "VM fd released", before, state);
        List<VmTeardownListener> ls = new ArrayList<>(listeners);
        Collections.reverse(ls);
        ls.forEach(l -> l.vmTeardown(this));
        List<KvmVfioFile> files = new ArrayList<>(vfioFiles);
        Collections.reverse(files);
        for (KvmVfioFile f : files) {
            vfioFiles.remove(f);
            f.setKvm(null);
            f.put();
        }
        zap(0, Long.MAX_VALUE, false, "VM teardown");
        for (Integer slot : new ArrayList<>(slots.descendingKeySet())) {
            dropBacking(slots.remove(slot));
        }
        put();
    }

    private KernelException fail(Errno errno, String call, String reason) {
        return trace.fail(actor(), errno, call, reason);
    }

    KvmSnapshot.Vm snapshot() {
        List<KvmSnapshot.Slot> ss = slots.values().stream()
                .map(s -> new KvmSnapshot.Slot(s.slot(), s.flags(), s.gpa(), s.size(), s.kind())).toList();
        return new KvmSnapshot.Vm(id, type, state, users, ss, privateRanges.ranges(), sptes(),
                vfioFiles.stream().map(KvmVfioFile::name).toList(), gmems.stream().map(GuestMemfd::name).toList(),
                warnings());
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
