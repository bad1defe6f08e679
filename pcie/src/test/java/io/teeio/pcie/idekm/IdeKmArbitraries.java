package io.teeio.pcie.idekm;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every IDE_KM message. */
final class IdeKmArbitraries {
    private IdeKmArbitraries() {
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    static Arbitrary<KeySubStream> keySubStreams() {
        return u8().map(KeySubStream::new);
    }

    static Arbitrary<IdeKey> keys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(IdeKey.LENGTH).map(IdeKey::of);
    }

    static Arbitrary<IdeKmMessage> messages() {
        Arbitrary<IdeKmMessage> query = u8().map(IdeKmMessage.Query::new);
        Arbitrary<IdeKmMessage> queryResp = Combinators.combine(u8(), u8(), u8(), u8(), u8(),
                Arbitraries.integers().list().ofMaxSize(80))
                .as((p, df, bus, seg, max, regs) -> new IdeKmMessage.QueryResp(p, df, bus, seg, max, regs));
        Arbitrary<IdeKmMessage> keyProg = Combinators.combine(u8(), keySubStreams(), u8(), keys(),
                Arbitraries.longs()).as(IdeKmMessage.KeyProg::new);
        Arbitrary<IdeKmMessage> kpAck = Combinators.combine(u8(), Arbitraries.of(KpAckStatus.class),
                keySubStreams(), u8()).as(IdeKmMessage.KpAck::new);
        Arbitrary<IdeKmMessage> go = Combinators.combine(u8(), keySubStreams(), u8()).as(IdeKmMessage.KSetGo::new);
        Arbitrary<IdeKmMessage> stop = Combinators.combine(u8(), keySubStreams(), u8())
                .as(IdeKmMessage.KSetStop::new);
        Arbitrary<IdeKmMessage> ack = Combinators.combine(u8(), keySubStreams(), u8())
                .as(IdeKmMessage.KGoStopAck::new);
        return Arbitraries.oneOf(query, queryResp, keyProg, kpAck, go, stop, ack);
    }
}
