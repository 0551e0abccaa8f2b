package io.hestia.ha.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value rules of HA's {@code helpers/config_validation.py} and {@code core.py}, re-implemented without exceptions
 * and with Python's parsing semantics ({@code int()}, {@code float()}, {@code str()}). Package-private helpers for
 * {@link HaAutomationSchema}.
 */
final class HaValues {

    static final String TIME_PERIOD_ERROR = "offset %s should be format 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.F'";
    static final List<String> TIME_PERIOD_KEYS = List.of("days", "hours", "minutes", "seconds", "milliseconds");
    private static final double[] TIME_PERIOD_FACTORS = {86400, 3600, 60, 1, 0.001};

    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?(?:[0-9](?:_?[0-9])*(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?");
    private static final Pattern ENDRAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");
    private static final Set<String> BLOCK_TAGS =
            Set.of("if", "for", "macro", "call", "filter", "with", "block", "autoescape", "set");

    private HaValues() {
    }

    // ----------------------------------------------------------------------------------------------------------
    // Entity ids (core.valid_entity_id) and friends

    /**
     * {@code core.VALID_ENTITY_ID}: {@code <domain>.<object_id>}, both parts {@code [a-z0-9_]+}, neither starting
     * nor ending with {@code _}, and no {@code __} anywhere.
     */
    static boolean isValidEntityId(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1 || s.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        return isSlugPart(s, 0, dot) && isSlugPart(s, dot + 1, s.length());
    }

    /** {@code core.VALID_DOMAIN}. */
    static boolean isValidDomain(String s) {
        return !s.isEmpty() && isSlugPart(s, 0, s.length());
    }

    private static boolean isSlugPart(String s, int from, int to) {
        if (from >= to || s.charAt(from) == '_' || s.charAt(to - 1) == '_') {
            return false;
        }
        char previous = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok || (c == '_' && previous == '_')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** {@code cv.fake_uuid4_hex}: 32 lowercase hex digits (an entity registry id). */
    static boolean isFakeUuid(String s) {
        if (s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Templates

    /** {@code template_helper.is_template_string}. */
    static boolean isTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    /**
     * A light syntax check of a Jinja template: unclosed {@code {{ }}}, {@code {% %}}, {@code {# #}} delimiters
     * (string literals inside are skipped) and unbalanced block statements ({@code if/endif}, {@code for/endfor},
     * ...). Returns Jinja-like wording, or null when nothing is wrong. Anything subtler is left to HA.
     */
    static String templateError(String s) {
        Deque<String> blocks = null;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int open = s.indexOf('{', i);
            if (open < 0 || open + 1 >= n) {
                break;
            }
            char kind = s.charAt(open + 1);
            if (kind != '{' && kind != '%' && kind != '#') {
                i = open + 1;
                continue;
            }
            if (kind == '#') {
                int close = s.indexOf("#}", open + 2);
                if (close < 0) {
                    return "TemplateSyntaxError: Missing end of comment tag";
                }
                i = close + 2;
                continue;
            }
            int close = findClose(s, open + 2, kind == '{' ? '}' : '%');
            if (close < 0) {
                return kind == '{'
                        ? "TemplateSyntaxError: unexpected end of template, expected 'end of print statement'."
                        : "TemplateSyntaxError: unexpected end of template, expected 'end of statement block'.";
            }
            if (kind == '%') {
                String body = statementBody(s, open + 2, close);
                String word = firstWord(body);
                if (word.equals("raw")) {
                    Matcher m = ENDRAW.matcher(s);
                    if (!m.find(close + 2)) {
                        return "TemplateSyntaxError: Missing end of raw directive";
                    }
                    i = m.end();
                    continue;
                }
                if (BLOCK_TAGS.contains(word) && !(word.equals("set") && body.indexOf('=') >= 0)) {
                    if (blocks == null) {
                        blocks = new ArrayDeque<>();
                    }
                    blocks.push(word);
                } else if (word.startsWith("end") && BLOCK_TAGS.contains(word.substring(3))) {
                    String expected = blocks == null ? null : blocks.peek();
                    if (!word.substring(3).equals(expected)) {
                        return expected == null
                                ? "TemplateSyntaxError: Encountered unknown tag '" + word + "'."
                                : "TemplateSyntaxError: Encountered unknown tag '" + word
                                        + "'. Jinja was looking for the following tags: 'end" + expected
                                        + "'. The innermost block that needs to be closed is '" + expected + "'.";
                    }
                    blocks.pop();
                } else if (word.equals("elif") || word.equals("else")) {
                    String current = blocks == null ? null : blocks.peek();
                    boolean ok = word.equals("elif") ? "if".equals(current)
                            : "if".equals(current) || "for".equals(current);
                    if (!ok) {
                        return "TemplateSyntaxError: Encountered unknown tag '" + word + "'.";
                    }
                }
            }
            i = close + 2;
        }
        if (blocks != null && !blocks.isEmpty()) {
            String open = blocks.peek();
            return "TemplateSyntaxError: Unexpected end of template. Jinja was looking for the following tags: 'end"
                    + open + "'. The innermost block that needs to be closed is '" + open + "'.";
        }
        return null;
    }

    /** Index of the closing {@code }}}/{@code %}} of a tag body starting at {@code from}, skipping string literals. */
    private static int findClose(String s, int from, char first) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n) {
                    return -1;
                }
                i = j;
            } else if (c == first && i + 1 < n && s.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    private static String statementBody(String s, int from, int to) {
        int a = from;
        int b = to;
        if (a < b && (s.charAt(a) == '-' || s.charAt(a) == '+')) {
            a++;
        }
        if (b > a && (s.charAt(b - 1) == '-' || s.charAt(b - 1) == '+')) {
            b--;
        }
        return s.substring(a, b).trim();
    }

    private static String firstWord(String body) {
        int end = 0;
        while (end < body.length() && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '_')) {
            end++;
        }
        return body.substring(0, end);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Python number parsing and printing

    /** Python {@code int(str)}: optional sign, digits with single underscores between them, surrounding blanks. */
    static Long pyInt(String text) {
        String s = text.strip();
        int n = s.length();
        if (n == 0) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i >= n) {
            return null;
        }
        long value = 0;
        boolean digit = false;
        boolean underscore = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!digit || underscore) {
                    return null;
                }
                underscore = true;
                continue;
            }
            if (c < '0' || c > '9') {
                return null;
            }
            value = value > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
            digit = true;
            underscore = false;
        }
        if (underscore) {
            return null;
        }
        return negative ? -value : value;
    }

    /** Python {@code float(str)}, including {@code inf}, {@code nan}, exponents and underscores. */
    static Double pyFloat(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        String unsigned = s.charAt(0) == '+' || s.charAt(0) == '-' ? s.substring(1) : s;
        String word = lower(unsigned);
        if (word.equals("inf") || word.equals("infinity")) {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (word.equals("nan")) {
            return Double.NaN;
        }
        if (!PY_FLOAT.matcher(s).matches()) {
            return null;
        }
        return Double.parseDouble(s.replace("_", ""));
    }

    /** Python {@code float(value)} for YAML/JSON values; null when Python would raise. */
    static Double coerceFloat(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String s) {
            return pyFloat(s);
        }
        return null;
    }

    /** Python {@code int(value)} for YAML/JSON values (floats truncate); null when Python would raise. */
    static Long coerceInt(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? (long) d : null;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 63 ? big.longValue() : (big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String s) {
            return pyInt(s);
        }
        return null;
    }

    static boolean isNumber(Object value) {
        return value instanceof Number;
    }

    /** Python's {@code isinstance(value, int)} (bool included) or a float: something {@code float()} takes as is. */
    static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    /** Python {@code str(value)} for YAML/JSON values. */
    static String pyStr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return pyFloatRepr(((Number) value).doubleValue());
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                sb.append(pyRepr(it.next()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                sb.append(pyRepr(e.getKey())).append(": ").append(pyRepr(e.getValue()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        return String.valueOf(value);
    }

    /** Python {@code repr(value)}, roughly (strings single-quoted). */
    static String pyRepr(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return pyStr(value);
    }

    /** Python's {@code repr(float)}, close enough for messages. */
    static String pyFloatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e16)) {
            String text = Double.toString(d);
            int e = text.indexOf('E');
            String mantissa = text.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            int exponent = Integer.parseInt(text.substring(e + 1));
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        if (d == Math.rint(d)) {
            return (long) d + ".0";
        }
        return new BigDecimal(Double.toString(d)).toPlainString();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Times and periods

    /** {@code dt_util.parse_time(str(value))}: {h, m, s} or null. */
    static int[] parseTimeOfDay(Object value) {
        String s = pyStr(value);
        String[] parts = s.split(":", -1);
        if (parts.length < 2) {
            return null;
        }
        Long h = pyInt(parts[0]);
        Long m = pyInt(parts[1]);
        Long sec = parts.length > 2 ? pyInt(parts[2]) : Long.valueOf(0);
        if (h == null || m == null || sec == null || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return null;
        }
        return new int[] {h.intValue(), m.intValue(), sec.intValue()};
    }

    /** {@code cv.time_period_str}: seconds, or null when the text is not {@code [+-]H:M[:S[.f]]}. */
    static Double timePeriodString(String text) {
        String value = text;
        boolean negative = false;
        if (value.startsWith("-")) {
            negative = true;
            value = value.substring(1);
        } else if (value.startsWith("+")) {
            value = value.substring(1);
        }
        String[] parts = value.split(":", -1);
        if (parts.length != 2 && parts.length != 3) {
            return null;
        }
        Long hours = pyInt(parts[0]);
        Long minutes = pyInt(parts[1]);
        Double seconds = parts.length == 3 ? pyFloat(parts[2]) : Double.valueOf(0);
        if (hours == null || minutes == null || seconds == null || !Double.isFinite(seconds)) {
            return null;
        }
        double total = hours * 3600.0 + minutes * 60.0 + seconds;
        return negative ? -total : total;
    }

    /**
     * {@code cv.time_period} for a scalar: a period string, or a number of seconds (a number, or a string
     * {@code float()} accepts). Null when invalid. Mappings are handled by the caller.
     */
    static Double timePeriodScalar(Object value) {
        if (value instanceof String s) {
            Double parsed = timePeriodString(s);
            if (parsed != null) {
                return parsed;
            }
            Double seconds = pyFloat(s);
            return seconds != null && Double.isFinite(seconds) ? seconds : null;
        }
        if (value instanceof Boolean || value instanceof Number) {
            Double seconds = coerceFloat(value);
            return seconds != null && Double.isFinite(seconds) ? seconds : null;
        }
        return null;
    }

    static double timePeriodFactor(String key) {
        return TIME_PERIOD_FACTORS[TIME_PERIOD_KEYS.indexOf(key)];
    }

    /** "H:MM:SS" reading of an integer that YAML 1.1 produced from an unquoted base-60 time. */
    static String sexagesimalGuess(long n) {
        if (n >= 0 && n < 86400 && n % 60 == 0 && n >= 3600) {
            return String.format("%02d:%02d:%02d", n / 3600, (n % 3600) / 60, n % 60);
        }
        if (n >= 0 && n < 1440) {
            return String.format("%02d:%02d", n / 60, n % 60);
        }
        if (n >= 0 && n < 86400) {
            return String.format("%02d:%02d:%02d", n / 3600, (n % 3600) / 60, n % 60);
        }
        return null;
    }
}
