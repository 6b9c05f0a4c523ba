package main

import (
	"bytes"
	"encoding/json"
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

// typedCommand is a line a typed C call runs with the same result as apply_json.
type typedCommand struct {
	cmd     string
	strs    map[string]string
	numbers map[string]*float64
}

// classify returns the typed form of line, a command the engine's reader accepts
// (vshop_command_at said so), when it holds exactly the fields of a typed call; nil sends the
// line to apply_json.
func classify(line []byte) *typedCommand {
	if bytes.IndexByte(line, '\\') >= 0 { // escapes are left to the engine's reader
		return nil
	}
	var obj map[string]any
	if json.Unmarshal(line, &obj) != nil {
		return nil
	}
	cmd, _ := obj["cmd"].(string)
	strs, typed := typedFields[cmd]
	if _, hasAt := obj["at"]; !typed || !hasAt {
		return nil
	}
	c := &typedCommand{cmd: cmd, strs: map[string]string{}, numbers: map[string]*float64{}}
	for _, k := range strs {
		s, isString := obj[k].(string) // not, e.g., a subtotal in minor units
		if !isString {
			return nil
		}
		c.strs[k] = s
	}
	for _, k := range optionalNumbers[cmd] {
		if f, isNumber := obj[k].(float64); isNumber {
			c.numbers[k] = &f
		}
	}
	if len(obj) != 2+len(c.strs)+len(c.numbers) { // another field
		return nil
	}
	if from, isMessage := c.strs["from"]; isMessage && from != "expert" && from != "shopper" {
		return nil
	}
	return c
}

// run makes the typed C call of c at atMs.
func (c *typedCommand) run(g *Engine, atMs int64) Status {
	s := c.strs
	switch c.cmd {
	case "advance":
		return g.Advance(atMs)
	case "go_available":
		return g.GoAvailable(atMs, s["expert"])
	case "go_unavailable":
		return g.GoUnavailable(atMs, s["expert"])
	case "request_chat":
		return g.RequestChat(atMs, s["shopper"], c.numbers["lat"], c.numbers["lon"])
	case "send_message":
		return g.SendMessage(atMs, s["chat"], s["from"])
	case "record_purchase":
		return g.RecordPurchase(atMs, s["order"], s["shopper"], s["subtotal"], s["currency"])
	default:
		return g.ExpertChat(c.cmd, atMs, s["expert"], s["chat"])
	}
}
