package model

// Rating is the part of an answer that figures need: its level and review
// flag, without the note or times. Lists of many assessments load only these.
type Rating struct {
	Framework  string
	QuestionID string
	Level      Level
	Flagged    bool
}

// Summaries scores a list of assessments from their ratings (by assessment
// ID): the figures Summarize gives, without the answers behind each (Sources).
func Summaries(list []Assessment, ratings map[string][]Rating, c *Catalog) []Summary {
	out := make([]Summary, len(list))
	for i, a := range list {
		rs := ratings[a.ID]
		byKey := make(map[Key]Rating, len(rs))
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
