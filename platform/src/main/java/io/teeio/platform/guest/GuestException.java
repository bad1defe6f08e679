package io.teeio.platform.guest;

/** A step of the guest's TDI life that failed, named with the reason. */
public final class GuestException extends Exception {
    private final String step;

    public GuestException(String step, String reason, Throwable cause) {
        super(step + ": " + reason, cause);
        this.step = step;
    }

    public GuestException(String step, String reason) {
        this(step, reason, null);
    }

    public String step() {
        return step;
    }
}
