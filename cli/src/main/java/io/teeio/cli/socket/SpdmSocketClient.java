package io.teeio.cli.socket;

import io.teeio.spdm.transport.MessageChannel;
import io.teeio.spdm.transport.TransportException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The requester side of the spdm-emu socket protocol: NORMAL frames out, one reply back for each. */
public final class SpdmSocketClient implements MessageChannel, Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SocketTransportType transport;
    private final int maxPayload;

    private SpdmSocketClient(Socket socket, SocketTransportType transport, int maxPayload) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.maxPayload = maxPayload;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static SpdmSocketClient connect(InetSocketAddress address, SocketTransportType transport, int timeoutMillis)
            throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, timeoutMillis);
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            return new SpdmSocketClient(s, transport, SpdmSocketServer.DEFAULT_MAX_PAYLOAD);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private SocketFrame roundTrip(SocketFrame request) throws IOException {
        request.writeTo(out);
        SocketFrame reply = SocketFrame.read(in, maxPayload);
        if (reply == null) {
            throw new IOException("the responder closed the connection after " + SocketCommand.name(request.command()));
        }
        return reply;
    }

    @Override
    public byte[] exchange(byte[] transportMessage) throws TransportException {
        try {
            SocketFrame reply = roundTrip(new SocketFrame(SocketCommand.NORMAL, transport.value(), transportMessage));
            if (reply.command() != SocketCommand.NORMAL) {
                throw new TransportException("the responder answered " + SocketCommand.name(reply.command())
                        + " to a NORMAL frame");
            }
            if (reply.transportType() != transport.value()) {
                throw new TransportException("the responder answered with transport type " + reply.transportType()
                        + ", expected " + transport.value() + " (" + transport + ")");
            }
            return reply.payload();
        } catch (IOException e) {
            throw new TransportException("socket: " + e.getMessage(), e);
        }
    }

    /** TEST: "Client Hello!" out; returns what the responder said. */
    public String test() throws IOException {
        SocketFrame reply = roundTrip(new SocketFrame(SocketCommand.TEST, transport.value(),
                "Client Hello!\0".getBytes(StandardCharsets.US_ASCII)));
        return new String(reply.payload(), StandardCharsets.US_ASCII).replace("\0", "");
    }

    /** SHUTDOWN: the responder echoes it and stops. */
    public void shutdown() throws IOException {
        roundTrip(SocketFrame.of(SocketCommand.SHUTDOWN, transport.value()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
