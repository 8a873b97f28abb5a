package dev.pginsertbench;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java or Python source file, comments skipped: enough of each
 * language's lexing to tell a name in a literal from the same word in a comment or a URL.
 */
final class SourceLiterals {

    private SourceLiterals() {
    }

    static List<String> of(String text, boolean python) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (python ? c == '#' : text.startsWith("//", i)) {
                i = endOf(text, "\n", i);
            } else if (!python && text.startsWith("/*", i)) {
                i = endOf(text, "*/", i + 2);
            } else if (text.startsWith("\"\"\"", i) || python && text.startsWith("'''", i)) {
                String quote = text.substring(i, i + 3);
                int end = endOf(text, quote, i + 3);
                literals.add(text.substring(i + 3, Math.max(i + 3, end - 3)));
                i = end;
            } else if (c == '"' || python && c == '\'') {
                int j = i + 1;
                StringBuilder literal = new StringBuilder();
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    literal.append(text.charAt(j));
                    j++;
                }
                literals.add(literal.toString());
                i = j + 1;
            } else if (!python && c == '\'') {
                // a char literal: '"' must not open a string
                i = endOf(text, "'", text.charAt(i + 1) == '\\' ? i + 3 : i + 2);
            } else {
                i++;
            }
        }
        return literals;
    }

    /** The index just past the next {@code end} from {@code from}, or the text's end. */
    private static int endOf(String text, String end, int from) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }
}
