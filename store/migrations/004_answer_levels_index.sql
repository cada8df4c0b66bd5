-- Schema 4: an index that holds the level, N/A and flag of every answer apart
-- from its note, so listing many assessments reads these alone (about a
-- seventh of the answers table's pages when notes are a few sentences).
CREATE INDEX answers_levels ON answers (assessment_id, framework, question_id, level, na, flagged);
