package io.teeio.platform.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The host paths to a function's MMIO a scenario can try (DESIGN.md invariant I1 lists them). */
public enum HostPath {
    /** pread of /dev/mem at the BAR's physical address. */
    DEV_MEM("dev-mem"),
    /** mmap of /sys/bus/pci/devices/BDF/resource0 and one read. */
    SYSFS_RESOURCE("sysfs-resource"),
    /** A kernel driver not bound to the function: request_mem_region, ioremap, read (it keeps the claim). */
    OTHER_DRIVER("other-driver"),
    /** pread of the BAR 0 region on the VMM's VFIO device fd. */
    VFIO_REGION("vfio-region"),
    /** mmap of BAR 0 through the VMM's VFIO device fd, one read, munmap. */
    VFIO_MMAP("vfio-mmap");

    private final String scriptName;

    HostPath(String scriptName) {
        this.scriptName = scriptName;
    }

    public String scriptName() {
        return scriptName;
    }

    public static Optional<HostPath> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.scriptName.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(HostPath::scriptName).collect(Collectors.joining(", "));
    }
}
