package core

import "newsbot/bot/internal/intent"

// The question's analysis lives in bot/internal/intent (the first stage: a question read once
// into an intent.Intent). These are the names the answerer's stages read it by.

type (
	question = intent.Intent
	term     = intent.Term
	qType    = intent.Type
)

const (
	qtOther  = intent.Other
	qtNumber = intent.Number
	qtDate   = intent.Date
	qtPerson = intent.Person
	qtPlace  = intent.Place
	qtOrg    = intent.Org
	qtList   = intent.List
	qtWhat   = intent.What
	qtHow    = intent.How
	qtYesNo  = intent.YesNo
	qtTitle  = intent.Title
)

func contentRuns(s string) []string               { return intent.ContentRuns(s) }
func runsOf(norm, qword string) []string          { return intent.RunsOf(norm, qword) }
func isHan(r rune) bool                           { return intent.IsHan(r) }
func isStopRune(r rune) bool                      { return intent.IsStopRune(r) }
func runeLen(s string) int                        { return intent.RuneLen(s) }
func fold(s string) string                        { return intent.Fold(s) }
func unitPrefix(s string) string                  { return intent.UnitPrefix(s) }
func measureWordAt(q question, after []rune) bool { return intent.MeasureWordAt(q, after) }
