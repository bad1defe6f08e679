/** {@code teeio scenario FILE}: runs a scenario file (docs/scenarios.md) and reports each line's outcome. */
package io.teeio.cli.scenario;
