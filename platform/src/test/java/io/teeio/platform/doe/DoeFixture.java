package io.teeio.platform.doe;

import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.pci.ConfigSpace;
import io.teeio.platform.pci.ConfigSpaceBuilder;
import io.teeio.platform.pci.ConfigWriteListener;
import io.teeio.platform.pci.DoeCapabilitySpec;
import io.teeio.platform.pci.PciIdentity;
import io.teeio.platform.pci.PciRegs;
import io.teeio.platform.pci.PcieCapabilitySpec;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A function with one DOE mailbox answered by a fixed SPDM VERSION (the real responder replaces it later). */
final class DoeFixture {
    /** GET_VERSION as a DOE CMA/SPDM object (PROTOCOLS.md §4.1 example). */
    static final byte[] GET_VERSION_OBJECT = Bytes.fromHex("01000100 03000000 10840000").toByteArray();
    /** VERSION offering 1.0, 1.1 and 1.2, as a 5-DW DOE object. */
    static final byte[] VERSION_OBJECT = Bytes.fromHex("01000100 05000000 10040000 00030010 00110012").toByteArray();

    final ConfigSpace config;
    final DoeMailbox mailbox;
    final int cap;
    final List<byte[]> requests = new ArrayList<>();
    final List<Integer> interrupts = new ArrayList<>();

    DoeFixture(DoeMailboxConfig mailboxConfig, FaultInjector faults, boolean interruptSupport) {
        this(mailboxConfig, faults, interruptSupport, null);
    }

    /** With {@code backend} instead of the fixed VERSION answer (null = the fixed answer). */
    DoeFixture(DoeMailboxConfig mailboxConfig, FaultInjector faults, boolean interruptSupport, DoeBackend backend) {
        DoeCapabilitySpec capSpec = new DoeCapabilitySpec(interruptSupport, interruptSupport ? 5 : 0);
        config = new ConfigSpace(ConfigSpaceBuilder.type0(new PciIdentity(0x8086, 0xFFFF, 1, 0x120000, 0, 0))
                .pcie(PcieCapabilitySpec.endpoint()).doe(capSpec).build(), ConfigWriteListener.NONE);
        cap = config.layout().extCapabilityOffset(PciRegs.EXT_CAP_ID_DOE).getAsInt();
        mailbox = new DoeMailbox(capSpec, mailboxConfig, backend != null ? backend : this::answer, faults, interrupts::add, Tracer.NONE, "DOE test");
        mailbox.attachTo(config, cap);
    }

    DoeFixture() {
        this(DoeMailboxConfig.synchronous(), FaultInjector.NONE, false);
    }

    private Optional<byte[]> answer(byte[] request) {
        requests.add(request.clone());
        return Arrays.equals(request, GET_VERSION_OBJECT) ? Optional.of(VERSION_OBJECT.clone()) : Optional.empty();
    }

    DoeMailboxDriver driver() {
        return new DoeMailboxDriver(config, cap, DoeMailboxDriver.DEFAULT_POLL_BUDGET, Tracer.NONE, "tsm");
    }

    int status() {
        return config.readDword(cap + PciRegs.DOE_STATUS);
    }

    void writeDw(int value) {
        config.writeDword(cap + PciRegs.DOE_WRITE, value);
    }

    void go() {
        config.writeDword(cap + PciRegs.DOE_CTRL, PciRegs.DOE_CTRL_GO);
    }

    void abort() {
        config.writeDword(cap + PciRegs.DOE_CTRL, PciRegs.DOE_CTRL_ABORT);
    }

    int readDw() {
        return config.readDword(cap + PciRegs.DOE_READ);
    }

    void pop() {
        config.writeDword(cap + PciRegs.DOE_READ, 0);
    }

    void writeObject(byte[] object) {
        for (int i = 0; i < object.length; i += 4) {
            writeDw(object[i] & 0xFF | (object[i + 1] & 0xFF) << 8 | (object[i + 2] & 0xFF) << 16
                    | (object[i + 3] & 0xFF) << 24);
        }
    }
}
