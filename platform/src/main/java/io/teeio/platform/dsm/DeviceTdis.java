package io.teeio.platform.dsm;

import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.pcie.tdisp.Tdi;
import io.teeio.pcie.tdisp.TdispResponder;
import io.teeio.platform.device.Endpoint;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.pci.RoutingId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The device's TDIs, one per function (the PF and every VF the SR-IOV capability can create), keyed by
 * {@link FunctionRef}. INTERFACE_ID is the function's routing id when the DSM came up (power-on or conventional
 * reset); a later bus renumbering sends locked TDIs to ERROR and is not followed.
 */
final class DeviceTdis {
    private final Map<FunctionRef, Tdi> byFunction = new HashMap<>();
    private int totalVfs;

    /** Hosts a fresh TDI (CONFIG_UNLOCKED) for every function in the DSM's TDISP responder. */
    void hostAll(TdispResponder responder, Endpoint endpoint, int vfs) {
        byFunction.clear();
        totalVfs = vfs;
        for (int n = 0; n <= vfs; n++) {
            FunctionRef ref = n == 0 ? FunctionRef.PF : FunctionRef.vf(n);
            byFunction.put(ref, responder.host(interfaceId(endpoint.routingIdOf(ref)), new FunctionTdiHost(endpoint, ref)));
        }
    }

    int totalVfs() {
        return totalVfs;
    }

    Optional<Tdi> tdi(FunctionRef ref) {
        return Optional.ofNullable(byFunction.get(ref));
    }

    static InterfaceId interfaceId(RoutingId rid) {
        return new InterfaceId(rid.value());
    }
}
