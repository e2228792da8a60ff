"""헤드리스 Chromium 하나로 책의 페이지들을 동시에 엽니다(비동기 Playwright).

페이지마다 한 번만 엽니다. 연 페이지에서 독자가 보는 것(수식, 그림, 글꼴, Colab 링크, axe 접근성)을
모두 모아 `PageSeen`으로 돌려주고, 판단(assert)은 검사 파일이 합니다. 탭 몇 개(TABS)가 남은 페이지를 차례로
가져가 같은 탭에서 엽니다: 독자가 한 탭에서 장을 넘겨 읽을 때처럼 테마와 MathJax 파일은 한 번 받은 것을 다시
쓰고, 새 탭마다 렌더러 프로세스를 띄우는 비용(탭 하나에 CPU 1초쯤)도 탭 수만큼만 듭니다.

모든 페이지에서 콘솔 오류, 실패한 요청, HTTP 400 이상, 127.0.0.1 밖으로 나가는 요청(막고 문제로 셈)을 모읍니다.
"""

from __future__ import annotations

import asyncio
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import ViewportSize

import _axe

CHROMIUM = "/usr/bin/chromium"
# 127.0.0.1 밖의 주소는 이름을 찾지 못하게 해 요청이 나가지 못합니다(그 요청은 실패로 잡혀 문제로 셉니다).
# Playwright의 page.route로 막지 않는 까닭: 가로채기를 켜면 그 페이지의 HTTP 캐시가 꺼져(microsoft/playwright#7220)
# 페이지마다 MathJax와 테마를 다시 받습니다. 독자의 브라우저는 한 번 받은 것을 다시 씁니다.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1[:/]|data:|blob:|about:)")
# 동시에 여는 탭 수. 탭마다 방문할 페이지를 차례로 엽니다: 새 탭은 렌더러 프로세스를 새로 띄워 탭 하나에
# CPU 1초쯤이 들지만, 같은 탭에서 같은 사이트의 다음 페이지로 가면 그 프로세스를 다시 씁니다.
TABS = 2
TIMEOUT_MS = 60_000


@dataclass
class PageSeen:
    """한 번 연 페이지에서 모은 것."""

    url: str = ""
    problems: list[str] = field(default_factory=list)  # 콘솔 오류, 실패한 요청, HTTP ≥ 400, 바깥 요청
    typeset: list[bool] = field(default_factory=list)  # .math 요소마다 MathJax 결과가 있는지
    visible_text: str = ""
    images: list[list] = field(default_factory=list)  # [src, naturalWidth, alt]
    fonts: list[dict] = field(default_factory=list)  # 첫 문단의 글자를 그린 글꼴
    colab_links: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)  # axe의 serious/critical 위반
    axe_counts: list[int] = field(default_factory=list)  # [보이는 글자 요소 수, 색 대비를 잰 대표 수] (_axe.py)
    search_results: list[str] = field(default_factory=list)
    phone_overflow: list = field(default_factory=list)  # 360 px 너비에서 페이지가 옆으로 밀리는 px와 넘친 요소들
    crash: str = ""  # 방문 자체가 실패했으면 그 까닭


def failed(url: str) -> str:
    """실패한 요청을 적는 줄. 127.0.0.1 밖으로 나가려던 요청(CHROMIUM_ARGS가 막음)은 그렇다고 적습니다."""
    return f"바깥으로 나가는 요청: {url}" if OUTSIDE.match(url) else f"실패한 요청: {url}"


class _Watch:
    """한 탭에서 생기는 문제(콘솔 오류, 실패한 요청, HTTP ≥ 400, 바깥 요청)를 그 탭이 지금 하는 방문에 적습니다."""

    def __init__(self) -> None:
        self.seen = PageSeen()

    def attach(self, page) -> None:
        def note(text: str) -> None:
            self.seen.problems.append(text)
        page.on("console", lambda m: note(f"콘솔: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: note(f"스크립트 오류: {e}"))
        page.on("requestfailed", lambda r: note(failed(r.url)))
        page.on("response", lambda r: note(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def begin(self) -> PageSeen:
        self.seen = PageSeen()
        return self.seen

    def end(self) -> None:
        self.seen = PageSeen()  # 방문이 끝난 뒤 늦게 온 사건은 그 방문의 결과에 섞지 않습니다


async def _fonts_used(context, page, selector: str) -> list[dict]:
    """Chromium이 selector의 글자를 그리는 데 실제로 쓴 글꼴들(DevTools 프로토콜)."""
    cdp = await context.new_cdp_session(page)
    await cdp.send("DOM.enable")
    await cdp.send("CSS.enable")
    root = (await cdp.send("DOM.getDocument", {"depth": 0}))["root"]["nodeId"]  # querySelector는 트리 없이도 됨
    node = (await cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector}))["nodeId"]
    fonts = (await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node}))["fonts"]
    await cdp.detach()
    return fonts


DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 360, "height": 800}
SIDEWAYS = """() => {
    const w = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w + 1
        && (e.parentElement.closest('main') === null || e.parentElement.getBoundingClientRect().right <= w + 1));
    return [document.documentElement.scrollWidth - w,
            ...wide.slice(0, 3).map(e => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 60)}`)];
}"""
"""페이지가 옆으로 밀리는 px(0이면 안 밀림)와, 본문을 넘친 가장 바깥 요소 셋까지."""

SCROLLERS_FOCUSABLE = """() => [...document.querySelectorAll(
    'pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, .pst-scrollable-table-container')]
    .every(e => !(e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight) || e.tabIndex === 0)"""
"""가로(또는 세로)로 밀어야 하는 상자마다 키보드 초점이 있는지(pydata 테마가 tabindex를 다는 상자들)."""


