"""검사 공용 준비물.

backprop_lesson을 torch보다 먼저 가져와 MKL_CBWR이 첫 행렬곱 전에 정해지게 합니다.
브라우저 검사용 준비물(빌드한 사이트, Chromium)도 여기 있습니다.
"""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import backprop_lesson  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # 요청마다 찍히는 로그는 검사 출력에 필요 없습니다
        pass


@pytest.fixture(scope="session")
def site():
    """책을 빌드하고(바뀐 것이 없으면 몇 초) 127.0.0.1의 빈 포트에서 서비스합니다.

    xdist 작업자 여럿이 같은 _build에 동시에 쓰지 않도록 파일 잠금 안에서 빌드합니다.
    """
    from filelock import FileLock

    (ROOT / "_build").mkdir(exist_ok=True)
    with FileLock(str(ROOT / "_build" / ".build.lock")):
        jb = Path(sys.executable).parent / "jupyter-book"
        subprocess.run([str(jb), "build", str(ROOT), "-W", "--keep-going", "-q"], check=True,
                       stdout=subprocess.DEVNULL)
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian의 Chromium. 없으면 건너뛰지 않고 실패합니다(.ci/run이 설치합니다)."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM}이 없습니다: apt-get install chromium (.ci/run 참고)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """한 페이지를 열고, 그동안 생긴 콘솔 오류와 실패한 요청을 모읍니다.

    127.0.0.1 밖으로 나가는 요청은 막고 문제로 셉니다: 책은 인터넷 없이 온전해야 합니다.
    """

    # light=True: 길 찾기만 보는 검사에서는 무거운 MathJax와 그림을 받지 않습니다(빈 응답으로 대신합니다).
    HEAVY = re.compile(r"/_static/mathjax/|/_images/")

    def __init__(self, browser, site: str, path: str, light: bool = False):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        p = self.page
        p.on("console", lambda m: m.type == "error" and self.problems.append(f"콘솔: {m.text}"))
        p.on("pageerror", lambda e: self.problems.append(f"스크립트 오류: {e}"))
        p.on("requestfailed", lambda r: self.problems.append(f"실패한 요청: {r.url}"))
        p.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        p.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]|data:|blob:|about:)"), self._outside)
        if light:
            p.route(self.HEAVY, lambda route: route.fulfill(status=200, body=""))
        p.goto(f"{site}/{path}", wait_until="load")

    def _outside(self, route):
        self.problems.append(f"바깥으로 나가는 요청: {route.request.url}")
        route.abort()

    def wait_for_math(self):
        self.page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=15000)
        self.page.evaluate("() => MathJax.startup.promise")


@pytest.fixture
def visit(browser, site):
    opened: list[Visit] = []

    def open_page(path: str, light: bool = False) -> Visit:
        opened.append(Visit(browser, site, path, light))
        return opened[-1]

    yield open_page
    for v in opened:
        v.context.close()

