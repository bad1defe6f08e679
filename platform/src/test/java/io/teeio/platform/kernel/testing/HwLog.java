package io.teeio.platform.kernel.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Ordered log of what the fake hardware and fake TSM saw, so tests can check the order things happened in. */
public final class HwLog {
    private final List<String> entries = new ArrayList<>();

    public void add(String entry) {
        entries.add(entry);
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Index of the first entry containing {@code text} at or after {@code from}; -1 if none. */
    public int indexOf(String text, int from) {
        for (int i = Math.max(0, from); i < entries.size(); i++) {
            if (entries.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    public int indexOf(String text) {
        return indexOf(text, 0);
    }

    public int size() {
        return entries.size();
    }

    public List<String> matching(Predicate<String> p) {
        return entries.stream().filter(p).toList();
    }
}
