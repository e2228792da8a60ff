"""책의 모든 페이지를 헤드리스 Chromium으로 엽니다: 독자가 보는 그대로를 검사합니다.

인터넷 없이(127.0.0.1 밖의 요청은 막고 실패로 셈) 콘솔 오류와 실패한 요청이 없는지, 수식이 모두
조판되었는지, 그림이 읽혔고 대체 텍스트가 있는지, 한글이 한글 글꼴로 그려졌는지, axe-core의
심각한 접근성 위반이 없는지, Colab 링크가 그 장의 노트북을 가리키는지 봅니다(한 번 연 페이지에서 모두).
각 페이지의 전체 화면 사진을 `_build/screenshots/`에 남깁니다(검토용).
"""

import re

import pytest

from _book import CONFIG, NOTEBOOK_PAGES, PAGES, ROOT

SHOTS = ROOT / "_build" / "screenshots"
KOREAN_FONT = re.compile(r"Nanum|Noto (Sans|Serif) (CJK|KR)|Source Han|UnDotum|Baekmuk", re.I)
RAW_TEX = ("$$", "\\frac", "\\begin", "\\(", "\\[", "\\hat", "\\mathrm", "\\partial")


def korean_fonts_used(v, selector):
    """Chromium이 selector의 글자를 그리는 데 실제로 쓴 글꼴들(DevTools 프로토콜)."""
    cdp = v.context.new_cdp_session(v.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


@pytest.mark.parametrize("page", PAGES)
def test_page_as_a_reader_sees_it(visit, page):
    from axe_playwright_python.sync_playwright import Axe

    v = visit(f"{page}.html")
    v.wait_for_math()
    p = v.page

    # 수식: 모든 .math 요소에 MathJax의 결과가 있고, 보이는 글에 TeX가 남지 않음
    typeset = p.eval_on_selector_all(".math", "els => els.map(e => !!e.querySelector('mjx-container'))")
    assert typeset and all(typeset), f"조판되지 않은 수식 {typeset.count(False)}개 / {len(typeset)}개"
    visible = p.inner_text("main")
    assert not [t for t in RAW_TEX if t in visible], "보이는 글에 TeX가 남았습니다"

    # 그림: 모두 읽혔고(naturalWidth > 0), 파일 이름이 아닌 대체 텍스트가 있음
    for src, width, alt in p.eval_on_selector_all(
            "img", "els => els.map(e => [e.currentSrc, e.naturalWidth, e.alt])"):
        assert width > 0, f"그림이 읽히지 않았습니다: {src}"
        assert alt.strip() and not re.search(r"\.(png|svg|jpe?g)$", alt), f"대체 텍스트: {alt!r}"

    # 한글: 첫 문단의 한글을 실제로 그린 글꼴이 한글 글꼴
    fonts = korean_fonts_used(v, "main section > p")
    assert any(KOREAN_FONT.search(f["familyName"]) and f["glyphCount"] > 0 for f in fonts), fonts

    # Colab 단추: 노트북인 장은 그 장의 노트북을, 아닌 페이지는 없음
    repo = CONFIG["repository"]["url"].removeprefix("https://github.com/")
    colab = p.eval_on_selector_all("a[href*='colab.research.google.com']", "els => els.map(e => e.href)")
    expected = ([f"https://colab.research.google.com/github/{repo}/blob/"
                 f"{CONFIG['repository']['branch']}/{page}.ipynb"] if page in NOTEBOOK_PAGES else [])
    assert colab == expected

    SHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SHOTS / f"{page.split('/')[-1]}.png"), full_page=True)
    assert not v.problems, "\n".join(v.problems)

    # 접근성: axe-core의 serious/critical 위반 없음 (axe는 스타일시트를 제 방식으로 다시 읽으므로 맨 끝에)
    violations = [f"{x['id']} ({x['impact']}): {x['help']} @ {[n['target'] for n in x['nodes'][:3]]}"
                  for x in Axe().run(p).response["violations"] if x["impact"] in ("serious", "critical")]
    assert not violations, "\n".join(violations)
