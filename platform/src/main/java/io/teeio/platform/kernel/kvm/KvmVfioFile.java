package io.teeio.platform.kernel.kvm;

/**
 * A VFIO file as the kvm-vfio device sees it (KVM_DEV_VFIO_FILE_ADD/DEL): KVM holds a file reference while it is
 * added and tells VFIO which VM it belongs to (vfio_file_set_kvm).
 */
public interface KvmVfioFile {
    String name();

    void get();

    void put();

    /** vfio_file_set_kvm(); null when the association ends. */
    void setKvm(KvmVm vm);
}
