package io.teeio.platform.machine;

import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.device.MmioRequest;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.guest.ExpectedMmioRange;
import io.teeio.platform.guest.GuestPolicy;
import io.teeio.platform.guest.TdispGuestDriver;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.host.HostKernel;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pcitsm.PciTsmOps;
import io.teeio.platform.kernel.pcitsm.TsmDev;
import io.teeio.platform.tsm.PlatformTsm;
import io.teeio.platform.tsm.TsmConfig;
import io.teeio.platform.vmm.Vmm;
import io.teeio.platform.vmm.VmmConfig;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.trace.Tracer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The whole emulated machine of DESIGN.md: a TEE-IO device (PF + VFs) behind a root port, the platform TSM
 * firmware, the host kernel (PCI core, PCI/TSM with the TSM driver registered as tsm0, VFIO, iommufd, KVM) and
 * the CVMs with their VMMs. Deterministic for a seed.
 */
public final class TeeIoMachine {
    private final Tracer tracer;
    private final HostKernel kernel;
    private final EmulatedDevice device;
    private final PlatformTsm tsm;
    private final TsmDev tsmDev;
    private final TsmConfig tsmConfig;
    private final MachineIommu iommu;
    private final DeviceMeasurements measurements;
    private final Supplier<Instant> clock;
    private final Map<Bdf, DeviceFunctionHw> functions = new LinkedHashMap<>();
    private final List<Cvm> cvms = new ArrayList<>();
    private final int vfs;

