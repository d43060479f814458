package main

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// These tests keep the two ways of running The List configured alike: with
// Docker (docker-compose.yml, Dockerfile) and without (neo4j/neo4jctl's dev
// instance and the defaults in config.go). They read files only; no Docker
// engine is needed.

const (
	composePath    = "../../docker-compose.yml"
	dockerfilePath = "../../Dockerfile"
	neo4jctlPath   = "../../neo4j/neo4jctl"
	pomPath        = "../../neo4j/pom.xml"
	goModPath      = "../../go.mod"
	configPath     = "config.go"
)

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
}

type composeService struct {
	Image       string         `yaml:"image"`
	Environment map[string]any `yaml:"environment"`
	Ports       []string       `yaml:"ports"`
	Entrypoint  []string       `yaml:"entrypoint"`
}

// env returns the service's environment as strings.
func (s composeService) env() map[string]string {
	out := make(map[string]string, len(s.Environment))
	for k, v := range s.Environment {
		out[k] = fmt.Sprint(v)
	}
	return out
}

// publishedPorts maps container port to "host_ip:host_port" for the short
// port syntax "host_ip:host_port:container_port".
func (s composeService) publishedPorts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range s.Ports {
		p = strings.TrimSuffix(p, "/tcp")
		i := strings.LastIndex(p, ":")
		if i < 0 {
			t.Fatalf("port %q: want host_ip:host_port:container_port", p)
		}
		out[p[i+1:]] = p[:i]
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	var c composeFile
	if err := yaml.Unmarshal([]byte(readFile(t, composePath)), &c); err != nil {
		t.Fatalf("parse %s: %v", composePath, err)
	}
	for _, name := range []string{"neo4j", "app"} {
		if _, ok := c.Services[name]; !ok {
			t.Fatalf("%s: no service %q", composePath, name)
		}
	}
	return c
}

// configEnvNames returns the environment variables that config.go reads,
// found in its source text: env("NAME", …), envDuration("NAME", …) and
// envInt("NAME", …).
func configEnvNames(t *testing.T) []string {
	t.Helper()
	re := regexp.MustCompile(`\benv(?:Duration|Int)?\("([A-Z][A-Z0-9_]*)"`)
	var names []string
	for _, m := range re.FindAllStringSubmatch(readFile(t, configPath), -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	if len(names) == 0 {
		t.Fatalf("%s: found no env(\"NAME\", …) calls; has the file changed shape?", configPath)
	}
	sort.Strings(names)
	return names
}

// configDefaults returns the flag defaults that config.go gives when none of
// its environment variables is set, keyed by flag name.
func configDefaults(t *testing.T) map[string]string {
	t.Helper()
	for _, name := range configEnvNames(t) {
		t.Setenv(name, "") // env() treats empty as unset
	}
	fs := flag.NewFlagSet("defaults", flag.ContinueOnError)
	neo4jFlags(fs)
	serveFlags(fs)
	out := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) { out[f.Name] = f.DefValue })
	return out
}

// neo4jctlDev returns the settings of neo4jctl's dev instance, from the line
// `dev)  bolt_port=7687; http_port=7474; password="${NEO4J_PASSWORD:-…}"; heap=…; pagecache=…`.
func neo4jctlDev(t *testing.T) map[string]string {
	t.Helper()
	line := regexp.MustCompile(`(?m)^\s*dev\)\s*(.*?);?\s*;;\s*$`).FindStringSubmatch(readFile(t, neo4jctlPath))
	if line == nil {
		t.Fatalf("%s: no `dev) …` line in instance()", neo4jctlPath)
	}
	out := map[string]string{}
	for _, kv := range regexp.MustCompile(`(\w+)=("[^"]*"|[^;\s]+)`).FindAllStringSubmatch(line[1], -1) {
		out[kv[1]] = composeDefault(strings.Trim(kv[2], `"`))
	}
	for _, k := range []string{"bolt_port", "http_port", "password", "heap", "pagecache"} {
		if out[k] == "" {
			t.Fatalf("%s: dev line %q has no %s", neo4jctlPath, line[0], k)
		}
	}
	return out
}

