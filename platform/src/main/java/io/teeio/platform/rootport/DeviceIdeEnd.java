package io.teeio.platform.rootport;

import io.teeio.platform.device.Endpoint;

/**
 * The device's end of a selective IDE stream, as the root port needs it: keys programmed for every
 * sub-stream and K_SET_GO done. The IDE_KM side knows; {@link #of(Endpoint)} reads it from the endpoint's IDE
 * registers (which the IDE_KM adapter sets through {@link Endpoint#setIdeStreamState}).
 */
@FunctionalInterface
public interface DeviceIdeEnd {
    DeviceIdeEnd NONE = streamId -> false;

    boolean ready(int streamId);

    static DeviceIdeEnd of(Endpoint endpoint) {
        return endpoint::ideStreamSecure;
    }
}
