package io.hestia.ha.schema;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads and writes YAML the way Home Assistant reads it (reference/home-assistant.md, A.2).
 *
 * <p>HA loads YAML with PyYAML's {@code SafeLoader} resolution (YAML 1.1). SnakeYAML 2.5's default resolver already
 * gets every row of the A.2 table right (booleans, base 60, leading zeros, octal, underscores, null); it differs from
 * PyYAML on floats ({@code 1e5}, {@code 1.0e5}, {@code 1E10}, {@code +.5} are floats for SnakeYAML, strings for
 * PyYAML) and builds {@code java.util.Date} for timestamps. This class therefore installs PyYAML's exact
 * implicit-resolver patterns (verified against PyYAML 6.0.3 and all 337 corpus files):
 * <ul>
 *   <li>booleans: {@code yes/no/true/false/on/off} in the three spellings PyYAML knows (lower case,
 *       Capitalised, UPPER), e.g. {@code on}, {@code On}, {@code ON}; {@code y}, {@code n} and mixed case such as
 *       {@code oN} stay strings (as in PyYAML);</li>
 *   <li>integers: decimal, {@code 0b}, {@code 0x}, octal with a leading zero ({@code 0755} → 493), underscores
 *       ({@code 1_000} → 1000) and base 60 without a leading zero ({@code 5:00} → 300, {@code 1:00:00} → 3600);
 *       {@code 07:30} and {@code 01:00:00} stay strings;</li>
 *   <li>floats: PyYAML needs a dot and a signed exponent, so {@code 1e5} and {@code 1.0e5} stay strings
 *       (SnakeYAML's default makes them floats);</li>
 *   <li>null: {@code ~}, {@code null}, {@code Null}, {@code NULL} and empty;</li>
 *   <li>timestamps: {@code 2024-01-05} → {@link LocalDate}, with a time → {@link LocalDateTime}, with a zone
 *       → {@link OffsetDateTime} (PyYAML gives date/datetime objects).</li>
 * </ul>
 * HA's tags ({@code !secret}, {@code !include}, {@code !include_dir_*}, {@code !input}, {@code !env_var}) and any
 * other local tag load as {@link HaTag}. Duplicate keys: the last value wins at the position of the first key
 * (as with a Python dict) and each duplicate is reported as a {@link DuplicateKey} warning.
 *
 * <p>All methods are thread-safe.
 */
public final class HaYaml {

    /** A duplicate key in one mapping; lines are 1-based. */
    public record DuplicateKey(String key, int previousLine, int line) {
        /** HA's wording (util/yaml/loader.py), with 1-based line numbers. */
        public String message() {
            return "YAML contains duplicate key \"" + key + "\". Check lines " + previousLine + " and " + line;
        }
    }

    /** A loaded document and the duplicate-key warnings found while loading it. */
    public record Document(Object value, List<DuplicateKey> duplicateKeys) {
        public Document {
            duplicateKeys = List.copyOf(duplicateKeys);
        }
    }

    /** YAML that cannot be loaded (syntax error, unknown global tag, invalid date …). Lines are 1-based. */
    public static final class HaYamlException extends RuntimeException {
        private final int line;
        private final int column;

        HaYamlException(String message, int line, int column, Throwable cause) {
            super(message, cause);
            this.line = line;
            this.column = column;
        }

        /** 1-based line of the problem, or 0 when unknown. */
        public int line() {
            return line;
        }

        /** 1-based column of the problem, or 0 when unknown. */
        public int column() {
            return column;
        }
    }

    // PyYAML resolver.py patterns (Resolver.add_implicit_resolver), verbatim apart from re.X whitespace.
    static final Pattern PY_BOOL = Pattern.compile(
            "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static final Pattern PY_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN))$");
    static final Pattern PY_INT = Pattern.compile(
            "^(?:[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    static final Pattern PY_MERGE = Pattern.compile("^(?:<<)$");
    static final Pattern PY_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern PY_EMPTY = Pattern.compile("^$");
    static final Pattern PY_TIMESTAMP = Pattern.compile(
            "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                    + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
    private static final Pattern TIMESTAMP_PARTS = Pattern.compile(
            "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                    + "(?:(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]*))?"
                    + "(?:[ \\t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$");

    /** Strings that look like a clock time or period in any YAML dialect, zero-padded or not: always quoted. */
    private static final Pattern TIME_LIKE = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-9][0-9_]*)+(?:\\.[0-9_]*)?$");
    /** Scalars another YAML reader (YAML 1.2, case-insensitive tools) could take for a bool, null or number. */
    private static final Pattern OTHER_DIALECT = Pattern.compile(
            "(?i)^(?:y|n|yes|no|on|off|true|false|null|~"
                    + "|[-+]?(?:\\.[0-9][0-9_]*|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:e[-+]?[0-9]+)?"
                    + "|[-+]?0o[0-7_]+|[-+]?0x[0-9a-f_]+|[-+]?0b[01_]+|[-+]?\\.inf|\\.nan)$");

    private static final Resolver RESOLVER = new PyYamlResolver();

    private HaYaml() {
    }

    /** Loads one YAML document as HA would see it (maps keep key order). */
    public static Object load(String yaml) {
        return parse(yaml).value();
    }

    /** Loads one YAML document and reports duplicate keys. */
    public static Document parse(String yaml) {
        LoaderOptions options = loaderOptions();
        HaConstructor constructor = new HaConstructor(options);
        Yaml snake = new Yaml(constructor, new Representer(new DumperOptions()), new DumperOptions(), options, RESOLVER);
        try {
            Object value = snake.load(yaml);
            return new Document(value, constructor.duplicates);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            throw new HaYamlException(e.getMessage(), line, column, e);
        } catch (YAMLException e) {
            throw new HaYamlException(e.getMessage(), 0, 0, e);
        }
    }

    /**
     * Writes YAML that HA's loader reads back as the same structure: block style, keys in map order, and every
     * string that could be read as anything but a string (boolean, number, null, time, date) is quoted, e.g.
     * {@code 'on'}, {@code '07:30'}, {@code '5:00'}, {@code '1234'}. Multi-line strings use literal blocks.
     * {@link HaTag} values are written with their tag.
     */
    public static String dump(Object value) {
        return DUMPER.get().dump(value);
    }

    private static final Pattern PATH_TOKEN = Pattern.compile("\\[(\\d+)]|([^.\\[\\]]+)");

    /**
     * Where validator paths such as {@code actions[1].target.entity_id} are in a YAML text: the 1-based line of
     * the deepest key or item the path reaches (a path naming a key that is absent points at its parent). Paths
     * that reach nothing (the empty path, text that does not parse) are left out.
     */
    public static Map<String, Integer> lines(String yaml, java.util.Collection<String> paths) {
        Map<String, Integer> out = new HashMap<>();
        Node root;
        try {
            root = new Yaml(new SafeConstructor(loaderOptions()), new Representer(new DumperOptions()),
                    new DumperOptions(), loaderOptions(), RESOLVER).compose(new java.io.StringReader(yaml));
        } catch (YAMLException e) {
            return out;
        }
        if (root == null) {
            return out;
        }
        for (String path : paths) {
            if (path == null || path.isEmpty() || out.containsKey(path)) {
                continue;
            }
            Integer line = null;
            Node node = root;
            Matcher m = PATH_TOKEN.matcher(path);
            while (node != null && m.find()) {
                Node next = null;
                if (m.group(1) != null && node instanceof SequenceNode seq) {
                    int i = Integer.parseInt(m.group(1));
                    if (i < seq.getValue().size()) {
                        next = seq.getValue().get(i);
                        line = next.getStartMark().getLine() + 1;
                    }
                } else if (m.group(2) != null && node instanceof MappingNode map) {
                    for (NodeTuple t : map.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(m.group(2))) {
                            next = t.getValueNode();
                            line = key.getStartMark().getLine() + 1;
                            break;
                        }
                    }
                }
                node = next;
            }
            if (line != null) {
                out.put(path, line);
            }
        }
        return out;
    }

    /** SnakeYAML's Yaml is not thread-safe but reusable: one per thread (building one costs more than a dump). */
    private static final ThreadLocal<Yaml> DUMPER = ThreadLocal.withInitial(() -> {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(4096);
        options.setAllowUnicode(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        LoaderOptions loaderOptions = loaderOptions();
        return new Yaml(new SafeConstructor(loaderOptions), new HaRepresenter(options), options, loaderOptions,
                RESOLVER);
    });

    /**
     * True when {@code s}, written unquoted, would not come back as this string (PyYAML rules) or could be
     * misread by another YAML dialect: booleans in any case, {@code y}/{@code n}, null, numbers, times such as
     * {@code 07:30}, dates, the empty string.
     */
    public static boolean needsQuoting(String s) {
        if (s.isEmpty()) {
            return true;
        }
        if (PyYamlResolver.plainString(s)) {
            return false; // no resolver, TIME_LIKE or OTHER_DIALECT can match: skip the regexes
        }
        if (!Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, s, true))) {
            return true;
        }
        return TIME_LIKE.matcher(s).matches() || OTHER_DIALECT.matcher(s).matches();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(200);
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setNestingDepthLimit(200);
        options.setProcessComments(false);
        return options;
    }

    /** PyYAML's implicit resolvers, registered in PyYAML's order. */
    private static final class PyYamlResolver extends Resolver {
        /** Every first character an implicit resolver below (or TIME_LIKE, OTHER_DIALECT) can match. */
        private static final String SPECIAL_FIRST = "yYnNtTfFoO-+0123456789.<~";

        /** A non-empty scalar whose first character no implicit resolver starts with: a string, no regex needed. */
        static boolean plainString(String value) {
            return !value.isEmpty() && value.charAt(0) != '\0' && SPECIAL_FIRST.indexOf(value.charAt(0)) < 0;
        }

        /** Same answer as the base class; skips the matchers (PY_EMPTY runs for every scalar) when none can match. */
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && plainString(value)) {
                return Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, PY_BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.FLOAT, PY_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.INT, PY_INT, "-+0123456789");
            addImplicitResolver(Tag.MERGE, PY_MERGE, "<");
            addImplicitResolver(Tag.NULL, PY_NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, PY_EMPTY, null);
            addImplicitResolver(Tag.TIMESTAMP, PY_TIMESTAMP, "0123456789");
            // PyYAML also resolves a lone "=" to tag:yaml.org,2002:value, which its SafeLoader cannot construct
            // (HA fails to load such a file). Here "=" stays a string.
        }
    }

    private static final class HaConstructor extends SafeConstructor {
        final List<DuplicateKey> duplicates = new ArrayList<>();

        HaConstructor(LoaderOptions options) {
            super(options);
            // catch-all for every tag without its own constructor: HA's tags and any other local tag
            this.yamlConstructors.put(null, new ConstructTagged());
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructTimestamp());
        }

        @Override
        protected void processDuplicateKeys(MappingNode node, boolean forceStringKeys) {
            List<NodeTuple> tuples = node.getValue();
            if (tuples.size() < 2) {
                if (forceStringKeys) {
                    super.processDuplicateKeys(node, true);
                }
                return;
            }
            Map<Object, Integer> firstIndex = new HashMap<>(tuples.size() * 2);
            Map<Object, Integer> lastLine = new HashMap<>();
            TreeSet<Integer> toRemove = null;
            for (int i = 0; i < tuples.size(); i++) {
                NodeTuple tuple = tuples.get(i);
                Node keyNode = tuple.getKeyNode();
                if (Tag.MERGE.equals(keyNode.getTag())) {
                    continue;
                }
                if (forceStringKeys && keyNode instanceof ScalarNode) {
                    keyNode.setType(String.class);
                    keyNode.setTag(Tag.STR);
                }
                Object key = constructObject(keyNode);
                int line = keyNode.getStartMark() == null ? 0 : keyNode.getStartMark().getLine() + 1;
                Integer first = firstIndex.get(key);
                if (first == null) {
                    firstIndex.put(key, i);
                } else {
                    duplicates.add(new DuplicateKey(String.valueOf(key), lastLine.get(key), line));
                    // Python dict semantics: the key keeps its first position, the last value wins.
                    NodeTuple kept = tuples.get(first);
                    tuples.set(first, new NodeTuple(kept.getKeyNode(), tuple.getValueNode()));
                    if (toRemove == null) {
                        toRemove = new TreeSet<>();
                    }
                    toRemove.add(i);
                }
                lastLine.put(key, line);
            }
            if (toRemove != null) {
                for (Integer index : toRemove.descendingSet()) {
                    tuples.remove(index.intValue());
                }
            }
        }

        private final class ConstructTagged extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!")) {
                    throw new LoadException("could not determine a constructor for the tag " + tag,
                            node.getStartMark());
                }
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return new HaTag(tag, value);
            }
        }

        private final class ConstructTimestamp extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String text = constructScalar((ScalarNode) node);
                Matcher m = TIMESTAMP_PARTS.matcher(text);
                if (!m.matches()) {
                    throw new LoadException("invalid timestamp " + text, node.getStartMark());
                }
                try {
                    LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                    if (m.group(4) == null) {
                        return date;
                    }
                    int nanos = 0;
                    if (m.group(7) != null && !m.group(7).isEmpty()) {
                        String micros = (m.group(7) + "000000").substring(0, 6); // PyYAML keeps microseconds
                        nanos = Integer.parseInt(micros) * 1000;
                    }
                    LocalDateTime dateTime = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)), nanos);
                    if (m.group(8) == null) {
                        return dateTime;
                    }
                    ZoneOffset offset = ZoneOffset.UTC;
                    if (m.group(9) != null) {
                        int hours = Integer.parseInt(m.group(10));
                        int minutes = m.group(11) == null ? 0 : Integer.parseInt(m.group(11));
                        int sign = "-".equals(m.group(9)) ? -1 : 1;
                        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
                    }
                    return dateTime.atOffset(offset);
                } catch (DateTimeException e) {
                    throw new LoadException("invalid timestamp " + text + ": " + e.getMessage(),
                            node.getStartMark());
                }
            }
        }
    }

    private static final class LoadException extends ConstructorException {
        LoadException(String problem, Mark mark) {
            super(null, null, problem, mark);
        }
    }

    private static final class HaRepresenter extends Representer {
        HaRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, new RepresentHaString());
            this.representers.put(HaTag.class, new RepresentHaTag());
            Represent floating = new RepresentFloating();
            this.representers.put(Double.class, floating);
            this.representers.put(Float.class, floating);
            this.representers.put(BigDecimal.class, new RepresentBigDecimal());
            Represent temporal = new RepresentTemporal();
            this.representers.put(LocalDate.class, temporal);
            this.representers.put(LocalDateTime.class, temporal);
            this.representers.put(OffsetDateTime.class, temporal);
        }

        private final class RepresentHaString implements Represent {
            @Override
            public Node representData(Object data) {
                String s = (String) data;
                DumperOptions.ScalarStyle style = DumperOptions.ScalarStyle.PLAIN;
                if (s.indexOf('\n') >= 0) {
                    style = DumperOptions.ScalarStyle.LITERAL;
                } else if (needsQuoting(s)) {
                    style = DumperOptions.ScalarStyle.SINGLE_QUOTED;
                }
                return representScalar(Tag.STR, s, style);
            }
        }

        private final class RepresentHaTag implements Represent {
            @Override
            public Node representData(Object data) {
                HaTag tagged = (HaTag) data;
                Tag tag = new Tag(tagged.tag());
                Object value = tagged.value();
                if (value instanceof List<?> list) {
                    return representSequence(tag, list, DumperOptions.FlowStyle.AUTO);
                }
                if (value instanceof Map<?, ?> map) {
                    return representMapping(tag, map, DumperOptions.FlowStyle.AUTO);
                }
                return representScalar(tag, value == null ? "" : value.toString());
            }
        }

        private final class RepresentFloating implements Represent {
            @Override
            public Node representData(Object data) {
                return representScalar(Tag.FLOAT, pythonFloatText(((Number) data).doubleValue()));
            }
        }

        private final class RepresentBigDecimal implements Represent {
            @Override
            public Node representData(Object data) {
                BigDecimal decimal = (BigDecimal) data;
                if (decimal.scale() <= 0) {
                    return representScalar(Tag.INT, decimal.toBigInteger().toString());
                }
                return representScalar(Tag.FLOAT, decimal.toPlainString());
            }
        }

        private final class RepresentTemporal implements Represent {
            @Override
            public Node representData(Object data) {
                return representScalar(Tag.TIMESTAMP, temporalText(data));
            }
        }
    }

    /** A float as PyYAML writes it: a dot is always present and exponents are signed ({@code 1.0e+16}). */
    static String pythonFloatText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String text = Double.toString(d);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        String mantissa = text.substring(0, e);
        int exponent = Integer.parseInt(text.substring(e + 1));
        int abs = Math.abs(exponent);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
    }

    private static String temporalText(Object data) {
        if (data instanceof LocalDate date) {
            return date.toString();
        }
        LocalDateTime local = data instanceof OffsetDateTime odt ? odt.toLocalDateTime() : (LocalDateTime) data;
        StringBuilder sb = new StringBuilder(32);
        sb.append(local.toLocalDate()).append(' ');
        sb.append(String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond()));
        if (local.getNano() != 0) {
            sb.append('.').append(String.format("%06d", local.getNano() / 1000));
        }
        if (data instanceof OffsetDateTime odt) {
            int seconds = odt.getOffset().getTotalSeconds();
            sb.append(seconds < 0 ? '-' : '+');
            int abs = Math.abs(seconds);
            sb.append(String.format("%02d:%02d", abs / 3600, (abs % 3600) / 60));
        }
        return sb.toString();
    }
}
