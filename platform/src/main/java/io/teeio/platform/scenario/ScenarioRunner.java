package io.teeio.platform.scenario;

import io.teeio.spdm.cert.DeviceIdentity;
import java.util.Objects;

/**
 * Runs scenarios: builds a fresh {@link io.teeio.platform.machine.TeeIoMachine} from each one's setup, runs its
 * steps in order and compares each outcome with the line's expectation. Runs share nothing but the device
 * identity, when one is given.
 */
public final class ScenarioRunner {
    private final DeviceIdentity identity;

    private ScenarioRunner(DeviceIdentity identity) {
        this.identity = identity;
    }

    /** Each machine generates its device identity from the scenario's seed (about half a second each). */
    public static ScenarioRunner generatingIdentities() {
        return new ScenarioRunner(null);
    }

    /** Every machine uses this device identity, whatever its seed: for running many scenarios quickly. */
    public static ScenarioRunner withIdentity(DeviceIdentity identity) {
        return new ScenarioRunner(Objects.requireNonNull(identity, "identity"));
    }

    public ScenarioResult run(Scenario scenario) {
        return new ScenarioRun(scenario, identity).run();
    }
}
