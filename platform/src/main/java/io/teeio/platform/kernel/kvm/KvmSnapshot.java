package io.teeio.platform.kernel.kvm;

import io.teeio.platform.kernel.VmId;
import java.util.List;

/** Immutable view of every VM KVM created. */
public record KvmSnapshot(List<Vm> vms) {
    public KvmSnapshot {
        vms = List.copyOf(vms);
    }

    public record Vm(VmId id, VmType type, VmState state, int users, List<Slot> slots, List<GpaRange> privateRanges,
            List<KvmVm.Spte> sptes, List<String> vfioFiles, List<String> guestMemfds, List<String> warnings) {
        public Vm {
            slots = List.copyOf(slots);
            privateRanges = List.copyOf(privateRanges);
            sptes = List.copyOf(sptes);
            vfioFiles = List.copyOf(vfioFiles);
            guestMemfds = List.copyOf(guestMemfds);
            warnings = List.copyOf(warnings);
        }
    }

    public record Slot(int slot, int flags, long gpa, long size, String backing) {
    }
}
