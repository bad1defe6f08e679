package io.teeio.platform.kernel.host;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelFile;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.kvm.KvmMemoryAttributes;
import io.teeio.platform.kernel.kvm.KvmPageFault;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.TestHost;
import io.teeio.platform.kernel.vfio.VfioDeviceFeatureDmaBuf;
import io.teeio.platform.kernel.vfio.VfioDmaBuf;
import io.teeio.platform.kernel.vfio.VfioDmaRange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * I4: closing the device fd, the iommufd and the VM in every order, under every policy and both bind paths, with
 * the TDI running and its private MMIO mapped, leaves no bound TDI, no leaked object, no held lock, and no TDI in
 * ERROR.
 */
class CloseOrderTest {
    enum Fd { DEVICE, IOMMUFD, VM }

    static Stream<Arguments> everyOrder() {
        List<List<Fd>> orders = new ArrayList<>();
        permute(new ArrayList<>(List.of(Fd.values())), 0, orders);
        List<Arguments> args = new ArrayList<>();
        for (List<Fd> order : orders) {
            for (RegionPolicy r : RegionPolicy.values()) {
                for (BoundDevicePolicy b : BoundDevicePolicy.values()) {
                    for (BindPath path : BindPath.values()) {
                        args.add(Arguments.of(order, new HostPolicies(r, b), path));
                    }
                }
            }
        }
        return args.stream();
    }

    private static void permute(List<Fd> fds, int k, List<List<Fd>> out) {
        if (k == fds.size()) {
            out.add(List.copyOf(fds));
            return;
        }
        for (int i = k; i < fds.size(); i++) {
            java.util.Collections.swap(fds, k, i);
            permute(fds, k + 1, out);
            java.util.Collections.swap(fds, k, i);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyOrder")
    void closingInAnyOrderLeavesNothingBoundLeakedOrInError(List<Fd> order, HostPolicies policies, BindPath path) {
        TestHost host = TestHost.withPolicies(policies);
        Assigned a = host.connectAndAssign();
        VfioDmaBuf buf = a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0, List.of(new VfioDmaRange(0, 0x1_0000))));
        long gpa = 0x1000_0000L;
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, gpa, 0x1_0000, buf));
        a.vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(gpa, 0x1_0000));
        buf.close();
        path.bind(a);
        a.start();
        a.vm.fault(new KvmPageFault(gpa, true, false));

        for (Fd fd : order) {
            KernelFile f = switch (fd) {
                case DEVICE -> a.dev;
                case IOMMUFD -> a.ictx;
                case VM -> a.vm;
            };
            f.close();
            host.assertNoLockHeld();
        }

        assertEquals(List.of(), host.kernel.leaks());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.fn(VF1).everInError(), host.fn(VF1).tdispHistory().toString());
        assertTrue(host.fn(VF1).violations().isEmpty());
        assertTrue(a.vm.vm().warnings().isEmpty(), a.vm.vm().warnings().toString());
    }
}
