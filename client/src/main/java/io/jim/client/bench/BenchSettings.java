package io.jim.client.bench;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every scenario needs: where the server is, how long to run, how fast to send, and where to report
 * progress. Mutable on purpose (the command line and tests fill it in field by field); a scenario reads it
 * once when it starts.
 */
public final class BenchSettings {

    /** The server's HTTP API. */
    public String httpUrl = "http://127.0.0.1:8080";
    /** The server's TCP host. */
    public String tcpHost = "127.0.0.1";
    /** The server's TCP port. */
    public int tcpPort = 50000;
    /** The timed window, in seconds. */
    public double durationSeconds = 10;
    /** Untimed load before the window (JIT, pools), in seconds; its messages are checked for integrity too. */
    public double warmupSeconds = 5;
    /** Target sends per second over all senders; 0 or less = as fast as the server acks ({@link #window} in flight per sender). */
    public double rate;
    /** In-flight sends per sender in max-rate mode. */
    public int window = 4;
    /** Longest wait after the timed window for in-flight acks and pushes and the final sync, in seconds. */
    public double drainSeconds = 15;
    /** The server's process id, to read its RSS from /proc (0 = not measured). */
    public long serverPid;
    /** Run {@code jcmd PID GC.run} on the server before each RSS reading (needs a JDK on the PATH or JAVA_HOME). */
    public boolean serverGc;
    /** Local addresses client sockets bind to, round robin (empty = the system's choice). */
    public List<InetAddress> sourceAddresses = List.of();
    /** Concurrent HTTP calls during setup. */
    public int setupConcurrency = 64;
    /** Concurrent TCP sign-ins in flight while connecting. */
    public int connectConcurrency = 256;
    /** Bytes of padding added to each message's text (the content is about 40 bytes without it). */
    public int padding;
    /** Where progress lines go (null = nowhere). */
    public PrintStream progress = System.err;
    /** Password of every benchmark account. */
    public String password = "bench-password-1";

    /** Parses {@code 127.0.0.2-127.0.0.40} (IPv4 range, last octet or whole address), or a comma-separated list of such. */
    public static List<InetAddress> parseAddresses(String spec) {
        Objects.requireNonNull(spec, "spec");
        List<InetAddress> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            part = part.strip();
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    out.add(InetAddress.getByName(part));
                    continue;
                }
                long from = ipv4(part.substring(0, dash).strip());
                String toText = part.substring(dash + 1).strip();
                long to = toText.contains(".") ? ipv4(toText) : (from & 0xFFFFFF00L) | Integer.parseInt(toText);
                if (to < from || to - from > 65536) {
                    throw new IllegalArgumentException("bad address range: " + part);
                }
                for (long a = from; a <= to; a++) {
                    out.add(InetAddress.getByAddress(new byte[] {(byte) (a >> 24), (byte) (a >> 16), (byte) (a >> 8), (byte) a}));
                }
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("bad address: " + part, e);
            }
        }
        return List.copyOf(out);
    }

    private static long ipv4(String text) throws UnknownHostException {
        byte[] b = InetAddress.getByName(text).getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException("only IPv4 ranges are supported: " + text);
        }
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    void say(String line) {
        PrintStream p = progress;
        if (p != null) {
            p.println(line);
            p.flush();
        }
    }
}
