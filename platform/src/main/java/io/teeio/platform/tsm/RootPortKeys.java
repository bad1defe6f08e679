package io.teeio.platform.tsm;

import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeSetupException;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.RootPortIdeEnd;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.rootport.IdeDirection;
import io.teeio.platform.rootport.IdeKeyMaterial;
import io.teeio.platform.rootport.KeySet;
import io.teeio.platform.rootport.RootPort;
import io.teeio.platform.rootport.SubStream;
import io.teeio.trace.Tracer;
import java.util.Arrays;

/**
 * The root port's end of a stream as the TSM programs it (directly, not over IDE_KM): key slots, then Go for the
 * key set, Stop. The root port starts a key set as a whole, so Go and Stop for any sub-stream act on the stream.
 * Fault {@link FaultPoint#ROOT_PORT_KEY_PROG_FAILURE}: the root port refuses a key.
 */
final class RootPortKeys implements RootPortIdeEnd {
    private final RootPort rootPort;
    private final FaultInjector faults;
    private final Tracer tracer;

    RootPortKeys(RootPort rootPort, FaultInjector faults, Tracer tracer) {
        this.rootPort = rootPort;
        this.faults = faults;
        this.tracer = tracer;
    }

    @Override
    public void programKey(int streamId, KeySubStream kss, IdeKey key, long ifv) throws IdeSetupException {
        if (faults.fires(FaultPoint.ROOT_PORT_KEY_PROG_FAILURE)) {
            tracer.event(PlatformTsm.LAYER, "TSM", "root port " + rootPort.routingId(), "FAULT",
                    FaultPoint.ROOT_PORT_KEY_PROG_FAILURE + ": stream " + streamId + " " + kss + " refused");
            throw new IdeSetupException("root port " + rootPort.routingId() + " refused the key for stream " + streamId
                    + " " + kss);
        }
        byte[] k = key.toByteArray();
        try {
            rootPort.programKey(streamId, KeySet.valueOf(kss.keySet().name()),
                    IdeDirection.valueOf(kss.direction().name()),
                    SubStream.valueOf(kss.subStream().orElseThrow().name()), IdeKeyMaterial.of(k, ifvBytes(ifv)));
        } catch (IllegalArgumentException e) {
            throw new IdeSetupException("root port " + rootPort.routingId() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public void go(int streamId, KeySubStream kss) throws IdeSetupException {
        try {
            rootPort.go(streamId, KeySet.valueOf(kss.keySet().name()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IdeSetupException("root port " + rootPort.routingId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(int streamId, KeySubStream kss) throws IdeSetupException {
        try {
            rootPort.stop(streamId);
        } catch (IllegalArgumentException e) {
            throw new IdeSetupException("root port " + rootPort.routingId() + ": " + e.getMessage(), e);
        }
    }

    /** The IFV as the root port's 8-byte slot field, least significant byte first. */
    static byte[] ifvBytes(long ifv) {
        byte[] b = new byte[IdeKeyMaterial.IFV_LENGTH];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (ifv >>> (8 * i));
        }
        return b;
    }
}
