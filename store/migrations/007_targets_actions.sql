-- Schema 7: targets per framework and section, and actions on questions with
-- their history. (earlier steps: revisions, workshops, an index, live rooms, content revisions; the runner
-- applies every file above the database's user_version, in order.)

-- A target set on one framework of an assessment (section '') or on one of its
-- sections, overriding assessments.target beneath it. No row: inherited.
CREATE TABLE targets (
    assessment_id TEXT NOT NULL,
    framework     TEXT NOT NULL,
    section       TEXT NOT NULL DEFAULT '',
    level         INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, framework, section),
    FOREIGN KEY (assessment_id, framework)
        REFERENCES assessment_frameworks (assessment_id, framework) ON DELETE CASCADE
) STRICT;

-- What someone will do about a question. A row exists while the action has a
-- text, an owner or a due date. due is a real day YYYY-MM-DD or ''.
-- revision is the random ID of the change that made the current value, as for
-- answers, so bundles can carry actions and imports can merge them.
CREATE TABLE actions (
    assessment_id TEXT NOT NULL,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    owner         TEXT NOT NULL DEFAULT '',
    due           TEXT NOT NULL DEFAULT '' CHECK (due = '' OR (length(due) = 10 AND date(julianday(due)) IS due)),
    status        TEXT NOT NULL CHECK (status IN ('open', 'doing', 'done')),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    revision      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, framework, question_id),
    FOREIGN KEY (assessment_id, framework)
        REFERENCES assessment_frameworks (assessment_id, framework) ON DELETE CASCADE
) STRICT;

-- Every change to an action: old and new value (status '' = no action), the
-- change's revision and the revision it replaced (parent, '' for the first),
-- who, when and on which host. Append-only while its assessment exists.
CREATE TABLE action_history (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    framework     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    old_text      TEXT NOT NULL,
    old_owner     TEXT NOT NULL,
    old_due       TEXT NOT NULL,
    old_status    TEXT NOT NULL CHECK (old_status IN ('', 'open', 'doing', 'done')),
    new_text      TEXT NOT NULL,
    new_owner     TEXT NOT NULL,
    new_due       TEXT NOT NULL,
    new_status    TEXT NOT NULL CHECK (new_status IN ('', 'open', 'doing', 'done')),
    revision      TEXT NOT NULL,
    parent        TEXT NOT NULL,
    changed_by    TEXT NOT NULL,
    changed_at    TEXT NOT NULL,
    host          TEXT NOT NULL
) STRICT;

CREATE INDEX action_history_by_question
    ON action_history (assessment_id, framework, question_id);
CREATE INDEX action_history_by_revision ON action_history (revision);

CREATE TRIGGER action_history_no_update BEFORE UPDATE ON action_history
BEGIN
    SELECT RAISE(ABORT, 'action history is append-only');
END;

CREATE TRIGGER action_history_no_delete BEFORE DELETE ON action_history
WHEN EXISTS (SELECT 1 FROM assessments WHERE id = OLD.assessment_id)
BEGIN
    SELECT RAISE(ABORT, 'action history is append-only');
END;
