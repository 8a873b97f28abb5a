package dev.pginsertbench.postgres;

import java.util.List;

/**
 * What the target table carries besides its columns: indexes to maintain and whether its
 * writes go to the WAL. Each shape is a factor of the study (docs/design.md, "Factor space"):
 * the cost of inserting grows with every index a row must enter, and falls when the table skips
 * the WAL.
 */
public enum TableShape {

    /** No index, logged: a staging table, and every benchmark's table unless told otherwise. */
    HEAP(false, List.of(), false),

    /** A primary key on {@code id}: every row enters one unique btree and is checked for a duplicate. */
    PRIMARY_KEY(true, List.of(), false),

    /**
     * The primary key plus the two btree indexes a loader of articles would keep: {@code doi}, the
     * natural key every lookup and deduplication goes by, and {@code publication_date}, the usual
     * range filter. Unlike {@code id}, whose values arrive ascending within a chunk and land on the
     * index's rightmost page, both arrive in random order (the DOI's registrant prefix is random, and
     * dates repeat across 76 years), so they cost what a real secondary index costs: inserts all
     * over the tree.
     */
    PRIMARY_KEY_AND_INDEXES(true, List.of("doi", "publication_date"), false),

    /** No index, {@code CREATE UNLOGGED TABLE}: no WAL for the table's rows, and emptied after a crash. */
    UNLOGGED(false, List.of(), true);

    private final boolean primaryKey;
    private final List<String> indexedColumns;
    private final boolean unlogged;

    TableShape(boolean primaryKey, List<String> indexedColumns, boolean unlogged) {
        this.primaryKey = primaryKey;
        this.indexedColumns = indexedColumns;
        this.unlogged = unlogged;
    }

    /** Whether the table has a primary key on {@code id}. */
    public boolean primaryKey() {
        return primaryKey;
    }

    /** Columns with a secondary btree index of their own, one index each. */
    public List<String> indexedColumns() {
        return indexedColumns;
    }

    /** Whether the table is created {@code UNLOGGED}. */
    public boolean unlogged() {
        return unlogged;
    }
}
