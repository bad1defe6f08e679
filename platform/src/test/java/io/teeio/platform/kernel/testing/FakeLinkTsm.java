package io.teeio.platform.kernel.testing;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.pcitsm.PciTdi;
import io.teeio.platform.kernel.pcitsm.PciTsmLinkOps;
import io.teeio.platform.kernel.pcitsm.PciTsmReqScope;
import io.teeio.platform.kernel.pcitsm.TsmDev;
import io.teeio.platform.kernel.pcitsm.TsmGuestResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A fake link TSM over {@link FakePciFunction}s: connect marks the DSM's link up, bind LOCKs the TDI, unbind STOPs
 * it, and guest requests carry a TDISP request code in their first byte: GET_DEVICE_INTERFACE_STATE (0x85) and
 * GET_DEVICE_INTERFACE_REPORT (0x84) need scope INFO or more, START_INTERFACE (0x86) and STOP_INTERFACE (0x87)
 * need STATE_CHANGE. An error answers {0x7F, code} with the TDISP error code as tsm code.
 */
public final class FakeLinkTsm implements PciTsmLinkOps {
    public static final int GET_DEVICE_INTERFACE_REPORT = 0x84;
    public static final int GET_DEVICE_INTERFACE_STATE = 0x85;
    public static final int START_INTERFACE = 0x86;
    public static final int STOP_INTERFACE = 0x87;
    public static final int TDISP_ERROR = 0x7F;
    public static final long INVALID_REQUEST = 0x0001;
    public static final long INVALID_INTERFACE_STATE = 0x0004;
    public static final long UNSUPPORTED_REQUEST = 0x0007;

    private final Map<Bdf, FakePciFunction> functions = new TreeMap<>();
    private final HwLog log;
    private final Set<Bdf> probed = new HashSet<>();
    private final Set<Bdf> linkUp = new HashSet<>();
    private final Set<Bdf> refuseProbe = new HashSet<>();
    private final List<String> calls = new ArrayList<>();
    private Errno failConnect;
    private Errno failBind;
    private Consumer<PciDev> beforeLock = p -> { };

    public FakeLinkTsm(HwLog log, List<FakePciFunction> fns) {
        this.log = log;
        fns.forEach(f -> functions.put(f.bdf(), f));
    }

    public void refuseProbe(Bdf bdf) {
        refuseProbe.add(bdf);
    }

    public void failConnectWith(Errno errno) {
        failConnect = errno;
    }

    public void failBindWith(Errno errno) {
        failBind = errno;
    }

    /** Runs just before LOCK_INTERFACE is sent: lets a test look at the host at that instant. */
    public void beforeLock(Consumer<PciDev> hook) {
        beforeLock = hook;
    }

    public boolean linkUp(Bdf dsm) {
        return linkUp.contains(dsm);
    }

    public boolean probed(Bdf bdf) {
        return probed.contains(bdf);
    }

    /** The ops called, in order ("probe 0000:01:00.0", "unbind 0000:01:00.2", ...). */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private FakePciFunction fn(Bdf bdf) {
        FakePciFunction f = functions.get(bdf);
        if (f == null) {
            throw new KernelException(Errno.ENXIO, "fake tsm", "unknown function " + bdf);
        }
        return f;
    }

    @Override
    public void probe(TsmDev tsm, PciDev pdev) {
        calls.add("probe " + pdev.bdf());
        if (refuseProbe.contains(pdev.bdf())) {
            throw new KernelException(Errno.ENXIO, "probe", "fake TSM refuses " + pdev.bdf());
        }
        fn(pdev.bdf());
        probed.add(pdev.bdf());
    }

    @Override
    public void remove(PciDev pdev) {
        calls.add("remove " + pdev.bdf());
        probed.remove(pdev.bdf());
    }

    @Override
    public void connect(PciDev dsm) {
        calls.add("connect " + dsm.bdf());
        if (failConnect != null) {
            Errno e = failConnect;
            failConnect = null;
            throw new KernelException(e, "connect", "fake SPDM session failed");
        }
        linkUp.add(dsm.bdf());
        log.add(dsm.bdf() + " link up (SPDM + IDE)");
    }

    @Override
    public void disconnect(PciDev dsm) {
        calls.add("disconnect " + dsm.bdf());
        linkUp.remove(dsm.bdf());
        log.add(dsm.bdf() + " link down");
    }

    @Override
    public PciTdi bind(PciDev pdev, VmId kvm, int tdiId) {
        calls.add("bind " + pdev.bdf());
        if (failBind != null) {
            Errno e = failBind;
            failBind = null;
            throw new KernelException(e, "bind", "fake TSM refused the bind");
        }
        FakePciFunction f = fn(pdev.bdf());
        beforeLock.accept(pdev);
        if (!f.lock()) {
            throw new KernelException(Errno.EIO, "bind", "LOCK_INTERFACE: INVALID_INTERFACE_STATE (" + f.tdispState()
                    + ")");
        }
        return new PciTdi(pdev.bdf(), kvm, tdiId);
    }

    @Override
    public void unbind(PciTdi tdi) {
        calls.add("unbind " + tdi.bdf());
        fn(tdi.bdf()).stop();
    }

    @Override
    public TsmGuestResponse guestReq(PciTdi tdi, PciTsmReqScope scope, byte[] request, int responseCapacity) {
        calls.add("guest_req " + tdi.bdf());
        FakePciFunction f = fn(tdi.bdf());
        if (request.length == 0) {
            return error(INVALID_REQUEST);
        }
        int code = request[0] & 0xff;
        TsmGuestResponse r = switch (code) {
            case GET_DEVICE_INTERFACE_STATE -> new TsmGuestResponse(new byte[] {0x05, (byte) f.tdispState().ordinal()}, 0);
            case GET_DEVICE_INTERFACE_REPORT -> new TsmGuestResponse(new byte[] {0x04, 0x01, 0x00, 0x00}, 0);
            case START_INTERFACE -> scope != PciTsmReqScope.STATE_CHANGE ? error(INVALID_REQUEST)
                    : f.start() ? new TsmGuestResponse(new byte[] {0x06}, 0) : error(INVALID_INTERFACE_STATE);
            case STOP_INTERFACE -> {
                if (scope != PciTsmReqScope.STATE_CHANGE) {
                    yield error(INVALID_REQUEST);
                }
                f.stop();
                yield new TsmGuestResponse(new byte[] {0x07}, 0);
            }
            default -> error(UNSUPPORTED_REQUEST);
        };
        if (r.length() > responseCapacity) {
            throw new KernelException(Errno.EINVAL, "guest_req", "response buffer of " + responseCapacity
                    + " bytes is too small");
        }
        return r;
    }

    private static TsmGuestResponse error(long code) {
        return new TsmGuestResponse(new byte[] {(byte) TDISP_ERROR, (byte) code}, code);
    }

    @Override
    public TdispState tdiState(PciTdi tdi) {
        return fn(tdi.bdf()).tdispState();
    }
}