    private TeeIoMachine(Builder b) {
        this.tracer = b.tracer;
        this.vfs = b.vfs;
        this.measurements = b.measurements;
        this.clock = b.clock;
        this.kernel = new HostKernel(b.policies, tracer);
        this.iommu = new MachineIommu(kernel.iommu());
        EmulatedDevice.Builder db = EmulatedDevice.builder().vfs(Math.max(b.vfs, 1)).seed(b.seed)
                .measurements(b.measurements).faults(b.faults).iommu(iommu).tracer(tracer)
                .crypto(b.cryptoWrapper.apply(new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(b.seed * 31 + 1))));
        if (b.identity != null) {
            db.identity(b.identity);
        }
        this.device = db.build();
        PciEnumeration.enumerate(device, b.vfs);
        for (PciFunction f : functionList()) {
            DeviceFunctionHw hw = new DeviceFunctionHw(device, f.ref());
            functions.put(hw.bdf(), hw);
            kernel.pci().add(hw);
        }
        this.tsmConfig = TsmConfig.defaults(List.of(b.tsmTrustAnchor != null ? b.tsmTrustAnchor
                : device.trustAnchor()));
        SpdmCrypto tsmCrypto = b.cryptoWrapper.apply(new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(b.seed * 31 + 2)));
        this.tsm = new PlatformTsm(tsmConfig, tsmCrypto, b.faults, tracer);
        this.tsmDev = kernel.pciTsm().register(PciTsmOps.link(new PlatformTsmDriver(tsm, device, tracer)));
        tracer.event("device", "machine", "", "BOOT", "TEE-IO device " + pf() + " with " + b.vfs
                + " VF(s) behind root port " + device.rootPort().routingId() + "; host kernel with policies "
                + b.policies.regions() + " / " + b.policies.whileBound() + "; TSM registered as " + tsmName());
    }

    private List<PciFunction> functionList() {
        List<PciFunction> out = new ArrayList<>();
        out.add(device.endpoint().pf());
        out.addAll(device.endpoint().vfs());
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Tracer tracer() {
        return tracer;
    }

    public HostKernel kernel() {
        return kernel;
    }

    public EmulatedDevice device() {
        return device;
    }

    public PlatformTsm tsm() {
        return tsm;
    }

    public String tsmName() {
        return "tsm" + tsmDev.id();
    }

    public int vfCount() {
        return vfs;
    }

    public Bdf pf() {
        return DeviceFunctionHw.bdfOf(device.endpoint().pf().routingId());
    }

    public Bdf vf(int n) {
        return DeviceFunctionHw.bdfOf(device.endpoint().routingIdOf(FunctionRef.vf(n)));
    }

    public FunctionRef ref(Bdf bdf) {
        DeviceFunctionHw hw = functions.get(bdf);
        if (hw == null) {
            throw new IllegalArgumentException(bdf + " is not a function of the device");
        }
        return hw.ref();
    }

    /** DESIGN.md step 2: {@code echo tsm0 > /sys/bus/pci/devices/<pf>/tsm/connect}. */
    public void connect() {
        kernel.pciTsm().sysfs(pf()).writeConnect(tsmName() + "\n");
    }

    public void disconnect() {
        kernel.pciTsm().sysfs(pf()).writeDisconnect(tsmName() + "\n");
    }

    /** DESIGN.md step 3: a VMM assigns {@code function} to a new CVM whose driver checks {@code policy}. */
    public Cvm launchCvm(String name, VmmConfig config, GuestPolicy policy) {
        Vmm vmm = new Vmm(kernel, config, "VMM (" + name + ")", tracer);
        vmm.assign();
        GuestMemory memory = new GuestMemory(config.guestMemory(), config.privateEnd());
        iommu.assign(config.device(), memory);
        TdispGuestDriver driver = new TdispGuestDriver(name, new VmmGuestHost(this, vmm, memory), policy, clock,
                tracer);
        Cvm cvm = new Cvm(name, config.device(), vmm, memory, driver);
        cvms.add(cvm);
        return cvm;
    }

    /** DESIGN.md step 8 for one CVM: the VMM closes everything. */
    public void shutdown(Cvm cvm) {
        cvm.vmm().shutdown();
        iommu.release(cvm.device());
        cvms.remove(cvm);
    }

    /**
     * A CVM's access to its device's private MMIO: KVM resolves the GPA (mapped for the CVM only while the TDI
     * is RUN), then the request goes out with T on the IDE stream; a write to the DMA doorbell starts the
     * device's DMA engine.
     */
    MmioOutcome cvmPrivateMmio(Vmm vmm, long offset, int length, boolean write, Bytes data) {
        long gpa = vmm.config().privateMmioGpa() + offset;
        KvmFaultOutcome f = vmm.fault(gpa, true, write);
        if (f.kind() != KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO) {
            tracer.event("kernel", "KVM", "CVM", "EPT fault", "GPA 0x" + Long.toHexString(gpa) + ": " + f.kind()
                    + " (" + f.detail() + ")");
            return MmioOutcome.unsupportedRequest("KVM did not map private MMIO: " + f.kind() + " (" + f.detail()
                    + ")");
        }
        Bdf bdf = vmm.config().device();
        long bar0 = kernel.pci().device(bdf).bars().get(0).address();
        MmioRequest r = new MmioRequest(bar0 + offset, length, write, write ? data : Bytes.EMPTY, true,
                OptionalInt.of(tsmConfig.streamId()));
        MmioOutcome o = device.mmio(r);
        if (o.served() && write && offset == DmaEngine.DOORBELL) {
            PciFunction fn = device.endpoint().function(ref(bdf)).orElseThrow();
            var dma = DmaEngine.doorbellWritten(fn);
            tracer.event("device", "DMA engine " + bdf, "CVM", "DMA", dma.completed() ? "copied to the CVM's memory ("
                    + dma.reason() + ")" : "refused: " + dma.reason());
        }
        return o;
    }

    /**
     * The policy a CVM applies to this device as built: its root certificate, the reference values of its
     * measurements (SHA-512, what the TSM negotiates), the MMIO layout of {@code function}'s BARs.
     */
    public GuestPolicy defaultPolicy(Bdf function) {
        List<ExpectedMmioRange> ranges = new ArrayList<>();
        for (BarInfo b : kernel.pci().device(function).bars()) {
            ranges.add(new ExpectedMmioRange(b.index(), b.size() / 4096, false));
        }
        Map<Integer, Bytes> refs;
        try {
            refs = io.teeio.platform.guest.EvidenceVerifier.referenceValues(measurements.blocks(
                    MeasurementHashAlgo.TPM_ALG_SHA_512, false, new JcaSpdmCrypto(new java.security.SecureRandom())));
        } catch (SpdmDecodeException e) {
            throw new IllegalStateException("the device's own measurements do not encode", e);
        }
        return new GuestPolicy(List.of(device.trustAnchor()), refs, ranges, 0);
    }

    /** Every object still held anywhere in the host kernel (empty after a clean teardown). */
    public List<String> leaks() {
        return kernel.leaks();
    }

    public static final class Builder {
        private int vfs = 4;
        private HostPolicies policies = HostPolicies.DEFAULT;
        private long seed = 1;
        private FaultInjector faults = FaultInjector.NONE;
        private Tracer tracer = Tracer.NONE;
        private DeviceIdentity identity;
        private java.security.cert.X509Certificate tsmTrustAnchor;
        private DeviceMeasurements measurements = DeviceMeasurements.defaultDevice();
        private Supplier<Instant> clock = Instant::now;
        private java.util.function.UnaryOperator<SpdmCrypto> cryptoWrapper = c -> c;

        public Builder vfs(int n) {
            if (n < 0 || n > 256) {
                throw new IllegalArgumentException("VFs must be 0..256, got " + n);
            }
            vfs = n;
            return this;
        }

        public Builder policies(HostPolicies p) {
            policies = p;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder faults(FaultInjector f) {
            faults = f;
            return this;
        }

        public Builder tracer(Tracer t) {
            tracer = t;
            return this;
        }

        public Builder identity(DeviceIdentity id) {
            identity = id;
            return this;
        }

        /** The root the TSM verifies the device against (default: the device's own root). */
        public Builder tsmTrustAnchor(java.security.cert.X509Certificate anchor) {
            tsmTrustAnchor = anchor;
            return this;
        }

        public Builder measurements(DeviceMeasurements m) {
            measurements = m;
            return this;
        }

        public Builder clock(Supplier<Instant> c) {
            clock = c;
            return this;
        }

        /** Wraps the device's and the TSM's crypto (e.g. to record what keys a run used, in tests). */
        public Builder cryptoWrapper(java.util.function.UnaryOperator<SpdmCrypto> w) {
            cryptoWrapper = w;
            return this;
        }

        public TeeIoMachine build() {
            return new TeeIoMachine(this);
        }
    }
}
