package io.hestia.query.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises and tokenises requests and registry names the same way, so that a name matches the words that say it:
 * lower case, contractions expanded, {@code °} and {@code %} spelled out, clock times ("7am", "7:30 pm", "19:00",
 * "noon") and numbers (digits, decimals, number words such as "twenty point five") made into single tokens, and a
 * matching stem per word (plural and possessive endings removed: "lights" and "light's" both become "light").
 */
public final class Text {

    private Text() {
    }

    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("what's", "what is"), Map.entry("whats", "what is"), Map.entry("it's", "it is"),
            Map.entry("that's", "that is"), Map.entry("there's", "there is"), Map.entry("i'm", "i am"),
            Map.entry("i'd", "i would"), Map.entry("don't", "do not"), Map.entry("doesn't", "does not"),
            Map.entry("isn't", "is not"), Map.entry("aren't", "are not"), Map.entry("won't", "will not"),
            Map.entry("can't", "can not"), Map.entry("cannot", "can not"), Map.entry("let's", "let us"),
            Map.entry("who's", "who is"), Map.entry("where's", "where is"), Map.entry("how's", "how is"),
            Map.entry("i've", "i have"), Map.entry("nobody's", "nobody is"), Map.entry("everyone's", "everyone is"));

    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);

    private static final Pattern CLOCK = Pattern.compile(
            "\\b(\\d{1,2})(?:[:.](\\d{2}))?\\s*([ap])\\.?\\s?m\\b\\.?|\\b(\\d{1,2}):(\\d{2})\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+(?:['.][\\p{L}\\p{N}]+)*|,");

    /** Lower case, typographic quotes folded, contractions expanded, {@code °}/{@code %} spelled out. */
    public static String normalise(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'')
                .replace("°c", " degrees celsius ").replace("°f", " degrees fahrenheit ").replace("°", " degrees ")
                .replace("%", " percent ").replace("&", " and ");
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '\'')) {
                    j++;
                }
                String w = s.substring(i, j);
                String expanded = CONTRACTIONS.get(w);
                out.append(expanded != null ? expanded : w);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Tokens of an already {@linkplain #normalise normalised} text. */
    public static List<Tok> tokens(String normalised) {
        List<Tok> out = new ArrayList<>();
        Matcher clock = CLOCK.matcher(normalised);
        int pos = 0;
        while (clock.find()) {
            words(normalised.substring(pos, clock.start()), pos, out);
            int hour;
            int minute;
            if (clock.group(4) != null) {
                hour = Integer.parseInt(clock.group(4));
                minute = Integer.parseInt(clock.group(5));
            } else {
                hour = Integer.parseInt(clock.group(1));
                minute = clock.group(2) == null ? 0 : Integer.parseInt(clock.group(2));
                boolean pm = clock.group(3).equals("p");
                if (hour == 12) {
                    hour = pm ? 12 : 0;
                } else if (pm) {
                    hour += 12;
                }
            }
            if (hour < 24 && minute < 60) {
                out.add(new Tok(clock.group(), "#time", clock.start(), clock.end(), null, hour * 60 + minute));
            } else {
                // "at 25:00" is no time, and neither "25" nor "00" is a brightness: one word nothing explains
                out.add(new Tok(clock.group().replace(" ", ""), clock.group().replace(" ", ""), clock.start(),
                        clock.end(), null, null));
            }
            pos = clock.end();
        }
        words(normalised.substring(pos), pos, out);
        return numberWords(out);
    }

    /** Normalise and tokenise. */
    public static List<Tok> tokenize(String text) {
        return tokens(normalise(text));
    }

    private static void words(String part, int offset, List<Tok> out) {
        Matcher m = WORD.matcher(part);
        while (m.find()) {
            String w = m.group();
            int start = offset + m.start();
            int end = offset + m.end();
            if (w.endsWith("'s")) {
                w = w.substring(0, w.length() - 2);
            } else if (w.endsWith("'")) {
                w = w.substring(0, w.length() - 1);
            }
            w = w.replace("'", "");
            if (w.isEmpty()) {
                continue;
            }
            Double number = null;
            if (Character.isDigit(w.charAt(0))) {
                number = parseNumber(w);
                if (number == null) {
                    // "50percent", "2nd": digits glued to a word
                    int k = 0;
                    while (k < w.length() && (Character.isDigit(w.charAt(k)) || w.charAt(k) == '.')) {
                        k++;
                    }
                    Double lead = parseNumber(w.substring(0, k));
                    String rest = w.substring(k);
                    if (lead != null && !rest.isEmpty() && !ORDINAL.matcher(rest).matches()) {
                        out.add(new Tok(w.substring(0, k), "#num", start, start + k, lead, null));
                        out.add(tok(rest, start + k, end));
                        continue;
                    }
                    number = lead;
                }
            }
            if (number != null && m.start() > 0 && part.charAt(m.start() - 1) == '-'
                    && (m.start() == 1 || Character.isWhitespace(part.charAt(m.start() - 2)))) {
                // "below -5 degrees": a sign, not a hyphen ("7-8" or "co-2" keep theirs)
                number = -number;
                w = "-" + w;
                start--;
            }
            if (number != null) {
                out.add(new Tok(w, "#num", start, end, number, null));
            } else if (w.equals("noon") || w.equals("midday")) {
                out.add(new Tok(w, "#time", start, end, null, 12 * 60));
            } else if (w.equals("midnight")) {
                out.add(new Tok(w, "#time", start, end, null, 0));
            } else {
                out.add(tok(w, start, end));
            }
        }
    }

    private static Tok tok(String w, int start, int end) {
        return new Tok(w, stem(w), start, end, null, null);
    }

    private static final Pattern ORDINAL = Pattern.compile("st|nd|rd|th");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    private static Double parseNumber(String w) {
        String s = w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
        if (!DECIMAL.matcher(s).matches()) {
            return null;
        }
        return Double.valueOf(s);
    }

    /** Folds number words into number tokens: "twenty five" = 25, "twenty point five" = 20.5, "a hundred" = 100. */
    private static List<Tok> numberWords(List<Tok> in) {
        List<Tok> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Tok t = in.get(i);
            Integer v = wordValue(t.word());
            if (v == null || (t.word().equals("one") && !numberContext(in, i))) {
                out.add(t);
                continue;
            }
            int j = i + 1;
            double value = v;
            if (TENS.containsKey(t.word()) && j < in.size() && UNITS.containsKey(in.get(j).word())
                    && UNITS.get(in.get(j).word()) < 10 && UNITS.get(in.get(j).word()) > 0) {
                value += UNITS.get(in.get(j).word());
                j++;
            }
            if (j < in.size() && in.get(j).word().equals("hundred")) {
                value *= 100;
                j++;
            }
            if (j + 1 < in.size() && in.get(j).word().equals("point") && wordValue(in.get(j + 1).word()) != null
                    && wordValue(in.get(j + 1).word()) < 10) {
                value += wordValue(in.get(j + 1).word()) / 10.0;
                j += 2;
            }
            Tok last = in.get(j - 1);
            out.add(new Tok(value % 1 == 0 ? Long.toString((long) value) : Double.toString(value), "#num",
                    t.start(), last.end(), value, null));
            i = j - 1;
        }
        // "a hundred" / "hundred percent"
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).word().equals("hundred")) {
                Tok t = out.get(i);
                out.set(i, new Tok("100", "#num", t.start(), t.end(), 100.0, null));
            }
        }
        return out;
    }

    /** "one" is a number only next to units or percent ("one percent", "one minute"), not "the one in the hall". */
    private static boolean numberContext(List<Tok> in, int i) {
        if (i + 1 >= in.size()) {
            return false;
        }
        String next = in.get(i + 1).word();
        return next.startsWith("percent") || next.startsWith("degree") || next.startsWith("minute")
                || next.startsWith("hour") || next.startsWith("second") || next.equals("point");
    }

    private static Integer wordValue(String w) {
        Integer u = UNITS.get(w);
        return u != null ? u : TENS.get(w);
    }

    /** Matching stem: plural, possessive and a few inflections removed; never shorter than three letters. */
    public static String stem(String w) {
        int n = w.length();
        if (n <= 3 || !Character.isLetter(w.charAt(n - 1))) {
            return w;
        }
        if (w.endsWith("ies") && n > 4) {
            return w.substring(0, n - 3) + "y";
        }
        if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("sses") || w.endsWith("xes")) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, n - 1);
        }
        return w;
    }

    /** Stems of a name or alias, for the phrase index. */
    public static List<String> stems(String phrase) {
        List<String> out = new ArrayList<>();
        for (Tok t : tokenize(phrase)) {
            if (!t.word().equals(",")) {
                out.add(t.isNumber() ? t.word() : t.stem());
            }
        }
        return out;
    }

    /** Damerau-Levenshtein (optimal string alignment) distance, stopping early above {@code max}. */
    public static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
