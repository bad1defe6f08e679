package io.teeio.platform.scenario;

import java.util.Arrays;
import java.util.Optional;

/** What one scenario line does. Actions without arguments are {@link Simple}; the others are records. */
public sealed interface Action permits Action.Simple, Action.HostMmio, Action.ConfigWrite, Action.Use {

    /** The action as the scenario language writes it. */
    String text();

    /** Whether it acts on the current CVM (and so needs one declared). */
    boolean needsCvm();

    /** The actions that take no argument, with their names in the language. */
    enum Simple implements Action {
        /** PCI/TSM connect of the PF: SPDM, secured session, IDE stream. */
        CONNECT("connect", false),
        /** PCI/TSM disconnect: the IDE stream stops and the SPDM session ends. */
        DISCONNECT("disconnect", false),
        /** The VMM assigns the CVM's VF: iommufd, EXCLUSIVE_RANGES, VFIO cdev open and bind, IOAS, vDEVICE. */
        OPEN("open", true),
        /** The VMM shuts down: closes the VFIO cdev (which unbinds first), iommufd objects, the VM. */
        CLOSE("close", true),
        /** The guest asks to lock its TDI; the VMM binds it (VFIO_DEVICE_TSM_BIND or IOMMU_VDEVICE_TSM_OP). */
        BIND("bind", true),
        /** The guest gives its TDI back; the VMM unbinds it (STOP_INTERFACE, CONFIG_UNLOCKED). */
        UNBIND("unbind", true),
        /** The guest fetches report, certificates and measurements and checks them against its policy. */
        ATTEST("attest", true),
        /** The guest accepts (START_INTERFACE, RUN) what it attested, or refuses a device that failed. */
        ACCEPT("accept", true),
        /** The guest writes and reads back its device's private MMIO (a T access). */
        MMIO("mmio", true),
        /** The guest has its device copy bytes by DMA into the CVM's private memory. */
        DMA("dma", true),
        /** Another kernel driver claims the function's BARs with request_mem_region() and keeps them. */
        HOST_CLAIM("host-claim", true),
        /** That driver releases whatever it claimed. */
        HOST_RELEASE("host-release", true),
        /** The VMM clears Memory Space Enable through the VFIO config region. */
        MSE_CLEAR("mse-clear", true),
        /** The VMM puts the function in D3hot (VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY). */
        D3("d3", true),
        /** The VMM brings it back to D0 (VFIO_DEVICE_FEATURE_LOW_POWER_EXIT). */
        D0("d0", true),
        /** The VMM resets the function (VFIO_DEVICE_RESET). */
        RESET("reset", true),
        /** Reports the TDI state of the CVM's function, as the device holds it. */
        STATE("state", true),
        /** Fails unless the host kernel holds nothing (files, iommufd objects, VMs, bound TDIs, VFIO claims). */
        LEAKS("leaks", false),
        /** Fails if any TDI went to ERROR since the scenario started. */
        NO_TDI_ERROR("no-tdi-error", false);

        private final String text;
        private final boolean needsCvm;

        Simple(String text, boolean needsCvm) {
            this.text = text;
            this.needsCvm = needsCvm;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public boolean needsCvm() {
            return needsCvm;
        }

        public static Optional<Simple> byName(String name) {
            return Arrays.stream(values()).filter(s -> s.text.equals(name)).findFirst();
        }
    }

    /** A host attempt to read the CVM's function's BAR 0 through one path. */
    record HostMmio(HostPath path) implements Action {
        @Override
        public String text() {
            return "host-mmio " + path.scriptName();
        }

        @Override
        public boolean needsCvm() {
            return true;
        }
    }

    /**
     * A pwrite of the VFIO config region by the VMM.
     *
     * @param register as written: {@code command} or a hexadecimal offset
     */
    record ConfigWrite(String register, int offset, int width, int value) implements Action {
        @Override
        public String text() {
            return "config-write " + register + " 0x" + Integer.toHexString(value);
        }

        @Override
        public boolean needsCvm() {
            return true;
        }
    }

    /** Makes another declared CVM the current one. */
    record Use(String cvm) implements Action {
        @Override
        public String text() {
            return "use " + cvm;
        }

        @Override
        public boolean needsCvm() {
            return true;
        }
    }
}
