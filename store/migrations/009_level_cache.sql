-- Schema 9: a cache of what a list of assessments reads (store/levels.go):
-- per assessment and framework, every answer's question ID, concatenated,
-- and its packed length, level and flag ('' and '' when it has no answers).
-- A row is exactly sqlLevels' row for its pair when written (store.Levels
-- computes it inside the write transaction that stores it), and every change
-- to the answers of a pair deletes the pair's row, in the same transaction,
-- through the triggers below. So a row that exists is current; a missing one
-- is computed again from the answers. It holds nothing that is not in
-- answers: deleting any or all of its rows loses nothing.
CREATE TABLE level_cache (
    assessment_id TEXT NOT NULL,
    framework     TEXT NOT NULL,
    ids           TEXT NOT NULL,
    codes         TEXT NOT NULL,
    PRIMARY KEY (assessment_id, framework),
    FOREIGN KEY (assessment_id, framework)
        REFERENCES assessment_frameworks (assessment_id, framework) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- A note or a time changes no figure, so only a change to a column sqlLevels
-- reads (or one that places the row) invalidates: a save's upsert sets every
-- column, hence the WHEN. Deletes that cascade from an assessment or
-- framework fire these triggers too.
CREATE TRIGGER level_cache_on_insert AFTER INSERT ON answers
BEGIN
    DELETE FROM level_cache WHERE assessment_id = NEW.assessment_id AND framework = NEW.framework;
END;

CREATE TRIGGER level_cache_on_delete AFTER DELETE ON answers
BEGIN
    DELETE FROM level_cache WHERE assessment_id = OLD.assessment_id AND framework = OLD.framework;
END;

CREATE TRIGGER level_cache_on_update AFTER UPDATE OF assessment_id, framework, question_id, level, na, flagged ON answers
WHEN OLD.assessment_id IS NOT NEW.assessment_id OR OLD.framework IS NOT NEW.framework
    OR OLD.question_id IS NOT NEW.question_id OR OLD.level IS NOT NEW.level
    OR OLD.na IS NOT NEW.na OR OLD.flagged IS NOT NEW.flagged
BEGIN
    DELETE FROM level_cache WHERE assessment_id = OLD.assessment_id AND framework = OLD.framework;
    DELETE FROM level_cache WHERE assessment_id = NEW.assessment_id AND framework = NEW.framework;
END;
