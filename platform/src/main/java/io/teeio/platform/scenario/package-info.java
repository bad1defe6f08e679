/**
 * Scenarios: a small line-oriented language (docs/scenarios.md) describing a machine's setup and a sequence of
 * actions on it, each optionally followed by an expected outcome; a parser that turns a file into a
 * {@link io.teeio.platform.scenario.Scenario} or names the line that is wrong; and a runner that builds the
 * {@link io.teeio.platform.machine.TeeIoMachine}, runs each action and compares what happened with what was
 * expected, keeping the trace events of each step. A scenario is how a bug report becomes reproducible.
 */
package io.teeio.platform.scenario;
