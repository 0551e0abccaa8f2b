package io.hestia;

import org.apache.camel.main.Main;

/** Runs the Camel Main application with the services this process is configured for. */
public final class HestiaApplication {

    private HestiaApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(HestiaApplication.class);
        main.run(args);
    }
}
