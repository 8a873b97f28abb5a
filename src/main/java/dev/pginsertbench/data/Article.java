package dev.pginsertbench.data;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One row of the articles staging table. Fields that may be NULL in the table are nullable here
 * (boxed types); {@code id}, {@code doi}, {@code title} and {@code ingestedAt} never are.
 */
public record Article(
        long id,
        String doi,
        String title,
        String abstractText,
        String authors,
        String journal,
        Integer publicationYear,
        LocalDate publicationDate,
        Integer citations,
        Double score,
        Boolean openAccess,
        String keywords,
        OffsetDateTime ingestedAt) {

    public Article {
        Objects.requireNonNull(doi, "doi");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
    }

    /** The text columns in table order, for checks that apply to every text value (NUL, length). */
    public String[] textFields() {
        return new String[] {doi, title, abstractText, authors, journal, keywords};
    }

    /** A copy with another title; used to prove that checksums see a one-character change. */
    public Article withTitle(String newTitle) {
        return new Article(id, doi, newTitle, abstractText, authors, journal, publicationYear,
                publicationDate, citations, score, openAccess, keywords, ingestedAt);
    }
}
