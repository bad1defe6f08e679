package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.pci.PciDev;

/**
 * A function's PCI/TSM sysfs attributes, /sys/bus/pci/devices/BDF/tsm/{connect,disconnect,dsm,bound} and
 * .../authenticated. An attribute that is not visible for the function (e.g. connect on a VF) does not exist:
 * ENOENT.
 */
public final class PciTsmSysfs {
    private final PciTsmCore core;
    private final PciDev pdev;

    PciTsmSysfs(PciTsmCore core, PciDev pdev) {
        this.core = core;
        this.pdev = pdev;
    }

    public static String path(Bdf bdf, String attr) {
        return "/sys/bus/pci/devices/" + bdf + ("authenticated".equals(attr) ? "/" : "/tsm/") + attr;
    }

    private void visible(String attr, String op) {
        if (!core.attributeVisible(pdev, attr)) {
            throw new KernelException(Errno.ENOENT, op + " " + path(pdev.bdf(), attr), "no such attribute");
        }
    }

    /** echo tsmN > tsm/connect. */
    public void writeConnect(String value) {
        visible("connect", "write");
        core.connect(pdev, value);
    }

    /** The connected TSM's name, or an empty line. */
    public String readConnect() {
        visible("connect", "read");
        return core.readConnect(pdev);
    }

    /** echo tsmN > tsm/disconnect. */
    public void writeDisconnect(String value) {
        visible("disconnect", "write");
        core.disconnect(pdev, value);
    }

    /** The DSM's address, or an empty line. */
    public String readDsm() {
        visible("dsm", "read");
        return core.readDsm(pdev);
    }

    /** The TSM's name while a TDI is bound (LOCKED, RUN or ERROR), else an empty line. */
    public String readBound() {
        visible("bound", "read");
        return core.readBound(pdev);
    }

    /** Alias of the connect state. */
    public String readAuthenticated() {
        visible("authenticated", "read");
        return core.readConnect(pdev);
    }
}
