package main

import (
	"bufio"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
)

// Where ours spends a request's time, from its own /metrics: the server's
// time for the request (first byte read to last written), and within it the
// root field's resolver (the one Neo4j round trip and the decoding of its
// answer), and before it, for a heavy read, the wait for a slot
// (--heavy-reads). Scraped before and after each measured slice of ours, so that
// warm-up and the equivalence check are left out.

// opOf and fieldOf name each query of the mix as ours' metrics label it:
// the operation name of its document and its root field.
var (
	opOf    = map[string]string{"person": "GetPerson", "credentials": "Candidates", "recruitment": "Recruitment", "alumni": "LabAlumni", "path": "Path", "neighborhood": "Neighborhood"}
	fieldOf = map[string]string{"person": "person", "credentials": "people", "recruitment": "recruitment", "alumni": "labAlumni", "path": "path", "neighborhood": "neighborhood"}
)

// sumCount is a Prometheus histogram's _sum and _count by label value.
type sumCount map[string][2]float64

type serverTimes struct{ request, rootField, wait sumCount }

func newServerTimes() serverTimes {
	return serverTimes{request: sumCount{}, rootField: sumCount{}, wait: sumCount{}}
}

var metricLine = regexp.MustCompile(`^(thelist_graphql_request_duration_seconds|thelist_graphql_root_field_duration_seconds|thelist_heavy_read_wait_seconds)_(sum|count)\{(?:operation|field)="([^"]*)"\} (\S+)$`)

func scrape(url string) (serverTimes, error) {
	st := newServerTimes()
	resp, err := http.Get(url)
	if err != nil {
		return st, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return st, fmt.Errorf("%s: HTTP %d", url, resp.StatusCode)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := metricLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[4], 64)
		if err != nil {
			continue
		}
		target := st.request
		switch m[1] {
		case "thelist_graphql_root_field_duration_seconds":
			target = st.rootField
		case "thelist_heavy_read_wait_seconds":
			target = st.wait
		}
		x := target[m[3]]
		if m[2] == "sum" {
			x[0] = v
		} else {
			x[1] = v
		}
		target[m[3]] = x
	}
	return st, sc.Err()
}

// add adds after - before to st.
func (st serverTimes) add(before, after serverTimes) {
	for _, p := range []struct{ dst, b, a sumCount }{
		{st.request, before.request, after.request}, {st.rootField, before.rootField, after.rootField}, {st.wait, before.wait, after.wait},
	} {
		for k, a := range p.a {
			b := p.b[k]
			d := p.dst[k]
			d[0] += a[0] - b[0]
			d[1] += a[1] - b[1]
			p.dst[k] = d
		}
	}
}

// meanMs is the mean in milliseconds of label k, or -1 without data.
func (s sumCount) meanMs(k string) float64 {
	x := s[k]
	if x[1] == 0 {
		return -1
	}
	return x[0] / x[1] * 1000
}
