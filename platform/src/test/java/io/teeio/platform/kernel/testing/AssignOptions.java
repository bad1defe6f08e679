package io.teeio.platform.kernel.testing;

/**
 * How the VMM assigns a device: whether it sets IOMMU_OPTION_EXCLUSIVE_RANGES (when the host has it), whether the
 * VFIO file is added to the VM's kvm-vfio device before the cdev is bound (so the vIOMMU gets the VM), and whether
 * the VM is a CVM.
 */
public record AssignOptions(boolean exclusiveRangesOption, boolean kvmBeforeBind, boolean cvm) {
    public static final AssignOptions DEFAULT = new AssignOptions(true, true, true);

    public AssignOptions withoutExclusiveOption() {
        return new AssignOptions(false, kvmBeforeBind, cvm);
    }

    public AssignOptions withoutKvm() {
        return new AssignOptions(exclusiveRangesOption, false, cvm);
    }

    AssignOptions withExclusive(boolean on) {
        return new AssignOptions(on, kvmBeforeBind, cvm);
    }
}
