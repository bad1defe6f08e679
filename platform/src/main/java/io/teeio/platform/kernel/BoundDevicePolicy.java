package io.teeio.platform.kernel;

/**
 * What VFIO does when asked to reset a device, clear its Memory Space Enable, or put it in D3hot while its
 * TDI is bound. Either way the device is never reset under a bound TDI (that would send it to ERROR).
 * Close is not governed by this policy: a file release cannot fail, so close always unbinds first.
 */
public enum BoundDevicePolicy {
    /** Refuse with EBUSY; the TDI stays as it was ("VFIO never unbinds; it blocks those operations"). */
    BLOCK_WHILE_BOUND,
    /** Unbind the TDI first (CONFIG_UNLOCKED), then do it (the RFC's patch 20). No automatic re-bind. */
    IMPLICIT_UNBIND
}
