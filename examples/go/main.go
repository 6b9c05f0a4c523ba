// A vshop host in Go through the C ABI (cgo): `host SCENARIO.jsonl` prints exactly what
// `vshop simulate SCENARIO.jsonl` prints (docs/reference.md §11): the effects as canonical JSON
// Lines and each rejected command as {"line":N,"error":"<code>","message":"..."}.
// The host owns the clock: before a command at time T (vshop_command_at) it advances the engine to
// each pending deadline <= T. Hot commands go through typed C calls when a line holds exactly their
// fields (typed.go); every other line through vshop_engine_apply_json. With VSHOP_HOST_STATS set,
// the numbers of lines run by typed calls and by apply_json go to stderr.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// maxLineBytes is the longest command line `vshop simulate` reads.
const maxLineBytes = 1 << 20

// jsonString writes s as a JSON string the way the engine does (escaping only '"', '\\' and
// control characters).
func jsonString(out *bufio.Writer, s string) {
	out.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		case '\b':
			out.WriteString(`\b`)
		case '\t':
			out.WriteString(`\t`)
		case '\n':
			out.WriteString(`\n`)
		case '\f':
			out.WriteString(`\f`)
		case '\r':
			out.WriteString(`\r`)
		default:
			if c < 0x20 {
				fmt.Fprintf(out, `\u%04x`, c)
			} else {
				out.WriteByte(c)
			}
		}
	}
	out.WriteByte('"')
}

type host struct {
	engine            *Engine
	out               *bufio.Writer
	typed, applyJSONs int // lines by entry point (VSHOP_HOST_STATS)
}

func (h *host) drain() { h.out.Write(h.engine.DrainEffects()) }

// advanceTo fires the pending deadlines up to atMs one at a time, as a host's timer would. The
// effects are drained after the command, so that a full outbox stops the clock exactly where one
// `vshop simulate` step stops it.
func (h *host) advanceTo(atMs int64) {
	for {
		deadline, has := h.engine.NextDeadline()
		if !has || deadline > atMs {
			return
		}
		if h.engine.Advance(deadline) != 0 {
			return // the outbox is full: the command reports it
		}
	}
}

func (h *host) errorLine(number int, status Status, message string) {
	h.out.WriteString(`{"line":` + strconv.Itoa(number) + `,"error":`)
	jsonString(h.out, StatusName(status))
	h.out.WriteString(`,"message":`)
	jsonString(h.out, message)
	h.out.WriteString("}\n")
}

func (h *host) runLine(number int, line []byte) {
	if len(line) > maxLineBytes {
		h.errorLine(number, statusInvalidArgument, fmt.Sprintf(
			"line of %d bytes, over the limit of %d bytes", len(line), maxLineBytes))
		return
	}
	if len(bytes.Trim(line, " \t\r")) == 0 {
		return
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	// The clock first: the deadlines up to the command's time, when the engine's reader accepts
	// the line (one it rejects does not move the clock in `vshop simulate`).
	var typed *typedCommand
	atMs, ok := CommandAt(line)
	if ok {
		h.advanceTo(atMs)
		typed = classify(line)
	}
	var status Status
	if typed != nil {
		h.typed++
		status = typed.run(h.engine, atMs)
	} else {
		h.applyJSONs++
		status = h.engine.ApplyJSON(line)
	}
	h.drain()
	if status != 0 {
		h.errorLine(number, status, h.engine.LastError())
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: host SCENARIO.jsonl")
		os.Exit(2)
	}
	file, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		os.Exit(2)
	}
	defer file.Close()
	engine, err := NewEngine()
	if err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		os.Exit(2)
	}
	defer engine.Free()
	h := &host{engine: engine, out: bufio.NewWriterSize(os.Stdout, 1<<16)}
	in := bufio.NewReaderSize(file, 1<<16)
	for number := 1; ; number++ {
		line, err := in.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			break
		}
		h.runLine(number, bytes.TrimSuffix(line, []byte("\n")))
	}
	if err := h.out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "host:", err)
		os.Exit(2)
	}
	if os.Getenv("VSHOP_HOST_STATS") != "" {
		fmt.Fprintf(os.Stderr, "typed %d apply_json %d\n", h.typed, h.applyJSONs)
	}
}
