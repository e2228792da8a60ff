"""빌드한 책의 페이지 무게.

    python tools/page_weight.py            # _build/html, _toc.yml의 모든 페이지, 표로 출력

두 가지를 잽니다.

* **첫 방문에 실제로 내려받는 양**(``first_visit_weights``): 캐시가 빈 Chromium으로 tools/serve.py가
  (정적 호스트처럼 gzip으로) 내주는 페이지를 열고, 수식 조판이 끝난 뒤 페이지 끝까지 스크롤해
  늦게 읽는 그림까지 받은 다음, 받은 모든 응답(HTML, CSS, JS, 글꼴, 그림 …)의 크기를 더합니다.
  크기는 전송된 그대로(압축된 본문 + 응답 머리)입니다. 목표: 어느 장이든 ≤ 500 KB.
  "첫 화면"은 스크롤하기 전까지의 양입니다.
* **페이지 자신의 무게**(``page_weights``): HTML 파일 + 그 페이지의 그림(압축 전), 테마 공용 파일 제외.
  목표: < 300 KB (tests/test_publishing.py가 확인).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_pages import book_pages  # noqa: E402
from serve import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
LIMIT_KB = 300
FIRST_VISIT_LIMIT_KB = 500
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Playwright의 resource_type → 표의 열
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "글꼴", "image": "그림"}
COLUMNS = ["HTML", "CSS", "JS", "글꼴", "그림", "기타"]


def page_weights(html_dir: Path = HTML) -> dict[str, int]:
    """'book/01_forward' → 바이트 수 (HTML 파일 + 그 페이지가 보여 주는 _images/의 그림, 압축 전)."""
    weights = {}
    for page in sorted((html_dir / "book").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        images = set(re.findall(r'<img[^>]+src="\.\./(_images/[^"]+)"', html))
        weights[f"book/{page.stem}"] = page.stat().st_size + sum(
            (html_dir / img).stat().st_size for img in images)
    return weights


def first_visit_weights(html_dir: Path = HTML, pages: list[str] | None = None
                        ) -> dict[str, dict[str, int]]:
    """'book/01_forward' → {'HTML': 바이트, 'CSS': …, '첫 화면': …, '합계': …} (전송된 크기, gzip).

    페이지마다 새 브라우저 문맥(빈 캐시)에서 엽니다. '합계'는 끝까지 스크롤한 뒤의 전부입니다.
    """
    html_dir = Path(html_dir)
    pages = pages or book_pages()
    missing = [p for p in pages if not (html_dir / f"{p}.html").is_file()]
    if missing:
        raise FileNotFoundError(f"first_visit_weights: pages {missing} are not in {html_dir}; "
                                "build first: jupyter-book build . -W --keep-going")
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"first_visit_weights: Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    result = {}
    with serve(html_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page in pages:
                result[page] = _visit(browser, f"{url}/{page}.html")
        finally:
            browser.close()
    return result


def _visit(browser, address: str) -> dict[str, int]:
    # 휴대폰 크기의 화면: Lighthouse(모바일)와 같은 조건에서 '첫 화면'을 잽니다.
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        page.goto(address, wait_until="load")
        page.wait_for_function("() => !document.querySelector('.math') || (window.MathJax && "
                               "MathJax.startup && MathJax.startup.promise)", timeout=20000)
        page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        page.wait_for_load_state("networkidle")
        first_screen = len(finished)
        # 끝까지 천천히 내려 늦게 읽는(loading=lazy) 그림도 받게 합니다.
        page.evaluate("""async () => {
            for (let y = 0; y <= document.body.scrollHeight; y += innerHeight / 2) {
                scrollTo(0, y); await new Promise(r => setTimeout(r, 50));
            }
        }""")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        weights = dict.fromkeys(COLUMNS, 0)
        screen = 0
        for i, request in enumerate(list(finished)):
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            weights[KINDS.get(request.resource_type, "기타")] += size
            screen += size if i < first_screen else 0
        weights["첫 화면"] = screen
        weights["합계"] = sum(weights[c] for c in COLUMNS)
        return weights
    finally:
        context.close()


def main() -> int:
    pages = book_pages()
    print("첫 방문에 내려받는 양 (gzip으로 전송된 크기, KB; 끝까지 스크롤, 목표 ≤ "
          f"{FIRST_VISIT_LIMIT_KB} KB):")
    print("| 페이지 | " + " | ".join(COLUMNS) + " | 첫 화면 | 합계 |")
    print("|---|" + "---|" * (len(COLUMNS) + 2))
    over = []
    for page, w in first_visit_weights(HTML, pages).items():
        cells = " | ".join(f"{w[c] / 1024:.0f}" for c in COLUMNS)
        print(f"| {page.split('/')[-1]} | {cells} | {w['첫 화면'] / 1024:.0f} | **{w['합계'] / 1024:.0f}** |")
        if w["합계"] > FIRST_VISIT_LIMIT_KB * 1024:
            over.append(page)
    if over:
        print(f"목표를 넘은 페이지: {', '.join(over)}")
    print(f"\n페이지 자신의 무게 (HTML + 그 페이지의 그림, 압축 전, 목표 < {LIMIT_KB} KB):")
    for name, size in page_weights().items():
        print(f"  {name:28} {size / 1024:7.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
