package io.teeio.spdm.responder;

import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.SpdmTransport;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An in-memory transport to a responder that lets a test act on the requester's packets on their way: hand
 * the responder packets of its own just before or just after one, or alter it. Each rule fires once, on the
 * first packet it matches. What the responder answered to the test's own packets is kept, with the
 * responder's state around each.
 */
final class InterceptingTransport implements SpdmTransport {
    /** One packet of the test's own and what came of it. */
    record Probe(SpdmPacket request, SpdmPacket response, ConnectionState stateBefore, ConnectionState stateAfter,
            List<SessionId> sessionsBefore, List<SessionId> sessionsAfter) {
    }

    private record Rule(Predicate<SpdmPacket> when, Function<SpdmPacket, List<SpdmPacket>> before,
            UnaryOperator<SpdmPacket> alter, Function<SpdmPacket, List<SpdmPacket>> after) {
    }

    private final SpdmResponder responder;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final List<SpdmPacket> requests = new ArrayList<>();
    private final List<SpdmPacket> responses = new ArrayList<>();

    InterceptingTransport(SpdmResponder responder) {
        this.responder = responder;
    }

    /** Plain messages of the test's own, handed to the responder just before the first packet matching. */
    InterceptingTransport before(Predicate<SpdmPacket> when, List<byte[]> messages) {
        rules.add(new Rule(when, p -> messages.stream().map(SpdmPacket::plain).toList(), UnaryOperator.identity(),
                p -> List.of()));
        return this;
    }

    /** Packets derived from the first matching packet, handed to the responder before it. */
    InterceptingTransport beforeDerived(Predicate<SpdmPacket> when, Function<SpdmPacket, List<SpdmPacket>> derive) {
        rules.add(new Rule(when, derive, UnaryOperator.identity(), p -> List.of()));
        return this;
    }

    /** Packets derived from the first matching packet, handed to the responder after it was answered. */
    InterceptingTransport afterDerived(Predicate<SpdmPacket> when, Function<SpdmPacket, List<SpdmPacket>> derive) {
        rules.add(new Rule(when, p -> List.of(), UnaryOperator.identity(), derive));
        return this;
    }

    /** Replaces the first matching packet. */
    InterceptingTransport alter(Predicate<SpdmPacket> when, UnaryOperator<SpdmPacket> alter) {
        rules.add(new Rule(when, p -> List.of(), alter, p -> List.of()));
        return this;
    }

    /** The test's own packets, in order, with the responder's answers. */
    List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** Every packet the responder was handed on the requester's behalf (after any alteration). */
    List<SpdmPacket> requests() {
        return List.copyOf(requests);
    }

    List<SpdmPacket> responses() {
        return List.copyOf(responses);
    }

    /** Hands one packet of the test's own to the responder and records the answer. */
    Probe probe(SpdmPacket request) {
        ConnectionState before = responder.state();
        List<SessionId> sessionsBefore = responder.sessionIds();
        SpdmPacket response = responder.respond(request);
        Probe p = new Probe(request, response, before, responder.state(), sessionsBefore, responder.sessionIds());
        probes.add(p);
        return p;
    }

    @Override
    public SpdmPacket exchange(SpdmPacket request) {
        Rule rule = null;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule r = it.next();
            if (r.when().test(request)) {
                it.remove();
                rule = r;
                break;
            }
        }
        if (rule == null) {
            return forward(request);
        }
        rule.before().apply(request).forEach(this::probe);
        SpdmPacket response = forward(rule.alter().apply(request));
        rule.after().apply(request).forEach(this::probe);
        return response;
    }

    private SpdmPacket forward(SpdmPacket request) {
        requests.add(request);
        SpdmPacket response = responder.respond(request);
        responses.add(response);
        return response;
    }

    @Override
    public SecuredMessageBinding securedBinding() {
        return responder.binding();
    }

    /** Matches a plain request with this code. */
    static Predicate<SpdmPacket> plain(int code) {
        return p -> !p.secured() && p.length() >= 2 && (p.bytes()[1] & 0xFF) == code;
    }

    /** Matches a plain GET_MEASUREMENTS that asks for a signature. */
    static Predicate<SpdmPacket> signedGetMeasurements() {
        return p -> plain(0xE0).test(p) && (p.bytes()[2] & 0x01) != 0;
    }

    /** Matches any secured record. */
    static Predicate<SpdmPacket> securedRecord() {
        return SpdmPacket::secured;
    }
}
