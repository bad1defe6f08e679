package io.teeio.platform.device;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Settable TDI states per function, standing in for the TDISP side. */
public final class TestGates implements TdiGates {
    private final Map<FunctionRef, TdiSecurityState> states = new HashMap<>();
    private final Set<Integer> secureStreams = new HashSet<>();
    private final Set<Integer> nonTeeBars = new HashSet<>();
    private boolean msixLocked;
    private TdiSecurityState defaultState = TdiSecurityState.CONFIG_UNLOCKED;

    public TestGates set(FunctionRef f, TdiSecurityState s) {
        states.put(f, s);
        return this;
    }

    public TestGates all(TdiSecurityState s) {
        states.clear();
        defaultState = s;
        return this;
    }

    public TestGates secureStream(int id) {
        secureStreams.add(id);
        return this;
    }

    public TestGates nonTeeBar(int bar) {
        nonTeeBars.add(bar);
        return this;
    }

    public TestGates msixLocked(boolean v) {
        msixLocked = v;
        return this;
    }

    public TdiSecurityState stateOf(FunctionRef f) {
        return states.getOrDefault(f, defaultState);
    }

    @Override
    public TdiGate gateFor(FunctionRef function) {
        return new TdiGate() {
            @Override
            public TdiSecurityState state() {
                return stateOf(function);
            }

            @Override
            public boolean msixLocked() {
                return msixLocked;
            }

            @Override
            public boolean isTeeMemory(int bar, long offset, int length) {
                return !nonTeeBars.contains(bar);
            }

            @Override
            public boolean streamSecure(int streamId) {
                return secureStreams.contains(streamId);
            }
        };
    }
}
