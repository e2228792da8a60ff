"""책의 모든 페이지를 헤드리스 Chromium으로 엽니다: 독자가 보는 그대로를 검사합니다.

브라우저 하나의 탭 둘이 모든 페이지를 나눠, 페이지마다 한 번만 엽니다(tests/_browser.py). 연 페이지에서
인터넷 없이(127.0.0.1 밖의 요청은 막고 실패로 셈) 콘솔 오류와 실패한 요청이 없는지, 수식이 모두
그려졌는지(빌드할 때 KaTeX가 그린 것에 크기가 있고 TeX가 보이지 않음), 그림이 읽혔고 대체 텍스트가 있는지,
한글이 한글 글꼴로 그려졌는지, axe-core의 심각한 접근성 위반이 없는지(색 대비는 .ci/run의 Lighthouse가 모든
페이지에서), Colab 링크가 그 장의 노트북을 가리키는지, 그리고 360·390 px 전화에서 페이지가 옆으로 밀리지 않고
잘린 수식이나 떠 있는 것에 가려진 단추가 없는지 봅니다.
첫 페이지는 사이트 뿌리(index.html)에서 넘어가 열고, 같은 브라우저에서 검색 칸의 한국어 검색도 한 번 해 봅니다.
사람이 검토할 페이지 사진은 검사가 아니라 tools/screenshots.py가 찍습니다(`.ci/run`이 검사 뒤에 실행).

이전/다음 링크와 목차는 누를 필요가 없어 빌드한 HTML에서 읽습니다(tests/test_navigation.py).
"""

import re

import pytest

from _book import CONFIG, NOTEBOOK_PAGES, PAGES, page_of, page_words, pages_with
from _browser import visit_all

KOREAN_FONT = re.compile(r"Nanum|Noto (Sans|Serif) (CJK|KR)|Source Han|UnDotum|Baekmuk", re.I)
RAW_TEX = ("$$", "\\frac", "\\begin", "\\(", "\\[", "\\hat", "\\mathrm", "\\partial")
# 이 낱말은 조사가 붙은 꼴로만 나오는 페이지가 있어 검사가 실제로 조사를 다룹니다.
QUERY = "기울기"


@pytest.fixture(scope="module")
def seen(site, built_html):
    return visit_all(site, PAGES, QUERY)


@pytest.mark.parametrize("page", PAGES)
def test_page_as_a_reader_sees_it(seen, page):
    v = seen[page]
    assert not v.crash, v.crash

    # 수식: 모든 .math 요소를 KaTeX가 그렸고(읽지 못한 TeX 없음), 펼친 것은 크기가 있고, 보이는 글에 TeX가 없음
    assert v.math and all(drawn for drawn, *_ in v.math), "그려지지 않은 수식이 있습니다"
    assert not [e for *_, e in v.math if e], [e for *_, e in v.math if e]
    assert any(w > 0 and h > 0 for _, w, h, _ in v.math), v.math
    assert not [t for t in RAW_TEX if t in v.visible_text], "보이는 글에 TeX가 남았습니다"

    # 그림: 모두 읽혔고(naturalWidth > 0), 파일 이름이 아닌 대체 텍스트가 있음
    for src, width, alt in v.images:
        assert width > 0, f"그림이 읽히지 않았습니다: {src}"
        assert alt.strip() and not re.search(r"\.(png|svg|jpe?g)$", alt), f"대체 텍스트: {alt!r}"

    # 한글: 첫 문단의 한글을 실제로 그린 글꼴이 한글 글꼴
    assert any(KOREAN_FONT.search(f["familyName"]) and f["glyphCount"] > 0 for f in v.fonts), v.fonts

    # Colab 단추: 노트북인 장은 그 장의 노트북을, 아닌 페이지는 없음
    repo = CONFIG["repository"]["url"].removeprefix("https://github.com/")
    expected = ([f"https://colab.research.google.com/github/{repo}/blob/"
                 f"{CONFIG['repository']['branch']}/{page}.ipynb"] if page in NOTEBOOK_PAGES else [])
    assert v.colab_links == expected

    assert not v.problems, "\n".join(v.problems)

    # 접근성: axe-core의 serious/critical 위반 없음
    assert not v.violations, "\n".join(v.violations)

    # 전화(360, 390 px): 페이지가 옆으로 밀리지 않고(표, 코드 칸, 넓은 수식은 제 상자 안에서 밀려도 됨),
    # 화면 밖으로 잘린 수식이 없고, 떠 있는 것이 단추나 링크를 가리지 않음(book/_static/custom.css)
    for width, phone in v.phone.items():
        assert phone["sideways"] <= 0, f"{width} px에서 옆으로 {phone['sideways']} px 밀립니다"
        assert not phone["cut"], f"{width} px에서 잘린 수식: {phone['cut']}"
        assert not phone["covered"], f"{width} px에서 가려진 단추: {phone['covered']}"


def test_site_root_forwards_to_the_first_page(seen):
    """첫 페이지의 방문은 index.html에서 시작합니다(_browser.py): 넘어간 곳이 첫 페이지여야 합니다."""
    v = seen[PAGES[0]]
    assert not v.crash, v.crash
    assert page_of(v.url) == PAGES[0], v.url


def test_korean_search_box_finds_the_word_with_a_particle_attached(seen, built_html):
    """검색 칸에 맨 낱말을 입력하면, 조사가 붙은 꼴(기울기는, 기울기를 …)만 있는 페이지도 찾습니다.

    검색 색인과 Sphinx의 검색 코드는 tests/test_korean_search.py가 낱말 여럿으로 브라우저 없이 확인합니다.
    여기서는 독자가 쓰는 검색 칸이 그것을 그대로 쓰는지 한 번 봅니다.
    """
    expected, only_particle = pages_with(page_words(built_html), QUERY)
    assert expected and only_particle, f"{QUERY}: 조사가 붙은 꼴로만 나오는 페이지가 없어 검사할 것이 없습니다"
    v = seen["search.html"]
    assert not v.crash, v.crash
    found = {page_of(h) for h in v.search_results}
    assert expected <= found, f"{QUERY}: 못 찾은 페이지 {sorted(expected - found)}, 찾은 것 {sorted(found)}"
    assert not v.problems, v.problems
