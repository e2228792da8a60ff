"""360 px 전화(터치, DPR 2)에서 어느 페이지도 옆으로 밀리지 않습니다.

긴 코드 이름(book/_static/custom.css의 span.pre 규칙)이나 넓은 그림이 본문을 넘치면 페이지 전체가 옆으로
밀려 읽기 어렵습니다. 표, 코드 칸, 수식처럼 제 상자 안에서 밀리는 것은 괜찮습니다(페이지는 그대로).
"""

import pytest

from _book import PAGES


@pytest.fixture(scope="module")
def phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield site, page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_360px_phone(phone, path):
    site, page = phone
    page.goto(f"{site}/{path}.html", wait_until="load")
    # 수식이 다 그려지고 글꼴을 다 받은 뒤의 너비(그 전에는 대신 쓴 글꼴로 잠깐 넓을 수 있음)
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("() => MathJax.startup.promise.then(() => document.fonts.ready).then(() => true)")
    overflow = page.evaluate("""() => {
        const w = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .filter(e => !e.parentElement.closest('main *') || e.parentElement.getBoundingClientRect().right <= w + 1);
        return {by: document.documentElement.scrollWidth - w,
                what: wide.slice(0, 3).map(e => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 60)}`)};
    }""")
    assert overflow["by"] <= 0, f"{path}: 옆으로 {overflow['by']} px 밀립니다: {overflow['what']}"
