package io.hestia.query.nlu;

/**
 * One token of a request.
 *
 * @param word    lower-cased surface form ("lights", "7:30pm" is split into a time token)
 * @param stem    the form used for matching (plural and possessive endings removed)
 * @param start   char offset in the normalised request
 * @param end     char offset after the token
 * @param number  the numeric value of a number token (digits or number words), else null
 * @param minutes minutes after midnight of a clock-time token ("7am", "19:30", "noon"), else null
 */
public record Tok(String word, String stem, int start, int end, Double number, Integer minutes) {

    public boolean isNumber() {
        return number != null;
    }

    public boolean isTime() {
        return minutes != null;
    }

    public boolean is(String w) {
        return word.equals(w);
    }

    public boolean isAny(String... ws) {
        for (String w : ws) {
            if (word.equals(w)) {
                return true;
            }
        }
        return false;
    }
}
