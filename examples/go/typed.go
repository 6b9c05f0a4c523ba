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

// typedCommand is a line a typed C call runs with the same result as apply_json.
type typedCommand struct {
	cmd     string
	strs    map[string]string
	numbers map[string]*float64
}

// fields holds every field a typed call takes; decoding into it (rather than a map) is the
// fast path, and an unknown field fails the decoding.
type fields struct {
	At       json.RawMessage `json:"at"`
	Cmd      string          `json:"cmd"`
	Expert   *string         `json:"expert"`
	Chat     *string         `json:"chat"`
	Shopper  *string         `json:"shopper"`
	From     *string         `json:"from"`
	Order    *string         `json:"order"`
	Subtotal *string         `json:"subtotal"` // integer minor units fail: apply_json
	Currency *string         `json:"currency"`
	Lat      *float64        `json:"lat"`
	Lon      *float64        `json:"lon"`
}

// classify returns the typed form of line, a command the engine's reader accepts
// (vshop_command_at said so), when it holds exactly the fields of a typed call; nil sends the
// line to apply_json.
func classify(line []byte) *typedCommand {
	if bytes.IndexByte(line, '\\') >= 0 { // escapes are left to the engine's reader
		return nil
	}
	var f fields
	decoder := json.NewDecoder(bytes.NewReader(line))
	decoder.DisallowUnknownFields()
	if decoder.Decode(&f) != nil || f.At == nil {
		return nil
	}
	strs, typed := typedFields[f.Cmd]
	if !typed {
		return nil
	}
	given := map[string]*string{"expert": f.Expert, "chat": f.Chat, "shopper": f.Shopper,
		"from": f.From, "order": f.Order, "subtotal": f.Subtotal, "currency": f.Currency}
	c := &typedCommand{cmd: f.Cmd, strs: map[string]string{}, numbers: map[string]*float64{}}
	for _, k := range strs {
		if given[k] == nil {
			return nil
		}
		c.strs[k] = *given[k]
	}
	for k, v := range given {
		if _, wanted := c.strs[k]; v != nil && !wanted { // another field
			return nil
		}
	}
	if f.Cmd == "request_chat" {
		c.numbers["lat"], c.numbers["lon"] = f.Lat, f.Lon
	} else if f.Lat != nil || f.Lon != nil {
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
