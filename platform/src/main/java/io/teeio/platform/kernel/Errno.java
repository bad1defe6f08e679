package io.teeio.platform.kernel;

/** The Linux error numbers the host kernel model fails with (x86-64 values). */
public enum Errno {
    EPERM(1),
    ENOENT(2),
    EINTR(4),
    EIO(5),
    ENXIO(6),
    EBADF(9),
    ENOMEM(12),
    EFAULT(14),
    EBUSY(16),
    EEXIST(17),
    ENODEV(19),
    EINVAL(22),
    ENOTTY(25),
    EOPNOTSUPP(95);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno value; a syscall returns its negation. */
    public int number() {
        return number;
    }
}
