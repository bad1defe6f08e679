package io.teeio.cli.device;

import io.teeio.cli.socket.ServerLog;
import io.teeio.cli.socket.SocketTransportType;
import io.teeio.cli.socket.SpdmSocketServer;
import io.teeio.pcie.doe.DoeSpdmBinding;
import io.teeio.pcie.dsm.DeviceSecurityManager;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.transport.TransportBinding;
import io.teeio.trace.Tracer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The emulated device's DSM behind a socket: what `teeio device` runs, and what tests start on port 0. */
public final class DeviceServer implements Closeable {
    private final DeviceSecurityManager dsm;
    private final SpdmSocketServer server;

    public DeviceServer(InetSocketAddress listen, SocketTransportType transport, DeviceIdentity identity,
            DeviceMeasurements measurements, int vfs, int pfRequesterId, int idePort, SpdmCrypto crypto,
            ServerLog log, Tracer tracer) throws IOException {
        this(listen, transport, identity, measurements, vfs, pfRequesterId, idePort,
                EmulatedDsm.DEFAULT_HEARTBEAT_PERIOD, crypto, log, tracer);
    }

    public DeviceServer(InetSocketAddress listen, SocketTransportType transport, DeviceIdentity identity,
            DeviceMeasurements measurements, int vfs, int pfRequesterId, int idePort, int heartbeatPeriod,
            SpdmCrypto crypto, ServerLog log, Tracer tracer) throws IOException {
        TransportBinding binding = transport.spdmBinding(DoeSpdmBinding::new);
        this.dsm = EmulatedDsm.create(identity, measurements, vfs, pfRequesterId, idePort, heartbeatPeriod,
                binding.securedBinding(), crypto, tracer);
        this.server = new SpdmSocketServer(listen, transport, () -> new DsmFrameHandler(dsm, transport, binding, log),
                log, SpdmSocketServer.DEFAULT_MAX_PAYLOAD);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public DeviceSecurityManager dsm() {
        return dsm;
    }

    /** Serves until SHUTDOWN or {@link #close()}; returns the number of connections served. */
    public int serve() throws IOException {
        return server.serve();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
