package io.teeio.platform.dsm;

import io.teeio.pcie.dsm.DeviceSecurityManager;
import io.teeio.pcie.tdisp.LockInterfaceFlags;
import io.teeio.pcie.tdisp.Tdi;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.pcie.tdisp.TdispDeviceCapabilities;
import io.teeio.platform.device.DmaOutcome;
import io.teeio.platform.device.Endpoint;
import io.teeio.platform.device.EndpointSpec;
import io.teeio.platform.device.FunctionConfigListener;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.Iommu;
import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.device.MmioRequest;
import io.teeio.platform.doe.DoeInterruptLine;
import io.teeio.platform.doe.DoeMailboxConfig;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.pci.PciIdentity;
import io.teeio.platform.pci.SriovSpec;
import io.teeio.platform.rootport.DeviceIdeEnd;
import io.teeio.platform.rootport.DownstreamLink;
import io.teeio.platform.rootport.RootPort;
import io.teeio.platform.rootport.RootPortSpec;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TEE-IO device behind its root port: an {@link Endpoint} (one PF and up to 256 VFs) whose DOE mailbox is
 * answered by a {@link DeviceSecurityManager} (SPDM responder, IDE_KM, TDISP) hosting one TDI per function,
 * wired both ways:
 * <ul>
 *   <li>the hardware consults the TDIs on every access ({@link TdispGates}: T requests only in RUN over a Secure
 *       stream, host requests to a locked TDI's TEE memory refused) and issues a RUN TDI's DMA with T through the
 *       {@link Iommu};</li>
 *   <li>the hardware's security events (locked config write, MSE/BME clear, BAR move, FLR, requester id change,
 *       IDE stream leaving Secure) send the TDIs to ERROR ({@link TdispSecurityEvents});</li>
 *   <li>IDE_KM programs the endpoint's IDE engine ({@link EndpointIdePort}); the root port sees this end
 *       through the endpoint's IDE registers, and a root port stream leaving Secure takes this end out of
 *       Secure too.</li>
 * </ul>
 * A conventional reset (Secondary Bus Reset at the root port, or {@link #conventionalReset()}) takes the
 * endpoint back to power-on and replaces the DSM by a fresh one: sessions, keys and TDI state are gone.
 *
 * <p>Not thread-safe: the emulated machine drives it from one thread.
 */
public final class EmulatedDevice {
    private static final String LAYER = "device";

    private final DeviceIdentity identity;
    private final ResponderConfig responderConfig;
    private final TdispDeviceCapabilities tdispCapabilities;
    private final SpdmCrypto crypto;
    private final Tracer tracer;
    private final DeviceTdis tdis = new DeviceTdis();
    private final Endpoint endpoint;
    private final EndpointIdePort idePort;
    private final RootPort rootPort;
    private DeviceSecurityManager dsm;

    private EmulatedDevice(Builder b) {
        this.identity = b.identity != null ? b.identity : generateIdentity(b.spec.identity(), b.seed);
        this.crypto = b.crypto != null ? b.crypto : new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(b.seed));
        this.tracer = b.tracer;
        this.tdispCapabilities = b.tdispCapabilities;
        FaultInjector faults = b.faults;
        this.responderConfig = ResponderConfig.builder().slot(0, identity).measurements(b.measurements).name("DSM")
                .responseNotReady(code -> faults.fires(FaultPoint.RESPONSE_NOT_READY)).build();
        this.endpoint = Endpoint.builder(b.spec).tracer(tracer)
                .gates(new TdispGates(tdis, this::streamSecure))
                .securityEvents(new TdispSecurityEvents(tdis, this::ideRegisters, tracer))
                .iommu(b.iommu).doeBackend(this::doeObject).doeConfig(b.doeConfig)
                .faults(faults).doeInterrupt(b.doeInterrupt).configWrites(b.configWrites).build();
        this.idePort = new EndpointIdePort(endpoint, faults, this::deviceEndChanged, tracer);
        this.rootPort = new RootPort(b.rootPortSpec, new Downstream(), DeviceIdeEnd.of(endpoint),
                this::rootPortStreamChanged, tracer);
        this.dsm = newDsm();
        tdis.hostAll(dsm.tdisp(), endpoint, b.spec.sriov().map(SriovSpec::totalVfs).orElse(0));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A device identity (root, intermediate, leaf; ECDSA P-384) whose leaf names the PCI identity, from a seed. */
    public static DeviceIdentity generateIdentity(PciIdentity pci, long seed) {
        return new IdentityGenerator().generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, seed,
                new DeviceIds(pci.vendorId(), pci.deviceId(), pci.classCode(), pci.revisionId(),
                        pci.subsystemVendorId(), pci.subsystemId())));
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public RootPort rootPort() {
        return rootPort;
    }

    /** The DSM now answering the mailbox (a conventional reset replaces it). */
    public DeviceSecurityManager dsm() {
        return dsm;
    }

    public DeviceIdentity identity() {
        return identity;
    }

    /** The root of the device's certificate chain: what a TSM that trusts this device holds as anchor. */
    public X509Certificate trustAnchor() {
        return identity.chain().root();
    }

    /** The TDI of a function (the PF or VF 1..TotalVFs), as the DSM holds it. */
    public Tdi tdi(FunctionRef function) {
        return tdis.tdi(function).orElseThrow(() -> new IllegalArgumentException(function + " is not a function of "
                + "this device (TotalVFs " + tdis.totalVfs() + ")"));
    }

    /** The device's own view of a function's TDI state. */
    public TdiState tdiState(FunctionRef function) {
        return tdi(function).state();
    }

    /** A memory request from the host, through the root port. */
    public MmioOutcome mmio(MmioRequest request) {
        return rootPort.forwardMmio(request);
    }

    /** A DMA read issued by a function (with T when its TDI is RUN). */
    public DmaOutcome dmaRead(FunctionRef function, long address, int length) {
        return endpoint.function(function).orElseThrow(() -> new IllegalArgumentException(function
                + " does not exist")).dmaRead(address, length);
    }

    /** How many of the stream's 12 key slots in the endpoint's IDE engine hold a key. */
    public int ideKeySlotsInUse(int streamId) {
        return idePort.slotsInUse(streamId);
    }

    /** Whether both ends of the stream use the same keys (the device's RX keys are the root port's TX keys). */
    public boolean ideEndsAgree(int streamId) {
        return idePort.agreesWith(rootPort, streamId);
    }

    /**
     * Cold, warm or hot reset of the endpoint: every TDI to CONFIG_UNLOCKED, config space (DOE, IDE, SR-IOV:
     * VFs gone) and memory back to power-on, and the DSM replaced by a fresh one.
     */
    public void conventionalReset() {
        endpoint.conventionalReset();
        dsm.spdm().endAllSessions("conventional reset");
        idePort.reset();
        dsm = newDsm();
        tdis.hostAll(dsm.tdisp(), endpoint, tdis.totalVfs());
        for (int b = 0; b < rootPort.ide().blocks(); b++) {
            rootPort.deviceEndChanged(rootPort.ide().streamId(b));
        }
        tracer.event(LAYER, "DSM", "", "DSM_RESET", "conventional reset: sessions, IDE keys and TDI state gone");
    }

    private DeviceSecurityManager newDsm() {
        return new DeviceSecurityManager(responderConfig, tdispCapabilities, List.of(idePort),
                SecuredMessageBinding.PCI_DOE, crypto, tracer);
    }

    private Optional<byte[]> doeObject(byte[] request) {
        return dsm.handleDoeObject(request);
    }

    private Optional<IdeRegisters> ideRegisters() {
        return endpoint.ide();
    }

    private boolean streamSecure(int streamId) {
        return endpoint.ideStreamSecure(streamId) && dsm.ideKm().isSecure(FunctionTdiHost.IDE_PORT, streamId);
    }

    private void deviceEndChanged(int streamId) {
        if (rootPort.ide().blockOf(streamId).isPresent()) {
            rootPort.deviceEndChanged(streamId);
        }
    }

    /** The link partner stopped protecting the stream: this end's stream is no longer Secure either. */
    private void rootPortStreamChanged(int streamId, IdeStreamState before, IdeStreamState after, String cause) {
        if (after == IdeStreamState.INSECURE && endpoint.ideStreamSecure(streamId)) {
            tracer.event(LAYER, "IDE engine", "root port", "IDE_STREAM", "stream " + streamId
                    + " Insecure at the root port (" + cause + "): the device end leaves Secure");
            endpoint.setIdeStreamState(streamId, IdeStreamState.INSECURE);
        }
    }

    /** The endpoint as the root port reaches it; a hot reset is a conventional reset of the whole device. */
    private final class Downstream implements DownstreamLink {
        @Override
        public void busNumberAssigned(int bus) {
            endpoint.captureBusNumber(bus);
        }

        @Override
        public void hotReset() {
            conventionalReset();
        }

        @Override
        public MmioOutcome mmio(MmioRequest request) {
            return endpoint.mmio(request);
        }
    }

    /** What to build; every collaborator has a harmless default. */
    public static final class Builder {
        private EndpointSpec spec = EndpointSpec.builder().build();
        private RootPortSpec rootPortSpec = RootPortSpec.defaults();
        private DeviceIdentity identity;
        private long seed = 1;
        private DeviceMeasurements measurements = DeviceMeasurements.defaultDevice();
        private SpdmCrypto crypto;
        private TdispDeviceCapabilities tdispCapabilities = TdispDeviceCapabilities.requiredOnly(
                new LockInterfaceFlags(LockInterfaceFlags.NO_FW_UPDATE | LockInterfaceFlags.SYSTEM_CACHE_LINE_SIZE
                        | LockInterfaceFlags.LOCK_MSIX), 52);
        private FaultInjector faults = FaultInjector.NONE;
        private Iommu iommu = Iommu.ABSENT;
        private DoeMailboxConfig doeConfig = DoeMailboxConfig.synchronous();
        private DoeInterruptLine doeInterrupt = DoeInterruptLine.NONE;
        private FunctionConfigListener configWrites = FunctionConfigListener.NONE;
        private Tracer tracer = Tracer.NONE;

        private Builder() {
        }

        /** The endpoint (default: {@link EndpointSpec#builder()}'s, 4 VFs); it needs a DOE mailbox and IDE. */
        public Builder endpoint(EndpointSpec value) {
            if (value.doe().isEmpty() || value.ide().isEmpty()) {
                throw new IllegalArgumentException("a TEE-IO device needs a DOE mailbox and an IDE capability");
            }
            spec = value;
            return this;
        }

        /** TotalVFs of the default endpoint: 0 (no SR-IOV) to 256. */
        public Builder vfs(int totalVfs) {
            if (totalVfs < 0 || totalVfs > 256) {
                throw new IllegalArgumentException("VFs must be 0..256, was " + totalVfs);
            }
            spec = totalVfs == 0 ? spec.toBuilder().sriov(null).build() : spec.toBuilder().vfs(totalVfs).build();
            return this;
        }

        public Builder rootPort(RootPortSpec value) {
            rootPortSpec = Objects.requireNonNull(value);
            return this;
        }

        /** The DSM's identity (slot 0); default: {@link #generateIdentity} from the seed. */
        public Builder identity(DeviceIdentity value) {
            identity = Objects.requireNonNull(value);
            return this;
        }

        /** Seeds the generated identity and the DSM's random source. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder measurements(DeviceMeasurements value) {
            measurements = Objects.requireNonNull(value);
            return this;
        }

        public Builder crypto(SpdmCrypto value) {
            crypto = Objects.requireNonNull(value);
            return this;
        }

        public Builder tdispCapabilities(TdispDeviceCapabilities value) {
            tdispCapabilities = Objects.requireNonNull(value);
            return this;
        }

        /** Faults queried by the mailbox, the DSM (ResponseNotReady) and the IDE engine (key programming). */
        public Builder faults(FaultInjector value) {
            faults = Objects.requireNonNull(value);
            return this;
        }

        public Builder iommu(Iommu value) {
            iommu = Objects.requireNonNull(value);
            return this;
        }

        public Builder doeConfig(DoeMailboxConfig value) {
            doeConfig = Objects.requireNonNull(value);
            return this;
        }

        public Builder doeInterrupt(DoeInterruptLine value) {
            doeInterrupt = Objects.requireNonNull(value);
            return this;
        }

        public Builder configWrites(FunctionConfigListener value) {
            configWrites = Objects.requireNonNull(value);
            return this;
        }

        public Builder tracer(Tracer value) {
            tracer = Objects.requireNonNull(value);
            return this;
        }

        public EmulatedDevice build() {
            return new EmulatedDevice(this);
        }
    }
}
