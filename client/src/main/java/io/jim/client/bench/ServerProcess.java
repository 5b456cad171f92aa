package io.jim.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads the server's resident memory from /proc (same machine only), optionally after a GC in it. */
final class ServerProcess {

    private ServerProcess() {
    }

    /** VmRSS of {@code pid} in KiB, or -1 if it cannot be read. */
    static long rssKib(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Asks the server JVM for a full GC ({@code jcmd PID GC.run}) and lets it settle; best effort. */
    static void gc(long pid) {
        if (pid <= 0) {
            return;
        }
        String home = System.getProperty("java.home");
        Path jcmd = Path.of(home, "bin", "jcmd");
        String command = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        try {
            Process p = new ProcessBuilder(command, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(2000);
        } catch (IOException e) {
            // no jcmd: measure without
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time (user + system) the process {@code pid} has used so far, in seconds, or -1. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time this JVM has used so far, in seconds. */
    static double ownCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /** The machine's 1-minute load average (runnable threads), to show how busy it was; null if unknown. */
    static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Object mb(long kib) {
        return kib < 0 ? null : Math.round(kib / 102.4) / 10.0;
    }
}
