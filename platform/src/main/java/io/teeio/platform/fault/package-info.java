/**
 * Named, seeded fault injection: {@link io.teeio.platform.fault.FaultPoint}s with stable names, armed by a
 * {@link io.teeio.platform.fault.FaultPlan} and queried through {@link io.teeio.platform.fault.FaultInjector}
 * where each fault would happen.
 */
package io.teeio.platform.fault;
