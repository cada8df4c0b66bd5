-- Schema 8: actions travel in workshop bundles and merge like answers
-- (questionnaires/FORMAT.md, "Actions and targets"). (earlier steps:
-- revisions, workshops, an index, live rooms, content revisions, targets and
-- actions; the runner applies every file above the database's user_version.)

-- A change to an action that an import brought names the import; NULL: the
-- change was made here.
ALTER TABLE action_history ADD COLUMN import_id INTEGER REFERENCES imports (id);

-- applied is 0 for a change an import brought that did not become the
-- action here: it lost to a newer change made here (agrees_with ''), or it
-- said the same as the action here (agrees_with is that action's revision).
-- Kept so that nothing is lost and the same bundle twice changes nothing.
ALTER TABLE action_history ADD COLUMN applied INTEGER NOT NULL DEFAULT 1 CHECK (applied IN (0, 1));
ALTER TABLE action_history ADD COLUMN agrees_with TEXT NOT NULL DEFAULT '';
