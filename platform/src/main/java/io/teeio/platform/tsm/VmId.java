package io.teeio.platform.tsm;

/** Which VM a TDI is bound to (Linux passes the VM's struct kvm; the TSM only compares identities). */
public record VmId(int value) {
    public VmId {
        if (value < 0) {
            throw new IllegalArgumentException("VM id must be >= 0, was " + value);
        }
    }

    @Override
    public String toString() {
        return "VM" + value;
    }
}
