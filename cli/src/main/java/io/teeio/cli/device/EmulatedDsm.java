package io.teeio.cli.device;

import io.teeio.pcie.dsm.DeviceSecurityManager;
import io.teeio.pcie.idekm.IdeKmPort;
import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.pcie.tdisp.LockInterfaceFlags;
import io.teeio.pcie.tdisp.TdiHost;
import io.teeio.pcie.tdisp.TdiMmioResource;
import io.teeio.pcie.tdisp.TdispDeviceCapabilities;
import io.teeio.platform.pci.IdeCapabilitySpec;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The DSM `teeio device` serves: one PF and N VFs, each a TDI with a fixed MMIO layout, one IDE port with
 * streams 0..7, the given identity and measurements.
 */
public final class EmulatedDsm {
    /** PF BAR0 base; each VF's BAR0 follows in 16 KiB steps above {@link #VF_BAR_BASE}. */
    public static final long PF_BAR0 = 0x8000_0000L;
    public static final long PF_BAR0_SIZE = 0x1_0000L;
    public static final long VF_BAR_BASE = 0x9000_0000L;
    public static final long VF_BAR_SIZE = 0x4000L;

    /** Eight selective streams (0..7), one address association block each, as QUERY_RESP reports them. */
    static final IdeCapabilitySpec IDE_CAPABILITY = new IdeCapabilitySpec(8, 1);

    private EmulatedDsm() {
    }

    /** Interface ids: the PF's requester id, then the VFs at consecutive routing ids. */
    public static List<InterfaceId> interfaces(int pfRequesterId, int vfs) {
        List<InterfaceId> ids = new ArrayList<>();
        for (int i = 0; i <= vfs; i++) {
            ids.add(new InterfaceId((pfRequesterId + i) & 0xFFFF));
        }
        return ids;
    }

    /** spdm-emu's responder offers 0xF0 seconds; libspdm requesters send HEARTBEAT only when it is non-zero. */
    public static final int DEFAULT_HEARTBEAT_PERIOD = 0xF0;

    public static DeviceSecurityManager create(DeviceIdentity identity, DeviceMeasurements measurements, int vfs,
            int pfRequesterId, int idePort, SecuredMessageBinding binding, SpdmCrypto crypto, Tracer tracer) {
        return create(identity, measurements, vfs, pfRequesterId, idePort, DEFAULT_HEARTBEAT_PERIOD, binding, crypto,
                tracer);
    }

    public static DeviceSecurityManager create(DeviceIdentity identity, DeviceMeasurements measurements, int vfs,
            int pfRequesterId, int idePort, int heartbeatPeriod, SecuredMessageBinding binding, SpdmCrypto crypto,
            Tracer tracer) {
        int flags = ResponderConfig.DEFAULT_FLAGS;
        if (!binding.carriesSecuredMessages()) {
            // bare SPDM cannot carry sessions: do not offer them
            flags &= ~(CapabilityFlags.KEY_EX_CAP | CapabilityFlags.ENCRYPT_CAP | CapabilityFlags.MAC_CAP
                    | CapabilityFlags.HBEAT_CAP | CapabilityFlags.KEY_UPD_CAP
                    | CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP);
        }
        // QEMU takes at most 0x1200 bytes per DOE response including the 8-byte header; keep every
        // message, with the 24 bytes a secured record adds, inside that.
        int transferSize = 0x1200 - 8 - 24;
        ResponderConfig config = ResponderConfig.builder().slot(0, identity).measurements(measurements)
                .capabilityFlags(flags).dataTransferSize(transferSize, transferSize).heartbeatPeriod(heartbeatPeriod)
                .name("DSM").build();
        DeviceSecurityManager dsm = new DeviceSecurityManager(config,
                TdispDeviceCapabilities.requiredOnly(new LockInterfaceFlags(0x0007), 52),
                List.of(IdeKmPort.fixed(idePort, pfRequesterId & 0xFF, (pfRequesterId >> 8) & 0xFF, 0,
                        Set.of(0, 1, 2, 3, 4, 5, 6, 7), IDE_CAPABILITY.powerOnRegisters())), binding, crypto, tracer);
        List<InterfaceId> ids = interfaces(pfRequesterId, vfs);
        for (int i = 0; i < ids.size(); i++) {
            dsm.tdisp().host(ids.get(i), host(i, idePort));
        }
        return dsm;
    }

    private static TdiHost host(int function, int idePort) {
        long base = function == 0 ? PF_BAR0 : VF_BAR_BASE + (function - 1) * VF_BAR_SIZE;
        long size = function == 0 ? PF_BAR0_SIZE : VF_BAR_SIZE;
        List<TdiMmioResource> ranges = List.of(new TdiMmioResource(base, size, 0, 0));
        return new TdiHost() {
            @Override
            public List<TdiMmioResource> mmioResources() {
                return ranges;
            }

            @Override
            public OptionalInt idePortIndex() {
                return OptionalInt.of(idePort);
            }
        };
    }
}
