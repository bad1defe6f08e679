package io.teeio.platform.scenario;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.fault.FaultPlan;
import io.teeio.platform.guest.EvidenceVerifier;
import io.teeio.platform.guest.ExpectedMmioRange;
import io.teeio.platform.guest.GuestException;
import io.teeio.platform.guest.GuestPolicy;
import io.teeio.platform.guest.GuestTdiState;
import io.teeio.platform.guest.TdispGuestDriver;
import io.teeio.platform.guest.Verdict;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pci.HostAccess;
import io.teeio.platform.kernel.pci.OtherKernelDriver;
import io.teeio.platform.kernel.pci.PciRegs;
import io.teeio.platform.kernel.pci.ResourceClaim;
import io.teeio.platform.kernel.vfio.VfioDeviceFd;
import io.teeio.platform.kernel.vfio.VfioDeviceFeature;
import io.teeio.platform.kernel.vfio.VfioMmap;
import io.teeio.platform.kernel.vfio.VfioRegion;
import io.teeio.platform.machine.Cvm;
import io.teeio.platform.machine.DmaEngine;
import io.teeio.platform.machine.TeeIoMachine;
import io.teeio.platform.vmm.VmmConfig;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.measurement.MeasurementEntry;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of one scenario: the machine, the CVMs opened so far, the other driver, and the recorded trace. */
final class ScenarioRun {
    private static final long MMIO_OFFSET = 0x100;
    private static final long DMA_SOURCE = 0x200;
    /** A private GPA (the lower half of guest RAM is private). */
    private static final long DMA_DESTINATION = 0x1000;
    private static final Bytes PATTERN = Bytes.fromHex("5ce7a210c0ffee0011223344deadbeef");
    private static final int FIRMWARE_MEASUREMENT = 2;
    /** KernelException's message form, "call: ERRNO (reason)", also inside the reasons of refused accesses. */
    private static final Pattern ERRNO_IN_MESSAGE = Pattern.compile(": (E[A-Z]+) \\(");

    private final Scenario scenario;
    private final RecordingSink sink = new RecordingSink();
    private final TeeIoMachine machine;
    private final OtherKernelDriver otherDriver;
    private final Map<String, CvmDeclaration> declared = new HashMap<>();
    private final Map<String, Cvm> open = new HashMap<>();
    private String current;
    private int consumed;

    ScenarioRun(Scenario scenario, DeviceIdentity identity) {
        this.scenario = scenario;
        Setup setup = scenario.setup();
        AtomicLong clock = new AtomicLong();
        TeeIoMachine.Builder b = TeeIoMachine.builder().vfs(setup.vfs()).seed(setup.seed())
                .policies(setup.policies()).faults(FaultPlan.parse(setup.faults(), setup.seed()))
                .tracer(new Tracer(sink, () -> clock.addAndGet(1000)));
        if (identity != null) {
            b.identity(identity);
        }
        if (setup.tampers().contains(Tamper.MEASUREMENTS)) {
            b.measurements(modifiedFirmware());
        }
        this.machine = b.build();
        this.otherDriver = new OtherKernelDriver(machine.kernel().pci(), "other-driver");
        setup.cvms().forEach(c -> declared.put(c.name(), c));
        this.current = setup.cvms().isEmpty() ? null : setup.cvms().get(0).name();
    }

    ScenarioResult run() {
        List<TraceEvent> setupEvents = newEvents();
        List<StepResult> results = new ArrayList<>();
        for (Step step : scenario.steps()) {
            Outcome o = perform(step.action());
            Optional<TdiState> state = tdiState();
            Optional<String> unmet = step.expectation().flatMap(e -> e.unmetBy(o, state));
            StepResult r = new StepResult(step, o, state, unmet, newEvents());
            results.add(r);
            if (r.stops()) {
                break;
            }
        }
        return new ScenarioResult(scenario, setupEvents, results);
    }

    private List<TraceEvent> newEvents() {
        List<TraceEvent> all = sink.events();
        List<TraceEvent> fresh = all.subList(consumed, all.size());
        consumed = all.size();
        return fresh;
    }

    private Optional<TdiState> tdiState() {
        if (current == null) {
            return Optional.empty();
        }
        return Optional.of(machine.device().tdiState(FunctionRef.vf(declared.get(current).vf())));
    }

    // ---- actions --------------------------------------------------------------------------------------------------

