package io.teeio.platform.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.kernel.Errno;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectationTest {
    private static final Outcome OK = Outcome.ok("");
    private static final Outcome REACHED = Outcome.reached("");
    private static final Outcome REFUSED_EPERM = Outcome.refused(Optional.of(Errno.EPERM), "");
    private static final Outcome GUEST_REFUSED = Outcome.refused(Optional.empty(), "");
    private static final Outcome FAILED_EBUSY = Outcome.failed(Optional.of(Errno.EBUSY), "");
    private static final Outcome FAILED = Outcome.failed(Optional.empty(), "");

    private static Expectation outcome(Expectation.Expected e) {
        return new Expectation(Optional.of(e), Optional.empty());
    }

    private static boolean met(Expectation e, Outcome o) {
        return e.unmetBy(o, Optional.of(TdiState.RUN)).isEmpty();
    }

    @Test
    void okIsMetOnlyByAnActionThatWentThrough() {
        Expectation e = outcome(new Expectation.Ok());
        assertTrue(met(e, OK));
        assertFalse(met(e, REACHED));
        assertFalse(met(e, REFUSED_EPERM));
        assertFalse(met(e, FAILED_EBUSY));
    }

    @Test
    void reachedIsMetOnlyByAHostAccessThatReachedTheMmio() {
        Expectation e = outcome(new Expectation.Reached());
        assertTrue(met(e, REACHED));
        assertFalse(met(e, OK));
        assertFalse(met(e, REFUSED_EPERM));
    }

    @Test
    void refusedIsMetByARefusalWithOrWithoutErrnoButNotByAFailure() {
        Expectation e = outcome(new Expectation.Refused());
        assertTrue(met(e, REFUSED_EPERM));
        assertTrue(met(e, GUEST_REFUSED));
        assertFalse(met(e, FAILED_EBUSY));
        assertFalse(met(e, REACHED));
    }

    @Test
    void errorIsMetByAnyRefusalOrFailure() {
        Expectation e = outcome(new Expectation.AnyError());
        assertTrue(met(e, REFUSED_EPERM));
        assertTrue(met(e, GUEST_REFUSED));
        assertTrue(met(e, FAILED_EBUSY));
        assertTrue(met(e, FAILED));
        assertFalse(met(e, OK));
        assertFalse(met(e, REACHED));
    }

    @Test
    void anErrnoIsMetOnlyByThatErrnoWhetherRefusedOrFailed() {
        assertTrue(met(outcome(new Expectation.Failed(Errno.EBUSY)), FAILED_EBUSY));
        assertTrue(met(outcome(new Expectation.Failed(Errno.EPERM)), REFUSED_EPERM));
        assertFalse(met(outcome(new Expectation.Failed(Errno.EPERM)), FAILED_EBUSY));
        assertFalse(met(outcome(new Expectation.Failed(Errno.EBUSY)), FAILED));
    }

    @Test
    void aStateAloneAlsoExpectsTheActionToGoThrough() {
        Expectation e = new Expectation(Optional.empty(), Optional.of(TdiState.RUN));
        assertTrue(met(e, OK));
        assertTrue(met(e, REACHED));
        assertEquals(Optional.of("expected the action to go through, got EBUSY"),
                e.unmetBy(FAILED_EBUSY, Optional.of(TdiState.RUN)));
    }

    @Test
    void anUnmetOutcomeAndStateAreBothNamed() {
        Expectation e = new Expectation(Optional.of(new Expectation.Failed(Errno.EBUSY)),
                Optional.of(TdiState.RUN));
        assertEquals(Optional.of("expected EBUSY, got ok; expected the TDI RUN, it is CONFIG_UNLOCKED"),
                e.unmetBy(OK, Optional.of(TdiState.CONFIG_UNLOCKED)));
    }
}
