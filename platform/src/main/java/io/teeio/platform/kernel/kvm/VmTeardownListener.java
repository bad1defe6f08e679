package io.teeio.platform.kernel.kvm;

/** Told when a VM is torn down (its fd closed), before its mappings go: e.g. a vIOMMU unbinding its TDIs. */
@FunctionalInterface
public interface VmTeardownListener {
    void vmTeardown(KvmVm vm);
}
