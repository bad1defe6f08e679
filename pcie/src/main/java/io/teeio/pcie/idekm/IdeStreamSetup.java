package io.teeio.pcie.idekm;

import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.trace.Tracer;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * TSM side: keys one IDE stream end to end. For each sub-stream it generates one key per direction (the
 * downstream key is the root port's TX and the device's RX key, and the other way round), programs the device
 * through IDE_KM and the root port directly, then sets the receivers to go before the transmitters so no
 * end sends under a key the other end cannot use yet.
 */
public final class IdeStreamSetup {
    private final IdeKmClient device;
    private final RootPortIdeEnd rootPort;
    private final RandomGenerator random;
    private final Tracer tracer;

    public IdeStreamSetup(IdeKmClient device, RootPortIdeEnd rootPort, RandomGenerator random, Tracer tracer) {
        this.device = device;
        this.rootPort = rootPort;
        this.random = random;
        this.tracer = tracer;
    }

    /**
     * Programs all six keys of {@code keySet} on both ends and sets them to go. On failure it stops whatever it
     * had set up on both ends (best effort) before throwing.
     */
    public void establish(int devicePortIndex, int streamId, KeySet keySet) throws IdeSetupException {
        try {
            for (SubStream sub : SubStream.values()) {
                for (IdeDirection deviceDir : IdeDirection.values()) {
                    IdeKey key = freshKey();
                    device.keyProg(streamId, KeySubStream.of(keySet, deviceDir, sub), devicePortIndex, key,
                            IdeKmResponder.INITIAL_IFV);
                    rootPort.programKey(streamId, KeySubStream.of(keySet, deviceDir.opposite(), sub), key,
                            IdeKmResponder.INITIAL_IFV);
                }
            }
            // Receivers first (device RX and root port RX), then both transmitters.
            for (IdeDirection dir : new IdeDirection[] {IdeDirection.RX, IdeDirection.TX}) {
                for (SubStream sub : SubStream.values()) {
                    device.setGo(streamId, KeySubStream.of(keySet, dir, sub), devicePortIndex);
                    rootPort.go(streamId, KeySubStream.of(keySet, dir, sub));
                }
            }
        } catch (IdeKmException | VendorChannelException | IdeSetupException e) {
            IdeSetupException failure = new IdeSetupException("IDE stream " + streamId + " (device port "
                    + devicePortIndex + ", " + keySet + ") not established: " + e.getMessage(), e);
            stopAll(devicePortIndex, streamId, keySet, failure);
            tracer.event("pcie", "TSM", "DSM", "IDE_STREAM_SETUP_FAILED", failure.getMessage());
            throw failure;
        }
        tracer.event("pcie", "TSM", "DSM", "IDE_STREAM_ESTABLISHED",
                "device port " + devicePortIndex + " stream " + streamId + " " + keySet);
    }

    /** Stops the key set on both ends: transmitters first, then receivers. */
    public void stop(int devicePortIndex, int streamId, KeySet keySet) throws IdeSetupException {
        IdeSetupException failure = new IdeSetupException("IDE stream " + streamId + " (device port "
                + devicePortIndex + ", " + keySet + ") not cleanly stopped");
        stopAll(devicePortIndex, streamId, keySet, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
        tracer.event("pcie", "TSM", "DSM", "IDE_STREAM_STOPPED",
                "device port " + devicePortIndex + " stream " + streamId + " " + keySet);
    }

    private void stopAll(int port, int streamId, KeySet keySet, Exception collect) {
        for (IdeDirection deviceDir : new IdeDirection[] {IdeDirection.TX, IdeDirection.RX}) {
            for (SubStream sub : SubStream.values()) {
                try {
                    device.setStop(streamId, KeySubStream.of(keySet, deviceDir, sub), port);
                } catch (IdeKmException | VendorChannelException e) {
                    collect.addSuppressed(e);
                }
                try {
                    rootPort.stop(streamId, KeySubStream.of(keySet, deviceDir, sub));
                } catch (IdeSetupException e) {
                    collect.addSuppressed(e);
                }
            }
        }
    }

    private IdeKey freshKey() {
        byte[] b = new byte[IdeKey.LENGTH];
        random.nextBytes(b);
        IdeKey key = IdeKey.of(b);
        Arrays.fill(b, (byte) 0);
        return key;
    }
}
