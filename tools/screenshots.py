"""빌드한 책의 페이지마다 전체 화면 사진을 찍습니다(사람이 눈으로 검토하려고).

    .venv/bin/jupyter-book build . -W --keep-going
    .venv/bin/python tools/screenshots.py                      # _toc.yml의 모든 페이지 → _build/screenshots/
    .venv/bin/python tools/screenshots.py book/06_batch --dark  # 한 페이지, 어두운 화면

책은 tools/serve.py로 127.0.0.1에서 내주고, Debian의 Chromium(/usr/bin/chromium, CHROME_PATH로 바꿀 수 있음)을
헤드리스로 띄워 독자의 화면(1280×900)처럼 열고, MathJax가 수식을 다 그린 뒤 페이지 전체를 PNG로 찍습니다.
사진에 대한 판단(수식, 그림, 글꼴, 접근성)은 검사(tests/test_browser_pages.py)가 하고, 이 도구는 사진만 남깁니다.
`.ci/run`이 검사 뒤에 실행하므로 CI의 `_build/screenshots/`에는 늘 그 커밋의 사진이 있습니다.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_pages import chosen_pages  # noqa: E402
from page_weight import CHROMIUM_ARGS  # noqa: E402
from serve import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="예: book/intro (기본: _toc.yml의 모든 페이지)")
    parser.add_argument("--html", type=Path, default=HTML, help="빌드한 책 (기본: _build/html)")
    parser.add_argument("--out", type=Path, default=OUT, help="사진을 둘 폴더 (기본: _build/screenshots)")
    parser.add_argument("--dark", action="store_true", help="어두운 화면으로 찍기 (파일 이름 끝에 _dark)")
    args = parser.parse_args(argv)

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).is_file():
        parser.error(f"Chromium not found at {chrome!r} (CHROME_PATH): apt-get install chromium")
    pages = chosen_pages(parser, args.pages, args.html)

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "_dark" if args.dark else ""
    with serve(args.html) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, color_scheme="dark" if args.dark else "light")
        for page_name in pages:
            page = context.new_page()
            page.goto(f"{url}/{page_name}.html", wait_until="load")
            if args.dark:  # 테마는 data-theme로 정합니다(기본은 밝은 화면: _config.yml의 default_mode)
                page.evaluate("document.documentElement.dataset.theme = 'dark'")
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            page.evaluate("() => MathJax.startup.promise.then(() => document.fonts.ready).then(() => true)")
            shot = args.out / f"{page_name.split('/')[-1]}{suffix}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"{shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
