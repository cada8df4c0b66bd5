-- Schema 2: every change to an answer has a revision, a random ID, and names
-- the revision it replaced (its parent), so that a merge of two copies of an
-- assessment can tell what is new, what is stale and what truly conflicts.
-- The answer row carries the revision and author of its current value.

ALTER TABLE answers ADD COLUMN revision TEXT NOT NULL DEFAULT '';
ALTER TABLE answers ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN revision TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN parent TEXT NOT NULL DEFAULT '';
ALTER TABLE answer_history ADD COLUMN host TEXT NOT NULL DEFAULT '';

-- History is append-only; the rows written before revisions existed get theirs
-- once, here, with the update guard lifted for this transaction only.
DROP TRIGGER answer_history_no_update;

UPDATE answer_history SET revision = lower(hex(randomblob(8)));

UPDATE answer_history SET parent = coalesce((
    SELECT p.revision FROM answer_history p
    WHERE p.assessment_id = answer_history.assessment_id
      AND p.framework = answer_history.framework
      AND p.question_id = answer_history.question_id
      AND p.id < answer_history.id
    ORDER BY p.id DESC LIMIT 1), '');

CREATE TRIGGER answer_history_no_update BEFORE UPDATE ON answer_history
BEGIN
    SELECT RAISE(ABORT, 'answer history is append-only');
END;

-- An answer's revision and author are those of its last history row.
UPDATE answers SET
    revision = coalesce((
        SELECT h.revision FROM answer_history h
        WHERE h.assessment_id = answers.assessment_id AND h.framework = answers.framework
          AND h.question_id = answers.question_id
        ORDER BY h.id DESC LIMIT 1), lower(hex(randomblob(8)))),
    updated_by = coalesce((
        SELECT h.changed_by FROM answer_history h
        WHERE h.assessment_id = answers.assessment_id AND h.framework = answers.framework
          AND h.question_id = answers.question_id
        ORDER BY h.id DESC LIMIT 1), '');
