"""역전파 단계별 보기를 헤드리스 Chromium에서: 빌드한 2장, 그리고 노트북 출력만 떼어 낸 페이지(Colab·Jupyter처럼).

보이는 숫자는 tests/test_stepper.py가 numpy 식으로 따로 계산한 값과 비교합니다(패키지를 부르지 않음).
쓰는 준비물: conftest.py의 ``visit``(빌드한 책, 콘솔 오류와 바깥 요청을 모음)와 ``browser``.
"""

import json
import re

import pytest

from _book import ROOT
from _browser import AXE, axe_script
from backprop_lesson import example
from test_stepper import expected_values

SHOTS = ROOT / "_build" / "screenshots"
EXPECTED = expected_values(*example(), 0.1)
N = 21


def revealed_at(k):
    """단계 k(1부터)에서 그림에 새로 적히는 글자: {그림 글자의 키: 기대값의 이름}. 책의 순서 그대로."""
    forward = ["z1_0", "a1_0", "z1_1", "a1_1", "z2", "y_pred", "L"]
    if 2 <= k <= 8:
        return {f"v:{forward[k - 2]}": forward[k - 2]}
    backward = [{"g:y_pred": "dy_pred"}, {"g:z2": "dz2"}, {"e:W2_0": "dW2_0", "e:W2_1": "dW2_1"},
                {"e:b2": "db2"}]
    for j in (0, 1):
        backward += [{f"g:a1_{j}": f"da1_{j}"}, {f"g:z1_{j}": f"dz1_{j}"},
                     {f"e:W1_{i}_{j}": f"dW1_{i}_{j}" for i in (0, 1, 2)}, {f"e:b1_{j}": f"db1_{j}"}]
    if 9 <= k <= 20:
        return backward[k - 9]
    if k == N:
        names = [f"W1_{i}_{j}" for i in (0, 1, 2) for j in (0, 1)] + ["b1_0", "b1_1", "W2_0", "W2_1", "b2"]
        return {f"e:{n}": f"new_{n}" for n in names}
    return {}


