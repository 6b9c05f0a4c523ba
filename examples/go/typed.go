package main

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// typedFields: the commands with a typed C call and the string fields each takes
// (request_chat also takes the optional numbers lat and lon).
var typedFields = map[string][]string{
	"go_available":    {"expert"},
	"go_unavailable":  {"expert"},
	"request_chat":    {"shopper"},
	"claim":           {"expert", "chat"},
	"decline":         {"expert", "chat"},
	"finish_chat":     {"expert", "chat"},
	"send_message":    {"chat", "from"},
	"record_purchase": {"order", "shopper", "subtotal", "currency"},
	"advance":         {},
}

var optionalNumbers = map[string][]string{"request_chat": {"lat", "lon"}}

var instant = regexp.MustCompile(`^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?Z$`)

// typedCommand is a line a typed C call can run with the same result as apply_json.
type typedCommand struct {
	cmd     string
	atMs    int64
	strs    map[string]string
	numbers map[string]*float64
}

// epochMs reads YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z of a real date and time; any other form is left
// to the engine (false).
func epochMs(s string) (int64, bool) {
	m := instant.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	frac := (m[7] + "000")[:3]
	ms, _ := strconv.Atoi(frac)
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], ms*1e6, time.UTC)
	if n[0] < 1 || n[1] < 1 || n[1] > 12 || t.Day() != n[2] || int(t.Month()) != n[1] ||
		n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return 0, false
	}
	return t.UnixMilli(), true
}

// plainText: 1..128 bytes without a control character (a valid id, a short text).
func plainText(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || len(s) < 1 || len(s) > 128 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7F {
			return "", false
		}
	}
	return s, true
}

// classify returns the typed form of a line holding exactly the fields of a typed call, each
// well formed as the engine's reader wants it; nil (any doubt) sends the line to apply_json.
func classify(line []byte) *typedCommand {
	// No escapes: every '"' delimits a string, so a key given twice shows in the count below.
	if bytes.IndexByte(line, '\\') >= 0 || !utf8.Valid(line) {
		return nil
	}
	var obj map[string]any
	if json.Unmarshal(line, &obj) != nil || obj == nil {
		return nil
	}
	cmd, _ := obj["cmd"].(string)
	strs, typed := typedFields[cmd]
	if !typed {
		return nil
	}
	allowed := map[string]bool{"at": true, "cmd": true}
	for _, k := range append(append([]string{}, strs...), optionalNumbers[cmd]...) {
		allowed[k] = true
	}
	for k := range obj {
		if !allowed[k] || bytes.Count(line, []byte(`"`+k+`"`)) != 1 {
			return nil
		}
	}
	at, _ := obj["at"].(string)
	atMs, ok := epochMs(at)
	if !ok {
		return nil
	}
	c := &typedCommand{cmd: cmd, atMs: atMs, strs: map[string]string{},
		numbers: map[string]*float64{}}
	for _, k := range strs {
		if c.strs[k], ok = plainText(obj[k]); !ok {
			return nil
		}
	}
	for _, k := range optionalNumbers[cmd] {
		if v, given := obj[k]; given {
			f, isNumber := v.(float64)
			if !isNumber || math.IsInf(f, 0) || math.Abs(f) > 1000 {
				return nil
			}
			c.numbers[k] = &f
		}
	}
	if from, isMessage := c.strs["from"]; isMessage && from != "expert" && from != "shopper" {
		return nil
	}
	return c
}

// run makes the typed C call of c.
func (c *typedCommand) run(g *Engine) Status {
	s := c.strs
	switch c.cmd {
	case "advance":
		return g.Advance(c.atMs)
	case "go_available":
		return g.GoAvailable(c.atMs, s["expert"])
	case "go_unavailable":
		return g.GoUnavailable(c.atMs, s["expert"])
	case "request_chat":
		return g.RequestChat(c.atMs, s["shopper"], c.numbers["lat"], c.numbers["lon"])
	case "send_message":
		return g.SendMessage(c.atMs, s["chat"], s["from"])
	case "record_purchase":
		return g.RecordPurchase(c.atMs, s["order"], s["shopper"], s["subtotal"], s["currency"])
	default:
		return g.ExpertChat(c.cmd, c.atMs, s["expert"], s["chat"])
	}
}
