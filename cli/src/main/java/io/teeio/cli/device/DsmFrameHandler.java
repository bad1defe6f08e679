package io.teeio.cli.device;

import io.teeio.cli.socket.FrameHandler;
import io.teeio.cli.socket.ServerLog;
import io.teeio.cli.socket.SocketTransportType;
import io.teeio.pcie.dsm.DeviceSecurityManager;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.TransportBinding;
import io.teeio.spdm.transport.TransportException;
import java.util.Optional;

/** Hands each NORMAL frame of a connection to the DSM and logs one line per message. */
final class DsmFrameHandler implements FrameHandler {
    private final DeviceSecurityManager dsm;
    private final SocketTransportType transport;
    private final TransportBinding binding;
    private final ServerLog log;

    DsmFrameHandler(DeviceSecurityManager dsm, SocketTransportType transport, TransportBinding binding, ServerLog log) {
        this.dsm = dsm;
        this.transport = transport;
        this.binding = binding;
        this.log = log;
    }

    @Override
    public Optional<byte[]> handle(byte[] message) {
        Optional<byte[]> reply;
        if (transport == SocketTransportType.PCI_DOE) {
            reply = dsm.handleDoeObject(message);
        } else {
            try {
                reply = Optional.of(binding.encode(dsm.handle(binding.decode(message))));
            } catch (TransportException e) {
                log.info("<- " + message.length + " bytes: " + e.getMessage());
                return Optional.empty();
            }
        }
        log.info("<- " + describe(message) + (reply.isPresent() ? "  -> " + describe(reply.get()) : "  -> (no answer)"));
        return reply;
    }

    @Override
    public void connectionClosed() {
        if (!dsm.spdm().sessionIds().isEmpty()) {
            log.info("ending " + dsm.spdm().sessionIds().size() + " SPDM session(s): the connection closed");
        }
        dsm.spdm().endAllSessions("the requester's connection closed");
    }

    /** "GET_VERSION (4 B)", "secured record, session 0xFFFFFFFF (64 B)", "DOE discovery (12 B)". */
    String describe(byte[] m) {
        try {
            SpdmPacket p;
            if (transport == SocketTransportType.PCI_DOE) {
                if (m.length >= 8 && (m[2] & 0xFF) == 0) {
                    return "DOE discovery (" + m.length + " B)";
                }
                p = binding.decode(m);
            } else {
                p = binding.decode(m);
            }
            byte[] b = p.bytes();
            if (p.secured()) {
                return b.length >= 4 ? String.format("secured record, session 0x%02X%02X%02X%02X (%d B)", b[3], b[2], b[1],
                        b[0], m.length) : "secured record (" + m.length + " B)";
            }
            return (b.length >= 2 ? SpdmCode.name(b[1] & 0xFF) : "short message") + " (" + m.length + " B)";
        } catch (TransportException e) {
            return m.length + " B, not SPDM";
        }
    }
}
