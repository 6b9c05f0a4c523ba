"""Fixtures of the web host tests: the server with a scripted clock, Selenium Chrome.

`web` starts `python -m server --test-mode` on a free loopback port with a fresh database;
`web.set_time("2026-05-14T09:00:00Z")` moves its clock, `web.client("lisa")` logs in.
With VSHOP_WEB_SCALEOUT=1 (CTest `scale_web_api`), every server runs in scale-out mode on
one private Redis with two workers (tests/scale/webstack.py), a new merchant per server.
`chrome` is a headless Debian chromium driven through /usr/bin/chromedriver (nothing is
downloaded); `new_chrome(width, height)` opens more windows; `screenshot(driver, name)` saves
to $VSHOP_SCREENSHOTS (build/<preset>/web-screenshots under CTest).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from webserver import WebServer  # noqa: E402

CHROMIUM = os.environ.get("VSHOP_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("VSHOP_CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def scaleout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    """The Redis URL of the scale-out stack when VSHOP_WEB_SCALEOUT=1, else None."""
    if os.environ.get("VSHOP_WEB_SCALEOUT") != "1":
        yield None
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scale"))
    from webstack import Stack

    stack = Stack(tmp_path_factory.mktemp("scaleout"))
    try:
        yield stack.url
    finally:
        stack.stop()


def server(db: Path, scaleout: str | None, **options: Any) -> WebServer:
    """A server on `db`, or a follower of merchant `<folder>-<db name>` in scale-out mode."""
    if scaleout is None:
        return WebServer(db, **options)
    return WebServer(db, scaleout=scaleout, merchant=f"{db.parent.name}-{db.stem}", **options)


@pytest.fixture
def web(tmp_path: Path, scaleout: str | None) -> Iterator[WebServer]:
    """A running server with the demo merchant, a scripted clock at 2026-05-14T08:00:00Z."""
    server_ = server(tmp_path / "web.sqlite3", scaleout)
    try:
        yield server_
    finally:
        server_.stop()


@pytest.fixture(scope="module")
def shared_web(tmp_path_factory: pytest.TempPathFactory,
               scaleout: str | None) -> Iterator[WebServer]:
    """One server for a whole test module (for tests that change nothing, e.g. refusals)."""
    server_ = server(tmp_path_factory.mktemp("shared") / "web.sqlite3", scaleout)
    try:
        yield server_
    finally:
        server_.stop()


@pytest.fixture
def web_factory(tmp_path: Path) -> Iterator[Callable[..., WebServer]]:
    """Starts servers with chosen options (`db`, `start`, `snapshot_every`, `demo`)."""
    servers: list[WebServer] = []

    def start(db: Path | None = None, **options: Any) -> WebServer:
        server = WebServer(db or tmp_path / f"web{len(servers)}.sqlite3", **options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def browser_available() -> bool:
    """True when chromium and chromedriver are installed (the only reason to skip)."""
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists() or bool(
        shutil.which("chromium") and shutil.which("chromedriver"))


@pytest.fixture
def new_chrome() -> Iterator[Callable[..., Any]]:
    """Opens headless Chrome windows (`new_chrome(width=1280, height=900)`), closed after."""
    if not browser_available():
        pytest.skip("chromium/chromedriver are not installed (apt-get install chromium "
                    "chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    drivers: list[Any] = []

    def open_window(width: int = 1280, height: int = 900) -> Any:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                    "--disable-gpu", f"--window-size={width},{height}"):
            options.add_argument(arg)
        driver_path = CHROMEDRIVER if Path(CHROMEDRIVER).exists() else shutil.which("chromedriver")
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        driver.implicitly_wait(0)
        drivers.append(driver)
        return driver

    yield open_window
    for driver in drivers:
        driver.quit()


@pytest.fixture
def chrome(new_chrome: Callable[..., Any]) -> Any:
    """One headless Chrome window, 1280x900."""
    return new_chrome()


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """Saves a PNG of a window as $VSHOP_SCREENSHOTS/<name>.png and returns the path."""

    def save(driver: Any, name: str) -> Path:
        folder = Path(os.environ.get("VSHOP_SCREENSHOTS", "web-screenshots"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        driver.save_screenshot(str(path))
        return path

    return save
