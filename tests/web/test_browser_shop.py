"""Browser tests of the shop page (examples/web/static/shop.html): the shopper's On-site Chat.

Each test drives the page in headless Chromium against the real server (scripted clock, demo
merchant) and plays the expert's side through the HTTP API as a logged-in expert account, so
every effect reaches the page over SSE exactly as it would from the Store App. Screenshots go
to build/<preset>/web-screenshots/shop_*.png.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# Thursday 2026-05-14 10:00 in Amsterdam: the demo stores (Mo-Sa 09:00-21:00) are open.
OPEN_TIME = dt.datetime(2026, 5, 14, 8, 0, tzinfo=dt.timezone.utc)
WAIT_S = 10


def instant(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Staff:
    """A logged-in staff account (an expert or a manager) using the HTTP API."""

    def __init__(self, web, name: str) -> None:
        self.client: httpx.Client = web.client(name)
        self.name = name

    def command(self, **cmd: object) -> dict:
        r = self.client.post("/api/command", json=cmd)
        assert r.status_code == 200, f"{cmd}: {r.status_code} {r.text}"
        return r.json()

    def get(self, path: str) -> dict:
        r = self.client.get(path)
        assert r.status_code == 200, f"{path}: {r.status_code} {r.text}"
        return r.json()

    def offer(self) -> dict | None:
        return self.get(f"/api/expert/{self.name}")["offer"]


class ShopPage:
    """The shop page in one browser window."""

    def __init__(self, driver, base_url: str, shots) -> None:
        self.d = driver
        self.base_url = base_url
        self.shots = shots

    def open(self, page: str = "product") -> "ShopPage":
        self.d.get(f"{self.base_url}/static/shop.html?page={page}")
        self.wait(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
        return self

    def wait(self, cond, timeout: float = WAIT_S, message: str = ""):
        return WebDriverWait(self.d, timeout, poll_frequency=0.1).until(cond, message)

    def el(self, css: str):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def shopper(self) -> str:
        return self.el("body").get_attribute("data-shopper")

    def launcher_shown(self) -> bool:
        return self.el("#vs-launcher").is_displayed()

    def view(self) -> str:
        return self.el("#vs-panel").get_attribute("data-view")

    def wait_view(self, view: str) -> None:
        self.wait(lambda d: self.view() == view, message=f"panel view {view}, is {self.view()}")

    def wait_launcher(self, shown: bool) -> None:
        self.wait(lambda d: self.launcher_shown() == shown, message=f"launcher shown={shown}")

    def open_panel(self) -> None:
        if not self.el("#vs-panel").is_displayed():
            self.el("#vs-launcher").click()
        self.wait(lambda d: self.el("#vs-panel").is_displayed())

    def messages(self) -> list[tuple[str, str]]:
        """The transcript as (from, text), read in one script call (the list re-renders)."""
        rows = self.d.execute_script(
            "return Array.from(document.querySelectorAll('#vs-messages li'),"
            " li => [li.dataset.from, li.querySelector('.vs-text').textContent]);")
        return [(sender, text) for sender, text in rows]

    def wait_message(self, sender: str, text: str) -> None:
        self.wait(lambda d: (sender, text) in self.messages(), message=f"message {text!r}")

    def send(self, text: str) -> None:
        box = self.el("#vs-input")
        box.clear()
        box.send_keys(text)
        self.el("#vs-send").click()

    def error(self) -> str:
        box = self.el("#vs-error")
        return box.text if box.is_displayed() else ""

    def screenshot(self, name: str) -> None:
        self.shots(self.d, f"shop_{name}")


def requested_chat(page: ShopPage) -> str:
    page.wait(lambda d: page.el("#vs-panel").get_attribute("data-chat"))
    return page.el("#vs-panel").get_attribute("data-chat")


@pytest.fixture
def shop(web, chrome, screenshot) -> Iterator[ShopPage]:
    """The shop page of a new shopper, in one window; the test fails if the page's scripts
    logged an error."""
    yield ShopPage(chrome, web.url, screenshot)
    errors = [e["message"] for e in chrome.get_log("browser") if e.get("source") == "javascript"]
    assert errors == [], f"JavaScript errors on the shop page: {errors}"


@pytest.fixture
def lisa(web) -> Staff:
    """Expert lisa (store ams, open at the start time), available."""
    expert = Staff(web, "lisa")
    expert.command(cmd="go_available")
    return expert


def start_chat(page: ShopPage) -> str:
    """Opens the panel, starts a chat and returns its id (from the page)."""
    page.wait_launcher(True)
    page.open_panel()
    page.wait_view("idle")
    page.el("#vs-request").click()
    return requested_chat(page)


def test_web_shop_launcher_follows_widget_state_R_DISPLAY_1(web, shop) -> None:
    """No expert available: no launcher; one goes available: it appears (polling); on the
    checkout page (not a chat page type) it stays hidden; unavailable again: it goes."""
    shop.open()
    shop.wait(lambda d: shop.el("body").get_attribute("data-widget-state") == "ongoing_only")
    assert not shop.launcher_shown()
    shop.screenshot("launcher_hidden")

    lisa = Staff(web, "lisa")
    lisa.command(cmd="go_available")
    shop.wait_launcher(True)
    assert shop.el("#vs-launcher").get_attribute("data-widget-state") == "visible"
    shop.screenshot("launcher_visible")

    checkout = ShopPage(shop.d, web.url, shop.shots).open("checkout")
    checkout.wait(lambda d: checkout.el("body").get_attribute("data-widget-state") == "hidden")
    assert not checkout.launcher_shown()

    shop.open()
    shop.wait_launcher(True)
    lisa.command(cmd="go_unavailable")
    shop.wait_launcher(False)


def test_web_shop_request_chat_rate_R_CHAT_3_R_CHAT_9(web, shop, lisa) -> None:
    """Request -> connecting -> the expert claims -> messages both ways over SSE -> finish ->
    a rating without stars shows the engine's error -> rate 4 stars with a comment."""
    shop.open()
    chat = start_chat(shop)
    shop.wait_view("connecting")
    shop.screenshot("connecting")
    assert lisa.offer()["chat"] == chat

    lisa.command(cmd="claim", chat=chat)
    shop.wait_view("active")
    shop.wait(lambda d: "Lisa" in shop.el("#vs-with").text)
    assert shop.el("#vs-with").get_attribute("data-expert") == "lisa"

    lisa.command(cmd="send_message", chat=chat, **{"from": "expert"}, kind="text",
                 text="Hi, I'm Lisa in Amsterdam. How can I help?")
    shop.wait_message("expert", "Hi, I'm Lisa in Amsterdam. How can I help?")
    shop.send("Does the overshirt run large?")
    shop.wait_message("shopper", "Does the overshirt run large?")
    texts = [(m["from"], m["text"]) for m in lisa.get(f"/api/chat/{chat}")["messages"]]
    assert ("shopper", "Does the overshirt run large?") in texts
    shop.screenshot("chat")

    lisa.command(cmd="finish_chat", chat=chat)
    shop.wait_view("finished")
    shop.el("#vs-rate-send").click()  # no stars chosen: the engine refuses, nothing changes
    shop.wait(lambda d: shop.error() != "")
    assert shop.el("#vs-error").get_attribute("data-code") == "invalid_argument"
    assert "stars" in shop.error()
    assert lisa.get(f"/api/chat/{chat}")["rating"] in (None, 0)  # not rated

    shop.el('#vs-stars button[data-stars="4"]').click()
    shop.el("#vs-rate-comment").send_keys("Helpful, thanks")
    shop.el("#vs-rate-send").click()
    shop.wait(lambda d: shop.el("#vs-rated").is_displayed())
    assert shop.el("#vs-rated").get_attribute("data-stars") == "4"
    assert shop.error() == ""
    assert lisa.get(f"/api/chat/{chat}")["rating"] == 4
    shop.screenshot("rated")