    /** Runs one action; every failure becomes the step's outcome, with the errno when a kernel call said no. */
    private Outcome perform(Action action) {
        try {
            if (action instanceof Action.Simple s) {
                return simple(s);
            }
            if (action instanceof Action.HostMmio h) {
                return hostMmio(h.path());
            }
            if (action instanceof Action.ConfigWrite c) {
                deviceFd().configWrite(c.offset(), c.width(), c.value());
                return Outcome.ok(String.format("config 0x%x (%d bytes) = 0x%x", c.offset(), c.width(), c.value()));
            }
            Action.Use u = (Action.Use) action;
            current = u.cvm();
            return Outcome.ok("CVM " + current + " is the current CVM");
        } catch (KernelException e) {
            return Outcome.failed(Optional.of(e.errno()), e.getMessage());
        } catch (GuestException e) {
            return Outcome.failed(errnoOf(e), e.getMessage());
        } catch (NotOpen e) {
            return Outcome.failed(Optional.empty(), e.getMessage());
        } catch (RuntimeException e) {
            // a model defect or an action out of order: reported as the step's failure, with what was thrown
            return Outcome.failed(errnoOf(e), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Outcome simple(Action.Simple s) throws GuestException, NotOpen {
        switch (s) {
            case CONNECT:
                machine.connect();
                return Outcome.ok("PF " + machine.pf() + " connected to " + machine.tsmName()
                        + ": SPDM session and IDE stream up");
            case DISCONNECT:
                machine.disconnect();
                return Outcome.ok("PF " + machine.pf() + " disconnected");
            case OPEN:
                return openCvm();
            case CLOSE:
                machine.shutdown(cvm());
                open.remove(current);
                return Outcome.ok("VMM of CVM " + current + " shut down");
            case BIND:
                driver().lock();
                return Outcome.ok("the host bound the TDI");
            case UNBIND:
                driver().unlock();
                return Outcome.ok("the host unbound the TDI");
            case ATTEST:
                return attest();
            case ACCEPT:
                return accept();
            case MMIO:
                return guestMmio();
            case DMA:
                return guestDma();
            case HOST_CLAIM:
                return hostClaim();
            case HOST_RELEASE: {
                List<ResourceClaim> held = otherDriver.held();
                otherDriver.releaseAll();
                return Outcome.ok(otherDriver.name() + " released " + held.size() + " claim(s)");
            }
            case MSE_CLEAR: {
                VfioDeviceFd fd = deviceFd();
                int command = (int) fd.regionRead(VfioRegion.CONFIG, PciRegs.COMMAND, 2);
                fd.configWrite(PciRegs.COMMAND, 2, command & ~PciRegs.COMMAND_MEMORY);
                return Outcome.ok("COMMAND " + PciRegs.describeCommand(command & ~PciRegs.COMMAND_MEMORY));
            }
            case D3:
                deviceFd().vfioDeviceFeature(VfioDeviceFeature.set(
                        VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
                return Outcome.ok("function in D3hot");
            case D0:
                deviceFd().vfioDeviceFeature(VfioDeviceFeature.set(
                        VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_EXIT));
                return Outcome.ok("function back in D0");
            case RESET:
                deviceFd().vfioDeviceReset();
                return Outcome.ok("VFIO_DEVICE_RESET done");
            case STATE:
                return Outcome.ok("TDI of " + bdf() + " (VF " + declared.get(current).vf() + ") is "
                        + tdiState().orElseThrow() + open(current).map(c -> "; CVM " + current + " holds it "
                                + c.driver().state()).orElse("; CVM " + current + " is not open"));
            case LEAKS: {
                List<String> leaks = machine.leaks();
                return leaks.isEmpty() ? Outcome.ok("the host kernel holds nothing")
                        : Outcome.failed(Optional.empty(), "the host kernel still holds: " + String.join("; ", leaks));
            }
            case NO_TDI_ERROR: {
                List<String> errors = tdiErrors(sink.events());
                return errors.isEmpty() ? Outcome.ok("no TDI went to ERROR")
                        : Outcome.failed(Optional.empty(), "TDI went to ERROR: " + String.join("; ", errors));
            }
            default:
                throw new IllegalStateException("action without a case: " + s);
        }
    }

    private Outcome openCvm() {
        if (open.containsKey(current)) {
            return Outcome.failed(Optional.empty(), "CVM " + current + " is already open");
        }
        Setup setup = scenario.setup();
        VmmConfig config = VmmConfig.defaults(bdf()).withBindPath(setup.bindPath())
                .withExclusiveRanges(setup.exclusiveRanges());
        Cvm cvm = machine.launchCvm(current, config, policy(bdf()));
        open.put(current, cvm);
        return Outcome.ok("VF " + declared.get(current).vf() + " (" + bdf() + ") assigned to CVM " + current
                + " through vfio-pci and iommufd");
    }

    private Outcome attest() throws GuestException, NotOpen {
        Verdict v = driver().attest();
        return v.accepted() ? Outcome.ok("the evidence matches the CVM's policy")
                : Outcome.refused(Optional.empty(), "the CVM refuses the evidence: " + String.join("; ", v.reasons()));
    }

    private Outcome accept() throws GuestException, NotOpen {
        TdispGuestDriver driver = driver();
        try {
            driver.accept();
        } catch (GuestException e) {
            if (driver.state() == GuestTdiState.REFUSED) {
                return Outcome.refused(Optional.empty(), e.getMessage());
            }
            throw e;
        }
        return Outcome.ok("START_INTERFACE accepted; private MMIO mapped into the CVM");
    }

    /** A private write and read-back; a refusal by KVM or the device is the access refused. */
    private Outcome guestMmio() throws NotOpen {
        TdispGuestDriver driver = driver();
        try {
            driver.mmioWrite(MMIO_OFFSET, PATTERN);
            Bytes back = driver.mmioRead(MMIO_OFFSET, PATTERN.length());
            if (!back.equals(PATTERN)) {
                return Outcome.failed(Optional.empty(), "wrote " + PATTERN.toHex() + " at 0x"
                        + Long.toHexString(MMIO_OFFSET) + ", read back " + back.toHex());
            }
            return Outcome.ok("wrote and read back 16 bytes of private MMIO at 0x" + Long.toHexString(MMIO_OFFSET));
        } catch (GuestException e) {
            Optional<Errno> errno = errnoOf(e);
            return errno.isPresent() ? Outcome.failed(errno, e.getMessage()) : Outcome.refused(errno, e.getMessage());
        }
    }

    /** Programs the DMA engine through private MMIO to copy 16 bytes into private guest memory. */
    private Outcome guestDma() throws NotOpen {
        Cvm cvm = cvm();
        TdispGuestDriver driver = cvm.driver();
        cvm.memory().write(DMA_DESTINATION, Bytes.of(new byte[PATTERN.length()]));
        try {
            driver.mmioWrite(DMA_SOURCE, PATTERN);
            DmaEngine.startCopy(driver, DMA_SOURCE, DMA_DESTINATION, PATTERN.length());
            Bytes status = driver.mmioRead(DmaEngine.STATUS, 8);
            if (status.equals(Bytes.of(DmaEngine.le64bytes(DmaEngine.STATUS_FAILED)))) {
                return Outcome.refused(Optional.empty(), "the device's DMA to private memory was refused (see trace)");
            }
        } catch (GuestException e) {
            Optional<Errno> errno = errnoOf(e);
            return errno.isPresent() ? Outcome.failed(errno, e.getMessage()) : Outcome.refused(errno, e.getMessage());
        }
        Bytes landed = cvm.memory().read(DMA_DESTINATION, PATTERN.length());
        return landed.equals(PATTERN) ? Outcome.ok("the device copied 16 bytes into private memory at GPA 0x"
                + Long.toHexString(DMA_DESTINATION))
                : Outcome.failed(Optional.empty(), "DMA reported done but private memory holds " + landed.toHex());
    }

    private Outcome hostClaim() {
        List<String> got = new ArrayList<>();
        for (BarInfo bar : machine.kernel().pci().device(bdf()).bars()) {
            try {
                ResourceClaim c = otherDriver.requestMemRegion(bdf(), bar.index());
                got.add(String.format("BAR%d [0x%x-0x%x]", bar.index(), c.start(), c.end()));
            } catch (KernelException e) {
                return Outcome.refused(Optional.of(e.errno()), e.getMessage());
            }
        }
        return Outcome.ok(otherDriver.name() + " holds " + String.join(", ", got));
    }

    /** A 4-byte read of BAR 0 at offset 0 through one host path. */
    private Outcome hostMmio(HostPath path) throws NotOpen {
        Bdf bdf = bdf();
        BarInfo bar = machine.kernel().pci().device(bdf).bars().get(0);
        HostAccess a;
        switch (path) {
            case DEV_MEM:
                a = machine.kernel().devMem().read(bar.address(), 4);
                break;
            case SYSFS_RESOURCE:
                a = machine.kernel().sysfsResource().read(bdf, bar.index(), 0, 4);
                break;
            case OTHER_DRIVER:
                a = otherDriver.mmioRead(bdf, bar.index(), 0, 4);
                break;
            case VFIO_REGION:
                try {
                    long v = deviceFd().regionRead(bar.index(), 0, 4);
                    return Outcome.reached(String.format("pread of BAR%d returned 0x%x", bar.index(), v));
                } catch (KernelException e) {
                    return Outcome.refused(Optional.of(e.errno()), e.getMessage());
                }
            case VFIO_MMAP: {
                VfioMmap m;
                try {
                    m = deviceFd().mmap(bar.index(), 0, 4096);
                } catch (KernelException e) {
                    return Outcome.refused(Optional.of(e.errno()), e.getMessage());
                }
                try {
                    a = m.read(0, 4);
                } finally {
                    m.munmap();
                }
                break;
            }
            default:
                throw new IllegalStateException("host path without a case: " + path);
        }
        if (a.reached()) {
            return Outcome.reached(path.scriptName() + " reached " + a.target() + ": " + a.outcome().status());
        }
        return Outcome.refused(errnoIn(a.reason()), a.reason());
    }

    // ---- the current CVM ------------------------------------------------------------------------------------------

    /** An action needs the current CVM open and it is not: reported as the step's failure. */
    private static final class NotOpen extends Exception {
        NotOpen(String cvm) {
            super("CVM " + cvm + " is not open (no 'open' before this line, or it was closed)");
        }
    }

    private Bdf bdf() {
        return machine.vf(declared.get(current).vf());
    }

    private Optional<Cvm> open(String name) {
        return Optional.ofNullable(open.get(name));
    }

    private Cvm cvm() throws NotOpen {
        return open(current).orElseThrow(() -> new NotOpen(current));
    }

    private TdispGuestDriver driver() throws NotOpen {
        return cvm().driver();
    }

    private VfioDeviceFd deviceFd() throws NotOpen {
        return cvm().vmm().deviceFd();
    }

    // ---- policy and tampering ---------------------------------------------------------------------------------------

    private GuestPolicy policy(Bdf function) {
        GuestPolicy p = machine.defaultPolicy(function);
        if (scenario.setup().tampers().contains(Tamper.REPORT)) {
            List<ExpectedMmioRange> ranges = new ArrayList<>(p.mmioRanges());
            ExpectedMmioRange first = ranges.get(0);
            ranges.set(0, new ExpectedMmioRange(first.rangeId(), first.pages() + 1, first.nonTeeMemory()));
            p = p.withMmioRanges(ranges);
        }
        if (scenario.setup().tampers().contains(Tamper.MEASUREMENTS)) {
            p = p.withReferenceMeasurements(genuineReferenceValues());
        }
        return p;
    }

    /** What the genuine device measures, under the hash the TSM negotiates: what a CVM's policy holds. */
    private Map<Integer, Bytes> genuineReferenceValues() {
        try {
            return EvidenceVerifier.referenceValues(DeviceMeasurements.defaultDevice().blocks(
                    MeasurementHashAlgo.TPM_ALG_SHA_512, false,
                    new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(scenario.setup().seed()))));
        } catch (SpdmDecodeException e) {
            throw new IllegalStateException("the genuine device's measurements do not encode", e);
        }
    }

    private static DeviceMeasurements modifiedFirmware() {
        List<MeasurementEntry> entries = new ArrayList<>();
        for (MeasurementEntry e : DeviceMeasurements.defaultDevice().entries()) {
            entries.add(e.index() != FIRMWARE_MEASUREMENT ? e : new MeasurementEntry(e.index(), e.kind(),
                    Bytes.of((new String(e.rawValue().toByteArray(), StandardCharsets.UTF_8) + " (modified)")
                            .getBytes(StandardCharsets.UTF_8)), e.description()));
        }
        return new DeviceMeasurements(entries);
    }

    /** The events that moved something (a TDI: nothing else has an ERROR state) to ERROR, described. */
    static List<String> tdiErrors(List<TraceEvent> events) {
        return events.stream().filter(e -> e.changesState() && e.stateAfter().equals("ERROR"))
                .map(e -> "#" + e.seq() + " " + e.actor() + " " + e.action() + " (" + e.detail() + ")")
                .toList();
    }

    // ---- errno --------------------------------------------------------------------------------------------------

    /** The errno of the first kernel failure in the cause chain. */
    private static Optional<Errno> errnoOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof KernelException k) {
                return Optional.of(k.errno());
            }
        }
        return Optional.empty();
    }

    /** The errno a refused access's reason names, in KernelException's "call: ERRNO (reason)" form. */
    static Optional<Errno> errnoIn(String reason) {
        Matcher m = ERRNO_IN_MESSAGE.matcher(reason);
        while (m.find()) {
            for (Errno e : Errno.values()) {
                if (e.name().equals(m.group(1))) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }
}
