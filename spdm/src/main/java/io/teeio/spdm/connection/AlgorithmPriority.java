package io.teeio.spdm.connection;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Picks the highest-priority algorithm both sides support (libspdm's order), or none. */
public final class AlgorithmPriority {
    private AlgorithmPriority() {
    }

    public static <T> Optional<T> select(List<T> priority, ToIntFunction<T> mask, int offered, int supported) {
        for (T t : priority) {
            int m = mask.applyAsInt(t);
            if ((offered & m) != 0 && (supported & m) != 0) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose mask equals {@code selected} exactly (one bit), or empty. */
    public static <T> Optional<T> ofSingleBit(List<T> all, ToIntFunction<T> mask, int selected) {
        if (Integer.bitCount(selected) != 1) {
            return Optional.empty();
        }
        for (T t : all) {
            if (mask.applyAsInt(t) == selected) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
