-- Ideaboard schema 3: full-text search over idea titles and bodies (see src/search/).
-- The text is analysed in Rust (CJK bigrams and characters, stemmed English words)
-- and stored here as space-separated tokens, so the plain `ascii` tokenizer only
-- splits on the spaces. Contentless: the text lives in `ideas`; the index keeps
-- only what ranking needs, and `contentless_delete` lets an edit replace a row.
-- rowid = ideas.number. Every idea is indexed, hidden and merged ones too; queries
-- decide visibility against `ideas`. Rows are written by store::search in the same
-- transaction as the idea's text; this migration's rows are backfilled by
-- store::migrate right after it, in its transaction.

CREATE VIRTUAL TABLE idea_search USING fts5(
    title_terms, body_terms, title_chars, body_chars,
    content = '', contentless_delete = 1, tokenize = 'ascii'
);

-- Document frequency of each term, for duplicate detection's IDF weights.
CREATE VIRTUAL TABLE idea_search_vocab USING fts5vocab(idea_search, 'row');
