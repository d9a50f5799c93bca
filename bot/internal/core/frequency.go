package core

import (
	"regexp"

	"newsbot/bot/internal/intent"

	"newsbot/lexicon"
)

// Frequency questions. "多久一班", "几天一次", "多长时间一趟" ask how often, which the text tells as a
// rate ("每周一班", "每隔15分钟一趟", "每月两次"), not as a duration ("单程约7天").

// frequencyQuestionRe marks a question for how often something happens.
var frequencyQuestionRe = regexp.MustCompile(lexicon.String("frequencyQuestionRe"))

// FrequencyRe is a rate in the text: 每 (or 每隔) a period, optionally a count of events.
var FrequencyRe = regexp.MustCompile(lexicon.String("frequencyRe"))

// AsksFrequency reports a question for how often something happens. It and FrequencyRe stay in
// core, whose units, checks and anchors ask them; forms/form_frequency.go scores and cuts the rate.
func AsksFrequency(q intent.Intent) bool { return frequencyQuestionRe.MatchString(q.Norm) }
