package io.teeio.cli;

import io.teeio.cli.socket.SocketTransportType;
import java.net.InetSocketAddress;
import picocli.CommandLine;

/** Option converters shared by the subcommands. */
public final class Options {
    private Options() {
    }

    /** "host:port" (IPv6 as "[::1]:2323"). */
    public static final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not host:port");
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("port in '" + value + "' is not a number");
            }
            if (port < 0 || port > 65535) {
                throw new CommandLine.TypeConversionException("port " + port + " is out of range 0..65535");
            }
            return new InetSocketAddress(host, port);
        }
    }

    /** Decimal or 0x-prefixed hexadecimal. */
    public static final class IntOrHex implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                String v = value.trim().toLowerCase();
                return v.startsWith("0x") ? Integer.parseUnsignedInt(v.substring(2), 16) : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number (decimal or 0x..)");
            }
        }
    }

    public static final class Transport implements CommandLine.ITypeConverter<SocketTransportType> {
        @Override
        public SocketTransportType convert(String value) {
            try {
                return SocketTransportType.fromOption(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
