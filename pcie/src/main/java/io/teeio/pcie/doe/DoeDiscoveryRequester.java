package io.teeio.pcie.doe;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Walks a DOE mailbox's discovery list: Index 0, then each NextIndex until it is 0. */
public final class DoeDiscoveryRequester {
    private final DoeChannel channel;
    private final int version;
    private final Tracer tracer;

    /** @param version the discovery Version field to send (0 as spdm-emu and Linux before PCIe 6.1) */
    public DoeDiscoveryRequester(DoeChannel channel, int version, Tracer tracer) {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("discovery Version out of 8 bits: " + version);
        }
        this.channel = channel;
        this.version = version;
        this.tracer = tracer;
    }

    public DoeDiscoveryRequester(DoeChannel channel, Tracer tracer) {
        this(channel, 0, tracer);
    }

    /** The protocols in the order the device lists them (discovery itself first). */
    public List<DoeProtocol> discover() throws IOException, DoeProtocolException {
        List<DoeProtocol> found = new ArrayList<>();
        Set<Integer> asked = new LinkedHashSet<>();
        int index = 0;
        while (true) {
            asked.add(index);
            DoeDiscoveryResponse response = ask(index);
            if (response.protocol().equals(DoeProtocol.NONE)) {
                throw new DoeProtocolException("DOE discovery: index " + index + " reported as absent (0xFFFF/0xFF)"
                        + " although the previous entry pointed to it");
            }
            found.add(response.protocol());
            tracer.event("pcie", "TSM", "DOE", "DOE_DISCOVERY",
                    "index " + index + " -> " + response.protocol() + ", next " + response.nextIndex());
            int next = response.nextIndex();
            if (next == 0) {
                return List.copyOf(found);
            }
            if (asked.contains(next)) {
                throw new DoeProtocolException("DOE discovery: NextIndex " + next + " after index " + index
                        + " revisits an entry (asked " + asked + ")");
            }
            index = next;
        }
    }

    private DoeDiscoveryResponse ask(int index) throws IOException, DoeProtocolException {
        byte[] request = DataObjectCodec.encode(DoeDiscoveryCodec.encode(new DoeDiscoveryRequest(index, version)));
        byte[] answer = channel.exchange(request);
        try {
            return DoeDiscoveryCodec.decodeResponse(DataObjectCodec.decode(answer));
        } catch (SpdmDecodeException e) {
            throw new DoeProtocolException("DOE discovery: bad response to index " + index + ": " + e.getMessage(), e);
        }
    }
}
