"""tests/_axe.py의 묶음(색 규칙은 모양마다 한 요소)이 axe가 요소마다 잴 때 찾는 위반을 놓치지 않는지.

페이지마다 같은 모양의 글자(구문 강조 토큰처럼) 수백 개 뒤에 문제 하나를 숨겨 둡니다. 먼저 axe를 보통대로
(모든 요소에서) 돌려 그 페이지에 정말 위반이 있는지 확인하고, 묶음으로 돌린 결과도 같은 위반을 찾는지 봅니다.
"""

import pytest

import _axe

# 흰 바탕의 코드 토큰 40개(대비 충분): 묶음이 하나로 줄이는 것
SAME = "".join(f'<span class="n">name{i}</span> ' for i in range(40))
STYLE = """<style>
  body { font: 16px sans-serif; color: #222; background: #fff; }
  pre { background: #f8f8f8; white-space: pre-wrap; } .n { color: #333; } .faint { color: #bbb; }
  .dark { background: #5a5a5a; } .sr { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
  a { color: #0645ad; } a.line { text-decoration: underline; } a.bare { text-decoration: none; }
</style>"""

CASES = {
    # 300개 뒤에 대비가 낮은 토큰 하나
    "low contrast token last": ("color-contrast", f'<pre>{SAME}<span class="faint">faint_name</span></pre>'),
    # 같은 토큰(.n)이 어두운 배경 위에: 글자색은 같아도 배경이 달라 다른 모양
    "same token on a dark block": ("color-contrast",
                                   f'<pre>{SAME}</pre><pre class="dark"><span class="n">dark_name</span></pre>'),
    # 화면 읽기용으로 잘린 흐린 글자가 먼저, 같은 색의 보이는 글자가 뒤에
    "clipped text first": ("color-contrast",
                           f'<pre><span class="faint sr">hidden</span>{SAME}<span class="faint">shown</span></pre>'),
    # 밑줄 있는 링크 여럿 뒤 다른 문단에, 같은 색이지만 밑줄 없이 색으로만 구별되는 링크 하나
    "link told by colour only": ("link-in-text-block", "<p>" + "".join(
        f'글 <a class="line" href="#a{i}">링크</a> 글. ' for i in range(100))
        + '</p><p>글 <a class="bare" href="#z">링크</a> 글.</p>'),
}


@pytest.fixture(scope="module")
def page(browser):
    """빈 페이지 하나에 axe를 한 번 넣어 둡니다(set_content는 창을 그대로 두므로 axe도 남습니다)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>t</title>")
    page.evaluate(_axe.script())
    yield page
    context.close()


def show(page, body):
    page.set_content(f"<!doctype html><html lang='ko'><head><title>t</title>{STYLE}</head>"
                     f"<body><main>{body}</main></body></html>")
    assert page.evaluate("() => !!window.axe")


def full_axe(page, rule):
    """axe를 보통대로: 그 규칙을 모든 요소에서."""
    return page.evaluate("rule => axe.run(document, {runOnly: {type: 'rule', values: [rule]}})"
                         ".then(r => r.violations.map(v => v.id))", rule)


@pytest.mark.parametrize("case", CASES)
def test_grouping_finds_what_axe_finds_element_by_element(page, case):
    rule, body = CASES[case]
    show(page, body)
    assert full_axe(page, rule) == [rule], "검사 페이지에 위반이 없습니다: 이 검사는 아무것도 확인하지 못합니다"
    result = page.evaluate(_axe.RUN, None)
    assert rule in [v["id"] for v in result["violations"]], result
    assert result["reps"] < result["texts"], "묶음이 줄인 것이 없습니다"
    # RUN은 axe의 규칙 설정을 원래대로 돌려놓습니다: 다시 돌린 보통의 axe가 같은 위반을 찾음
    assert full_axe(page, rule) == [rule]


def test_a_clean_page_has_no_violations_and_one_element_per_look(page):
    show(page, f"<h1>제목</h1><pre>{SAME}</pre>")
    result = page.evaluate(_axe.RUN, None)
    assert _axe.serious(result) == []
    # 제목, pre 안의 토큰 40개(한 모양), pre 자신의 공백 아닌 글자는 없음 → 대표는 제목과 토큰 하나
    assert (result["texts"], result["reps"]) == (41, 2), result
