package api

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

const codeRateLimited = "RATE_LIMITED"

// RateLimit is a token bucket per caller: PerSecond requests a second on
// average, Burst at once. Zero PerSecond turns limiting off.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// ParseRateLimit reads THELIST_RATE_LIMIT: "10" (burst the same), "10,30"
// (10 a second, bursts of 30), or "off".
func ParseRateLimit(s string) (RateLimit, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "off" || s == "0" {
		return RateLimit{}, nil
	}
	rps, burst, hasBurst := strings.Cut(s, ",")
	r, err := strconv.ParseFloat(strings.TrimSpace(rps), 64)
	if err != nil || r < 0 || math.IsInf(r, 0) || math.IsNaN(r) {
		return RateLimit{}, fmt.Errorf("rate limit %q: want requests per second, optionally \",burst\", or off", s)
	}
	l := RateLimit{PerSecond: r, Burst: int(math.Ceil(r))}
	if hasBurst {
		b, err := strconv.Atoi(strings.TrimSpace(burst))
		if err != nil || b < 1 {
			return RateLimit{}, fmt.Errorf("rate limit %q: burst must be a whole number of at least 1", s)
		}
		l.Burst = b
	}
	l.Burst = max(l.Burst, 1)
	return l, nil
}

func (l RateLimit) String() string {
	if l.PerSecond == 0 {
		return "off"
	}
	return strconv.FormatFloat(l.PerSecond, 'f', -1, 64) + "," + strconv.Itoa(l.Burst)
}

// limiters holds a bucket per caller: a key's name, or the client address of
// anonymous requests. Buckets unused for a while are dropped, so a stream of
// new addresses cannot grow the map for ever.
type limiters struct {
	limit   RateLimit
	now     func() time.Time
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	used time.Time
}

// idleAfter is how long a bucket is kept unused. By then it has refilled,
// so dropping it changes nothing for its caller.
const idleAfter = 10 * time.Minute

func newLimiters(l RateLimit, now func() time.Time) *limiters {
	return &limiters{limit: l, now: now, buckets: map[string]*bucket{}}
}

// allow takes a token from who's bucket. When there is none it says how
// long until there will be, for Retry-After.
func (ls *limiters) allow(who string) (bool, time.Duration) {
	if ls == nil || ls.limit.PerSecond == 0 {
		return true, 0
	}
	now := ls.now()
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if now.Sub(ls.swept) > idleAfter {
		for k, b := range ls.buckets {
			if now.Sub(b.used) > idleAfter {
				delete(ls.buckets, k)
			}
		}
		ls.swept = now
	}
	b, ok := ls.buckets[who]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(ls.limit.PerSecond), ls.limit.Burst)}
		ls.buckets[who] = b
	}
	b.used = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		// Give the token back: a refused request must not push the next
		// allowed one further away.
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// retryAfter is d in whole seconds, rounded up, as Retry-After wants.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}
