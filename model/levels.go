package model

// AnswerLevel is the part of an answer that figures need: its level and review
// flag, without the note or times. Lists of many assessments load only these.
type AnswerLevel struct {
	Framework  string
	QuestionID string
	Level      Level
	Flagged    bool
}

// Summaries scores a list of assessments from their answer levels (by assessment
// ID): the figures Summarize gives, without the answers behind each (Sources).
func Summaries(list []Assessment, levels map[string][]AnswerLevel, c *Catalog) []Summary {
	out := make([]Summary, len(list))
	for i, a := range list {
		rs := levels[a.ID]
		byKey := make(map[Key]AnswerLevel, len(rs))
		for _, r := range rs {
			byKey[Key{r.Framework, r.QuestionID}] = r
		}
		get := func(framework, question string) (Level, bool) {
			if r, ok := byKey[Key{framework, question}]; ok {
				return r.Level, r.Flagged
			}
			return Unanswered, false
		}
		out[i] = summarize(a, get, c, false)
	}
	return out
}
