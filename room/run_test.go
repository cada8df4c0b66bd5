package room

import (
	"net"
	"strings"
	"testing"

	"github.com/assaytui/assay/serve"
)

func TestJoinLinesSayWhoCanJoin(t *testing.T) {
	lines, lan := joinLines(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222})
	if lan || len(lines) != 1 || lines[0] != "ssh -p 2222 NAME@127.0.0.1" {
		t.Errorf("loopback: %v %v", lines, lan)
	}
	lines, lan = joinLines(&net.TCPAddr{IP: net.IPv4zero, Port: 2222})
	if !lan || len(lines) == 0 {
		t.Fatalf("all addresses: %v %v", lines, lan)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "ssh -p 2222 NAME@") || strings.Contains(l, "127.0.0.1") {
			t.Errorf("join line %q", l)
		}
	}
}

func TestOpenSaysHowToJoinAndCloses(t *testing.T) {
	st, id := testWorkshop(t)
	w, err := Open(ctx, st, testCatalog(t), id, "fay", serve.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	intro := w.Intro()
	for _, want := range []string{"this computer only. To let the room join: --listen 0.0.0.0:2222",
		"ssh -p ", "Workshop code: " + serve.ShowCode(w.Code), "Host key:      SHA256:"} {
		if !strings.Contains(intro, want) {
			t.Errorf("intro lacks %q:\n%s", want, intro)
		}
	}
	if len(w.Code) != 6 || !strings.Contains(w.Banner(), serve.ShowCode(w.Code)) {
		t.Errorf("code %q, banner %q", w.Code, w.Banner())
	}
	if lobby := strings.Join(w.Lobby(), "\n"); !strings.Contains(lobby, "Only this computer can join") {
		t.Errorf("lobby: %s", lobby)
	}
	// A second room on the same address is refused with a line that says so.
	if _, err := Open(ctx, st, testCatalog(t), id, "fay", serve.Options{Listen: w.Addr.String()}); err == nil ||
		!strings.Contains(err.Error(), "choose another address with --listen") {
		t.Errorf("second room on %s: %v", w.Addr, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, st, testCatalog(t), "nope", "fay", serve.Options{Listen: "127.0.0.1:0"}); err == nil {
		t.Error("a room on an unknown assessment opened")
	}
}
