package io.teeio.platform.scenario;

import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.vmm.BindPath;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The machine a scenario runs on, from the setup lines before its first action.
 *
 * @param vfs             virtual functions of the device
 * @param seed            seeds the device, the TSM and fault choices, so a run replays
 * @param policies        the host kernel's region and bound-device policies
 * @param bindPath        the uAPI every CVM's VMM binds with
 * @param exclusiveRanges whether the VMMs set IOMMU_OPTION_EXCLUSIVE_RANGES before binding the VFIO cdev (a
 *                        DYNAMIC_ON_BIND kernel has no such option)
 * @param faults          a fault plan in {@link io.teeio.platform.fault.FaultPlan#parse} form, empty for none
 * @param tampers         what differs between the device's evidence and the CVMs' policies
 * @param cvms            the CVMs in declaration order; the first is current until a {@code use} line
 */
public record Setup(int vfs, long seed, HostPolicies policies, BindPath bindPath, boolean exclusiveRanges,
        String faults, Set<Tamper> tampers, List<CvmDeclaration> cvms) {
    public static final int DEFAULT_VFS = 4;
    public static final long DEFAULT_SEED = 1;

    public Setup {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(bindPath, "bindPath");
        Objects.requireNonNull(faults, "faults");
        tampers = Set.copyOf(tampers);
        cvms = List.copyOf(cvms);
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(vfs).append(" VF(s), seed ").append(seed).append(", ").append(policies.regions()).append(" / ")
                .append(policies.whileBound()).append(", bind path ").append(bindPath);
        b.append(exclusiveRanges ? ", VMMs set EXCLUSIVE_RANGES" : ", VMMs do not set EXCLUSIVE_RANGES");
        if (!faults.isEmpty()) {
            b.append(", faults ").append(faults);
        }
        tampers.stream().sorted().forEach(t -> b.append(", tampered ").append(t.scriptName()));
        cvms.forEach(c -> b.append(", CVM ").append(c.name()).append(" on VF ").append(c.vf()));
        return b.toString();
    }
}
