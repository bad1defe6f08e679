package io.teeio.platform.tsm;

import io.teeio.platform.machine.PciEnumeration;

import static io.teeio.platform.pci.PciRegs.COMMAND;
import static io.teeio.platform.pci.PciRegs.COMMAND_MASTER;
import static io.teeio.platform.pci.PciRegs.COMMAND_MEMORY;
import static io.teeio.platform.pci.PciRegs.PRIMARY_BUS;
import static io.teeio.platform.pci.PciRegs.SECONDARY_BUS;
import static io.teeio.platform.pci.PciRegs.SUBORDINATE_BUS;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.DmaOutcome;
import io.teeio.platform.device.DmaRequest;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.LinuxLikeHost;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.pci.RoutingId;
import io.teeio.platform.rootport.RootPort;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Test machine: a root port, an emulated TEE-IO device (PF + VFs) enumerated the way Linux does it, a fake
 * IOMMU that records DMA, and a platform TSM that probed the device. One device identity for every test (key
 * generation is the slow part).
 */
public final class TestMachine {
    public static final DeviceIdentity IDENTITY = EmulatedDevice.generateIdentity(
            io.teeio.platform.device.EndpointSpec.builder().build().identity(), 7);
    /** One BouncyCastle provider for every test's crypto: building one takes tens of milliseconds. */
    private static final Provider BC = new BouncyCastleProvider();
    public static final long PF_BAR0 = PciEnumeration.PF_BAR0;
    public static final long VF_BAR0 = PciEnumeration.VF_BAR0;
    public static final VmId VM1 = new VmId(1);
    public static final VmId VM2 = new VmId(2);

    public final RecordingSink sink = new RecordingSink();
    public final Tracer tracer = new Tracer(sink, () -> 0L);
    public final List<DmaRequest> dma = new ArrayList<>();
    public final EmulatedDevice device;
    public final PlatformTsm tsm;
    public final int vfs;

    public TestMachine(int vfs, FaultInjector faults, UnaryOperator<TsmConfig> tsmConfig) {
        this.vfs = vfs;
        this.device = EmulatedDevice.builder().vfs(Math.max(vfs, 1)).identity(IDENTITY).tracer(tracer).faults(faults)
                .crypto(crypto(5))
                .iommu(this::iommu).build();
        enumerate();
        this.tsm = new PlatformTsm(tsmConfig.apply(TsmConfig.defaults(List.of(device.trustAnchor()))),
                crypto(11), faults, tracer);
        try {
            tsm.probe(new DsmLink(dsm(), device.endpoint().pf(), device.rootPort()));
        } catch (TsmException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestMachine(int vfs) {
        this(vfs, FaultInjector.NONE, c -> c);
    }

    public TestMachine() {
        this(4);
    }

    /** Seeded crypto on the shared provider. */
    public static JcaSpdmCrypto crypto(long seed) {
        return new JcaSpdmCrypto(BC, JcaSpdmCrypto.seededRandom(seed));
    }

    private DmaOutcome iommu(DmaRequest r) {
        dma.add(r);
        return DmaOutcome.completed(r.write() ? Bytes.EMPTY : Bytes.zeros(r.length()), "fake IOMMU: mapped");
    }

    /** What firmware and Linux do at boot and for sriov_enable (the machine's own enumeration). */
    public void enumerate() {
        PciEnumeration.enumerate(device, vfs);
    }

    public RoutingId dsm() {
        return device.endpoint().pf().routingId();
    }

    public RoutingId vf(int n) {
        return device.endpoint().routingIdOf(FunctionRef.vf(n));
    }

    public PciFunction function(int vf) {
        return device.endpoint().function(vf == 0 ? FunctionRef.PF : FunctionRef.vf(vf)).orElseThrow();
    }

    public long bar0(int vf) {
        return function(vf).barAddress(0).getAsLong();
    }

    /** The device's own view of VF n's TDI. */
    public TdiState deviceState(int vf) {
        return device.tdiState(vf == 0 ? FunctionRef.PF : FunctionRef.vf(vf));
    }

    /** Connect, bind VF n to VM1, fetch the report and START it: the TDI is RUN. */
    public void runVf(int n) throws TsmException {
        tsm.connect(dsm());
        tsm.bind(vf(n), VM1, 0x0800 + n);
        accept(VM1, vf(n));
    }

    public GuestResponse accept(VmId vm, RoutingId tdi) throws TsmException {
        Bytes report = ((GuestResponse.InterfaceReport) tsm.guestRequest(vm, tdi, GuestRequestScope.INFO,
                new GuestRequest.GetInterfaceReport())).report();
        return tsm.guestRequest(vm, tdi, GuestRequestScope.STATE_CHANGE, GuestRequest.StartInterface.accepting(report));
    }

    public List<TraceEvent> events(String layer, String action) {
        return sink.events().stream().filter(e -> e.layer().equals(layer) && e.action().equals(action)).toList();
    }
}
