package io.hestia.ha.home;

import java.util.List;

/** A home file (or its events CSV) that cannot be read; {@link #problems()} lists every finding with its location. */
public class HomeFileException extends IllegalArgumentException {

    private final List<String> problems;

    public HomeFileException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    public HomeFileException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0);
        }
        StringBuilder b = new StringBuilder(source).append(": ").append(problems.size()).append(" problems");
        for (String p : problems) {
            b.append("\n  - ").append(p);
        }
        return b.toString();
    }
}
