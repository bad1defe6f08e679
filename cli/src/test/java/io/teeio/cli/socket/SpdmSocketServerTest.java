package io.teeio.cli.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpdmSocketServerTest {
    private ExecutorService pool;
    private SpdmSocketServer server;
    private Future<Integer> serving;

    /** Echoes the message reversed; an empty message cannot be answered. */
    private static FrameHandler reverser() {
        return m -> {
            if (m.length == 0) {
                return Optional.empty();
            }
            byte[] r = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                r[i] = m[m.length - 1 - i];
            }
            return Optional.of(r);
        };
    }

    @BeforeEach
    void start() throws IOException {
        pool = Executors.newSingleThreadExecutor();
        server = new SpdmSocketServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                SocketTransportType.PCI_DOE, SpdmSocketServerTest::reverser, ServerLog.SILENT, 0x1000);
        serving = pool.submit(server::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.get(5, TimeUnit.SECONDS);
        pool.shutdownNow();
    }

    private SpdmSocketClient client() throws IOException {
        return SpdmSocketClient.connect(server.address(), SocketTransportType.PCI_DOE, 5000);
    }

    private void assertStillServing() throws Exception {
        try (SpdmSocketClient c = client()) {
            assertArrayEquals(new byte[] {3, 2, 1}, c.exchange(new byte[] {1, 2, 3}));
        }
    }

    private static Socket raw(SpdmSocketServer s) throws IOException {
        Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port());
        sock.setSoTimeout(5000);
        return sock;
    }

    @Test
    void frameHeaderWordsAreBigEndian() {
        byte[] b = new SocketFrame(SocketCommand.NORMAL, 2, new byte[] {0x10, (byte) 0x84, 0, 0}).encode();
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 4, 0x10, (byte) 0x84, 0, 0}, b);
    }

    @Test
    void normalFramesAreAnsweredByTheHandler() throws Exception {
        assertStillServing();
    }

    @Test
    void testCommandAnswersServerHello() throws Exception {
        try (SpdmSocketClient c = client()) {
            assertEquals("Server Hello!", c.test());
        }
    }

    @Test
    void unknownCommandIsAnsweredWithUnknownAndTheConnectionGoesOn() throws Exception {
        try (Socket s = raw(server)) {
            SocketFrame.of(0x1234, 2).writeTo(s.getOutputStream());
            SocketFrame reply = SocketFrame.read(s.getInputStream(), 0x1000);
            assertEquals(SocketCommand.UNKNOWN, reply.command());
            new SocketFrame(SocketCommand.NORMAL, 2, new byte[] {7, 8}).writeTo(s.getOutputStream());
            assertArrayEquals(new byte[] {8, 7}, SocketFrame.read(s.getInputStream(), 0x1000).payload());
        }
    }

    /** spdm-emu writes the three header words and the payload with four write() calls and no TCP_NODELAY. */
    private static void writeInPieces(OutputStream out, int command, int type, byte[] payload) throws Exception {
        for (int word : new int[] {command, type, payload.length}) {
            out.write(ByteBuffer.allocate(4).putInt(word).array());
            out.flush();
            Thread.sleep(20);
        }
        out.write(payload);
        out.flush();
    }

    @Test
    void frameArrivingOneHeaderWordPerSegmentIsReadWhole() throws Exception {
        try (Socket s = raw(server)) {
            s.setTcpNoDelay(true);
            writeInPieces(s.getOutputStream(), SocketCommand.NORMAL, 2, new byte[] {4, 5, 6});
            assertArrayEquals(new byte[] {6, 5, 4}, SocketFrame.read(s.getInputStream(), 0x1000).payload());
        }
    }

    @Test
    void clientReadsAReplyArrivingOneHeaderWordPerSegment() throws Exception {
        ExecutorService peerThread = Executors.newSingleThreadExecutor();
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<?> answering = peerThread.submit(() -> {
                try (Socket s = peer.accept()) {
                    s.setTcpNoDelay(true);
                    SocketFrame request = SocketFrame.read(s.getInputStream(), 0x1000);
                    writeInPieces(s.getOutputStream(), SocketCommand.NORMAL, 2, request.payload());
                }
                return null;
            });
            try (SpdmSocketClient c = SpdmSocketClient.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()),
                    SocketTransportType.PCI_DOE, 5000)) {
                assertArrayEquals(new byte[] {9, 8, 7}, c.exchange(new byte[] {9, 8, 7}));
            }
            answering.get(5, TimeUnit.SECONDS);
        } finally {
            peerThread.shutdownNow();
        }
    }

    @Test
    void oversizedSizeWordClosesTheConnectionAndTheServerServesTheNext() throws Exception {
        try (Socket s = raw(server)) {
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(12).putInt(1).putInt(2).putInt(0x7FFFFFFF).array());
            out.flush();
            assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
        }
        assertStillServing();
    }

    @Test
    void truncatedFrameDropsTheConnectionAndTheServerServesTheNext() throws Exception {
        try (Socket s = raw(server)) {
            s.getOutputStream().write(new byte[] {0, 0, 0, 1, 0, 0});
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
        }
        assertStillServing();
    }

    @Test
    void connectionDroppedMidMessageLeavesTheServerServing() throws Exception {
        try (Socket s = raw(server)) {
            s.getOutputStream().write(ByteBuffer.allocate(14).putInt(1).putInt(2).putInt(100).put((byte) 1)
                    .put((byte) 2).array());
            s.getOutputStream().flush();
        }
        assertStillServing();
    }

    @Test
    void wrongTransportTypeClosesTheConnection() throws Exception {
        try (SpdmSocketClient c = SpdmSocketClient.connect(server.address(), SocketTransportType.MCTP, 5000)) {
            assertThrows(TransportException.class, () -> c.exchange(new byte[] {5, 1}));
        }
        assertStillServing();
    }

    @Test
    void unanswerableMessageClosesTheConnection() throws Exception {
        try (SpdmSocketClient c = client()) {
            assertThrows(TransportException.class, () -> c.exchange(new byte[0]));
        }
        assertStillServing();
    }

    @Test
    void continueEndsTheConnectionButNotTheServer() throws Exception {
        try (Socket s = raw(server)) {
            SocketFrame.of(SocketCommand.CONTINUE, 2).writeTo(s.getOutputStream());
            InputStream in = s.getInputStream();
            assertEquals(SocketCommand.CONTINUE, SocketFrame.read(in, 0x1000).command());
            assertNull(SocketFrame.read(in, 0x1000));
        }
        assertStillServing();
    }

    @Test
    void shutdownIsEchoedAndStopsTheServer() throws Exception {
        try (SpdmSocketClient c = client()) {
            c.shutdown();
        }
        assertEquals(1, serving.get(5, TimeUnit.SECONDS));
        assertTrue(server.isShutdown());
    }
}
