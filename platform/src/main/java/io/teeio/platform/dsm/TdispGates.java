package io.teeio.platform.dsm;

import io.teeio.pcie.tdisp.MmioRange;
import io.teeio.pcie.tdisp.Tdi;
import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.TdiGate;
import io.teeio.platform.device.TdiGates;
import io.teeio.platform.device.TdiSecurityState;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The hardware's gates read from the DSM's TDIs: the TDISP state, LOCK_MSIX (the report carries an MSI-X
 * Message Control only when LOCK_MSIX was asked), TEE memory from the report's ranges, and a Secure stream
 * (Secure at the endpoint's IDE registers and in the DSM's IDE_KM key slots).
 */
final class TdispGates implements TdiGates {
    private final DeviceTdis tdis;
    private final IntPredicate streamSecure;

    TdispGates(DeviceTdis tdis, IntPredicate streamSecure) {
        this.tdis = tdis;
        this.streamSecure = streamSecure;
    }

    @Override
    public TdiGate gateFor(FunctionRef function) {
        Optional<Tdi> tdi = tdis.tdi(function);
        if (tdi.isEmpty()) {
            return TdiGate.NOT_A_TDI;
        }
        Tdi t = tdi.get();
        return new TdiGate() {
            @Override
            public TdiSecurityState state() {
                return TdiSecurityState.valueOf(t.state().name());
            }

            @Override
            public boolean msixLocked() {
                return t.report().map(r -> r.msixMessageControl() != 0).orElse(false);
            }

            @Override
            public boolean isTeeMemory(int bar, long offset, int length) {
                Optional<TdiReport> report = t.report();
                if (report.isEmpty()) {
                    return true;
                }
                for (MmioRange r : report.get().mmioRanges()) {
                    if (r.rangeId() == bar && r.has(MmioRange.IS_NON_TEE_MEM)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public boolean streamSecure(int streamId) {
                return streamSecure.test(streamId);
            }
        };
    }
}
