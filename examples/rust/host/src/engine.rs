//! A safe wrapper of the vshop engine handle over the raw `vshop-sys` declarations.
use std::ffi::CStr;
use std::os::raw::{c_char, c_int};
use std::ptr;

use vshop_sys as sys;

pub type Status = sys::vshop_status;

/// The stable code name of a status ("ok", "store_closed", ...).
pub fn status_name(status: Status) -> &'static [u8] {
    // SAFETY: the library returns a static NUL-terminated string for every status.
    unsafe { CStr::from_ptr(sys::vshop_status_name(status)).to_bytes() }
}

fn ptr_of(s: &[u8]) -> *const c_char {
    s.as_ptr() as *const c_char
}

/// The time of a command line the engine's reader accepts (None when the line has no time or
/// the reader rejects it: then it does not move the engine's clock).
pub fn command_at(line: &[u8]) -> Option<i64> {
    let (mut ms, mut has): (i64, c_int) = (0, 0);
    // SAFETY: (pointer, length) of a live slice and valid out-pointers.
    let status = unsafe { sys::vshop_command_at(ptr_of(line), line.len(), &mut ms, &mut has) };
    (status == sys::VSHOP_OK && has != 0).then_some(ms)
}

/// One engine; freed on drop.
pub struct Engine {
    raw: *mut sys::vshop_engine,
}

impl Engine {
    pub fn new() -> Result<Engine, String> {
        let mut raw = ptr::null_mut();
        // SAFETY: `raw` is a valid out-pointer; NULL options mean the defaults.
        if unsafe { sys::vshop_engine_new(&mut raw, ptr::null()) } != sys::VSHOP_OK {
            // SAFETY: never NULL, static per thread.
            let message = unsafe { CStr::from_ptr(sys::vshop_last_error()) };
            return Err(message.to_string_lossy().into_owned());
        }
        Ok(Engine { raw })
    }

    /// The message of the last failed call on this engine.
    pub fn last_error(&self) -> Vec<u8> {
        // SAFETY: never NULL, valid until the next call on the handle; copied at once.
        unsafe {
            CStr::from_ptr(sys::vshop_engine_last_error(self.raw))
                .to_bytes()
                .to_vec()
        }
    }

    pub fn apply_json(&mut self, line: &[u8]) -> Status {
        // SAFETY: (pointer, length) of a live slice.
        unsafe { sys::vshop_engine_apply_json(self.raw, ptr_of(line), line.len()) }
    }

    pub fn advance(&mut self, at_ms: i64) -> Status {
        // SAFETY: a live handle.
        unsafe { sys::vshop_engine_advance(self.raw, at_ms) }
    }

    /// The earliest pending timer, if any.
    pub fn next_deadline(&self) -> Option<i64> {
        let (mut ms, mut has): (i64, c_int) = (0, 0);
        // SAFETY: valid out-pointers.
        unsafe { sys::vshop_engine_next_deadline(self.raw, &mut ms, &mut has) };
        (has != 0).then_some(ms)
    }

    /// Appends the pending effects (canonical JSON Lines) to `out`.
    pub fn drain_effects(&mut self, out: &mut Vec<u8>) {
        let (mut data, mut len): (*const c_char, usize) = (ptr::null(), 0);
        // SAFETY: valid out-pointers; the buffer lives until the next call on the handle and
        // is copied before that.
        unsafe {
            if sys::vshop_engine_drain_effects_json(self.raw, &mut data, &mut len) == sys::VSHOP_OK
                && len > 0
            {
                out.extend_from_slice(std::slice::from_raw_parts(data as *const u8, len));
            }
        }
    }

    pub fn go_available(&mut self, at_ms: i64, expert: &[u8]) -> Status {
        // SAFETY: (pointer, length) of live slices here and in the calls below.
        unsafe { sys::vshop_engine_go_available(self.raw, at_ms, ptr_of(expert), expert.len()) }
    }

    pub fn go_unavailable(&mut self, at_ms: i64, expert: &[u8]) -> Status {
        unsafe { sys::vshop_engine_go_unavailable(self.raw, at_ms, ptr_of(expert), expert.len()) }
    }

    pub fn request_chat(
        &mut self,
        at_ms: i64,
        shopper: &[u8],
        lat: Option<f64>,
        lon: Option<f64>,
    ) -> Status {
        let opt = |v: &Option<f64>| v.as_ref().map_or(ptr::null(), |x| x as *const f64);
        let mut chat = sys::vshop_string {
            data: ptr::null(),
            len: 0,
        }; // the chat id, unused
        unsafe {
            sys::vshop_engine_request_chat(
                self.raw,
                at_ms,
                ptr_of(shopper),
                shopper.len(),
                opt(&lat),
                opt(&lon),
                &mut chat,
            )
        }
    }

    /// claim, decline or finish_chat of `chat` by `expert`.
    pub fn expert_chat(&mut self, cmd: &str, at_ms: i64, expert: &[u8], chat: &[u8]) -> Status {
        let call = match cmd {
            "claim" => sys::vshop_engine_claim,
            "decline" => sys::vshop_engine_decline,
            _ => sys::vshop_engine_finish_chat,
        };
        unsafe {
            call(
                self.raw,
                at_ms,
                ptr_of(expert),
                expert.len(),
                ptr_of(chat),
                chat.len(),
            )
        }
    }

    pub fn send_message(&mut self, at_ms: i64, chat: &[u8], from_shopper: bool) -> Status {
        let from = if from_shopper {
            sys::VSHOP_SENDER_SHOPPER
        } else {
            sys::VSHOP_SENDER_EXPERT
        };
        unsafe { sys::vshop_engine_send_message(self.raw, at_ms, ptr_of(chat), chat.len(), from) }
    }

    /// record_purchase with a decimal-string subtotal and no items.
    pub fn record_purchase(
        &mut self,
        at_ms: i64,
        order: &[u8],
        shopper: &[u8],
        subtotal: &[u8],
        currency: &[u8],
    ) -> Status {
        unsafe {
            sys::vshop_engine_record_purchase(
                self.raw,
                at_ms,
                ptr_of(shopper),
                shopper.len(),
                ptr_of(order),
                order.len(),
                ptr_of(subtotal),
                subtotal.len(),
                0,
                ptr_of(currency),
                currency.len(),
                ptr::null(),
                0,
            )
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: the handle is owned and freed once.
        unsafe { sys::vshop_engine_free(self.raw) }
    }
}
