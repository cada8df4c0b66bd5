-- Schema 10: answer_history loses its index by (assessment, revision). Every
-- save wrote a page of it (a random one: revisions are random), one page in
-- seven of what a save writes, and no query needs it: the one lookup by
-- revision (an import's disagreement naming the import of the answer it
-- disputes) also knows the question, and the index by question serves it.
DROP INDEX answer_history_by_revision;
