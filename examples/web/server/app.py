"""The Starlette application: routes, sessions, errors, the event stream, the clock task."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable

import vshop
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.responses import StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import queries
from .access import Actor, BadRequest, Forbidden, check_command
from .accounts import Sessions
from .host import Host, HostError, Subscriber
from .visibility import shown

LOG = logging.getLogger("vshop.web")
STATIC = Path(__file__).resolve().parent.parent / "static"
BODY_LIMIT = 64 * 1024
SHOPPER_COOKIE, SESSION_COOKIE = "vshop_shopper", "vshop_session"
STATUS = {
    "invalid_argument": 400, "invalid_setting": 400, "empty_note": 400,
    "forbidden": 403, "invalid_invite_code": 403, "not_approved": 403, "not_chat_expert": 403,
    "not_found": 404, "body_too_large": 413, "limit_exceeded": 503, "unavailable": 503,
    "internal": 500,
}  # every other engine code is a state conflict: 409


class TooLarge(Exception):
    """A request body over BODY_LIMIT."""


def error(code: str, message: str) -> JSONResponse:
    """The error answer of API.md: the engine's code (or the server's) and a message."""
    return JSONResponse({"error": code, "message": message}, status_code=STATUS.get(code, 409))


async def read_body(request: Request) -> bytes:
    """The body, refused once it passes BODY_LIMIT (the rest is not read)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > BODY_LIMIT:
        raise TooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_LIMIT:
            raise TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request) -> dict[str, Any]:
    """The body as a JSON object, or BadRequest naming the problem."""
    try:
        value = json.loads(await read_body(request))
    except (ValueError, UnicodeDecodeError) as e:
        raise BadRequest(f"body: not JSON ({e})") from None
    if not isinstance(value, dict):
        raise BadRequest("body: expected a JSON object")
    return value


Handler = Callable[[Request, Actor], Awaitable[Any]]


