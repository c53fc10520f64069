-- Ideaboard schema 6: the document frequency of every term of the search index, for
-- duplicate detection's IDF weights (see search/similar.rs). FTS5's own count
-- (`idea_search_vocab`) walks the term's whole posting list, so a draft's common
-- characters (一, 不: in a third of a large board) cost milliseconds each; this
-- table answers in one lookup. store::search keeps it in step with `idea_search`
-- in the same transaction as each index row: `df` = the number of index rows with
-- the term in any column, exactly `idea_search_vocab.doc`. Terms at 0 are deleted.

CREATE TABLE idea_term_df (
    term TEXT    PRIMARY KEY,
    df   INTEGER NOT NULL CHECK (df >= 0)
) WITHOUT ROWID;

INSERT INTO idea_term_df (term, df) SELECT term, doc FROM idea_search_vocab;

-- FTS5 merges its index segments inside the write that tips a level over
-- `automerge` (default 4), so one submit in a few dozen paid for a merge (p99 16 ms
-- against a median under 2 ms on the scale board). Writes no longer merge; the
-- shell merges a bounded amount when idle (Board::checkpoint), and FTS5's
-- `crisismerge` (16 segments on a level) still bounds the index if it never does.
INSERT INTO idea_search (idea_search, rank) VALUES ('automerge', 0);
