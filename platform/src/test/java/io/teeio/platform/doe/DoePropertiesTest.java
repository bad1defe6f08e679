package io.teeio.platform.doe;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.fault.FaultInjector;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DoePropertiesTest {
    enum Op { WRITE_DW, GO, POP, READ, STATUS, CLEAR_INT, ABORT }

    record Step(Op op, int value) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers())
                .as(Step::new).list().ofMaxSize(100);
    }

    @Property(tries = 300)
    void anyRegisterSequenceEndsIdleAfterAbort(@ForAll("steps") List<Step> steps) {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.withLatency(2), FaultInjector.NONE, true);
        for (Step s : steps) {
            switch (s.op()) {
                case WRITE_DW -> f.writeDw(s.value());
                case GO -> f.go();
                case POP -> f.pop();
                case READ -> f.readDw();
                case STATUS -> f.status();
                case CLEAR_INT -> f.config.writeDword(f.cap + DOE_STATUS, DOE_STATUS_INT_STATUS);
                case ABORT -> f.abort();
            }
        }
        f.abort();
        assertEquals(0, f.status() & (DOE_STATUS_BUSY | DOE_STATUS_ERROR | DOE_STATUS_DATA_OBJECT_READY));
    }

    @Provide
    Arbitrary<byte[]> responses() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> framed = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(p -> {
            int dw = 2 + (p.length + 3) / 4;
            byte[] o = new byte[dw * 4];
            o[0] = 1;
            o[2] = (byte) (p.length % 3);
            o[4] = (byte) dw;
            System.arraycopy(p, 0, o, 8, p.length);
            return o;
        });
        return Arbitraries.oneOf(random, framed);
    }

    @Property(tries = 300)
    void driverGivesAnObjectOrADoeExceptionForAnyBackendAnswer(@ForAll("responses") byte[] answer) {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), FaultInjector.NONE, false, r -> Optional.of(answer));
        DoeMailboxDriver driver = f.driver();
        try {
            byte[] got = driver.exchange(DoeFixture.GET_VERSION_OBJECT);
            assertArrayEquals(answer, got);
        } catch (DoeException e) {
            assertNotNull(e.error());
        }
        assertFalse(driver.dead(), "the mailbox always recovers by Abort");
    }
}
