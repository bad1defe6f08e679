package io.teeio.platform.device;

/**
 * Which function of an endpoint: the PF ({@code vf == 0}) or VF n (1-based, in SR-IOV order). Stable across
 * bus renumbering, unlike the routing id, so the TDISP side can key its TDIs on it.
 */
public record FunctionRef(int vf) implements Comparable<FunctionRef> {
    public static final FunctionRef PF = new FunctionRef(0);

    public FunctionRef {
        if (vf < 0 || vf > 0xFFFF) {
            throw new IllegalArgumentException("VF number must be 0 (PF) or 1..65535, was " + vf);
        }
    }

    public static FunctionRef vf(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("VFs are numbered from 1, was " + n);
        }
        return new FunctionRef(n);
    }

    public boolean isPf() {
        return vf == 0;
    }

    @Override
    public int compareTo(FunctionRef o) {
        return Integer.compare(vf, o.vf);
    }

    @Override
    public String toString() {
        return isPf() ? "PF" : "VF" + vf;
    }
}