def test_web_shop_missed_leave_message_notified_of_reply_R_CHAT_6_R_CHAT_7(
        web, shop, lisa) -> None:
    """Nobody claims: missed -> leave a message (email) -> the shopper leaves the site; lisa
    takes it and replies (notify_shopper) -> back on the site the shopper sees the reply and
    continues the chat live."""
    shop.open()
    chat = start_chat(shop)
    shop.wait_view("connecting")
    web.set_time(instant(OPEN_TIME + dt.timedelta(seconds=31)))  # lisa's offer expires
    shop.wait_view("missed")
    shop.screenshot("missed")

    shop.el("#vs-leave-text").send_keys("Is the overshirt in stock in XL?")
    shop.el("#vs-leave-address").send_keys("ana@example.com")
    shop.el("#vs-leave-send").click()
    shop.wait_view("left")
    assert "ana@example.com" in shop.el("#vs-left-text").text
    left = lisa.get("/api/expert/lisa")["left_messages"]
    assert [(m["chat"], m["text"]) for m in left] == [(chat, "Is the overshirt in stock in XL?")]
    shop.screenshot("message_left")

    shop.d.get("about:blank")  # the shopper leaves the site
    web.set_time(instant(OPEN_TIME + dt.timedelta(minutes=10)))
    lisa.command(cmd="take_left_message", chat=chat)
    reply = lisa.command(cmd="send_message", chat=chat, **{"from": "expert"}, kind="text",
                         text="Yes, XL is in stock in Amsterdam.")
    notified = [e for e in reply["effects"] if e["effect"] == "notify_shopper"]
    assert [(e["chat"], e["channel"], e["address"]) for e in notified] == [
        (chat, "email", "ana@example.com")]

    shop.open()  # back on the site
    shop.wait(lambda d: shop.el("#vs-notice").is_displayed(), message="reply notice")
    assert "Yes, XL is in stock in Amsterdam." in shop.el("#vs-notice-text").text
    assert shop.el("#vs-notice").get_attribute("data-chat") == chat
    shop.screenshot("notified")
    shop.el("#vs-notice-open").click()
    shop.wait_view("active")
    shop.wait_message("expert", "Yes, XL is in stock in Amsterdam.")
    assert not shop.el("#vs-notice").is_displayed()
    shop.send("Great, I'll order it.")
    shop.wait_message("shopper", "Great, I'll order it.")
    # back online: a further expert message is live, no new notification
    again = lisa.command(cmd="send_message", chat=chat, **{"from": "expert"}, kind="text",
                         text="Enjoy!")
    assert [e for e in again["effects"] if e["effect"] == "notify_shopper"] == []
    shop.wait_message("expert", "Enjoy!")


