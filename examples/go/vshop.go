// The part of the vshop C ABI this host uses (capi/include/vshop/vshop.h), found through
// pkg-config: PKG_CONFIG_PATH names the pkgconfig folder of an installed vshop.
package main

/*
#cgo pkg-config: vshop
#include "vshop/vshop.h"
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Engine is one vshop engine behind the C ABI.
type Engine struct{ e *C.vshop_engine }

// Status is a vshop_status: 0 ok, a negative stable code otherwise.
type Status int32

const statusInvalidArgument Status = C.VSHOP_INVALID_ARGUMENT

// StatusName is the stable code name of a status ("ok", "store_closed", ...).
func StatusName(s Status) string { return C.GoString(C.vshop_status_name(C.vshop_status(s))) }

// NewEngine makes an engine with the default settings.
func NewEngine() (*Engine, error) {
	var e *C.vshop_engine
	if C.vshop_engine_new(&e, nil) != C.VSHOP_OK {
		return nil, errors.New(C.GoString(C.vshop_last_error()))
	}
	return &Engine{e}, nil
}

// Free releases the engine.
func (g *Engine) Free() { C.vshop_engine_free(g.e) }

// LastError is the message of the last failed call on the engine.
func (g *Engine) LastError() string { return C.GoString(C.vshop_engine_last_error(g.e)) }

// str passes a non-empty Go string as (pointer, length) for the duration of one call.
func str(s string) (*C.char, C.size_t) {
	b := []byte(s)
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// ApplyJSON applies one non-empty JSON Lines command.
func (g *Engine) ApplyJSON(line []byte) Status {
	return Status(C.vshop_engine_apply_json(g.e, (*C.char)(unsafe.Pointer(&line[0])),
		C.size_t(len(line))))
}

// CommandAt is the time of a command line the engine's reader accepts (false when the line has
// no time or the reader rejects it: then it does not move the engine's clock).
func CommandAt(line []byte) (int64, bool) {
	var ms C.int64_t
	var has C.int
	status := C.vshop_command_at((*C.char)(unsafe.Pointer(&line[0])), C.size_t(len(line)), &ms,
		&has)
	return int64(ms), status == C.VSHOP_OK && has != 0
}

// Advance moves the engine's clock to atMs, firing the timers due.
func (g *Engine) Advance(atMs int64) Status {
	return Status(C.vshop_engine_advance(g.e, C.int64_t(atMs)))
}

// NextDeadline is the earliest pending timer, if any.
func (g *Engine) NextDeadline() (int64, bool) {
	var ms C.int64_t
	var has C.int
	C.vshop_engine_next_deadline(g.e, &ms, &has)
	return int64(ms), has != 0
}

// DrainEffects is the pending effects as canonical JSON Lines (a copy).
func (g *Engine) DrainEffects() []byte {
	var p *C.char
	var n C.size_t
	if C.vshop_engine_drain_effects_json(g.e, &p, &n) != C.VSHOP_OK || n == 0 {
		return nil
	}
	return C.GoBytes(unsafe.Pointer(p), C.int(n))
}

// GoAvailable and the calls below are the typed hot commands at atMs.
func (g *Engine) GoAvailable(atMs int64, expert string) Status {
	p, n := str(expert)
	return Status(C.vshop_engine_go_available(g.e, C.int64_t(atMs), p, n))
}

func (g *Engine) GoUnavailable(atMs int64, expert string) Status {
	p, n := str(expert)
	return Status(C.vshop_engine_go_unavailable(g.e, C.int64_t(atMs), p, n))
}

// RequestChat requests a chat for shopper; lat and lon may be nil.
func (g *Engine) RequestChat(atMs int64, shopper string, lat, lon *float64) Status {
	p, n := str(shopper)
	var la, lo *C.double
	if lat != nil {
		v := C.double(*lat)
		la = &v
	}
	if lon != nil {
		v := C.double(*lon)
		lo = &v
	}
	var chat C.vshop_string // the chat id, not needed here
	return Status(C.vshop_engine_request_chat(g.e, C.int64_t(atMs), p, n, la, lo, &chat))
}

// ExpertChat runs claim, decline or finish_chat.
func (g *Engine) ExpertChat(cmd string, atMs int64, expert, chat string) Status {
	ep, en := str(expert)
	cp, cn := str(chat)
	t := C.int64_t(atMs)
	switch cmd {
	case "claim":
		return Status(C.vshop_engine_claim(g.e, t, ep, en, cp, cn))
	case "decline":
		return Status(C.vshop_engine_decline(g.e, t, ep, en, cp, cn))
	default:
		return Status(C.vshop_engine_finish_chat(g.e, t, ep, en, cp, cn))
	}
}

// SendMessage sends a message in chat from "expert" or "shopper".
func (g *Engine) SendMessage(atMs int64, chat, from string) Status {
	p, n := str(chat)
	sender := C.int32_t(C.VSHOP_SENDER_EXPERT)
	if from == "shopper" {
		sender = C.VSHOP_SENDER_SHOPPER
	}
	return Status(C.vshop_engine_send_message(g.e, C.int64_t(atMs), p, n, sender))
}

// RecordPurchase records an order with a decimal-string subtotal and no items.
func (g *Engine) RecordPurchase(atMs int64, order, shopper, subtotal, currency string) Status {
	sp, sn := str(shopper)
	op, on := str(order)
	tp, tn := str(subtotal)
	cp, cn := str(currency)
	return Status(C.vshop_engine_record_purchase(g.e, C.int64_t(atMs), sp, sn, op, on, tp, tn, 0,
		cp, cn, nil, 0))
}
