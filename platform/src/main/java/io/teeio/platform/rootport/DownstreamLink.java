package io.teeio.platform.rootport;

import io.teeio.platform.device.Endpoint;
import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.device.MmioRequest;

/** What is below the root port's link: the endpoint, as the port reaches it. */
public interface DownstreamLink {
    /** The secondary bus number was (re)programmed: the device captures it from its next config write. */
    void busNumberAssigned(int bus);

    /** Secondary Bus Reset: a hot reset, i.e. a conventional reset of everything below. */
    void hotReset();

    MmioOutcome mmio(MmioRequest request);

    static DownstreamLink of(Endpoint endpoint) {
        return new DownstreamLink() {
            @Override
            public void busNumberAssigned(int bus) {
                endpoint.captureBusNumber(bus);
            }

            @Override
            public void hotReset() {
                endpoint.conventionalReset();
            }

            @Override
            public MmioOutcome mmio(MmioRequest request) {
                return endpoint.mmio(request);
            }
        };
    }
}
