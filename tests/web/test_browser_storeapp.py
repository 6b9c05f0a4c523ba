"""Store App (examples/web/static/store_app.*) in a real browser against the real server.

The stories of issue 12 owned by the Store App: two experts see the offer with a live
countdown, one claims, the other's offer disappears (R-CHAT-3); messages both ways; transfer
with an internal note to a colleague picked from transfer_candidates (R-XFER-1/2); finish
(R-CHAT-8); a store closes and its experts go unavailable (R-AVAIL-2) and going available is
refused with the engine's message (R-AVAIL-1); a missed chat's left message is taken
(R-CHAT-6); block (R-BLOCK-1). Each expert has a browser of their own (separate cookies); the
shopper is an HTTP client with its own cookie. Times are relative to the server's scripted
clock, so the tests hold whatever the fixture's scope.
"""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 10


class Clock:
    """The server's scripted clock (test mode: POST /api/test/clock)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def now(self) -> dt.datetime:
        return parse(httpx.get(self.url + "/api/me").json()["now"])

    def to(self, when: dt.datetime) -> None:
        r = httpx.post(self.url + "/api/test/clock", json={"now": fmt(when)})
        assert r.status_code == 200, r.text

    def advance(self, delta: dt.timedelta) -> None:
        self.to(self.now() + delta)

    def next_change(self, store: str) -> dt.datetime:
        status = httpx.get(f"{self.url}/api/stores/{store}/status").json()
        return parse(status["next_change"])

    def to_open_hours(self, store: str) -> None:
        """Moves forward to a time at least an hour inside the store's opening hours."""
        status = httpx.get(f"{self.url}/api/stores/{store}/status").json()
        if not status["open"]:
            self.to(parse(status["next_change"]) + dt.timedelta(minutes=1))
            status = httpx.get(f"{self.url}/api/stores/{store}/status").json()
        assert status["open"], status
        if parse(status["next_change"]) - parse(status["now"]) < dt.timedelta(hours=1):
            self.to(parse(status["next_change"]) + dt.timedelta(minutes=1))  # closed now
            self.to_open_hours(store)


def parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def fmt(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Shopper:
    """A shopper: an HTTP client with its own vshop_shopper cookie."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url)
        self.id = self.client.get("/api/me").json()["shopper"]

    def command(self, body: dict) -> dict:
        r = self.client.post("/api/command", json=body)
        assert r.status_code == 200, r.text
        return r.json()

    def request_chat(self) -> str:
        return self.command({"cmd": "request_chat"})["chat"]

    def send(self, chat: str, text: str) -> None:
        self.command({"cmd": "send_message", "chat": chat, "from": "shopper", "text": text})

    def chat(self, chat: str) -> dict:
        r = self.client.get(f"/api/chat/{chat}")
        assert r.status_code == 200, r.text
        return r.json()

    def wait_message(self, chat: str, text: str) -> None:
        WebDriverWait(None, WAIT_S).until(
            lambda _: any(m["text"] == text for m in self.chat(chat)["messages"]))


class StoreApp:
    """One expert's Store App in a browser of its own, signed in."""

    def __init__(self, driver, url: str, expert: str) -> None:
        self.driver = driver
        driver.set_window_size(430, 900)
        driver.get(url + "/static/store_app.html")
        self.wait_visible("sa-login")
        self.type("sa-login-name", expert)
        self.type("sa-login-password", expert)
        self.click("sa-login-submit")
        self.wait_visible("sa-home")
        self.wait(lambda d: self.text("sa-name") != "")

    def wait(self, cond):
        # The page re-renders live: an element read mid-update is simply read again.
        return WebDriverWait(self.driver, WAIT_S,
                             ignored_exceptions=(StaleElementReferenceException,)).until(cond)

    def el(self, id_: str):
        return self.driver.find_element(By.ID, id_)

    def click(self, id_: str) -> None:
        self.wait(ec.element_to_be_clickable((By.ID, id_))).click()

    def type(self, id_: str, text: str) -> None:
        self.el(id_).clear()
        self.el(id_).send_keys(text)

    def text(self, id_: str) -> str:
        return self.el(id_).text

    def attr(self, id_: str, name: str) -> str | None:
        return self.el(id_).get_attribute(name)

    def wait_visible(self, id_: str) -> None:
        self.wait(ec.visibility_of_element_located((By.ID, id_)))

    def wait_hidden(self, id_: str) -> None:
        self.wait(ec.invisibility_of_element_located((By.ID, id_)))

    def wait_text(self, id_: str, part: str) -> None:
        self.wait(lambda d: part in self.text(id_))

    def wait_attr(self, id_: str, name: str, value: str) -> None:
        self.wait(lambda d: self.attr(id_, name) == value)

    def wait_error(self, code: str) -> None:
        self.wait_attr("sa-error", "data-code", code)
        assert self.el("sa-error").is_displayed()
        assert self.text("sa-error-text") != code  # the engine's message, not only the code

    def go_available(self) -> None:
        self.click("sa-toggle")
        self.wait_attr("sa-phone", "data-available", "true")

    def wait_offer(self, chat: str) -> None:
        self.wait_visible("sa-offer")
        self.wait_attr("sa-offer", "data-chat", chat)

    def countdown_seconds(self) -> int:
        m, s = self.text("sa-offer-countdown").split(":")
        return int(m) * 60 + int(s)

    def claim(self, chat: str) -> None:
        self.wait_offer(chat)
        self.click("sa-claim")
        self.wait_chat_open(chat)

    def wait_chat_open(self, chat: str) -> None:
        self.wait_visible("sa-chat")
        self.wait_attr("sa-chat", "data-chat", chat)

    def wait_message(self, text: str) -> None:
        self.wait(lambda d: any(
            e.text == text for e in d.find_elements(By.CSS_SELECTOR, "#sa-messages .sa-text")))

    def send(self, text: str) -> None:
        self.type("sa-input", text)
        self.click("sa-send")
        self.wait_message(text)

    def open_actions(self, item: str) -> None:
        self.click("sa-actions-toggle")
        self.click(item)

    def wait_home_chats(self, chats: list[str]) -> None:
        if self.el("sa-chat").is_displayed():
            self.click("sa-back")
        self.wait(lambda d: [li.get_attribute("data-chat") for li in
                             d.find_elements(By.CSS_SELECTOR, "#sa-chats li")] == chats)

    def wait_left_message(self, chat: str):
        return self.wait(lambda d: next(iter(d.find_elements(
            By.CSS_SELECTOR, f'#sa-left li[data-chat="{chat}"]')), False))

    def take_left_message(self, chat: str) -> None:
        self.click_css(f'#sa-left li[data-chat="{chat}"] .sa-btn')

    def click_css(self, selector: str) -> None:
        """Clicks the element found afresh (a live refresh may have replaced it meanwhile)."""
        self.wait(ec.element_to_be_clickable((By.CSS_SELECTOR, selector))).click()




def offered_to_lisa(web, new_chrome) -> tuple[Clock, StoreApp, Shopper, str]:
    """Opening hours, Lisa available in her Store App, a shopper's request offered to her."""
    clock = Clock(web.url)
    clock.to_open_hours("ams")
    lisa = StoreApp(new_chrome(), web.url, "lisa")
    lisa.go_available()
    shopper = Shopper(web.url)
    chat = shopper.request_chat()
    lisa.wait_offer(chat)
    return clock, lisa, shopper, chat


def test_offer_claim_withdraw_messages_transfer_finish(web, new_chrome, screenshot):
    """R-CHAT-3, R-XFER-1, R-XFER-2, R-CHAT-8: the main Store App story, two experts."""
    clock = Clock(web.url)
    clock.to_open_hours("ams")
    lisa = StoreApp(new_chrome(), web.url, "lisa")
    omar = StoreApp(new_chrome(), web.url, "omar")
    lisa.go_available()
    omar.go_available()

    shopper = Shopper(web.url)
    chat = shopper.request_chat()

    # Both see the offer with a countdown that follows the server clock.
    for app in (lisa, omar):
        app.wait_offer(chat)
    start = lisa.countdown_seconds()
    assert start > 0
    clock.advance(dt.timedelta(seconds=7))
    lisa.wait(lambda d: lisa.countdown_seconds() == start - 7)
    screenshot(lisa.driver, "storeapp_offer")

    # Lisa claims; Omar's offer disappears with the reason shown.
    lisa.claim(chat)
    omar.wait_hidden("sa-offer")
    omar.wait_text("sa-notice-text", "claimed by a colleague")

    # Messages both ways, live.
    shopper.send(chat, "Do you have the rain jacket in blue?")
    lisa.wait_message("Do you have the rain jacket in blue?")
    lisa.send("Yes, in sizes S to L.")
    shopper.wait_message(chat, "Yes, in sizes S to L.")
    screenshot(lisa.driver, "storeapp_chat")

    # Transfer: an empty note is refused with the engine's error; then a note to Omar.
    lisa.open_actions("sa-open-transfer")
    lisa.wait_visible("sa-transfer")
    group = lisa.driver.find_element(By.CSS_SELECTOR, '.sa-store-group[data-store="ams"]')
    assert "omar" in group.text
    assert "lisa" not in group.text.replace("Store ams", "")  # R-PIN-8: not to oneself
    lisa.click("sa-target-omar")
    lisa.click("sa-do-transfer")
    lisa.wait_error("empty_note")
    note = "Wants blue size M, ask about delivery"
    lisa.type("sa-note", note)
    lisa.click("sa-do-transfer")
    lisa.wait_text("sa-notice-text", "waiting for them to accept")

    omar.wait_visible("sa-transfer-in")
    omar.wait_text("sa-transfer-note", note)
    assert "lisa" in omar.text("sa-transfer-from")
    screenshot(omar.driver, "storeapp_transfer")
    omar.click("sa-accept-transfer")
    omar.wait_chat_open(chat)
    omar.wait_message("Do you have the rain jacket in blue?")  # the history moves with the chat
    omar.wait_text("sa-chat-note", note)  # the internal note stays with the chat
    lisa.wait_text("sa-notice-text", "transferred to omar")
    lisa.wait_home_chats([])

    # Omar finishes: the chat ends and his capacity is free again.
    omar.open_actions("sa-finish")
    omar.wait_visible("sa-home")
    omar.wait_home_chats([])
    assert shopper.chat(chat)["state"] == "finished"
    screenshot(omar.driver, "storeapp_home")


def test_store_closes_experts_go_unavailable(web, new_chrome, screenshot):
    """R-AVAIL-2, R-AVAIL-1: at closing time the store's experts turn unavailable in their Store
    App, with the reason; going available is then refused with the engine's message."""
    clock = Clock(web.url)
    clock.to_open_hours("ams")
    apps = [StoreApp(new_chrome(), web.url, name) for name in ("lisa", "omar")]
    for app in apps:
        app.go_available()

    clock.to(clock.next_change("ams"))  # the closing instant
    for app in apps:
        app.wait_attr("sa-phone", "data-available", "false")
        app.wait_text("sa-notice-text", "store is closed")
        assert app.text("sa-toggle") == "Go Available"

    lisa = apps[0]
    lisa.click("sa-toggle")
    lisa.wait_error("store_closed")
    assert lisa.attr("sa-phone", "data-available") == "false"
    assert expert_view(web.url, "lisa")["available"] is False
    screenshot(lisa.driver, "storeapp_store_closed")


def test_offer_expires(web, new_chrome):
    """R-CHAT-5: when the wave's countdown runs out the offer card goes, and the app says so."""
    clock, lisa, _, chat = offered_to_lisa(web, new_chrome)
    clock.advance(dt.timedelta(seconds=lisa.countdown_seconds()))
    lisa.wait_hidden("sa-offer")
    lisa.wait_text("sa-notice-text", f"chat request {chat} expired")


def test_transfer_declined_stays_with_sender(web, new_chrome):
    """R-XFER-2: the colleague declines; the sender is told and keeps the chat."""
    _, lisa, shopper, chat = offered_to_lisa(web, new_chrome)
    lisa.claim(chat)
    omar = StoreApp(new_chrome(), web.url, "omar")
    omar.go_available()

    lisa.open_actions("sa-open-transfer")
    lisa.wait_visible("sa-transfer")
    lisa.click("sa-target-omar")
    lisa.type("sa-note", "Knows the sofa range better")
    lisa.click("sa-do-transfer")
    lisa.wait_text("sa-chat-status", "transfer pending")

    omar.wait_visible("sa-transfer-in")
    omar.click("sa-decline-transfer")
    omar.wait_hidden("sa-transfer-in")
    lisa.wait_text("sa-notice-text", "omar declined the transfer")
    lisa.wait_text("sa-chat-status", "Status: active")
    assert "pending" not in lisa.text("sa-chat-status")
    assert shopper.chat(chat)["expert"] == "lisa"


def test_take_left_message(web, new_chrome, screenshot):
    """R-CHAT-6: a missed chat's left message is listed and taken into an active chat."""
    clock = Clock(web.url)
    clock.to_open_hours("ams")
    lisa = StoreApp(new_chrome(), web.url, "lisa")
    assert lisa.attr("sa-phone", "data-available") == "false"

    shopper = Shopper(web.url)
    chat = shopper.request_chat()  # nobody available: missed at once
    assert shopper.chat(chat)["state"] == "missed"
    text = "Please call me about the sofa delivery"
    shopper.command({"cmd": "leave_message", "chat": chat, "text": text, "channel": "email",
                     "address": "kim@example.com"})

    lisa.go_available()
    item = lisa.wait_left_message(chat)
    assert text in item.text
    screenshot(lisa.driver, "storeapp_left_messages")
    lisa.take_left_message(chat)
    lisa.wait_chat_open(chat)
    lisa.wait_attr("sa-chat", "data-state", "active")
    lisa.wait_message(text)
    assert shopper.chat(chat)["expert"] == "lisa"


def test_decline_withdraws_offer(web, new_chrome):
    """R-CHAT-4: Decline withdraws the offer; with no one else left the chat is missed."""
    _, lisa, shopper, chat = offered_to_lisa(web, new_chrome)
    lisa.click("sa-decline")
    lisa.wait_hidden("sa-offer")
    assert shopper.chat(chat)["state"] == "missed"
    assert lisa.attr("sa-phone", "data-available") == "true"  # one decline is no streak


def test_block_shopper(web, new_chrome):
    """R-BLOCK-1: Block ends the chat as blocked and frees the expert's capacity."""
    _, lisa, shopper, chat = offered_to_lisa(web, new_chrome)
    lisa.claim(chat)
    lisa.driver.execute_script("window.confirm = () => true;")
    lisa.open_actions("sa-block")
    lisa.wait_visible("sa-home")
    lisa.wait_home_chats([])
    assert web.client("manager").get(f"/api/chat/{chat}").json()["state"] == "blocked"
    assert shopper.chat(chat)["state"] == "finished"  # the shopper is not told (API.md)
    assert expert_view(web.url, "lisa")["active_chats"] == 0


def test_login_refused_shows_error(web, new_chrome):
    """A wrong password is refused (403 forbidden) and the message is shown."""
    driver = new_chrome()
    driver.get(web.url + "/static/store_app.html")
    WebDriverWait(driver, 10).until(ec.visibility_of_element_located((By.ID, "sa-login")))
    driver.find_element(By.ID, "sa-login-name").send_keys("lisa")
    driver.find_element(By.ID, "sa-login-password").send_keys("wrong")
    driver.find_element(By.ID, "sa-login-submit").click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "sa-error").get_attribute("data-code") == "forbidden")
    assert driver.find_element(By.ID, "sa-home").is_displayed() is False


def expert_view(url: str, expert: str) -> dict:
    with httpx.Client(base_url=url) as c:
        c.post("/api/login", json={"name": expert, "password": expert}).raise_for_status()
        return c.get(f"/api/expert/{expert}").json()


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-v"]))