def last_number(text):
    return float(re.findall(r"−?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)[-1].replace("−", "-"))


def state(page, index=0):
    """index번째 위젯이 지금 보여 주는 것."""
    return page.eval_on_selector_all(".bp-stepper", """(ws, i) => { const w = ws[i]; return {
        step: w.getAttribute('data-step'),
        count: w.querySelector('.bp-count').textContent,
        formula: [...w.querySelectorAll('.bp-text .bp-formula > div')].map(d => d.textContent),
        caption: w.querySelector('.bp-text .bp-caption').textContent,
        labels: Object.fromEntries([...w.querySelectorAll('[data-label]')].map(e => [e.dataset.label, e.textContent])),
        on: [...w.querySelectorAll('.bp-on')].map(e => e.dataset.node || e.dataset.edge),
    }; }""", index)


def check_step(s, k):
    assert s["step"] == str(k) and s["count"] == f"단계 {k} / {N}"
    for key, name in revealed_at(k).items():
        assert last_number(s["labels"][key]) == pytest.approx(EXPECTED[name], rel=5e-4, abs=1e-9), (k, key)
        if key[:2] in ("v:", "g:"):  # 값이나 기울기가 적히는 노드가 강조됨
            assert key[2:] in s["on"], (k, key, s["on"])
    if 2 <= k <= 20:  # 식의 마지막 '= 값'도 같은 숫자
        name = list(revealed_at(k).values())[-1]
        assert last_number(s["formula"][-1]) == pytest.approx(EXPECTED[name], rel=5e-4, abs=1e-9), k
    if k == N:
        assert last_number(s["formula"][-1]) == pytest.approx(EXPECTED["L_after"], rel=5e-4)


def dark(page):
    """테마를 어두운 화면으로 바꾸고, 배경색의 전환(transition)이 끝나 어두워질 때까지 기다립니다."""
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function("""() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
        return r + g + b < 150;
    }""")


# axe의 색 규칙은 돌 때마다 페이지의 모든 요소로 격자를 만듭니다(2장은 요소가 1만 2천여 개이고 대부분 KaTeX입니다.
# 한 번에 1.8 s쯤). 위젯의 색 대비는 위젯과 그 조상, 스타일시트로 정해지고 글의 다른 부분과 겹치지 않으므로, 검사하기
# 전에 글에서 위젯을 담지 않은 부분을 뺍니다. 그러면 한 번에 0.2 s쯤입니다.
WIDGET_ALONE = """w => { for (let e = w; !e.matches('.bd-article, body'); e = e.parentElement)
    for (const s of [...e.parentElement.children])
        if (s !== e && !s.matches('style, link, script, template')) s.remove(); }"""


def serious_axe(page, within):
    """within 안의 axe serious/critical 위반(색 대비 규칙까지 모두, 요소마다). 글의 나머지를 지운 뒤에 검사합니다:
    되돌리지 않으므로 그 페이지에서는 위젯만 더 씁니다(놀이터 검사는 그 뒤에도 위젯의 모드만 바꿔 찍습니다)."""
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(axe_script())
    page.eval_on_selector(within, WIDGET_ALONE)
    return page.evaluate(AXE, [within, True])


def test_stepper_in_the_built_chapter(visit):
    v = visit("book/02_backprop_manual.html")
    p = v.page
    w = p.locator(".bp-stepper")
    assert w.count() == 1 and w.get_attribute("data-ready") == "1", "스크립트가 돌지 않았습니다"
    assert not p.eval_on_selector(".bp-all", "d => d.open"), "스크립트가 돌면 글 목록은 접힘"
    assert w.get_by_role("button").all_inner_texts() == ["처음으로", "이전", "다음"]
    w.scroll_into_view_if_needed()
    nxt, prev, first = (w.get_by_role("button", name=n) for n in ("다음", "이전", "처음으로"))

    # 모든 단계를 '다음'으로
    check_step(state(p), 1)
    assert state(p)["labels"]["v:z1_0"] == "" and nxt.get_attribute("aria-disabled") == "false"
    for k in range(2, N + 1):
        nxt.click()
        s = state(p)
        check_step(s, k)
        if k == 14:  # 역전파 한가운데: dz1[0]
            assert "dz1[0] = da1[0] · ReLU′(z1[0])" in s["formula"][0] and "위에서 온 기울기" in s["caption"]
            SHOTS.mkdir(parents=True, exist_ok=True)
            w.screenshot(path=str(SHOTS / "stepper_backward.png"))
            dark(p)
            w.screenshot(path=str(SHOTS / "stepper_backward_dark.png"))
            p.evaluate("document.documentElement.dataset.theme = 'light'")
    assert nxt.get_attribute("aria-disabled") == "true"
    nxt.click(force=True)  # 끝에서 더 가지 않음 (aria-disabled라 playwright는 force가 필요)
    check_step(state(p), N)

    # 이전: 갱신한 값이 기울기로 돌아감, 처음으로: 그림이 처음 글자로
    prev.click()
    s = state(p)
    check_step(s, N - 1)
    assert last_number(s["labels"]["e:W1_0_0"]) == pytest.approx(EXPECTED["dW1_0_0"])
    first.click()
    s = state(p)
    check_step(s, 1)
    assert s["labels"]["e:W1_0_0"] == "1.0" and s["labels"]["g:z1_0"] == "" and s["labels"]["v:L"] == ""
    assert first.get_attribute("aria-disabled") == "true"

    # 키보드: 위젯에 초점이 있으면 → ← Home, 단추에 초점이 있어도
    w.focus()
    p.keyboard.press("ArrowRight")
    p.keyboard.press("ArrowRight")
    check_step(state(p), 3)
    p.keyboard.press("ArrowLeft")
    check_step(state(p), 2)
    nxt.focus()
    p.keyboard.press("ArrowRight")
    check_step(state(p), 3)
    p.keyboard.press("Enter")  # 단추 자체도 키보드로
    check_step(state(p), 4)
    p.keyboard.press("Home")
    check_step(state(p), 1)
    # 초점이 위젯 밖이면 화살표는 페이지의 것
    p.evaluate("document.activeElement.blur()")
    p.keyboard.press("ArrowRight")
    check_step(state(p), 1)

    assert not v.problems, "\n".join(v.problems)

    # 접근성: 밝은 화면과 어두운 화면 모두, 역전파 한가운데에서 (axe는 스타일시트를 제 방식으로 다시
    # 읽어 요청을 남기므로 맨 끝에)
    w.focus()
    for _ in range(13):  # 단추 누르기는 위에서 모든 단계를 확인했으므로 여기서는 키로(빠름)
        p.keyboard.press("ArrowRight")
    check_step(state(p), 14)
    violations = serious_axe(p, ".bp-stepper")
    dark(p)
    violations += [f"어두운 화면: {x}" for x in serious_axe(p, ".bp-stepper")]
    assert not violations, "\n".join(violations)


def stored_output():
    nb = json.loads((ROOT / "book" / "02_backprop_manual.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "backprop_stepper(" in "".join(c["source"]) and c["cell_type"] == "code")
    return "".join(cell["outputs"][0]["data"]["text/html"])


@pytest.mark.parametrize("how", ["iframe", "jupyterlab", "eval"])
def test_stored_output_alone_works_offline_twice_on_a_page(offline_tab, how):
    """노트북에 저장된 출력만으로, 인터넷 없이, 두 개를 한 페이지에.

    iframe: Colab처럼 출력 칸 하나가 문서 하나. jupyterlab: innerHTML로 넣은 뒤 script를 새로 만들어
    바꿔 끼움(JupyterLab의 방식, currentScript가 있음). eval: 스크립트 글을 eval(옛 노트북의 jQuery 방식,
    currentScript가 없음).
    """
    out = stored_output()
    page, problems = offline_tab  # 세 방식이 한 탭을 함께 씁니다(conftest.py)
    problems.clear()
    page.goto("about:blank")  # 새 창(전역 변수가 빈 상태)에서: 앞의 방식이 남긴 것이 없게
    page.set_content("<!doctype html><html lang='ko'><body><main></main></body></html>")
    if how == "iframe":
        page.set_content(f"<!doctype html><html lang='ko'><body>{out}{out}</body></html>")
    else:
        page.evaluate("""([html, how]) => {
            const main = document.querySelector('main');
            main.innerHTML = html + html;
            for (const old of main.querySelectorAll('script:not([type])')) {
                if (how === 'eval') { const code = old.textContent; old.remove(); (0, eval)(code); continue; }
                const s = document.createElement('script');
                s.textContent = old.textContent;
                old.replaceWith(s);
            }
        }""", [out, how])
    roots = page.locator(".bp-stepper")
    assert roots.count() == 2
    roots.nth(1).get_by_role("button", name="다음").click()
    roots.nth(1).get_by_role("button", name="다음").click()
    check_step(state(page, 1), 3)
    check_step(state(page), 1)  # 첫 위젯은 그대로
    roots.nth(1).get_by_role("radio", name="기울기 예측").check()
    assert roots.nth(0).get_by_role("radio", name="단계별 보기").is_checked(), "두 위젯의 모드가 섞임"
    assert roots.nth(1).get_by_role("radio", name="기울기 예측").is_checked()
    assert not problems, problems


def test_on_a_phone_the_figure_keeps_readable_text_and_follows_the_step(visit):
    """360 px 화면: 그림 속 글자가 모두 11 CSS px 이상이고(그림을 줄이지 않고 제 크기로 옆으로 밀어 봄),
    페이지는 옆으로 밀리지 않으며, 단계를 넘기면 그 단계의 노드가 그림 상자 안에 보입니다."""
    from _browser import PHONES

    PHONE = {"width": PHONES[0], "height": 800}
    v = visit("book/02_backprop_manual.html")
    p = v.page
    p.set_viewport_size(PHONE)
    w = p.locator(".bp-stepper")
    w.scroll_into_view_if_needed()
    sizes = p.eval_on_selector(".bp-stepper", """w => {
        const svg = w.querySelector('svg'), scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
            .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
    }""")
    small = [(text, round(px, 1)) for text, px in sizes if px < 11]
    assert sizes and not small, small
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "페이지가 옆으로 밀립니다"
    w.focus()
    for _ in range(7):  # 단계 8: 맨 오른쪽의 손실 L
        p.keyboard.press("ArrowRight")
    check_step(state(p), 8)
    inside = p.eval_on_selector(".bp-stepper", """w => {
        const fig = w.querySelector('.bp-fig').getBoundingClientRect();
        const node = w.querySelector('[data-node="L"]').getBoundingClientRect();
        return node.left >= fig.left - 1 && node.right <= fig.right + 1;
    }""")
    assert inside, "지금 단계의 노드(L)가 그림 상자 밖에 있습니다"
    assert not v.problems, "\n".join(v.problems)


def play(p, w, mode):
    """놀이터의 세 모드를 이슈의 장면으로: 꺼진 ReLU(숫자 바꾸기), 틀린 예측, 학습 곡선의 한가운데."""
    box = lambda name: w.get_by_role("textbox", name=name)  # noqa: E731
    w.scroll_into_view_if_needed()
    if mode == "edit":
        w.get_by_role("radio", name="단계별 보기").check()
        w.locator(".bp-edit summary").click()
        box("b1[1]").fill("-2")  # 2장의 첫 실험
        w.focus()
        p.keyboard.press("Home")
        for _ in range(4):  # a1[1]: 꺼진 ReLU
            p.keyboard.press("ArrowRight")
        assert p.locator(".bp-dead").count() == 2
    elif mode == "predict":
        w.get_by_role("button", name="처음 값으로").click()
        w.locator(".bp-edit summary").click()
        w.get_by_role("radio", name="기울기 예측").check()
        w.focus()
        p.keyboard.press("Home")
        for _ in range(13):  # dz1[0]
            p.keyboard.press("ArrowRight")
        box("dz1[0] =").fill("0.6")
        w.get_by_role("button", name="확인").click()
        assert "아닙니다" in p.locator(".bp-feedback").text_content()
    else:
        w.get_by_role("radio", name="학습", exact=True).check()
        box("학습률 η").fill("0.16")
        box("에폭 수").fill("40")
        w.get_by_role("button", name="학습 시작").click()
        p.wait_for_function("document.querySelector('.bp-stepper').bp.losses.length >= 14")
        w.get_by_role("button", name="멈춤").click()


def test_playground_modes_in_the_built_chapter_pass_axe_in_light_and_dark(visit):
    v = visit("book/02_backprop_manual.html")
    p = v.page
    p.set_viewport_size({"width": 1280, "height": 2400})  # 위젯 전체가 창 안에(창보다 크면 머리글이 끼어 찍힘)
    w = p.locator(".bp-stepper")
    violations = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for mode in ("edit", "predict", "train"):
        p.evaluate("document.documentElement.dataset.theme = 'light'")
        play(p, w, mode)
        w.screenshot(path=str(SHOTS / f"playground_{mode}.png"))
        violations += [f"{mode}: {x}" for x in serious_axe(p, ".bp-stepper")]
        dark(p)
        w.screenshot(path=str(SHOTS / f"playground_{mode}_dark.png"))
        violations += [f"{mode}, 어두운 화면: {x}" for x in serious_axe(p, ".bp-stepper")]
    assert not violations, "\n".join(violations)


def test_playground_on_a_touch_phone(browser, site):
    """360 px 터치 화면: 페이지가 옆으로 밀리지 않고, 놀이터의 글자는 11 CSS px 이상(학습 곡선의 글자도),
    − + 단추가 보이며 손가락으로 누를 만큼 큽니다(24 px 이상). 모드마다 화면을 찍어 둡니다."""
    from _browser import PHONES

    # 키 큰 창: 위젯 전체를 한 번에 찍습니다(창보다 큰 요소를 찍으면 Chromium이 터치 화면 흉내를 잠시 풉니다)
    context = browser.new_context(viewport={"width": PHONES[0], "height": 3000}, device_scale_factor=2,
                                  has_touch=True, is_mobile=True)
    try:
        p = context.new_page()
        errors: list[str] = []
        p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.goto(f"{site}/book/02_backprop_manual.html", wait_until="load")
        w = p.locator(".bp-stepper")
        for mode in ("edit", "predict", "train"):
            play(p, w, mode)
            seen = p.eval_on_selector(".bp-stepper", """w => {
                const px = e => parseFloat(getComputedStyle(e).fontSize);
                const texts = [...w.querySelectorAll('p, label, summary, button, input, legend, li, .bp-formula div')]
                    .filter(e => e.offsetParent !== null && e.textContent.trim() + (e.value || '') !== '')
                    .map(e => [e.textContent.trim().slice(0, 30) || e.value, px(e)]);
                const curve = w.querySelector('.bp-curve');
                const scale = curve.getBoundingClientRect().width / curve.viewBox.baseVal.width;
                const curveText = curve.offsetParent === null ? [] : [...curve.querySelectorAll('text')]
                    .map(t => [t.textContent, px(t) * scale]);
                const nudges = [...w.querySelectorAll('.bp-nudge')].filter(e => e.offsetParent !== null)
                    .map(e => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height); });
                return {texts, curveText, nudges, page: document.documentElement.scrollWidth};
            }""")
            small = [(t, round(s, 1)) for t, s in seen["texts"] + seen["curveText"] if s < 11]
            assert not small, (mode, small)
            assert seen["page"] <= PHONES[0], (mode, "페이지가 옆으로 밀립니다", seen["page"])
            assert seen["nudges"] and min(seen["nudges"]) >= 24, (mode, seen["nudges"])
            if mode == "train":
                assert seen["curveText"]
            w.screenshot(path=str(SHOTS / f"playground_{mode}_phone.png"))
        assert not errors, errors
    finally:
        context.close()
