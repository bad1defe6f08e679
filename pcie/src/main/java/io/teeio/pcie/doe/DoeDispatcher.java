package io.teeio.pcie.doe;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device side of a DOE mailbox: decodes each request object and hands it to the handler registered for
 * its protocol. Discovery is answered from the registered protocols, in registration order after discovery.
 * An object that does not decode, or whose protocol nobody handles, gets no response (QEMU and real
 * mailboxes discard it).
 */
public final class DoeDispatcher {
    private final Map<DoeProtocol, DoeObjectHandler> handlers;
    private final DoeDiscoveryResponder discovery;
    private final Tracer tracer;

    private DoeDispatcher(Map<DoeProtocol, DoeObjectHandler> registered, Tracer tracer) {
        List<DoeProtocol> list = new ArrayList<>();
        list.add(DoeProtocol.DISCOVERY);
        list.addAll(registered.keySet());
        this.discovery = new DoeDiscoveryResponder(list);
        Map<DoeProtocol, DoeObjectHandler> all = new LinkedHashMap<>();
        all.put(DoeProtocol.DISCOVERY, discovery);
        all.putAll(registered);
        this.handlers = Map.copyOf(all);
        this.tracer = tracer;
    }

    public static Builder builder(Tracer tracer) {
        return new Builder(tracer);
    }

    /** The protocol list discovery reports. */
    public List<DoeProtocol> protocols() {
        return discovery.protocols();
    }

    public Optional<DataObject> dispatch(DataObject request) {
        DoeObjectHandler handler = handlers.get(request.protocol());
        if (handler == null) {
            tracer.event("pcie", "DOE", "host", "DISCARDED", "no handler for " + request.protocol());
            return Optional.empty();
        }
        return handler.handle(request);
    }

    /** Whole encoded objects in and out: what a mailbox model calls on Go. */
    public Optional<byte[]> dispatch(byte[] requestObject) {
        DataObject request;
        try {
            request = DataObjectCodec.decode(requestObject);
        } catch (SpdmDecodeException e) {
            tracer.event("pcie", "DOE", "host", "DISCARDED", e.getMessage());
            return Optional.empty();
        }
        return dispatch(request).map(DataObjectCodec::encode);
    }

    /** Collects protocol handlers in the order discovery will list them. */
    public static final class Builder {
        private final Tracer tracer;
        private final Map<DoeProtocol, DoeObjectHandler> handlers = new LinkedHashMap<>();

        private Builder(Tracer tracer) {
            this.tracer = tracer;
        }

        public Builder register(DoeProtocol protocol, DoeObjectHandler handler) {
            if (protocol.equals(DoeProtocol.DISCOVERY)) {
                throw new IllegalArgumentException("discovery is answered by the dispatcher itself");
            }
            if (handlers.putIfAbsent(protocol, handler) != null) {
                throw new IllegalArgumentException(protocol + " registered twice");
            }
            return this;
        }

        public DoeDispatcher build() {
            return new DoeDispatcher(handlers, tracer);
        }
    }
}
