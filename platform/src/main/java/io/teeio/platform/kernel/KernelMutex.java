package io.teeio.platform.kernel;

/**
 * A kernel mutex the tests can look at: who holds it, and whether it is held at all. The model is
 * single-threaded, so taking a mutex that is already held can only mean the holder never released it:
 * that is reported as the deadlock it would be in Linux instead of hanging.
 */
public final class KernelMutex {
    private final String name;
    private String holder;

    public KernelMutex(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean isHeld() {
        return holder != null;
    }

    /** The call that holds it, or empty. */
    public String holder() {
        return holder == null ? "" : holder;
    }

    /** mutex_lock(); use with try-with-resources so every path unlocks. */
    public Guard lock(String call) {
        if (holder != null) {
            throw new IllegalStateException("deadlock: " + call + " waits for " + name + ", still held by " + holder);
        }
        holder = call;
        return new Guard();
    }

    /** The held lock; closing it is mutex_unlock(). */
    public final class Guard implements AutoCloseable {
        private boolean released;

        private Guard() {
        }

        @Override
        public void close() {
            if (released) {
                throw new IllegalStateException("double unlock of " + name);
            }
            released = true;
            holder = null;
        }
    }
}
