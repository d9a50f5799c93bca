package telegram

import (
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// chatQueue hands updates to workers so that chats are served concurrently but each chat's
// updates one at a time, in arrival order: a chat with work waits in a FIFO of ready chats and
// leaves it while a worker holds it.
type chatQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  map[int64][]tgbotapi.Update
	busy   map[int64]bool
	ready  []int64
	closed bool
}

func newChatQueue() *chatQueue {
	q := &chatQueue{items: map[int64][]tgbotapi.Update{}, busy: map[int64]bool{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push adds u to its chat's queue; after close it is dropped (it stays pending in the journal).
func (q *chatQueue) push(chat int64, u tgbotapi.Update) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	if len(q.items[chat]) == 0 && !q.busy[chat] {
		q.ready = append(q.ready, chat)
		q.cond.Signal()
	}
	q.items[chat] = append(q.items[chat], u)
}

// pop waits for the next update of a chat no other worker holds. ok is false once the queue is
// closed: workers then stop even if updates are left (they are answered after a restart).
func (q *chatQueue) pop() (chat int64, u tgbotapi.Update, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.ready) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return 0, u, false
	}
	chat = q.ready[0]
	q.ready = q.ready[1:]
	u = q.items[chat][0]
	q.items[chat] = q.items[chat][1:]
	q.busy[chat] = true
	return chat, u, true
}

// release returns chat after its update was handled, making its next update ready.
func (q *chatQueue) release(chat int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.busy, chat)
	if len(q.items[chat]) > 0 {
		q.ready = append(q.ready, chat)
		q.cond.Signal()
	} else {
		delete(q.items, chat)
	}
}

// close stops handing out updates and wakes every waiting worker.
func (q *chatQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.cond.Broadcast()
}
