package io.teeio.cli.socket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The responder side of the spdm-emu socket protocol: one connection at a time; NORMAL frames go to a
 * {@link FrameHandler}; TEST answers "Server Hello!"; CONTINUE ends the connection and keeps listening;
 * SHUTDOWN ends the server. A malformed frame or a transport type other than the configured one closes
 * that connection; the server goes on with the next.
 */
public final class SpdmSocketServer implements Closeable {
    public static final int DEFAULT_MAX_PAYLOAD = 0x10000;
    static final byte[] SERVER_HELLO = "Server Hello!\0".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final SocketTransportType transport;
    private final Supplier<FrameHandler> handlers;
    private final ServerLog log;
    private final int maxPayload;
    private volatile boolean shutdown;
    private int connections;

    public SpdmSocketServer(InetSocketAddress bind, SocketTransportType transport, Supplier<FrameHandler> handlers,
            ServerLog log, int maxPayload) throws IOException {
        this.transport = transport;
        this.handlers = handlers;
        this.log = log;
        this.maxPayload = maxPayload;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(bind);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Serves connections one after another until SHUTDOWN or {@link #close()}. Returns connections served. */
    public int serve() throws IOException {
        while (!shutdown) {
            Socket s;
            try {
                s = socket.accept();
            } catch (SocketException e) {
                if (shutdown || socket.isClosed()) {
                    break;
                }
                throw e;
            }
            connections++;
            try (s) {
                s.setTcpNoDelay(true);
                serveConnection(s);
            }
        }
        return connections;
    }

    private void serveConnection(Socket s) {
        String peer = s.getRemoteSocketAddress().toString();
        log.info("connection " + connections + " from " + peer);
        FrameHandler handler = handlers.get();
        try {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            while (true) {
                SocketFrame f = SocketFrame.read(in, maxPayload);
                if (f == null) {
                    log.info("connection " + connections + " closed by the peer");
                    return;
                }
                if (!handle(f, handler, out)) {
                    return;
                }
            }
        } catch (SocketFrame.FrameException e) {
            log.info("connection " + connections + " dropped: " + e.getMessage());
        } catch (EOFException e) {
            log.info("connection " + connections + " dropped: " + e.getMessage());
        } catch (IOException e) {
            log.info("connection " + connections + " failed: " + e.getMessage());
        } finally {
            handler.connectionClosed();
        }
    }

    /** Handles one frame; false when the connection should end. */
    private boolean handle(SocketFrame f, FrameHandler handler, OutputStream out) throws IOException {
        int t = transport.value();
        switch (f.command()) {
            case SocketCommand.NORMAL -> {
                if (f.transportType() != t) {
                    log.info("NORMAL frame with transport type " + f.transportType() + " but this device serves "
                            + transport + " (" + t + "): closing the connection");
                    return false;
                }
                log.debug("<- " + HexFormat.of().formatHex(f.payload()));
                Optional<byte[]> reply = handler.handle(f.payload());
                if (reply.isEmpty()) {
                    log.info("message could not be answered: closing the connection");
                    return false;
                }
                log.debug("-> " + HexFormat.of().formatHex(reply.get()));
                new SocketFrame(SocketCommand.NORMAL, t, reply.get()).writeTo(out);
            }
            case SocketCommand.TEST -> {
                log.info("TEST: " + new String(f.payload(), StandardCharsets.US_ASCII).replace("\0", ""));
                new SocketFrame(SocketCommand.TEST, t, SERVER_HELLO).writeTo(out);
            }
            case SocketCommand.CONTINUE -> {
                log.info("CONTINUE: closing this connection, still listening");
                SocketFrame.of(SocketCommand.CONTINUE, t).writeTo(out);
                return false;
            }
            case SocketCommand.SHUTDOWN -> {
                log.info("SHUTDOWN: stopping");
                SocketFrame.of(SocketCommand.SHUTDOWN, t).writeTo(out);
                shutdown = true;
                socket.close();
                return false;
            }
            default -> {
                log.info("command " + SocketCommand.name(f.command()) + " is not served: answering UNKNOWN");
                SocketFrame.of(SocketCommand.UNKNOWN, t).writeTo(out);
            }
        }
        return true;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public void close() throws IOException {
        shutdown = true;
        socket.close();
    }
}
