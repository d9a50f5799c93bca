// Package clock is the time source of the schedules (feed polling, daily edition delivery), so
// that tests can stand in a clock they advance by hand (internal/fakeclock).
package clock

import "time"

// Clock tells the time and waits.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// System is the system clock.
type System struct{}

func (System) Now() time.Time                         { return time.Now() }
func (System) After(d time.Duration) <-chan time.Time { return time.After(d) }
