"""헤드리스 Chromium 하나로 책의 페이지들을 동시에 엽니다(비동기 Playwright).

페이지마다 한 번만 엽니다. 연 페이지에서 독자가 보는 것(수식, 그림, 글꼴, Colab 링크, axe 접근성)을
모두 모아 `PageSeen`으로 돌려주고, 판단(assert)은 검사 파일이 합니다. 탭 몇 개(TABS)가 남은 페이지를 차례로
가져가 같은 탭에서 엽니다: 독자가 한 탭에서 장을 넘겨 읽을 때처럼 테마와 KaTeX 파일은 한 번 받은 것을 다시
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
from site_check import CHROME, CHROMIUM_ARGS, RENDERED

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
    math: list[list] = field(default_factory=list)  # .math 요소마다 [KaTeX가 그렸는가, 폭, 높이, 읽지 못한 TeX]
    visible_text: str = ""
    images: list[list] = field(default_factory=list)  # [src, naturalWidth, alt]
    fonts: list[dict] = field(default_factory=list)  # 첫 문단의 글자를 그린 글꼴
    colab_links: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)  # axe의 serious/critical 위반
    search_results: list[str] = field(default_factory=list)
    phone: dict = field(default_factory=dict)  # 전화 너비(px) → PHONE_CHECK의 결과
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
PHONES = (360, 390)  # 흔한 안드로이드와 아이폰의 CSS 너비
PHONE_CHECK = """async () => {
    // 너비를 바꾸면 테마의 옆 막대가 CSS 전환(transition)으로 화면 밖으로 나갑니다: 그 끝을 기다립니다.
    const settled = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))
        .then(() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))));
    await settled();
    const vw = document.documentElement.clientWidth;
    const shown = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const scroller = e => {  // e를 담고 가로로 밀 수 있는 가장 가까운 상자
        for (let a = e.parentElement; a; a = a.parentElement)
            if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return a;
        return null;
    };
    const tex = e => (e.querySelector("annotation") || e).textContent.trim().slice(0, 70);
    const out = {sideways: document.documentElement.scrollWidth - vw, cut: [], covered: []};
    // 수식: 화면 밖으로 나가 잘린 것(밀어서도 볼 수 없는 것). 제 상자 안에서 밀어 보는 넓은 식은 괜찮습니다.
    for (const k of document.querySelectorAll(".math .katex")) {
        if (!shown(k)) continue;
        const r = k.getBoundingClientRect();
        if (r.left >= -0.5 && r.right <= vw + 0.5) continue;  // 화면 안에 다 들어옴
        const box = scroller(k);
        if (!(box && box.getBoundingClientRect().right <= vw + 0.5)) out.cut.push(tex(k));
    }
    // 떠 있는 것(fixed)이 단추나 링크를 가리는지: 맨 끝까지 내린 뒤 조금 올려(테마가 떠 있는 단추를 보이는 때)
    window.scrollTo(0, document.documentElement.scrollHeight);
    await settled();
    window.scrollBy(0, -300);
    await settled();
    // 떠 있는 것(fixed/sticky) 가운데 화면 맨 위에 붙은 머리가 아닌 것은 글 위에 떠서, 스크롤하면 그 밑을
    // 지나가는 모든 단추와 링크를 가립니다(테마의 'Back to top'). 머리 밑으로 지나가는 것은 가려진 것이 아닙니다.
    // KaTeX 안의 요소(수식이 많은 장에서는 페이지 요소의 대부분)는 떠 있지 않습니다(KaTeX의 CSS는 position에
    // relative와 absolute만 쓰고, 다른 스타일시트도 .katex 안을 고정하지 않습니다).
    const floating = [...document.querySelectorAll("body *:not(.katex *)")].filter(e => {
        const p = getComputedStyle(e).position, r = e.getBoundingClientRect();
        return (p === "sticky" || p === "fixed") && shown(e) && r.width > 0 && r.height > 0
            && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < vw;
    });
    const top = Math.max(0, ...floating.filter(e => Math.abs(e.getBoundingClientRect().top) < 1)
        .map(e => e.getBoundingClientRect().bottom));
    for (const e of floating)
        if (e.getBoundingClientRect().top >= top - 1 && !floating.some(f => f !== e && f.contains(e)))
            out.covered.push(`떠 있는 것: #${e.id} .${e.className}`);
    for (const c of document.querySelectorAll(".bd-article-container :is(a[href], button, summary, input)")) {
        const r = c.getBoundingClientRect();
        if (!shown(c) || r.top < top || r.bottom > innerHeight || r.width === 0) continue;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (hit && !c.contains(hit) && !hit.contains(c))
            out.covered.push(`${c.textContent.trim().slice(0, 30)} ← ${hit.id || hit.className}`);
    }
    window.scrollTo(0, 0);
    return out;
}"""
"""전화 너비에서 독자가 보는 것: 옆으로 밀리는 px, 잘린 수식, 가려진 단추."""

SCROLLERS_FOCUSABLE = """() => [...document.querySelectorAll(
    'pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, .pst-scrollable-table-container')]
    .every(e => !(e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight) || e.tabIndex === 0)"""
"""가로(또는 세로)로 밀어야 하는 상자마다 키보드 초점이 있는지(pydata 테마가 tabindex를 다는 상자들)."""

MATH = """els => els.map(e => { const k = e.querySelector('.katex'), r = (k || e).getBoundingClientRect();
    // KaTeX는 읽지 못한 TeX를 빨간 글로 남깁니다: 문법 오류는 .katex-error, 모르는 명령은 #cc0000 글자
    const bad = e.querySelector('.katex-error, [style*="color:#cc0000"]');
    return [!!k, r.width, r.height, bad ? bad.title || bad.textContent : ''] })"""

# axe-core: colour=false이면 색을 재는 두 규칙을 끕니다(요소마다 수 ms, 페이지마다 수 초). 책의 모든 페이지의
# 색 대비는 .ci/run의 Lighthouse(모든 페이지, axe의 색 규칙 포함)가 재고, 2장의 단계별 보기는 색까지 여기서 잽니다.
AXE = """async ([within, colour]) => {
    const off = colour ? {} : {"color-contrast": {enabled: false}, "link-in-text-block": {enabled: false}};
    const result = await axe.run(within ? {include: [document.querySelector(within)]} : document,
                                 {resultTypes: ["violations"], rules: off});
    return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => `${v.id} (${v.impact}): ${v.help} @ ${JSON.stringify(v.nodes.slice(0, 3).map(n => n.target))}`);
}"""


@functools.cache
def axe_script() -> str:
    """axe-core 자체(axe-playwright-python에 든 것)."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


