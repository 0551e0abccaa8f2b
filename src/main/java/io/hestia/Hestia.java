package io.hestia;

/** Entry point: {@code java -jar hestia.jar [ha-sim ...]}. */
public final class Hestia {

    private Hestia() {
    }

    public static void main(String[] args) throws Exception {
        HestiaApplication.main(args);
    }
}
