//! The part of the vshop C ABI (capi/include/vshop/vshop.h) the Rust host uses, declared by
//! hand: each function returns a `vshop_status` (0 ok, a negative stable code otherwise) and
//! takes strings as (pointer, length) UTF-8.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_double, c_int};

pub type vshop_status = i32;
pub const VSHOP_OK: vshop_status = 0;
pub const VSHOP_INVALID_ARGUMENT: vshop_status = -2;
pub const VSHOP_SENDER_EXPERT: i32 = 0;
pub const VSHOP_SENDER_SHOPPER: i32 = 1;

/// An engine handle (opaque).
#[repr(C)]
pub struct vshop_engine {
    _private: [u8; 0],
}

/// A string handed out by the library (NUL-terminated too).
#[repr(C)]
pub struct vshop_string {
    pub data: *const c_char,
    pub len: usize,
}

extern "C" {
    pub fn vshop_status_name(status: vshop_status) -> *const c_char;
    pub fn vshop_last_error() -> *const c_char;
    pub fn vshop_engine_new(out: *mut *mut vshop_engine, opts: *const u32) -> vshop_status;
    pub fn vshop_engine_free(engine: *mut vshop_engine);
    pub fn vshop_engine_last_error(engine: *const vshop_engine) -> *const c_char;
    pub fn vshop_engine_apply_json(
        engine: *mut vshop_engine,
        line: *const c_char,
        len: usize,
    ) -> vshop_status;
    pub fn vshop_command_at(
        line: *const c_char,
        len: usize,
        out_ms: *mut i64,
        out_has: *mut c_int,
    ) -> vshop_status;
    pub fn vshop_engine_advance(engine: *mut vshop_engine, now_ms: i64) -> vshop_status;
    pub fn vshop_engine_next_deadline(
        engine: *const vshop_engine,
        out_ms: *mut i64,
        out_has: *mut c_int,
    ) -> vshop_status;
    pub fn vshop_engine_drain_effects_json(
        engine: *mut vshop_engine,
        out: *mut *const c_char,
        out_len: *mut usize,
    ) -> vshop_status;
    pub fn vshop_engine_go_available(
        engine: *mut vshop_engine,
        now_ms: i64,
        expert: *const c_char,
        expert_len: usize,
    ) -> vshop_status;
    pub fn vshop_engine_go_unavailable(
        engine: *mut vshop_engine,
        now_ms: i64,
        expert: *const c_char,
        expert_len: usize,
    ) -> vshop_status;
    pub fn vshop_engine_request_chat(
        engine: *mut vshop_engine,
        now_ms: i64,
        shopper: *const c_char,
        shopper_len: usize,
        lat: *const c_double,
        lon: *const c_double,
        out_chat: *mut vshop_string,
    ) -> vshop_status;
    pub fn vshop_engine_claim(
        engine: *mut vshop_engine,
        now_ms: i64,
        expert: *const c_char,
        expert_len: usize,
        chat: *const c_char,
        chat_len: usize,
    ) -> vshop_status;
    pub fn vshop_engine_decline(
        engine: *mut vshop_engine,
        now_ms: i64,
        expert: *const c_char,
        expert_len: usize,
        chat: *const c_char,
        chat_len: usize,
    ) -> vshop_status;
    pub fn vshop_engine_finish_chat(
        engine: *mut vshop_engine,
        now_ms: i64,
        expert: *const c_char,
        expert_len: usize,
        chat: *const c_char,
        chat_len: usize,
    ) -> vshop_status;
    pub fn vshop_engine_send_message(
        engine: *mut vshop_engine,
        now_ms: i64,
        chat: *const c_char,
        chat_len: usize,
        from: i32,
    ) -> vshop_status;
    #[allow(clippy::too_many_arguments)]
    pub fn vshop_engine_record_purchase(
        engine: *mut vshop_engine,
        now_ms: i64,
        shopper: *const c_char,
        shopper_len: usize,
        order: *const c_char,
        order_len: usize,
        subtotal: *const c_char,
        subtotal_len: usize,
        subtotal_is_integer: i32,
        currency: *const c_char,
        currency_len: usize,
        items: *const c_char,
        items_len: usize,
    ) -> vshop_status;
}
