"""헤드리스 Chromium 하나로 책의 페이지들을 동시에 엽니다(비동기 Playwright).

페이지마다 한 번만 엽니다. 연 페이지에서 독자가 보는 것(수식, 그림, 글꼴, Colab 링크, 사진, axe 접근성)을
모두 모아 `PageSeen`으로 돌려주고, 판단(assert)은 검사 파일이 합니다. 페이지들은 한 브라우저 컨텍스트를
함께 써서 테마와 MathJax 파일을 HTTP 캐시에서 다시 읽습니다(독자가 장을 넘겨 읽을 때와 같습니다).

모든 페이지에서 콘솔 오류, 실패한 요청, HTTP 400 이상, 127.0.0.1 밖으로 나가는 요청(막고 문제로 셈)을 모읍니다.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1[:/]|data:|blob:|about:)")
# light=True: 검색 칸만 보는 방문에서는 무거운 MathJax와 그림을 받지 않습니다(빈 응답).
HEAVY = re.compile(r"/_static/mathjax/|/_images/")
# 동시에 여는 페이지 수. CPU 2개에서는 이보다 많이 열어도 빨라지지 않고 서로 기다리기만 합니다.
CONCURRENT = 4
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
    search_results: list[str] = field(default_factory=list)
    crash: str = ""  # 방문 자체가 실패했으면 그 까닭


class _Watch:
    def __init__(self, seen: PageSeen):
        self.seen = seen

    async def attach(self, page, light: bool) -> None:
        problems = self.seen.problems
        page.on("console", lambda m: problems.append(f"콘솔: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"스크립트 오류: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"실패한 요청: {r.url}"))
        page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        await page.route(OUTSIDE, self._outside)
        if light:
            await page.route(HEAVY, lambda route: route.fulfill(status=200, body=""))

    async def _outside(self, route) -> None:
        self.seen.problems.append(f"바깥으로 나가는 요청: {route.request.url}")
        await route.abort()


async def _fonts_used(context, page, selector: str) -> list[dict]:
    """Chromium이 selector의 글자를 그리는 데 실제로 쓴 글꼴들(DevTools 프로토콜)."""
    cdp = await context.new_cdp_session(page)
    await cdp.send("DOM.enable")
    await cdp.send("CSS.enable")
    root = (await cdp.send("DOM.getDocument", {"depth": -1}))["root"]["nodeId"]
    node = (await cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector}))["nodeId"]
    fonts = (await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node}))["fonts"]
    await cdp.detach()
    return fonts


async def _reader_visit(context, site: str, path: str, shot: Path, axe, arrive: str | None = None) -> PageSeen:
    """path를 열고(arrive가 있으면 그 주소로 넘어갈 때까지 기다린 뒤) 독자가 보는 것을 모읍니다."""
    seen = PageSeen()
    page = await context.new_page()
    try:
        await _Watch(seen).attach(page, light=False)
        await page.goto(f"{site}/{path}", wait_until="load")
        if arrive:
            await page.wait_for_url(re.compile(re.escape(arrive)), timeout=TIMEOUT_MS)
            await page.wait_for_load_state("load")
        await page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=TIMEOUT_MS)
        await page.evaluate("() => MathJax.startup.promise")
        seen.url = page.url
        seen.typeset = await page.eval_on_selector_all(
            ".math", "els => els.map(e => !!e.querySelector('mjx-container'))")
        seen.visible_text = await page.inner_text("main")
        seen.images = await page.eval_on_selector_all(
            "img", "els => els.map(e => [e.currentSrc, e.naturalWidth, e.alt])")
        seen.fonts = await _fonts_used(context, page, "main section > p")
        seen.colab_links = await page.eval_on_selector_all(
            "a[href*='colab.research.google.com']", "els => els.map(e => e.href)")
        shot.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(shot), full_page=True)
        # axe는 스타일시트를 제 방식으로 다시 읽으므로 맨 끝에 돌리고, 그 전까지의 문제만 셉니다.
        problems = list(seen.problems)
        result = await axe.run(page)
        seen.violations = [
            f"{x['id']} ({x['impact']}): {x['help']} @ {[n['target'] for n in x['nodes'][:3]]}"
            for x in result.response["violations"] if x["impact"] in ("serious", "critical")]
        seen.problems = problems
    except Exception as e:  # noqa: BLE001 -- 한 페이지가 실패해도 다른 페이지의 결과는 남깁니다
        seen.crash = f"{type(e).__name__}: {e}"
    finally:
        await page.close()
    return seen


async def _light_visit(context, site: str, path: str, act=None) -> PageSeen:
    seen = PageSeen()
    page = await context.new_page()
    try:
        await _Watch(seen).attach(page, light=True)
        await page.goto(f"{site}/{path}", wait_until="load")
        if act is not None:
            await act(page, seen)
        seen.url = page.url
    except Exception as e:  # noqa: BLE001
        seen.crash = f"{type(e).__name__}: {e}"
    finally:
        await page.close()
    return seen


def _search_for(query: str):
    async def act(page, seen: PageSeen) -> None:
        box = page.locator("input[name='q']:visible").first
        await box.fill(query)
        await box.press("Enter")
        await page.wait_for_url(re.compile(r"search\.html\?q="), timeout=TIMEOUT_MS)
        await page.wait_for_selector("#search-results p.search-summary", timeout=TIMEOUT_MS)
        seen.search_results = await page.eval_on_selector_all(
            "#search-results ul.search li > a", "els => els.map(e => e.href)")
    return act


async def _visit_all(site: str, pages: list[str], shots: Path, query: str) -> dict[str, PageSeen]:
    from axe_playwright_python.async_playwright import Axe
    from playwright.async_api import async_playwright

    axe = Axe()
    limit = asyncio.Semaphore(CONCURRENT)

    async def limited(coro):
        async with limit:
            return await coro

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        # 첫 페이지는 독자처럼 사이트 뿌리(index.html)에서 넘어가 엽니다: 넘김도 한 번의 방문으로 확인됩니다.
        jobs = {page: _reader_visit(context, site, "index.html" if i == 0 else f"{page}.html",
                                    shots / f"{page.split('/')[-1]}.png", axe, f"{page}.html" if i == 0 else None)
                for i, page in enumerate(pages)}
        jobs["search.html"] = _light_visit(context, site, "search.html", _search_for(query))
        results = await asyncio.gather(*(limited(job) for job in jobs.values()))
        await context.close()
        await browser.close()
    return dict(zip(jobs, results))


def visit_all(site: str, pages: list[str], shots: Path, query: str) -> dict[str, PageSeen]:
    """pages를 모두(각각 한 번; 첫 페이지는 index.html에서 넘어가서)와 검색 페이지의 query 검색을 동시에 엽니다."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM}이 없습니다: apt-get install chromium (.ci/run 참고)"
    return asyncio.run(_visit_all(site, pages, shots, query))
