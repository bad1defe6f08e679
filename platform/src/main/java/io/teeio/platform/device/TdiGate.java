package io.teeio.platform.device;

/**
 * The TDISP side's view of one function, consulted by the hardware on every MMIO access, DMA and config
 * write. An adapter over the pcie module's {@code Tdi} state machine implements {@link #state()} (and the
 * other queries where it knows better than the defaults); {@link #decide} applies {@link TdispAccessRules}
 * unless overridden.
 */
public interface TdiGate {
    /** A function that is not a TDI: always CONFIG_UNLOCKED. */
    TdiGate NOT_A_TDI = () -> TdiSecurityState.CONFIG_UNLOCKED;

    TdiSecurityState state();

    /** LOCK_INTERFACE had LOCK_MSIX: MSI-X changes are then security relevant. */
    default boolean msixLocked() {
        return false;
    }

    /**
     * Whether the bytes are TEE memory of the TDI (reported in its interface report without IS_NON_TEE_MEM).
     * By default all of the TDI's BARs are.
     */
    default boolean isTeeMemory(int bar, long offset, int length) {
        return true;
    }

    /** Whether {@code streamId} is the TDI's bound IDE stream and is Secure at the device end. */
    default boolean streamSecure(int streamId) {
        return false;
    }

    default MmioDecision decide(MmioAccess access) {
        return TdispAccessRules.decide(this, access);
    }
}