// composeDefault returns the value a compose (or shell) value takes when
// the variable is unset: "x" for "${NAME:-x}", the value itself otherwise.
func composeDefault(v string) string {
	if m := regexp.MustCompile(`^\$\{\w+:?-([^}]*)\}$`).FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return v
}

func portOf(t *testing.T, hostport string) string {
	t.Helper()
	_, port, err := net.SplitHostPort(hostport)
	if err != nil {
		t.Fatalf("%q: %v", hostport, err)
	}
	return port
}

func TestCompose_MatchesLocalConfig(t *testing.T) {
	compose := loadCompose(t)
	neo4j, app := compose.Services["neo4j"], compose.Services["app"]
	appEnv, neo4jEnv := app.env(), neo4j.env()
	defaults := configDefaults(t)
	dev := neo4jctlDev(t)

	t.Run("app environment is exactly what config.go reads", func(t *testing.T) {
		var got []string
		for name := range appEnv {
			got = append(got, name)
		}
		sort.Strings(got)
		if want := configEnvNames(t); !slices.Equal(got, want) {
			t.Errorf("app environment names: got %v, want %v (config.go's env variables)", got, want)
		}
	})

	t.Run("published Neo4j ports are neo4jctl's dev ports", func(t *testing.T) {
		ports := neo4j.publishedPorts(t)
		for _, p := range []struct{ what, container, want string }{
			{"Bolt", "7687", dev["bolt_port"]},
			{"HTTP", "7474", dev["http_port"]},
		} {
			if got, want := ports[p.container], "127.0.0.1:"+p.want; got != want {
				t.Errorf("%s published as: got %q, want %q", p.what, got, want)
			}
		}
	})

	t.Run("config.go's default URI reaches the published Bolt port", func(t *testing.T) {
		u, err := url.Parse(defaults["neo4j-uri"])
		if err != nil {
			t.Fatal(err)
		}
		if got, want := u.Port(), dev["bolt_port"]; got != want {
			t.Errorf("default NEO4J_URI port: got %q, want %q", got, want)
		}
	})

	t.Run("app reaches the neo4j service's Bolt port", func(t *testing.T) {
		u, err := url.Parse(appEnv["NEO4J_URI"])
		if err != nil {
			t.Fatal(err)
		}
		if got, want := u.Hostname(), "neo4j"; got != want {
			t.Errorf("NEO4J_URI host: got %q, want %q", got, want)
		}
		if got, want := u.Port(), "7687"; got != want {
			t.Errorf("NEO4J_URI port: got %q, want %q (Bolt inside the neo4j container)", got, want)
		}
	})

	t.Run("default password is config.go's and neo4jctl's", func(t *testing.T) {
		want := defaults["neo4j-password"]
		if got := composeDefault(appEnv["NEO4J_PASSWORD"]); got != want {
			t.Errorf("app NEO4J_PASSWORD default: got %q, want %q", got, want)
		}
		if got := dev["password"]; got != want {
			t.Errorf("neo4jctl dev password default: got %q, want %q", got, want)
		}
		if got, wantAuth := neo4jEnv["NEO4J_AUTH"], defaults["neo4j-user"]+"/"+appEnv["NEO4J_PASSWORD"]; got != wantAuth {
			t.Errorf("neo4j NEO4J_AUTH: got %q, want %q (user/app password)", got, wantAuth)
		}
	})

	t.Run("user, database and timeout are config.go's defaults", func(t *testing.T) {
		for _, c := range []struct{ env, flag string }{
			{"NEO4J_USER", "neo4j-user"},
			{"NEO4J_DATABASE", "neo4j-database"},
			{"NEO4J_TX_TIMEOUT", "neo4j-tx-timeout"},
		} {
			if got, want := composeDefault(appEnv[c.env]), defaults[c.flag]; got != want {
				t.Errorf("app %s: got %q, want %q", c.env, got, want)
			}
		}
	})

	t.Run("app is published where config.go's default address serves", func(t *testing.T) {
		container := portOf(t, appEnv["THELIST_ADDR"])
		got := app.publishedPorts(t)[container]
		if want := "127.0.0.1:" + portOf(t, defaults["addr"]); got != want {
			t.Errorf("app port %s published as: got %q, want %q", container, got, want)
		}
	})

	t.Run("neo4j image is pom.xml's Neo4j version", func(t *testing.T) {
		m := regexp.MustCompile(`<neo4j\.version>\s*([0-9.]+)\s*</neo4j\.version>`).FindStringSubmatch(readFile(t, pomPath))
		if m == nil {
			t.Fatalf("%s: no <neo4j.version>", pomPath)
		}
		pom := m[1]
		parts := strings.Split(pom, ".")
		if len(parts) < 2 {
			t.Fatalf("%s: neo4j.version %q is not major.minor[.patch]", pomPath, pom)
		}
		majorMinor := parts[0] + "." + parts[1]
		tag, ok := strings.CutPrefix(neo4j.Image, "neo4j:")
		if !ok {
			t.Fatalf("neo4j image: got %q, want the official neo4j:… image", neo4j.Image)
		}
		version, ok := strings.CutSuffix(tag, "-community")
		if !ok {
			t.Errorf("neo4j image tag: got %q, want a …-community tag", tag)
		}
		if version != majorMinor && !strings.HasPrefix(version, majorMinor+".") {
			t.Errorf("neo4j image version: got %q, want %s or %s.x (pom.xml has %s)", version, majorMinor, majorMinor, pom)
		}
		// A pinned patch must be pom.xml's patch.
		if strings.Count(version, ".") == 2 && version != pom {
			t.Errorf("neo4j image patch: got %q, want %q (pom.xml)", version, pom)
		}
	})

	t.Run("neo4j memory is neo4jctl's dev memory", func(t *testing.T) {
		for _, c := range []struct{ env, want string }{
			{"NEO4J_server_memory_heap_initial__size", dev["heap"]},
			{"NEO4J_server_memory_heap_max__size", dev["heap"]},
			{"NEO4J_server_memory_pagecache_size", dev["pagecache"]},
		} {
			if got := neo4jEnv[c.env]; got != c.want {
				t.Errorf("neo4j %s: got %q, want %q", c.env, got, c.want)
			}
		}
	})

	t.Run("app imports the bundle the image ships", func(t *testing.T) {
		entry := strings.Join(app.Entrypoint, " ")
		for _, want := range []string{"thelist import --if-empty /app/data", "thelist serve"} {
			if !strings.Contains(entry, want) {
				t.Errorf("app entrypoint: got %q, want it to run %q", entry, want)
			}
		}
		if got, want := readFile(t, dockerfilePath), "COPY data/ /app/data/"; !strings.Contains(got, want) {
			t.Errorf("Dockerfile: want a line %q", want)
		}
	})
}

func TestCompose_DockerfileMatchesGoMod(t *testing.T) {
	t.Run("golang image is go.mod's go version", func(t *testing.T) {
		m := regexp.MustCompile(`(?m)^go\s+(\S+)\s*$`).FindStringSubmatch(readFile(t, goModPath))
		if m == nil {
			t.Fatalf("%s: no go line", goModPath)
		}
		from := regexp.MustCompile(`(?m)^FROM\s+golang:(\S+)`).FindStringSubmatch(readFile(t, dockerfilePath))
		if from == nil {
			t.Fatalf("%s: no FROM golang:… stage", dockerfilePath)
		}
		if got, want := strings.SplitN(from[1], "-", 2)[0], m[1]; got != want {
			t.Errorf("golang image version: got %q, want %q (go.mod)", got, want)
		}
	})
}
