package io.hestia.platform;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Named daemon threads for Hestia's background work (they never keep the JVM alive after Camel stops). */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory whose threads are daemons named {@code name}. */
    public static ThreadFactory factory(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** An executor that runs each task on a new daemon thread named {@code name} (for one-off background work). */
    public static Executor oneOff(String name) {
        ThreadFactory f = factory(name);
        return r -> f.newThread(r).start();
    }
}
