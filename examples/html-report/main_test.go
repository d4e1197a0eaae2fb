package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesperf/salesperf/examples/internal/golden"
)

func page(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestGolden(t *testing.T) {
	golden.Check(t, "testdata/report.html.golden", page(t))
}

// TestWellFormed: the page parses as XML after its doctype, holds the four
// charts and the tables, and loads nothing from elsewhere.
func TestWellFormed(t *testing.T) {
	raw := page(t)
	if !bytes.HasPrefix(raw, []byte("<!DOCTYPE html>\n")) {
		t.Error("no doctype")
	}
	count := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(raw))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			count[tok.Name.Local]++
			for _, a := range tok.Attr {
				if a.Name.Local == "src" || a.Name.Local == "href" {
					t.Errorf("<%s %s=%q>: the page must be self-contained", tok.Name.Local, a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 {
		t.Errorf("%d elements left open", depth)
	}
	for name, want := range map[string]int{"svg": 4, "table": 4, "section": 8, "script": 0, "link": 0, "img": 0} {
		if count[name] != want {
			t.Errorf("%d <%s> elements, want %d", count[name], name, want)
		}
	}
	if got := bytes.Count(raw, []byte("http")); got != count["svg"] {
		t.Errorf(`"http" appears %d times, want %d (the SVG namespaces only)`, got, count["svg"])
	}
}

// TestWriteFile: main's writer creates the file it is given.
func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.html")
	if err := write(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, page(t)) {
		t.Error("the file differs from run's output")
	}
}

const chromium = "/usr/bin/chromium"

// TestScreenshot opens the page in headless Chromium, when it is installed
// (Debian's chromium package), and checks the screenshot is not blank: many
// colours, enough ink, and the charts' own colours — the funnel's and the
// leaderboard's blue bars, the orange team and target lines, the green and
// slate columns of the ARR bridge.
func TestScreenshot(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("no " + chromium + ": install Debian's chromium package to run this test")
	}
	dir := t.TempDir()
	html, shot := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.png")
	if err := os.WriteFile(html, page(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot,
		"--window-size=1200,2400", "file://"+html)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 2400 {
		t.Errorf("screenshot %v, want 1200 × 2400", b)
	}
	colours, ink := census(img)
	if len(colours) < 50 {
		t.Errorf("%d distinct colours: the page looks blank", len(colours))
	}
	if share := float64(ink) / float64(img.Bounds().Dx()*img.Bounds().Dy()); share < 0.03 {
		t.Errorf("%.1f%% of the pixels are not background: the page looks blank", 100*share)
	}
	for name, want := range map[string]struct {
		c   color.RGBA
		min int
	}{
		"bar blue":     {color.RGBA{0x2f, 0x6f, 0xba, 0xff}, 20000},
		"target/team":  {color.RGBA{0xd9, 0x82, 0x2b, 0xff}, 300},
		"increase":     {color.RGBA{0x2e, 0x8b, 0x57, 0xff}, 1000},
		"bridge total": {color.RGBA{0x52, 0x60, 0x6d, 0xff}, 10000},
	} {
		t.Logf("%s: %d pixels", name, colours[want.c])
		if got := colours[want.c]; got < want.min {
			t.Errorf("%s (%v): %d pixels, want at least %d: a chart did not render", name, want.c, got, want.min)
		}
	}
	if t.Failed() {
		keep := filepath.Join(os.TempDir(), "html-report-screenshot.png")
		if data, err := os.ReadFile(shot); err == nil && os.WriteFile(keep, data, 0o644) == nil {
			t.Logf("screenshot kept at %s", keep)
		}
	}
}

// census counts the pixels of each colour, and those that are neither
// the page's background nor white.
func census(img image.Image) (map[color.RGBA]int, int) {
	bg := color.RGBA{0xf5, 0xf7, 0xfa, 0xff}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	out := map[color.RGBA]int{}
	ink := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			out[c]++
			if c != bg && c != white {
				ink++
			}
		}
	}
	return out, ink
}
