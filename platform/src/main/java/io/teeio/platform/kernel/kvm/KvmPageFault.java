package io.teeio.platform.kernel.kvm;

/** A guest access that missed the stage-2 tables: the address, and whether the guest accessed it as private. */
public record KvmPageFault(long gpa, boolean privateAccess, boolean write) {
}
