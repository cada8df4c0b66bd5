-- Schema 1: assessments, their frameworks, answers, answer history.
-- Times are UTC text in one fixed-width format so they sort as text.

CREATE TABLE assessments (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    organisation     TEXT NOT NULL DEFAULT '',
    assessor         TEXT NOT NULL DEFAULT '',
    target           INTEGER NOT NULL DEFAULT 3 CHECK (target BETWEEN 0 AND 5),
    resume_framework TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

-- The frameworks an assessment covers, in the order the user chose them, with
-- the version it started on and the last question shown in each (the resume point).
CREATE TABLE assessment_frameworks (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    framework     TEXT NOT NULL,
    version       TEXT NOT NULL,
    ord           INTEGER NOT NULL,
    position      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, framework)
) STRICT;

-- One row per question that has a level, N/A, a note or a flag. level NULL with
-- na = 0 is "not rated yet" (a note or flag saved on its own).
CREATE TABLE answers (
    assessment_id TEXT NOT NULL,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    level         INTEGER CHECK (level BETWEEN 0 AND 5),
    na            INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    flagged       INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, framework, question_id),
    FOREIGN KEY (assessment_id, framework)
        REFERENCES assessment_frameworks (assessment_id, framework) ON DELETE CASCADE,
    CHECK (NOT (na = 1 AND level IS NOT NULL))
) STRICT;

-- Every change to an answer, never updated or deleted while its assessment exists.
CREATE TABLE answer_history (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    old_level     INTEGER CHECK (old_level BETWEEN 0 AND 5),
    old_na        INTEGER NOT NULL CHECK (old_na IN (0, 1)),
    old_note      TEXT NOT NULL,
    old_flagged   INTEGER NOT NULL CHECK (old_flagged IN (0, 1)),
    new_level     INTEGER CHECK (new_level BETWEEN 0 AND 5),
    new_na        INTEGER NOT NULL CHECK (new_na IN (0, 1)),
    new_note      TEXT NOT NULL,
    new_flagged   INTEGER NOT NULL CHECK (new_flagged IN (0, 1)),
    changed_by    TEXT NOT NULL,
    changed_at    TEXT NOT NULL
) STRICT;

CREATE INDEX answer_history_by_question
    ON answer_history (assessment_id, framework, question_id);

CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
BEGIN
    SELECT RAISE(ABORT, 'answer history is append-only');
END;

-- Rows go only when their assessment is deleted (the cascade runs after the
-- assessment row is gone).
CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history
WHEN EXISTS (SELECT 1 FROM assessments WHERE id = OLD.assessment_id)
BEGIN
    SELECT RAISE(ABORT, 'answer history is append-only');
END;
