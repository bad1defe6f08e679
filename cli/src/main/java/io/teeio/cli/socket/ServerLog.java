package io.teeio.cli.socket;

/** Where the socket server reports: one line per message at info, hex dumps at debug. */
public interface ServerLog {
    ServerLog SILENT = new ServerLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void debug(String line) {
        }
    };

    void info(String line);

    void debug(String line);
}
