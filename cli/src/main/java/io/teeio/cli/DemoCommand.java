package io.teeio.cli;

import io.teeio.cli.policy.PolicyFile;
import io.teeio.cli.render.JsonLinesSink;
import io.teeio.cli.render.MermaidSequence;
import io.teeio.cli.render.NarratedTextSink;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.fault.FaultPlan;
import io.teeio.platform.guest.GuestException;
import io.teeio.platform.guest.GuestPolicy;
import io.teeio.platform.guest.Verdict;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.pci.HostAccess;
import io.teeio.platform.machine.Cvm;
import io.teeio.platform.machine.DmaEngine;
import io.teeio.platform.machine.TeeIoMachine;
import io.teeio.platform.tsm.LinkInfo;
import io.teeio.platform.vmm.BindPath;
import io.teeio.platform.vmm.VmmConfig;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.TraceSink;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teeio demo}: the whole life of a TDI on the emulated platform, narrated. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the life of a TDI end to end on the emulated platform (1 device, 1 PF + N VFs, 1 CVM): "
                + "boot, connect (SPDM, session, IDE), assign, bind (LOCK), attest and accept (START), run "
                + "(private MMIO, DMA to private memory, host probes refused), unbind, teardown.",
            "Prints a narrated trace and a summary.",
            "Exit status: 0 all eight steps done; 1 a step failed (named, with the fault if one was injected); "
                    + "2 bad options; 3 all steps done but an injected fault fired and was recovered from."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--vfs", defaultValue = "4", description = "Virtual functions of the device (1..256, default: "
            + "${DEFAULT-VALUE}); the CVM gets VF 1.")
    int vfs;

    @Option(names = "--region-policy", defaultValue = "exclusive-at-open", paramLabel = "POLICY",
            description = "exclusive-at-open (regions requested exclusively at open, held to close) or "
                    + "dynamic-on-bind (the RFC: requested at bind, released at unbind). Default: ${DEFAULT-VALUE}.")
    String regionPolicy;

    @Option(names = "--reset-policy", defaultValue = "block", paramLabel = "POLICY",
            description = "What reset, MSE clear and D3 do while bound: block (EBUSY) or implicit-unbind. "
                    + "Default: ${DEFAULT-VALUE}.")
    String resetPolicy;

    @Option(names = "--bind-path", defaultValue = "vfio", paramLabel = "PATH",
            description = "How the VMM binds: vfio (VFIO_DEVICE_TSM_BIND, the RFC) or iommufd "
                    + "(IOMMU_VDEVICE_TSM_OP). Default: ${DEFAULT-VALUE}.")
    String bindPath;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for keys, nonces and identities; the same "
            + "seed replays the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fault", paramLabel = "NAME", description = "Inject a fault: doe-busy, doe-timeout, doe-abort, "
            + "doe-corrupt-object, response-not-ready, device-reset-mid-flow, ide-key-prog-failure, "
            + "root-port-key-prog-failure (from its first occurrence on), or NAME@N for the Nth only.")
    String fault;

    @Option(names = "--policy", paramLabel = "FILE", description = "The CVM's reference values (JSON); default: "
            + "what the device is built with.")
    Path policyFile;

    @Option(names = "--write-policy", paramLabel = "FILE", description = "Write the default policy as JSON and exit.")
    Path writePolicy;

    @Option(names = "--trace-json", paramLabel = "FILE", description = "Write every trace event as one JSON line "
            + "(schema: docs/trace-schema.md).")
    Path traceJson;

    @Option(names = "--sequence", paramLabel = "FILE", description = "Write a Mermaid sequence diagram of the run "
            + "(CVM, VMM, kernel, TSM, device).")
    Path sequence;

    @Option(names = "--verbose", description = "Narrate every event (every SPDM message, every ioctl).")
    boolean verbose;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** Tests adjust the machine (e.g. to record the keys a run used); the command leaves it as is. */
    java.util.function.UnaryOperator<TeeIoMachine.Builder> machineCustomizer = b -> b;

    private PrintWriter out;
    private final List<String[]> summary = new ArrayList<>();
    private FaultPlan faultPlan;
    private int firstFaultStep;
    private String firstFaultStepName;

    private static RegionPolicy regionPolicy(String s) {
        return switch (s.toLowerCase()) {
            case "exclusive-at-open" -> RegionPolicy.EXCLUSIVE_AT_OPEN;
            case "dynamic-on-bind" -> RegionPolicy.DYNAMIC_ON_BIND;
            default -> throw new IllegalArgumentException("--region-policy must be exclusive-at-open or "
                    + "dynamic-on-bind, not '" + s + "'");
        };
    }

    private static BoundDevicePolicy resetPolicy(String s) {
        return switch (s.toLowerCase()) {
            case "block" -> BoundDevicePolicy.BLOCK_WHILE_BOUND;
            case "implicit-unbind" -> BoundDevicePolicy.IMPLICIT_UNBIND;
            default -> throw new IllegalArgumentException("--reset-policy must be block or implicit-unbind, not '"
                    + s + "'");
        };
    }

    private static BindPath bindPath(String s) {
        return switch (s.toLowerCase()) {
            case "vfio" -> BindPath.VFIO_IOCTL;
            case "iommufd" -> BindPath.IOMMUFD_VDEVICE;
            default -> throw new IllegalArgumentException("--bind-path must be vfio or iommufd, not '" + s + "'");
        };
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HostPolicies policies;
        BindPath path;
        FaultPlan faults;
        try {
            if (vfs < 1 || vfs > 256) {
                throw new IllegalArgumentException("--vfs must be 1..256, got " + vfs);
            }
            policies = new HostPolicies(regionPolicy(regionPolicy), resetPolicy(resetPolicy));
            path = bindPath(bindPath);
            faults = FaultPlan.parse(fault == null ? null : fault.contains("@") || fault.contains("%") ? fault
                    : fault + "@1+", seed);
        } catch (IllegalArgumentException e) {
            err.println("teeio demo: " + e.getMessage());
            return 2;
        }
        RecordingSink recording = new RecordingSink();
        List<TraceSink> sinks = new ArrayList<>();
        sinks.add(recording);
        if (!quiet) {
            sinks.add(narration());
        }
        PrintWriter json = null;
        try {
            if (traceJson != null) {
                json = new PrintWriter(Files.newBufferedWriter(traceJson));
                sinks.add(new JsonLinesSink(json));
            }
            AtomicLong tick = new AtomicLong();
            Tracer tracer = new Tracer(e -> sinks.forEach(s -> s.accept(e)), () -> tick.incrementAndGet() * 1000);
            int code = run(policies, path, faults, tracer, err);
            if (sequence != null) {
                Files.writeString(sequence, MermaidSequence.render(recording.events()));
                out.println("sequence diagram written to " + sequence);
            }
            if (traceJson != null) {
                out.println("trace written to " + traceJson + " (" + recording.events().size() + " events)");
            }
            return code;
        } catch (IOException e) {
            err.println("teeio demo: " + e.getMessage());
            return 2;
        } finally {
            if (json != null) {
                json.close();
            }
        }
    }

    /** Narrates the events a newcomer should see: guest, VMM, TSM, state changes; everything with --verbose. */
    private TraceSink narration() {
        return e -> {
            if (verbose || important(e)) {
                out.println(NarratedTextSink.format(e));
                out.flush();
            }
        };
    }

    static boolean important(TraceEvent e) {
        return switch (e.layer()) {
            case "guest", "vmm", "tsm" -> true;
            case "kernel" -> e.changesState() || e.action().startsWith("VFIO_DEVICE_TSM")
                    || e.action().startsWith("IOMMU_VDEVICE_TSM") || e.action().startsWith("tsm/")
                    || e.action().startsWith("DMA") || e.action().contains("refused")
                    || e.actor().startsWith("/dev/mem") || e.actor().startsWith("/sys/");
            default -> e.changesState() || e.action().startsWith("SECURITY_") || e.action().equals("DMA");
        };
    }

    private void header(int n, String title, String explanation) {
        if (!quiet) {
            out.println();
            out.printf("Step %d. %s%n", n, title);
            out.println("        " + explanation);
        }
        out.flush();
    }

    private void result(int n, String step, String outcome) {
        summary.add(new String[] {Integer.toString(n), step, outcome});
        if (firstFaultStep == 0 && faultPlan != null && !faultPlan.fired().isEmpty()) {
            firstFaultStep = n;
            firstFaultStepName = step;
        }
    }

    private int run(HostPolicies policies, BindPath path, FaultPlan faults, Tracer tracer, PrintWriter err)
            throws IOException {
        faultPlan = faults;
        out.printf("teeio demo: seed %d, %d VF(s), region policy %s, reset policy %s, bind path %s%s%n", seed, vfs,
                policies.regions(), policies.whileBound(), path, fault == null ? "" : ", fault " + fault);
        int step = 1;
        String stepName = "boot";
        try {
            header(1, "Boot", "A PCIe device (PF + VFs, DOE mailbox, IDE, TDISP) behind a root port; the host "
                    + "kernel enumerates it and the platform TSM registers as a PCI/TSM link TSM.");
            TeeIoMachine m = machineCustomizer.apply(TeeIoMachine.builder().vfs(vfs).seed(seed).policies(policies)
                    .faults(faults).tracer(tracer)).build();
            Bdf vf = m.vf(1);
            GuestPolicy policy = policyFile != null ? PolicyFile.read(policyFile) : m.defaultPolicy(vf);
            if (writePolicy != null) {
                PolicyFile.write(writePolicy, m.defaultPolicy(vf));
                out.println("default policy written to " + writePolicy);
                return 0;
            }
            result(1, "boot", "device " + m.pf() + " + " + vfs + " VF(s), " + m.tsmName() + " registered");

            step = 2;
            stepName = "connect";
            header(2, "Connect", "echo " + m.tsmName() + " > /sys/bus/pci/devices/" + m.pf() + "/tsm/connect: the "
                    + "TSM discovers DOE protocols, authenticates the device over SPDM, opens a secured session and "
                    + "keys the IDE stream on both ends.");
            m.connect();
            LinkInfo link = m.tsm().linkInfo(io.teeio.platform.machine.DeviceFunctionHw.routingIdOf(m.pf()))
                    .orElseThrow();
            result(2, "connect", "SPDM " + link.negotiated().version() + ", session " + link.session()
                    + ", IDE stream " + link.ideStream() + " Secure");

            step = 3;
            stepName = "assign";
            header(3, "Assign", "The VMM opens iommufd (exclusive ranges), opens and binds the VFIO cdev of " + vf
                    + ", maps guest memory, allocates a vIOMMU and a vDEVICE: the CVM sees an ordinary device.");
            Cvm cvm = m.launchCvm("CVM 1", VmmConfig.defaults(vf).withBindPath(path), policy);
            result(3, "assign", vf + " assigned to " + cvm.name() + " as vDEVICE " + cvm.vmm().vdeviceId());

            step = 4;
            stepName = "bind";
            header(4, "Bind", "The CVM asks for the TDI; the VMM binds it; the kernel revokes host mmaps and the TSM "
                    + "sends LOCK_INTERFACE_REQUEST.");
            cvm.driver().lock();
            result(4, "bind", "TDI " + m.device().tdiState(m.ref(vf)));

            step = 5;
            stepName = "attest and accept";
            header(5, "Attest and accept", "The CVM fetches the interface report, certificates and measurements "
                    + "through guest requests, checks them against its policy, and accepts: START_INTERFACE.");
            Verdict v = cvm.driver().attest();
            cvm.driver().accept();
            result(5, "attest and accept", "policy " + (v.accepted() ? "met" : "not met") + ", TDI "
                    + m.device().tdiState(m.ref(vf)));

            step = 6;
            stepName = "run";
            header(6, "Run", "The CVM drives the device through private MMIO and DMA into private memory; host "
                    + "paths to the TDI's MMIO are refused.");
            String workload = workload(cvm);
            String probes = hostProbes(m, vf);
            result(6, "run", workload + "; " + probes);

            step = 7;
            stepName = "unbind";
            header(7, "Unbind", "STOP_INTERFACE: the TDI goes back to CONFIG_UNLOCKED; the device stays assigned, "
                    + "its regions stay exclusive.");
            cvm.driver().unlock();
            result(7, "unbind", "TDI " + m.device().tdiState(m.ref(vf)) + ", regions held by "
                    + m.kernel().pci().claimsOf(m.kernel().pci().device(vf)).stream()
                            .map(c -> c.owner()).distinct().toList());

            step = 8;
            stepName = "teardown";
            header(8, "Teardown", "The VMM closes the device fd and the iommufd objects in reverse order; "
                    + "disconnect stops the IDE stream and ends the SPDM session.");
            m.shutdown(cvm);
            m.disconnect();
            List<String> leaks = m.leaks();
            if (!leaks.isEmpty()) {
                throw new IllegalStateException("objects left behind: " + leaks);
            }
            result(8, "teardown", "no object left in the kernel");
            printSummary(link, v);
            if (!faults.fired().isEmpty()) {
                err.println("teeio demo: fault " + fault + " fired " + faults.fired().size() + " time(s) (first in step "
                        + firstFaultStep + ", " + firstFaultStepName + "); the platform recovered and all eight steps "
                        + "completed (exit status 3: completed with injected faults)");
                return 3;
            }
            return 0;
        } catch (GuestException | KernelException | IllegalStateException | java.util.NoSuchElementException e) {
            result(step, stepName, "FAILED: " + e.getMessage());
            printSummary(null, null);
            err.println("teeio demo: step " + step + " (" + stepName + ") failed" + (fault == null ? ""
                    : " under fault " + fault) + ": " + e.getMessage());
            return 1;
        }
    }

    private static final Bytes PATTERN = Bytes.fromHex("7465656f696f2d646d612d7061747465");

    private String workload(Cvm cvm) throws GuestException {
        cvm.driver().mmioWrite(0x100, PATTERN);
        if (!cvm.driver().mmioRead(0x100, PATTERN.length()).equals(PATTERN)) {
            throw new IllegalStateException("a register read back something else than was written");
        }
        cvm.driver().mmioWrite(0x200, PATTERN);
        DmaEngine.startCopy(cvm.driver(), 0x200, 0x1000, PATTERN.length());
        if (!cvm.memory().read(0x1000, PATTERN.length()).equals(PATTERN)) {
            throw new IllegalStateException("the device's DMA did not land in the CVM's private memory");
        }
        return "private MMIO and DMA to private memory checked";
    }

    private String hostProbes(TeeIoMachine m, Bdf vf) {
        var bar = m.kernel().pci().device(vf).bars().get(0);
        List<HostAccess> probes = List.of(
                m.kernel().devMem().read(bar.address(), 4),
                m.kernel().sysfsResource().read(vf, bar.index(), 0, 4));
        long reached = probes.stream().filter(HostAccess::reached).count();
        if (reached > 0) {
            throw new IllegalStateException("a host access reached the TDI's MMIO: " + probes);
        }
        return probes.size() + " host probes refused";
    }

    private void printSummary(LinkInfo link, Verdict v) {
        out.println();
        out.println("Summary");
        out.printf("  %-4s %-20s %s%n", "step", "", "outcome");
        for (String[] r : summary) {
            out.printf("  %-4s %-20s %s%n", r[0], r[1], r[2]);
        }
        if (link != null) {
            out.println();
            out.printf("  SPDM version          %s%n", link.negotiated().version());
            out.printf("  algorithms            %s%n", link.negotiated().describeAlgorithms());
            out.printf("  slot 0 leaf subject   %s%n", link.leafSubject());
            out.printf("  measurements          %d blocks%n", link.measurementCount());
            out.printf("  summary hash (all)    %s%n", link.measurementDigest().toHex());
        }
        if (v != null) {
            out.printf("  guest policy          %s%n", v.accepted() ? "met" : "not met: " + v.reasons());
        }
        out.flush();
    }
}
