-- Schema 3: workshops. Bundles exported on one laptop are imported on
-- another; every import is recorded, changes it brought are marked with it,
-- and true conflicts become disagreements that keep every rating.
-- (questionnaires/FORMAT.md, "Workshop bundles", describes the rules.)

-- A copy made with "copy"/"duplicate" remembers its source, so compare can
-- default to it. '' for an assessment started afresh or imported.
ALTER TABLE assessments ADD COLUMN copied_from TEXT NOT NULL DEFAULT '';

-- Each file brought in by `assay import`: which file, what was in it
-- (who exported it, where, when), who imported it, and what it did.
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    file          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    exported_by   TEXT NOT NULL,
    exported_at   TEXT NOT NULL,
    exported_host TEXT NOT NULL,
    assay_version TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    host          TEXT NOT NULL,
    added         INTEGER NOT NULL,
    same          INTEGER NOT NULL,
    skipped       INTEGER NOT NULL,
    disputed      INTEGER NOT NULL
) STRICT;

-- A history row an import brought names the import; NULL: the change was made here.
ALTER TABLE answer_history ADD COLUMN import_id INTEGER REFERENCES imports (id);

CREATE INDEX answer_history_by_revision ON answer_history (assessment_id, revision);

-- Changes seen in imports but not applied to the answer here: ratings of a
-- disagreement, changes that agreed with the answer, changes skipped. Knowing
-- them is what makes importing the same file twice change nothing.
-- stands_for is the revision here it agreed with ('' for none).
CREATE TABLE seen_revisions (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    revision      TEXT NOT NULL,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    parent        TEXT NOT NULL,
    stands_for    TEXT NOT NULL,
    level         INTEGER CHECK (level BETWEEN 0 AND 5),
    na            INTEGER NOT NULL CHECK (na IN (0, 1)),
    note          TEXT NOT NULL,
    flagged       INTEGER NOT NULL CHECK (flagged IN (0, 1)),
    changed_by    TEXT NOT NULL,
    changed_at    TEXT NOT NULL,
    host          TEXT NOT NULL,
    import_id     INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    PRIMARY KEY (assessment_id, revision)
) STRICT;

-- A question changed on two sides since their common point, to different
-- values. Open while resolution is NULL; a change made here on the question
-- (the Reconcile screen, the questionnaire or `assay answer`) resolves it.
CREATE TABLE disagreements (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    arose_at      TEXT NOT NULL,
    import_id     INTEGER REFERENCES imports (id),
    resolution    TEXT,
    resolved_by   TEXT NOT NULL DEFAULT '',
    resolved_at   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE UNIQUE INDEX disagreements_open
    ON disagreements (assessment_id, framework, question_id) WHERE resolution IS NULL;

-- Every rating of a disagreement, never deleted while its assessment exists:
-- who said what, when, on which laptop, and which import brought it.
CREATE TABLE ratings (
    disagreement_id INTEGER NOT NULL REFERENCES disagreements (id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    revision        TEXT NOT NULL,
    level           INTEGER CHECK (level BETWEEN 0 AND 5),
    na              INTEGER NOT NULL CHECK (na IN (0, 1)),
    note            TEXT NOT NULL,
    flagged         INTEGER NOT NULL CHECK (flagged IN (0, 1)),
    rated_by        TEXT NOT NULL,
    rated_at        TEXT NOT NULL,
    host            TEXT NOT NULL,
    import_id       INTEGER REFERENCES imports (id),
    replaced_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (disagreement_id, revision),
    CHECK (NOT (na = 1 AND level IS NOT NULL))
) STRICT;
