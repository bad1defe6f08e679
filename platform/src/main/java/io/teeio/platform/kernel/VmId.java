package io.teeio.platform.kernel;

/** Identity of a KVM virtual machine (what Linux passes around as {@code struct kvm *}). */
public record VmId(int value) implements Comparable<VmId> {
    public VmId {
        if (value <= 0) {
            throw new IllegalArgumentException("VM id must be positive: " + value);
        }
    }

    @Override
    public int compareTo(VmId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return "vm" + value;
    }
}
