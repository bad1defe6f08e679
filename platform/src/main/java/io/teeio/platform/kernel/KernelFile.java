package io.teeio.platform.kernel;

/**
 * An open file the way the model hands it to userspace: a handle with {@link #close()}. The user's fd is
 * one reference; kernel objects may take more ({@link #get()}), and the file is released only when the last
 * one is put. Using a closed fd is EBADF, like closing it twice.
 */
public abstract class KernelFile implements AutoCloseable {
    private final String name;
    private boolean fdOpen = true;
    private int refs = 1;

    protected KernelFile(String name) {
        this.name = name;
    }

    /** e.g. "iommufd#1", "/dev/vfio/devices/vfio0". */
    public final String name() {
        return name;
    }

    /** Whether the user's fd is still open. */
    public final boolean isOpen() {
        return fdOpen;
    }

    /** Whether the file is gone (no fd and no kernel reference). */
    public final boolean isReleased() {
        return refs == 0;
    }

    /** References held on the file, the user's fd included. */
    public final int refs() {
        return refs;
    }

    /** close(2). */
    @Override
    public final void close() {
        checkOpen("close");
        beforeFdClose();
        fdOpen = false;
        put();
    }

    /** fget(): a kernel reference keeping the file alive past the user's close. */
    public final void get() {
        if (refs == 0) {
            throw new IllegalStateException(name + " already released");
        }
        refs++;
    }

    /** fput(). */
    public final void put() {
        if (refs == 0) {
            throw new IllegalStateException("unbalanced put of " + name);
        }
        if (--refs == 0) {
            release();
        }
    }

    protected final void checkOpen(String call) {
        if (!fdOpen) {
            throw new KernelException(Errno.EBADF, call, name + " is closed");
        }
    }

    /** Runs while the fd is still open, before its reference is dropped (e.g. tear-down that must precede release). */
    protected void beforeFdClose() {
    }

    /** The last reference went away. */
    protected abstract void release();

    @Override
    public String toString() {
        return name;
    }
}
