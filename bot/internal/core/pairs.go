package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Pair questions. "签约的是谁和谁", "哪两个单位签了协议", "合作双方是谁" ask for both parties of one
// act, which news prose writes as a coordination before the verb: "武进区政府与…达茂旗政府正式签署
// …协议". Any sentence naming one participant ("签约仪式前,黄龙一行…") is no answer: the clause
// holding "A与B … verb" is (forms/form_pair.go cuts it). The detection stays here: CheckAgentRole
// (checks.go) asks it too.

// pairCues mark a question asking for two parties.
var pairCues = lexicon.Words("pairCues")

// AsksPair reports a question for both parties of an act.
func AsksPair(q intent.Intent) bool { return ContainsAnyOf(q.Norm, pairCues) }

// WinnerResults are the words that tell a contest's result in the text (the winner form cuts the
// clause holding one, forms/form_winner.go; CheckWinnerTold needs one in the window).
var WinnerResults = lexicon.Words("winnerResults")
