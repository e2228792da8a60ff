"""빌드한 책의 페이지마다 전체 화면 사진을 찍습니다(사람이 눈으로 검토하려고).

    .venv/bin/python tools/screenshots.py                              # 모든 페이지 → _build/screenshots/
    .venv/bin/python tools/screenshots.py book/02_backprop_manual --dark --phone

책은 tools/site_check.py의 서버로 내주고 그 파일의 Chromium으로 1280×900(--phone: 360×800, 터치, DPR 2)
화면에서 엽니다. 사진에 대한 판단(수식, 그림, 글꼴, 전화 너비)은 검사(tests/test_browser_pages.py)가 합니다.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_check import CHROME, CHROMIUM_ARGS, HTML, RENDERED, ROOT, chosen, serve  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="예: book/intro (기본: _toc.yml의 모든 페이지)")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "screenshots")
    parser.add_argument("--dark", action="store_true", help="어두운 화면 (파일 이름 끝에 _dark)")
    parser.add_argument("--phone", action="store_true", help="360 px 전화 화면 (파일 이름 끝에 _phone)")
    args = parser.parse_args()
    pages = chosen(parser, args.pages, HTML)

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "_phone" * args.phone + "_dark" * args.dark
    screen = (dict(viewport={"width": 360, "height": 800}, device_scale_factor=2, is_mobile=True, has_touch=True)
              if args.phone else dict(viewport={"width": 1280, "height": 900}))
    with serve(HTML) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=CHROMIUM_ARGS)
        context = browser.new_context(color_scheme="dark" if args.dark else "light", **screen)
        for name in pages:
            page = context.new_page()
            page.goto(f"{url}/{name}.html", wait_until="load")
            page.evaluate(f"document.documentElement.dataset.theme = '{'dark' if args.dark else 'light'}'")
            page.evaluate(RENDERED)
            # 책의 CSS는 화면에서 먼 문단과 수식을 보일 때까지 그리지 않습니다(custom.css의 content-visibility).
            # 전체 화면 사진은 화면을 넓히지 않고 찍으므로, 끝까지 읽은 독자가 본 모습이 되게 모두 그리게 합니다.
            page.add_style_tag(content="* { content-visibility: visible !important; }")
            shot = args.out / f"{name.split('/')[-1]}{suffix}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(shot)
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
