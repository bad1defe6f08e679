package io.teeio.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code teeio} command: the root of every subcommand. */
@Command(name = "teeio",
        mixinStandardHelpOptions = true,
        versionProvider = TeeioCommand.Version.class,
        description = "Confidential PCIe device assignment (TEE-IO): SPDM, TDISP, IDE_KM and an emulated platform.",
        subcommands = {DemoCommand.class, io.teeio.cli.scenario.ScenarioCommand.class,
            io.teeio.cli.device.DeviceCommand.class, io.teeio.cli.tsm.TsmCommand.class,
            io.teeio.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class TeeioCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TeeioCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = TeeioCommand.class.getResourceAsStream("/teeio-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"teeio " + p.getProperty("version", "unknown"),
                    "SPDM 1.2 (DSP0274), secured messages (DSP0277), PCIe DOE, TDISP 1.0, IDE_KM",
                    "Java " + System.getProperty("java.version")};
        }
    }
}