class Api:
    """The routes over one Host."""

    def __init__(self, host: Host, sessions: Sessions, test_mode: bool) -> None:
        self.host, self.sessions, self.test_mode = host, sessions, test_mode

    def actor(self, request: Request) -> Actor:
        """The request's session; a new shopper id when the cookie is missing."""
        shopper = request.cookies.get(SHOPPER_COOKIE) or ""
        if not shopper.startswith("s-") or len(shopper) != 18:
            shopper = request.state.new_shopper = "s-" + secrets.token_hex(8)
        return Actor(shopper, self.sessions.account(request.cookies.get(SESSION_COOKIE)))

    def route(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """Wraps a handler: session, errors as API.md says, the shopper cookie."""

        async def endpoint(request: Request) -> Response:
            request.state.new_shopper = None
            actor = self.actor(request)
            try:
                result = await handler(request, actor)
                response = result if isinstance(result, Response) else JSONResponse(result)
            except TooLarge:
                response = error("body_too_large", f"body: over {BODY_LIMIT} bytes")
            except BadRequest as e:
                response = error("invalid_argument", str(e))
            except Forbidden as e:
                response = error("forbidden", str(e))
            except HostError as e:
                response = error(e.code, str(e))
            except vshop.Error as e:
                response = error(e.code, str(e))
            except Exception as e:  # a bug: answer in the API's form, keep the trace in the log
                LOG.exception("internal error on %s", request.url.path)
                response = error("internal", f"{type(e).__name__}: {e}")
            if request.state.new_shopper:
                response.set_cookie(SHOPPER_COOKIE, request.state.new_shopper, httponly=True,
                                    samesite="lax", max_age=400 * 86400)
            return response

        return endpoint

    def me(self, actor: Actor) -> dict[str, Any]:
        return {"shopper": actor.shopper,
                "account": actor.account.public() if actor.account else None,
                "now": vshop.format_instant(self.host.now()), "test_mode": self.test_mode}

    # -- sessions ------------------------------------------------------------------------------
    async def get_me(self, request: Request, actor: Actor) -> Any:
        return self.me(actor)

    async def login(self, request: Request, actor: Actor) -> Any:
        body = await read_json(request)
        token = self.sessions.login(body.get("name"), body.get("password"))
        if token is None:
            raise Forbidden("name or password is wrong")
        account = self.sessions.account(token)
        response = JSONResponse(self.me(Actor(actor.shopper, account)))
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax")
        return response

    async def logout(self, request: Request, actor: Actor) -> Any:
        self.sessions.logout(request.cookies.get(SESSION_COOKIE))
        response = JSONResponse({})
        response.delete_cookie(SESSION_COOKIE)
        return response

    # -- commands ------------------------------------------------------------------------------
    async def command(self, request: Request, actor: Actor) -> Any:
        body = await read_json(request)
        check_command(body, actor, self.host.engine.chat)
        if body.get("cmd") == "rate_chat" and self._blocked(body.get("chat")):
            return {"effects": []}  # R-BLOCK-1: their blocked chat reads finished; not told
        effects, chat = await self.host.submit(body)
        return {"effects": effects, **({"chat": chat} if chat is not None else {})}

    def _blocked(self, chat: Any) -> bool:
        view = self.host.engine.chat(chat) if isinstance(chat, str) else None
        return view is not None and view.state.value == "blocked"

    # -- queries -------------------------------------------------------------------------------
    async def widget(self, request: Request, actor: Actor) -> Any:
        p = request.query_params
        state = self.host.engine.widget_state(
            self.host.now(), page_url=p.get("page_url", ""), page_type=p.get("page_type", ""),
            shopper=actor.shopper)
        return {"state": state.value, "now": vshop.format_instant(self.host.now())}

    async def expert(self, request: Request, actor: Actor) -> Any:
        return queries.expert_view(self.host, actor, request.path_params["id"])

    async def chat(self, request: Request, actor: Actor) -> Any:
        chat = request.path_params["id"]
        if not queries.may_see_chat(self.host, actor, chat):
            raise Forbidden(f"chat: {chat!r} is not visible to this session")
        if actor.manager or actor.expert is not None:
            return queries.chat_view(self.host, chat, messages=True, staff=True)
        return queries.shopper_chat_view(self.host, chat)

    async def shopper_chats(self, request: Request, actor: Actor) -> Any:
        return queries.shopper_chats(self.host, actor)

    async def candidates(self, request: Request, actor: Actor) -> Any:
        chat = request.query_params.get("chat")
        if not chat:
            raise BadRequest("chat: missing")
        return queries.transfer_candidates(self.host, actor, chat)

    async def metrics(self, request: Request, actor: Actor) -> Any:
        return queries.metrics(self.host, actor, dict(request.query_params), daily=False)

    async def daily_metrics(self, request: Request, actor: Actor) -> Any:
        return queries.metrics(self.host, actor, dict(request.query_params), daily=True)

    async def team(self, request: Request, actor: Actor) -> Any:
        return queries.team(self.host, actor)

    async def stores(self, request: Request, actor: Actor) -> Any:
        return queries.stores(self.host)

    async def store_status(self, request: Request, actor: Actor) -> Any:
        return queries.store_status(self.host, request.path_params["id"])

    async def settings(self, request: Request, actor: Actor) -> Any:
        return queries.settings(self.host, actor)

    async def inspect(self, request: Request, actor: Actor) -> Any:
        queries.inspect(actor, "")  # the access check before reading the body
        raw = await read_body(request)
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = None
            if not isinstance(body, dict) or not isinstance(body.get("events"), str):
                raise BadRequest("events: expected a string of JSON Lines")
            text = body["events"]
        else:
            text = raw.decode("utf-8", errors="replace")
        return queries.inspect(actor, text)

    # -- live events ---------------------------------------------------------------------------
    async def events(self, request: Request, actor: Actor) -> Any:
        queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        sub = Subscriber(queue, lambda data: shown(self.host, actor, data))
        self.host.subscribers.add(sub)

        async def stream() -> AsyncIterator[str]:
            try:
                yield f"event: hello\ndata: {json.dumps(self.me(actor))}\n\n"
                while True:
                    try:
                        kind, data = await asyncio.wait_for(queue.get(), 15)
                    except asyncio.TimeoutError:
                        yield ": ping\n\n"
                        continue
                    yield f"event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"
            finally:
                self.host.subscribers.discard(sub)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    # -- test mode -----------------------------------------------------------------------------
    async def set_clock(self, request: Request, actor: Actor) -> Any:
        body = await read_json(request)
        text = body.get("now")
        if not isinstance(text, str):
            raise BadRequest("now: expected an instant")
        try:
            t = vshop.parse_instant(text)
        except vshop.Error:
            raise BadRequest(f"now: {text!r} is not an instant") from None
        try:
            self.host.clock.set(t)  # type: ignore[attr-defined]
        except ValueError as e:
            raise HostError("out_of_order_time", str(e)) from None
        effects = await self.host.advance_to_clock()
        self.host.publish_clock()
        return {"now": vshop.format_instant(self.host.now()), "effects": effects}

    async def snapshot(self, request: Request, actor: Actor) -> Any:
        return PlainTextResponse(self.host.engine.snapshot())


CLOCK_TICK = 1.0  # seconds between `clock` events while no timer fires


async def clock_task(host: Host) -> None:
    """Sleeps until the engine's next deadline (or a command's wake-up, or the next tick),
    advances when a timer is due, and sends the `clock` event. A host whose timers another
    process fires (scale-out) only ticks."""
    while True:
        deadline = host.engine.next_deadline if host.fires_timers else None
        wait = CLOCK_TICK if deadline is None else (deadline - host.now()).total_seconds()
        host.wakeup.clear()
        if wait > 0:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(host.wakeup.wait(), min(wait, CLOCK_TICK))
        try:
            host.advance()
        except vshop.Error:  # limit_exceeded: the next round advances again
            await asyncio.sleep(0.01)
        host.publish_clock()


def plotly_js() -> Path | None:
    """plotly's bundled plotly.min.js from the installed package, if any."""
    try:
        import plotly  # type: ignore[import-untyped]
    except ImportError:
        return None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path if path.exists() else None


def build_app(host: Host, sessions: Sessions, test_mode: bool) -> Starlette:
    """The application: API routes, static files, the clock task (real clock only)."""
    api = Api(host, sessions, test_mode)
    r = api.route
    routes: list[Route | Mount] = [
        Route("/", lambda _: RedirectResponse("/static/shop.html")),
        Route("/api/me", r(api.get_me)),
        Route("/api/login", r(api.login), methods=["POST"]),
        Route("/api/logout", r(api.logout), methods=["POST"]),
        Route("/api/command", r(api.command), methods=["POST"]),
        Route("/api/widget", r(api.widget)),
        Route("/api/expert/{id}", r(api.expert)),
        Route("/api/chat/{id}", r(api.chat)),
        Route("/api/shopper/chats", r(api.shopper_chats)),
        Route("/api/transfer_candidates", r(api.candidates)),
        Route("/api/metrics", r(api.metrics)),
        Route("/api/daily_metrics", r(api.daily_metrics)),
        Route("/api/team", r(api.team)),
        Route("/api/stores", r(api.stores)),
        Route("/api/stores/{id}/status", r(api.store_status)),
        Route("/api/settings", r(api.settings)),
        Route("/api/inspect", r(api.inspect), methods=["POST"]),
        Route("/api/events", r(api.events)),
    ]
    if test_mode:
        routes += [Route("/api/test/clock", r(api.set_clock), methods=["POST"]),
                   Route("/api/test/snapshot", r(api.snapshot))]
    plotly = plotly_js()
    if plotly is not None:
        routes.append(Route("/static/vendor/plotly.min.js",
                            lambda _: Response(plotly.read_bytes(),
                                               media_type="application/javascript")))
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(host.run())]
        if not host.clock.scripted:
            tasks.append(asyncio.create_task(clock_task(host)))
        yield
        for task in tasks:
            task.cancel()

    async def not_found(request: Request, exc: Exception) -> Response:
        return error("not_found", f"path: no route {request.url.path!r}")

    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: not_found})