async def _reader_visit(page, watch: _Watch, site: str, path: str, arrive: str | None = None) -> PageSeen:
    """탭 page에서 path를 열고(arrive가 있으면 그 주소로 넘어갈 때까지 기다린 뒤) 독자가 보는 것을 모읍니다."""
    seen = watch.begin()
    try:
        await page.goto(f"{site}/{path}", wait_until="load")
        if arrive:
            await page.wait_for_url(re.compile(re.escape(arrive)), timeout=TIMEOUT_MS)
            await page.wait_for_load_state("load")
        await page.evaluate(RENDERED)
        # 넓은 표나 코드는 가로로 밀 수 있고, 테마가 그 상자에 키보드 초점(tabindex=0)을 줍니다. 테마는 DOM이
        # 바뀐 뒤 300 ms를 기다렸다 하므로(debounce) 그 일이 일어날 때까지 기다립니다(시각이 아니라 상태를).
        await page.wait_for_function(SCROLLERS_FOCUSABLE, timeout=TIMEOUT_MS)
        seen.url = page.url
        seen.math = await page.eval_on_selector_all(".math", MATH)
        seen.visible_text = await page.inner_text("main")
        seen.images = await page.eval_on_selector_all(
            "img", "els => els.map(e => [e.currentSrc, e.naturalWidth, e.alt])")
        seen.fonts = await _fonts_used(page.context, page, "main section > p")
        seen.colab_links = await page.eval_on_selector_all(
            "a[href*='colab.research.google.com']", "els => els.map(e => e.href)")
        # axe는 페이지를 연 그대로(데스크톱 너비, 테마가 밀리는 상자에 키보드 초점을 단 뒤)에서 돌립니다. 너비를
        # 바꾼 뒤에는 테마가 그 초점을 300 ms 뒤에 다시 달므로(debounce) 그 사이의 상태를 재게 됩니다(부하가 클 때
        # scrollable-region-focusable). axe는 스타일시트를 제 방식으로 다시 읽으므로 그동안의 요청은 세지 않습니다.
        problems = list(seen.problems)
        await page.evaluate(axe_script())
        seen.violations = await page.evaluate(AXE, [None, False])
        seen.problems = problems
        # 전화 너비: 같은 탭에서 다시 읽지 않고 배치만 새로 합니다.
        for width in PHONES:
            await page.set_viewport_size({"width": width, "height": 800})
            seen.phone[width] = await page.evaluate(PHONE_CHECK)
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
        browser = await p.chromium.launch(executable_path=CHROME, args=CHROMIUM_ARGS)
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
    assert Path(CHROME).exists(), f"{CHROME}이 없습니다: apt-get install chromium (.ci/run 참고)"
    return asyncio.run(_visit_all(site, pages, query))
