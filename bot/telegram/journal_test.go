package telegram

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func updatesWithIDs(ids ...int) []tgbotapi.Update {
	var out []tgbotapi.Update
	for _, id := range ids {
		out = append(out, tgbotapi.Update{UpdateID: id, Message: &tgbotapi.Message{MessageID: id, Text: "问题", Chat: &tgbotapi.Chat{ID: 5, Type: "private"}}})
	}
	return out
}

func ids(us []tgbotapi.Update) []int {
	var out []int
	for _, u := range us {
		out = append(out, u.UpdateID)
	}
	return out
}

func TestJournalSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.json")
	j, err := openJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := j.accept(updatesWithIDs(12, 10, 11))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(fresh); !slices.Equal(got, []int{10, 11, 12}) {
		t.Errorf("fresh = %v, want 10 11 12 in order", got)
	}
	if err := j.done(10); err != nil {
		t.Fatal(err)
	}

	j2, err := openJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := j2.pendingUpdates()
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(pending); !slices.Equal(got, []int{11, 12}) {
		t.Errorf("pending after reopen = %v, want 11 12", got)
	}
	if pending[0].Message == nil || pending[0].Message.Text != "问题" {
		t.Errorf("pending update lost its message: %+v", pending[0])
	}
	again, err := j2.accept(updatesWithIDs(10, 11, 12, 13))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(again); !slices.Equal(got, []int{13}) {
		t.Errorf("redelivered 10-13 gave fresh %v, want only 13", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temp files left behind: %v", leftovers)
	}
}

func TestJournalForgetsOldHandledIDs(t *testing.T) {
	j, err := openJournal(filepath.Join(t.TempDir(), "j.json"))
	if err != nil {
		t.Fatal(err)
	}
	for id := range keepHandled + 10 {
		j.markHandledLocked(id)
	}
	if len(j.handled) != keepHandled || j.handledSet[5] || !j.handledSet[keepHandled+9] {
		t.Errorf("kept %d handled IDs (5 kept: %v), want the last %d", len(j.handled), j.handledSet[5], keepHandled)
	}
}

func TestJournalCorruptFileIsAClearError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.json")
	if err := os.WriteFile(path, []byte(`{"pending": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := openJournal(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("err = %v, want it to call %s corrupt", err, path)
	}
}

func BenchmarkJournalDone(b *testing.B) {
	j, err := openJournal(filepath.Join(b.TempDir(), "j.json"))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if _, err := j.accept(updatesWithIDs(i)); err != nil {
			b.Fatal(err)
		}
		if err := j.done(i); err != nil {
			b.Fatal(err)
		}
	}
}
