package io.hestia.ha.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * {@code automations.yaml}: the list of automation mappings as the config API edits it
 * (HA's {@code EditAutomationConfigView}). In memory, and mirrored to a file when a directory is configured.
 */
final class AutomationStore {

    static final String FILE_NAME = "automations.yaml";
    private static final List<String> ORDERED_KEYS = List.of("alias", "description", "triggers", "trigger",
            "conditions", "condition", "actions", "action");

    private final Path file;
    private List<Map<String, Object>> entries = new ArrayList<>();

    AutomationStore(Path directory) {
        this.file = directory == null ? null : directory.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** Re-reads the file (if any); an empty or missing file counts as an empty list. */
    List<Map<String, Object>> read() {
        if (file != null) {
            entries = load(file);
        }
        return entries;
    }

    List<Map<String, Object>> entries() {
        return entries;
    }

    Map<String, Object> get(String id) {
        for (Map<String, Object> e : read()) {
            if (Objects.equals(e.get("id"), id)) {
                return e;
            }
        }
        return null;
    }

    /** Replaces the entry with this id or appends one; entries lacking an id get a uuid4 hex id. */
    void put(String id, Map<String, Object> body) {
        List<Map<String, Object>> data = read();
        Map<String, Object> updated = new LinkedHashMap<>();
        updated.put("id", id);
        for (String key : ORDERED_KEYS) {
            if (body.containsKey(key)) {
                updated.put(key, body.get(key));
            }
        }
        updated.putAll(body);
        boolean replaced = false;
        for (int i = 0; i < data.size(); i++) {
            Map<String, Object> cur = data.get(i);
            if (!cur.containsKey("id")) {
                cur.put("id", Ids.uuidHex()); // HA adds it in place, i.e. as the last key
            } else if (Objects.equals(cur.get("id"), id)) {
                data.set(i, updated);
                replaced = true;
            }
        }
        if (!replaced) {
            data.add(updated);
        }
        write(data);
    }

    boolean delete(String id) {
        List<Map<String, Object>> data = read();
        for (int i = 0; i < data.size(); i++) {
            if (Objects.equals(data.get(i).get("id"), id)) {
                data.remove(i);
                write(data);
                return true;
            }
        }
        return false;
    }

    private void write(List<Map<String, Object>> data) {
        entries = data;
        if (file == null) {
            return;
        }
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setAllowUnicode(true);
        o.setWidth(4096);
        String text = data.isEmpty() ? "[]\n" : new Yaml(new Representer(o), o).dump(data);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".automations", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Object doc = new Yaml(new LenientConstructor()).load(text);
            List<Map<String, Object>> out = new ArrayList<>();
            if (doc instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        out.add(new LinkedHashMap<>((Map<String, Object>) m));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** YAML 1.1 safe loading that keeps unknown tags ({@code !secret}, {@code !input}, ...) as plain values. */
    private static final class LenientConstructor extends SafeConstructor {
        LenientConstructor() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode s) {
                        return s.getValue();
                    }
                    if (node instanceof SequenceNode s) {
                        return constructSequence(s);
                    }
                    return constructMapping((MappingNode) node);
                }
            });
        }
    }
}
