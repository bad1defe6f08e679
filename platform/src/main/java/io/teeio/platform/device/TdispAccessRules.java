package io.teeio.platform.device;

/**
 * Which MMIO requests a TDI serves, by TDI state and T bit (TDISP 1.0):
 * <pre>
 * state            T=1                                   T=0 to TEE memory   T=0 to non-TEE memory
 * CONFIG_UNLOCKED  UR                                    served              served
 * CONFIG_LOCKED    UR                                    CA                  served
 * RUN              served if over its Secure stream,     CA                  served
 *                  else UR
 * ERROR            UR                                    CA                  served
 * </pre>
 * UR for T requests (the function does not take TEE requests in that state) and CA for host requests to TEE
 * memory (the address is the function's, the access is refused) is this model's choice, so a trace tells the
 * two causes apart; ERROR keeps TEE memory closed until STOP_INTERFACE has scrubbed it.
 */
public final class TdispAccessRules {
    private TdispAccessRules() {
    }

    public static MmioDecision decide(TdiGate gate, MmioAccess a) {
        TdiSecurityState state = gate.state();
        if (a.tee()) {
            if (state != TdiSecurityState.RUN) {
                return MmioDecision.unsupportedRequest("TEE request to a TDI in " + state + ", not RUN");
            }
            if (a.ideStream().isEmpty()) {
                return MmioDecision.unsupportedRequest("TEE request not received over an IDE stream");
            }
            int stream = a.ideStream().getAsInt();
            if (!gate.streamSecure(stream)) {
                return MmioDecision.unsupportedRequest("TEE request over IDE stream " + stream
                        + ", which is not the TDI's Secure stream");
            }
            return MmioDecision.allow("TEE request to a TDI in RUN over Secure IDE stream " + stream);
        }
        if (state != TdiSecurityState.CONFIG_UNLOCKED && gate.isTeeMemory(a.bar(), a.offset(), a.length())) {
            return MmioDecision.completerAbort("non-TEE request to TEE memory of a TDI in " + state);
        }
        return MmioDecision.allow(state == TdiSecurityState.CONFIG_UNLOCKED
                ? "non-TEE request to a TDI in CONFIG_UNLOCKED" : "non-TEE request to non-TEE memory");
    }
}
