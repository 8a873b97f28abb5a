package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.util.List;

/**
 * Rejects rows that cannot be stored exactly: PostgreSQL text cannot hold U+0000, and an
 * unpaired UTF-16 surrogate has no UTF-8 form (the driver would silently send '?'). Checked for
 * every protocol before a chunk is sent, so a bad row never becomes a silently different one.
 */
final class RowValidator {

    private static final String[] FIELDS = {"doi", "title", "abstract", "authors", "journal", "keywords"};

    private RowValidator() {
    }

    static void validate(List<Article> rows) throws InvalidRowException {
        for (Article row : rows) {
            validate(row);
        }
    }

    static void validate(Article row) throws InvalidRowException {
        String[] texts = row.textFields();
        for (int field = 0; field < texts.length; field++) {
            String text = texts[field];
            if (text == null) {
                continue;
            }
            int nul = text.indexOf('\0'); // vectorised by the JDK
            if (nul >= 0) {
                throw new InvalidRowException(row.id(), FIELDS[field],
                        "contains U+0000 at character " + nul + ", which PostgreSQL text cannot store");
            }
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                    } else {
                        throw new InvalidRowException(row.id(), FIELDS[field],
                                "contains an unpaired UTF-16 surrogate at character " + i
                                        + ", which has no UTF-8 form");
                    }
                }
            }
        }
    }
}