def test_web_shop_blocked_shopper_request_reaches_no_expert_R_BLOCK_1(web, shop, lisa) -> None:
    """Lisa blocks the shopper: the page shows the chat as finished; the shopper's new request
    shows "connecting" but no expert gets an offer, and the claim window passes silently."""
    omar = Staff(web, "omar")
    omar.command(cmd="go_available")
    shop.open()
    chat = start_chat(shop)
    shop.wait_view("connecting")
    lisa.command(cmd="claim", chat=chat)
    shop.wait_view("active")
    lisa.command(cmd="block_shopper", chat=chat)
    shop.wait_view("finished")  # as a finished chat: the server reports it so (API.md)
    assert "block" not in shop.el("#vs-panel").text.lower()  # the shopper is not told

    shop.el('[data-for="finished"] [data-action="new-chat"]').click()
    shop.wait_view("idle")
    shop.el("#vs-request").click()
    shop.wait(lambda d: shop.el("#vs-panel").get_attribute("data-chat") not in ("", chat))
    silent = shop.el("#vs-panel").get_attribute("data-chat")
    shop.wait_view("connecting")
    assert lisa.offer() is None and omar.offer() is None
    effects = web.set_time(instant(OPEN_TIME + dt.timedelta(minutes=5)))
    assert [e for e in effects if e.get("chat") == silent] == []
    shop.d.refresh()
    shop.wait(lambda d: shop.el("body").get_attribute("data-ready"))
    shop.wait_view("connecting")
    assert lisa.offer() is None and omar.offer() is None
    shop.screenshot("blocked_connecting")


def test_web_shop_purchase_is_recorded_and_bad_input_shown(web, shop, lisa) -> None:
    """Buy now sends record_purchase (attributed to the expert of the chat, R-ATTR-1); a
    subtotal the engine refuses shows its error on the page."""
    shop.open()
    chat = start_chat(shop)
    lisa.command(cmd="claim", chat=chat)
    shop.wait_view("active")
    shop.el("#buy-now").click()
    shop.wait(lambda d: shop.el("#order-status").get_attribute("data-order"))
    order = shop.el("#order-status").get_attribute("data-order")
    assert order in shop.el("#order-status").text
    manager = Staff(web, "manager")
    metrics = manager.get("/api/metrics?from=2026-05-14&to=2026-05-14&scope=expert&id=lisa")
    assert metrics["orders"] == 1, metrics
    shop.screenshot("purchase")

    shop.d.execute_script("document.getElementById('product-price').textContent = '12.345'")
    shop.el("#buy-now").click()
    shop.wait(lambda d: "error" in shop.el("#order-status").get_attribute("class"))
    assert "invalid_argument" in shop.el("#order-status").text
    assert "subtotal" in shop.el("#order-status").text
    metrics = manager.get("/api/metrics?from=2026-05-14&to=2026-05-14&scope=expert&id=lisa")
    assert metrics["orders"] == 1


def test_web_shop_transfer_shows_new_expert_never_the_note_R_XFER_1(web, shop, lisa) -> None:
    """Lisa transfers the chat to omar with an internal note; once omar accepts, the page
    shows omar, the conversation goes on with him, and the note never reaches the page.
    A message with markup is shown as text."""
    omar = Staff(web, "omar")
    omar.command(cmd="go_available")
    shop.open()
    chat = start_chat(shop)
    lisa.command(cmd="claim", chat=chat)
    shop.wait_view("active")
    shop.send("<b>Linen</b> & care?")
    shop.wait_message("shopper", "<b>Linen</b> & care?")

    note = "Shopper asks about linen care; omar knows the fabric"
    lisa.command(cmd="transfer", chat=chat, to="omar", note=note)
    omar.command(cmd="accept_transfer", chat=chat)
    shop.wait(lambda d: shop.el("#vs-with").get_attribute("data-expert") == "omar",
              message="the page follows the transfer")
    assert "Omar" in shop.el("#vs-with").text
    omar.command(cmd="send_message", chat=chat, **{"from": "expert"}, kind="text",
                 text="Hi, Omar here: wash it at 30 degrees.")
    shop.wait_message("expert", "Hi, Omar here: wash it at 30 degrees.")
    assert note not in shop.d.page_source
    shop.screenshot("transferred")
