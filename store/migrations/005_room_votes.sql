-- Schema 5: live workshops (assay serve). In a round, each participant rates
-- the question privately; the ratings are shown to the room all at once when
-- the facilitator reveals them. Until then each vote is kept here, one per
-- person and question, so that neither a dropped connection nor a crash of
-- the server loses one. Revealing moves the question's votes into the ratings
-- of its open disagreement (schema 3) and deletes them here; the level the
-- room agrees on then resolves that disagreement like any answer given here.
CREATE TABLE room_votes (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    voter         TEXT NOT NULL,
    revision      TEXT NOT NULL,
    level         INTEGER CHECK (level BETWEEN 0 AND 5),
    na            INTEGER NOT NULL CHECK (na IN (0, 1)),
    note          TEXT NOT NULL,
    voted_at      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, framework, question_id, voter),
    CHECK (level IS NOT NULL OR na = 1),
    CHECK (NOT (na = 1 AND level IS NOT NULL))
) STRICT;
