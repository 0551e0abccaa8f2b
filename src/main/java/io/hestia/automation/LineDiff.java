package io.hestia.automation;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diff of two texts by lines (longest common subsequence), as {@code diff -u} would print it with three lines
 * of context, without the file header. Automations are small; above {@link #MAX_CELLS} line pairs the diff falls
 * back to "all old lines removed, all new lines added".
 */
public final class LineDiff {

    static final long MAX_CELLS = 4_000_000;
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The unified diff of {@code before} to {@code after}; empty when they are equal. */
    public static String unified(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            // a hunk: from CONTEXT lines before the change to CONTEXT lines after the last change within reach
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end).kind != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int oldStart = ops.get(start).oldLine;
            int newStart = ops.get(start).newLine;
            int oldCount = 0;
            int newCount = 0;
            for (int k = start; k < end; k++) {
                char kind = ops.get(k).kind;
                if (kind != '+') {
                    oldCount++;
                }
                if (kind != '-') {
                    newCount++;
                }
            }
            out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                    .append(" @@\n");
            for (int k = start; k < end; k++) {
                out.append(ops.get(k).kind).append(ops.get(k).text).append('\n');
            }
            i = end;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        // diff -u numbers from 1; an empty range names the line before it
        return (count == 0 ? start : start + 1) + (count == 1 ? "" : "," + count);
    }

    private record Op(char kind, String text, int oldLine, int newLine) {
    }

    private static List<Op> ops(String[] a, String[] b) {
        List<Op> out = new ArrayList<>();
        if ((long) a.length * b.length > MAX_CELLS) {
            for (int i = 0; i < a.length; i++) {
                out.add(new Op('-', a[i], i, 0));
            }
            for (int j = 0; j < b.length; j++) {
                out.add(new Op('+', b[j], a.length, j));
            }
            return out;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Op(' ', a[i], i++, j++));
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Op('-', a[i], i++, j)); // removals before additions, as diff -u prints them
            } else {
                out.add(new Op('+', b[j], i, j++));
            }
        }
        return out;
    }

    private static String[] lines(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return t.split("\n", -1);
    }
}
