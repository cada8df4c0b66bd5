-- Schema 5: the questionnaire content revision each framework of an assessment
-- was last opened with, so the app can say what changed since ("6 new
-- questions, 4 reworded, 3 retired"). Assessments from before revisions saw
-- revision 1, the revision every questionnaire file had then.
ALTER TABLE assessment_frameworks ADD COLUMN content_revision INTEGER NOT NULL DEFAULT 1
    CHECK (content_revision >= 1);