async def _reader_visit(page, watch: _Watch, site: str, path: str, arrive: str | None = None) -> PageSeen:
    """탭 page에서 path를 열고(arrive가 있으면 그 주소로 넘어갈 때까지 기다린 뒤) 독자가 보는 것을 모읍니다."""
    seen = watch.begin()
    try:
        await page.goto(f"{site}/{path}", wait_until="load")
        if arrive:
            await page.wait_for_url(re.compile(re.escape(arrive)), timeout=TIMEOUT_MS)
            await page.wait_for_load_state("load")
        await page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=TIMEOUT_MS)
        # 수식이 다 그려지고 글꼴도 다 받은 뒤(그 전의 배치는 독자가 잠깐만 보는 것: 대신 쓴 글꼴로 넓어진 표 등)
        await page.evaluate("() => MathJax.startup.promise.then(() => document.fonts.ready).then(() => true)")
        # 수식이 그려져 넓어진 표나 코드는 가로로 밀 수 있게 되고, 테마가 그 상자에 키보드 초점(tabindex=0)을 줍니다.
        # 테마는 DOM이 바뀐 뒤 300 ms를 기다렸다 하므로(debounce) 그 일이 일어날 때까지 기다립니다.
        # 시각이 아니라 상태를 기다립니다: 테마가 초점을 주지 않으면 여기서 시간이 다 되어 검사가 실패합니다.
        await page.wait_for_function(SCROLLERS_FOCUSABLE, timeout=TIMEOUT_MS)
        seen.url = page.url
        seen.typeset = await page.eval_on_selector_all(
            ".math", "els => els.map(e => !!e.querySelector('mjx-container'))")
        seen.visible_text = await page.inner_text("main")
        seen.images = await page.eval_on_selector_all(
            "img", "els => els.map(e => [e.currentSrc, e.naturalWidth, e.alt])")
        seen.fonts = await _fonts_used(page.context, page, "main section > p")
        seen.colab_links = await page.eval_on_selector_all(
            "a[href*='colab.research.google.com']", "els => els.map(e => e.href)")
        # axe는 스타일시트를 제 방식으로 다시 읽으므로 맨 끝에 돌리고, 그 전까지의 문제만 셉니다.
        problems = list(seen.problems)
        await page.evaluate(_axe.script())
        result = await page.evaluate(_axe.RUN, None)
        seen.violations = _axe.serious(result)
        seen.axe_counts = [result["texts"], result["reps"]]
        seen.problems = problems
        # 전화 너비(360 px)로 줄여 옆으로 밀리는지: 같은 탭에서 다시 읽지 않고 배치만 새로 합니다.
        await page.set_viewport_size(PHONE)
        seen.phone_overflow = await page.evaluate(SIDEWAYS)
        await page.set_viewport_size(DESKTOP)
    except Exception as e:  # noqa: BLE001 -- 한 페이지가 실패해도 다른 페이지의 결과는 남깁니다
        seen.crash = f"{type(e).__name__}: {e}"
    finally:
        watch.end()
    return seen


async def _search_visit(page, watch: _Watch, site: str, query: str) -> PageSeen:
    """검색 페이지의 검색 칸에 query를 넣고 Enter: 결과 목록의 링크들."""
    seen = watch.begin()
    try:
        await page.goto(f"{site}/search.html", wait_until="load")
        box = page.locator("input[name='q']:visible").first
        await box.fill(query)
        await box.press("Enter")
        await page.wait_for_url(re.compile(r"search\.html\?q="), timeout=TIMEOUT_MS)
        await page.wait_for_selector("#search-results p.search-summary", timeout=TIMEOUT_MS)
        seen.search_results = await page.eval_on_selector_all(
            "#search-results ul.search li > a", "els => els.map(e => e.href)")
        seen.url = page.url
    except Exception as e:  # noqa: BLE001
        seen.crash = f"{type(e).__name__}: {e}"
    finally:
        watch.end()
    return seen


async def _visit_all(site: str, pages: list[str], query: str) -> dict[str, PageSeen]:
    from playwright.async_api import async_playwright

    # 첫 페이지는 독자처럼 사이트 뿌리(index.html)에서 넘어가 엽니다: 넘김도 한 번의 방문으로 확인됩니다.
    jobs = [(page, functools.partial(_reader_visit, site=site, path="index.html" if i == 0 else f"{page}.html",
                                     arrive=f"{page}.html" if i == 0 else None))
            for i, page in enumerate(pages)]
    jobs.append(("search.html", functools.partial(_search_visit, site=site, query=query)))
    waiting, results = list(jobs), {}

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport=DESKTOP)
        context.set_default_timeout(TIMEOUT_MS)

        async def tab() -> None:
            """탭 하나가 남은 방문을 차례로 가져가 같은 탭에서 엽니다(독자가 링크를 따라가듯)."""
            page, watch = await context.new_page(), _Watch()
            watch.attach(page)
            while waiting:
                name, visit = waiting.pop(0)
                results[name] = await visit(page, watch)
            await page.close()

        await asyncio.gather(*(tab() for _ in range(min(TABS, len(jobs)))))
        await context.close()
        await browser.close()
    return {name: results[name] for name, _ in jobs}


def visit_all(site: str, pages: list[str], query: str) -> dict[str, PageSeen]:
    """pages를 모두(각각 한 번; 첫 페이지는 index.html에서 넘어가서)와 검색 페이지의 query 검색을 동시에 엽니다."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM}이 없습니다: apt-get install chromium (.ci/run 참고)"
    return asyncio.run(_visit_all(site, pages, query))
