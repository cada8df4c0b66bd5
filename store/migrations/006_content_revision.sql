-- Schema 6: the questionnaire content revision each framework of an assessment
-- was last opened with, so the app can say what changed since ("6 new
-- questions, 4 reworded, 3 retired"). Assessments from before revisions saw
-- revision 1, the revision every questionnaire file had then. (Planned as 005;
-- 006 and 007 reached main first, and the runner applies only numbers above a
-- database's user_version, so a 005 would be skipped on their databases.)
ALTER TABLE assessment_frameworks ADD COLUMN content_revision INTEGER NOT NULL DEFAULT 1
    CHECK (content_revision >= 1);
