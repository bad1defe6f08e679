package io.teeio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code teeio demo}: runs the life of a TDI end to end on the emulated platform. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run what exists of the TDI life end to end in memory and narrate it.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("teeio demo: nothing to run yet");
        return 0;
    }
}
