package dev.pginsertbench.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The dataset as the Python port of the original loader reads it: JSON Lines, one object per
 * article keyed by the table's column names, dates as {@code YYYY-MM-DD} and timestamps as
 * ISO-8601 with their offset, NULL as {@code null}. JSON carries every text the generator makes
 * (quotes, backslashes, tabs, newlines, non-ASCII) unchanged, so both ports load the same values.
 */
public final class ArticleJsonLines {

    private static final JsonFactory JSON = new JsonFactory();

    private ArticleJsonLines() {
    }

    /** Writes the articles to a new file (an existing one is replaced). */
    public static void write(List<Article> articles, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (Article article : articles) {
                write(json, article);
                json.writeRaw('\n');
            }
        }
    }

    private static void write(JsonGenerator json, Article a) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", a.id());
        json.writeStringField("doi", a.doi());
        json.writeStringField("title", a.title());
        text(json, "abstract", a.abstractText());
        text(json, "authors", a.authors());
        text(json, "journal", a.journal());
        integer(json, "publication_year", a.publicationYear());
        text(json, "publication_date", a.publicationDate() == null ? null : a.publicationDate().toString());
        integer(json, "citations", a.citations());
        if (a.score() == null) {
            json.writeNullField("score");
        } else {
            json.writeNumberField("score", a.score());
        }
        if (a.openAccess() == null) {
            json.writeNullField("open_access");
        } else {
            json.writeBooleanField("open_access", a.openAccess());
        }
        text(json, "keywords", a.keywords());
        json.writeStringField("ingested_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(a.ingestedAt()));
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    private static void integer(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
