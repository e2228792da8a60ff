"""단계별 보기의 놀이터(숫자 바꾸기, 기울기 예측, 학습)를 헤드리스 Chromium에서.

위젯의 자바스크립트(model.js)는 float64로 따로 계산합니다. 그 숫자를 패키지의 numpy ``forward``, ``backward``,
``sgd_step``, ``train``과, 그 글을 파이썬의 ``backprop_stepper``가 같은 숫자로 적는 글과 맞춰 봅니다.
위젯은 파이썬이 지금 만든 HTML 하나를 바깥 요청이 모두 막힌 빈 탭에 넣어 엽니다(Colab의 출력 칸처럼).
"""

import re

import numpy as np
import pytest

from backprop_lesson import example
from backprop_lesson._format import fmt
from backprop_lesson.network import Params, backward, forward, loss, sgd_step
from backprop_lesson.stepper import backprop_stepper
from backprop_lesson.training import train

EX = example()
NAMES = ["x[0]", "x[1]", "x[2]", "정답 y"] + [f"W1[{i},{j}]" for i in range(3) for j in range(2)] + [
    "b1[0]", "b1[1]", "W2[0,0]", "W2[1,0]", "b2", "학습률 η"]
RELATIVE = 1e-12  # 이슈의 기준. 이 컴퓨터에서 잰 가장 큰 차이는 1.1e-14
# 학습의 손실은 1e-20까지 작아져, ŷ − y의 마지막 자리 차이(numpy의 행렬곱은 곱과 합을 한 번에 반올림하기도 함)가
# 상대 오차로는 커집니다(η = 0.1, 에폭 20: 상대 7e-7, 절대 5e-18). 그래서 손실만 절대 오차 1e-14도 받습니다.
LOSSES: dict = {"rel": RELATIVE, "abs": 1e-14}


def numbers(x, y, p, lr):
    """숫자 칸의 이름 → 값."""
    vals = [*x[0], y[0, 0], *p.W1.ravel(), *p.b1[0], *p.W2[:, 0], p.b2[0, 0], lr]
    return dict(zip(NAMES, (float(v) for v in vals)))


def package_values(x, y, p, lr):
    """패키지의 numpy 함수로 계산한 값(위젯의 root.bp.values와 같은 이름)."""
    cache = forward(x, *p)
    g = backward(y, cache, p.W2)
    new = sgd_step(p, g, lr)
    v = {"z2": cache.z2[0, 0], "y_pred": cache.y_pred[0, 0], "L": loss(cache.y_pred, y),
         "dy_pred": (cache.y_pred - y)[0, 0], "dz2": g.db2[0, 0], "db2": g.db2[0, 0], "new_b2": new.b2[0, 0],
         "L_after": loss(forward(x, *new).y_pred, y)}
    for j in range(2):
        v |= {f"z1_{j}": cache.z1[0, j], f"a1_{j}": cache.a1[0, j], f"da1_{j}": g.db2[0, 0] * p.W2[j, 0],
              f"dz1_{j}": g.db1[0, j], f"db1_{j}": g.db1[0, j], f"dW2_{j}": g.dW2[j, 0],
              f"new_b1_{j}": new.b1[0, j], f"new_W2_{j}": new.W2[j, 0]}
        for i in range(3):
            v |= {f"dW1_{i}_{j}": g.dW1[i, j], f"new_W1_{i}_{j}": new.W1[i, j]}
    return {k: float(val) for k, val in v.items()}


def parameter_sets():
    """50개: 무작위 40개(그 가운데 34개는 ReLU가 하나 이상 꺼짐), z1[0]이 정확히 0인 것 5개, z2가 정확히 0인 것 5개.
    정확한 0은 8분의 1의 배수로 만듭니다(곱과 합이 반올림 없이 정확)."""
    rng = np.random.default_rng(2026)

    def eighths(*shape: int) -> np.ndarray:
        return np.asarray(rng.integers(-16, 17, shape) / 8.0, dtype=np.float64)

    out = []
    for n in range(50):
        if n < 40:
            x, y = rng.uniform(-2, 2, (1, 3)), rng.uniform(-1, 2, (1, 1))
            p = Params(*(rng.uniform(-2, 2, s) for s in [(3, 2), (1, 2), (2, 1), (1, 1)]))
        else:
            x, y = eighths(1, 3), eighths(1, 1)
            W1, W2 = eighths(3, 2), eighths(2, 1)
            b1 = eighths(1, 2)
            if n < 45:
                b1[0, 0] = -(x @ W1)[0, 0]
            a1 = np.maximum(x @ W1 + b1, 0)
            b2 = -(a1 @ W2) if n >= 45 else eighths(1, 1)
            p = Params(W1, b1, W2, b2)
        out.append((x, y, p, float(rng.uniform(0.01, 0.5))))
    return out


SET_FIELDS = """([values, root]) => {
    const w = document.querySelectorAll('.bp-stepper')[root || 0];
    for (const label of w.querySelectorAll('.bp-field label')) {
        const name = label.querySelector('.bp-name').textContent;
        if (!(name in values)) continue;
        const input = label.querySelector('input');
        input.value = values[name];
        input.dispatchEvent(new Event('input', {bubbles: true}));
    }
}"""
READ = """() => { const w = document.querySelector('.bp-stepper'); return {
    values: w.bp.values,
    steps: w.bp.steps.map(s => ({focus: s.focus, set: s.set})),
    items: [...w.querySelectorAll('.bp-all li')].map(li => li.textContent),
    error: w.querySelector('.bp-error').textContent,
}; }"""


@pytest.fixture(scope="module")
def tab(offline_tab):
    """바깥 요청이 모두 막힌 탭 하나(conftest.py). 콘솔 오류와 막힌 요청은 tab[1]에 모입니다."""
    return offline_tab


def box(w, name):
    """보이는 이름이 name인 글자 칸. 화면 읽기 프로그램이 읽는 이름은 앞에 무엇인지가 붙습니다('가중치 W2[0,0]')."""
    return w.get_by_role("textbox", name=name)


def open_widget(tab):
    """책의 예제로 만든 위젯 하나를 빈 탭에."""
    page, problems = tab
    problems.clear()
    html = backprop_stepper(EX.x, EX.y, EX.params, lr=0.1)._repr_html_()
    page.set_content(f"<!doctype html><html lang='ko'><body>{html}</body></html>")
    return page, page.locator(".bp-stepper")


def shown_text(st):
    return "".join((st.title, *st.formula, st.caption))


def test_fifty_parameter_sets_give_the_packages_numbers_and_the_same_text(tab):
    """숫자 칸에 50가지 값을 넣으면 모든 순전파 값, 기울기, 갱신이 패키지의 numpy 계산과 같고(상대 오차 1e-12),
    단계마다의 글(제목, 식, 설명), 강조하는 노드, 그림에 적는 글자가 파이썬이 같은 숫자로 만든 것과 같습니다."""
    page, w = open_widget(tab)
    zeros = dead = 0
    for n, (x, y, p, lr) in enumerate(parameter_sets()):
        page.evaluate(SET_FIELDS, [{k: repr(v) for k, v in numbers(x, y, p, lr).items()}, 0])
        seen = page.evaluate(READ)
        assert not seen["error"], (n, seen["error"])
        expected = package_values(x, y, p, lr)
        assert sorted(seen["values"]) == sorted(expected)
        for key, value in expected.items():
            assert seen["values"][key] == pytest.approx(value, rel=RELATIVE, abs=0), (n, key)
        python = backprop_stepper(x, y, p, lr=lr)
        assert seen["items"] == [shown_text(st) for st in python.steps], n
        assert [s["focus"] for s in seen["steps"]] == [list(st.focus) for st in python.steps], n
        assert [s["set"] for s in seen["steps"]] == [st.set for st in python.steps], n
        zeros += expected["z1_0"] == 0 or expected["z2"] == 0
        dead += min(expected["z1_0"], expected["z1_1"], expected["z2"]) <= 0
    assert zeros >= 10 and dead >= 20  # 경계(z = 0)와 꺼진 유닛이 실제로 들어 있었음
    # '처음 값으로': 스크립트가 다시 쓴 목록이 파이썬이 처음 적어 둔 목록(책의 예제)과 같음
    w.locator(".bp-reset").dispatch_event("click")
    book = backprop_stepper(EX.x, EX.y, EX.params, lr=0.1)
    assert page.evaluate(READ)["items"] == [shown_text(st) for st in book.steps]
    assert not tab[1], tab[1]


def figure(page):
    return page.eval_on_selector(".bp-stepper", """w => ({
        step: w.dataset.step,
        formula: [...w.querySelectorAll('.bp-text .bp-formula > div')].map(d => d.textContent),
        caption: w.querySelector('.bp-text .bp-caption').textContent,
        labels: Object.fromEntries([...w.querySelectorAll('[data-label]')].map(e => [e.dataset.label, e.textContent])),
        dead: [...w.querySelectorAll('.bp-dead')].map(e => e.dataset.edge),
        crosses: [...w.querySelectorAll('.bp-x')].filter(e => getComputedStyle(e).display !== 'none').length,
    })""")


def go_to(page, w, step):
    """키보드로 단계 step(1부터)까지: Home 다음 → 키."""
    w.focus()
    page.keyboard.press("Home")
    for _ in range(step - 1):
        page.keyboard.press("ArrowRight")
    assert figure(page)["step"] == str(step)


def test_typing_a_weight_changes_the_printed_gradient_as_the_package_says(tab):
    page, w = open_widget(tab)
    w.locator(".bp-edit summary").click()
    field = box(w, "W2[0,0]")
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("1.5")
    p = EX.params._replace(W2=np.array([[1.5], [-1.0]]))
    v = package_values(EX.x, EX.y, p, 0.1)
    go_to(page, w, 11)  # 역전파: dW2
    shown = figure(page)
    assert shown["formula"][0] == f"dW2[0,0] = a1[0] · dz2 = {fmt(v['a1_0'])}·({fmt(v['dz2'])}) = {fmt(v['dW2_0'])}"
    assert shown["labels"]["e:W2_0"] == f"d={fmt(v['dW2_0'])}"
    assert fmt(v["dW2_0"]) != fmt(package_values(EX.x, EX.y, EX.params, 0.1)["dW2_0"])  # 정말 바뀐 값

    # ↑ 키는 한 눈금(0.1)
    field.focus()
    page.keyboard.press("ArrowUp")
    assert field.input_value() == "1.6"
    assert page.evaluate("document.querySelector('.bp-stepper').bp.values.dW2_0") == pytest.approx(
        package_values(EX.x, EX.y, p._replace(W2=np.array([[1.6], [-1.0]])), 0.1)["dW2_0"], rel=RELATIVE, abs=0)

    # 숫자가 아니면: 칸의 이름, 바라는 것, 받은 것을 한국어로. 계산은 마지막 바른 값(1.6)으로
    page.keyboard.press("Control+A")
    page.keyboard.type("abc")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator(".bp-error").text_content() == "", "적는 동안에는 말하지 않음"
    page.keyboard.press("Tab")  # 칸을 떠나면
    assert page.locator(".bp-error").text_content() == (
        "W2[0,0]: 숫자여야 하는데 'abc'을(를) 받았습니다. 계산은 마지막으로 바르게 적은 값으로 합니다.")
    assert page.evaluate("document.querySelector('.bp-stepper').bp.values.dW2_0") == pytest.approx(
        package_values(EX.x, EX.y, p._replace(W2=np.array([[1.6], [-1.0]])), 0.1)["dW2_0"], rel=RELATIVE, abs=0)
    lr = box(w, "학습률 η")
    lr.fill("0")
    lr.press("Enter")  # Enter도 칸의 값을 확정합니다(change)
    error = page.locator(".bp-error").text_content()
    assert "학습률 η: 0보다 크고 10 이하인 수여야 하는데 '0'을(를) 받았습니다." in error

    # 처음 값으로: 책의 예제, 오류도 지움
    w.get_by_role("button", name="처음 값으로").click()
    assert field.input_value() == "2.0" and lr.input_value() == "0.1"
    assert page.locator(".bp-error").text_content() == ""
    assert figure(page)["labels"]["e:W2_0"] == "d=−0.24"
    assert not tab[1], tab[1]


def test_a_dead_hidden_unit_is_drawn_blocked_and_passes_no_gradient(tab):
    """b1[1] = −2이면 z1[1] = 1.2 − 2 = −0.8 < 0(2장의 첫 실험): ReLU가 꺼진 것을 계산한 단계부터 그 길이 막혀
    (점선, ✕) 그려지고 그 유닛으로 가는 기울기는 모두 0입니다. 다른 유닛(0)과 출력은 켜진 그대로입니다."""
    page, w = open_widget(tab)
    page.evaluate(SET_FIELDS, [{"b1[1]": "-2"}, 0])
    v = package_values(EX.x, EX.y, EX.params._replace(b1=np.array([[0.1, -2.0]])), 0.1)
    assert v["z1_1"] == pytest.approx(-0.8) and v["z2"] > 0 and v["dz1_0"] != 0
    go_to(page, w, 4)  # z1[1]: 아직 ReLU 전
    assert figure(page)["dead"] == []
    go_to(page, w, 5)  # a1[1] = ReLU(z1[1])
    shown = figure(page)
    assert shown["dead"] == ["r1_1", "W2_1"] and shown["crosses"] == 1
    assert "0으로 막습니다" in shown["caption"]
    go_to(page, w, 18)  # dz1[1]
    shown = figure(page)
    assert shown["formula"][-1].endswith("·0 = 0.0") and "꺼진 유닛" in shown["caption"]
    assert shown["labels"]["g:z1_1"] == "dz1[1] = 0.0"
    assert shown["labels"]["g:z1_0"] == f"dz1[0] = {fmt(v['dz1_0'])}"
    go_to(page, w, 19)
    assert [figure(page)["labels"][f"e:W1_{i}_1"] for i in range(3)] == ["d=0.0"] * 3
    assert figure(page)["labels"]["e:W2_1"] == "d=0.0"


def test_predict_mode_checks_answers_shows_the_worked_formula_and_scores(tab):
    page, w = open_widget(tab)
    w.get_by_role("radio", name="기울기 예측", exact=True).check()
    go_to(page, w, 9)  # 역전파의 첫 단계: dy_pred
    shown = figure(page)
    assert shown["labels"]["g:y_pred"] == "", "답하기 전에는 그림에 값이 없음"
    assert shown["formula"] == ["dy_pred = ŷ − y = ?"]
    answer = box(w, "dy_pred =")
    answer.fill("0.3")  # 부호가 틀림
    w.get_by_role("button", name="확인").click()
    feedback = page.locator(".bp-feedback").text_content()
    assert feedback == "✗ dy_pred: 아닙니다. 적은 값 0.3, 정답 −0.3. 계산: dy_pred = ŷ − y = 0.7 − 1.0 = −0.3"
    assert figure(page)["labels"]["g:y_pred"] == "dy_pred = −0.3", "답한 뒤에는 그림에도"
    assert page.evaluate("document.activeElement.textContent") == "다음"

    page.keyboard.press("Enter")  # 다음: dz2
    assert figure(page)["step"] == "10"
    box(w, "dz2 =").fill("−0.3")  # 그림에서 베낀 빼기 기호도 받음
    page.keyboard.press("Enter")  # 글자 칸에서 Enter = 확인
    assert page.locator(".bp-feedback").text_content() == "✓ 맞았습니다: dz2 = −0.3"
    assert page.locator(".bp-score").text_content() == "지금까지 2개 중 1개 맞음"

    page.keyboard.press("Enter")  # dW2: 값 두 개, 하나는 1% 안에서 맞고 하나는 숫자가 아님
    box(w, "dW2[0,0] =").fill("-0.2402")
    box(w, "dW2[1,0] =").fill("모름")
    w.get_by_role("button", name="확인").click()
    assert page.locator(".bp-feedback").text_content() == "dW2[1,0]: 숫자여야 하는데 '모름'을(를) 받았습니다."
    box(w, "dW2[1,0] =").fill("-0.5")
    w.get_by_role("button", name="확인").click()
    assert page.locator(".bp-feedback p").all_text_contents() == [
        "✓ 맞았습니다: dW2[0,0] = −0.24",
        "✗ dW2[1,0]: 아닙니다. 적은 값 −0.5, 정답 −0.42. 계산: dW2[1,0] = a1[1] · dz2 = 1.4·(−0.3) = −0.42"]
    for _ in range(10):  # 나머지는 답하지 않고 끝까지
        btn = w.get_by_role("button", name="다음")
        btn.click()
    assert figure(page)["step"] == "21"
    assert page.locator(".bp-final").text_content() == "예측 점수: 17개 중 2개 맞음 (답하지 않은 것 13개)"
    assert not tab[1], tab[1]


def test_train_mode_draws_the_packages_losses_and_the_chapter_5_thresholds(tab):
    from backprop_lesson.network_torch import sensitivity

    page, w = open_widget(tab)
    w.get_by_role("radio", name="학습", exact=True).check()
    assert w.get_by_role("button", name="다음").is_hidden()
    s = sensitivity(EX.x, EX.params)
    assert page.locator(".bp-s").text_content() == (
        f"이 가중치에서 s = {fmt(s)}, 1/s = {fmt(1 / s)}, 2/s = {fmt(2 / s)}. 5장의 선형 근사로 보면 "
        "1/s < η = 0.1 < 2/s이므로 걸음마다 정답을 넘어가지만 넘어간 거리가 줄어듭니다. 진동하며 다가갑니다.")
    for lr in (0.1, 0.16):
        box(w, "학습률 η").fill(str(lr))
        if lr == 0.16:  # 처음 가중치의 2/s보다 큼(5장): 학습 전의 경계
            assert "η = 0.16 ≥ 2/s" in page.locator(".bp-s").text_content()
        box(w, "에폭 수").fill("20")
        w.get_by_role("button", name="학습 시작").click()
        page.wait_for_function("document.querySelector('.bp-stepper').dataset.trained === '20'")
        history, _ = train(EX.x, EX.y, EX.params, lr, 20)
        losses = page.evaluate("document.querySelector('.bp-stepper').bp.losses")
        assert losses == pytest.approx([h.loss for h in history], **LOSSES)
        assert page.locator(".bp-train-status").text_content() == (
            f"20 에폭 학습을 마쳤습니다. 손실: 에폭 1의 {fmt(history[0].loss)} → 에폭 20의 {fmt(history[-1].loss)}.")
        points = page.locator(".bp-line").get_attribute("points").split()
        assert len(points) == 20
        assert page.locator(".bp-losses li").all_text_contents()[-1] == f"에폭 20: {fmt(history[-1].loss)}"
    # 학습하는 동안 s는 그 에폭의 가중치에서: 에폭 20에는 s가 작아져(13.25 → 11.5) 0.16이 2/s 안쪽
    s20 = sensitivity(EX.x, train(EX.x, EX.y, EX.params, 0.16, 19)[1])
    assert page.locator(".bp-s").text_content().startswith(f"이 가중치에서 s = {fmt(s20)}, ")

    # 나쁜 에폭 수
    box(w, "에폭 수").fill("2.5")
    w.get_by_role("button", name="학습 시작").click()
    assert page.locator(".bp-train-status").text_content() == (
        "에폭 수: 1 이상 1000 이하의 정수여야 하는데 '2.5'을(를) 받았습니다.")
    assert not tab[1], tab[1]


def test_every_control_is_reachable_by_keyboard_and_labelled_in_korean(tab):
    page, w = open_widget(tab)
    w.locator(".bp-edit summary").click()
    w.get_by_role("radio", name="기울기 예측", exact=True).check()
    go_to(page, w, 9)
    controls = page.eval_on_selector(".bp-stepper", """w => [...w.querySelectorAll('input, button, summary')]
        .filter(e => e.offsetParent !== null).map(e => {
            const label = e.labels && e.labels[0] ? e.labels[0].textContent
                : (e.getAttribute('aria-label') || e.textContent);
            return [e.tagName, e.type || '', label.trim(), e.tabIndex];
        })""")
    assert all(tab_index >= 0 for *_, tab_index in controls), controls
    names = {label for _, kind, label, _ in controls if kind == "text"}
    assert {"입력 x[0]", "정답 y", "가중치 W1[2,1]", "편향 b2", "학습률 η", "예측한 값 dy_pred ="} <= names, names
    assert all(re.search("[가-힣]", label) for *_, label, _ in controls), controls
    # Tab으로 모두 지나감(초점이 가는 차례대로 모은 것이 보이는 조작 모두)
    page.evaluate("document.querySelector('.bp-stepper').focus()")
    reached = set()
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("(() => { const e = document.activeElement; return e.closest('.bp-stepper') ? "
                                  "e.outerHTML.slice(0, 80) : '' })()"))
    visible = set(page.eval_on_selector(".bp-stepper", """w => [...w.querySelectorAll('input, button, summary')]
        .filter(e => e.offsetParent !== null).map(e => e.outerHTML.slice(0, 80))"""))
    # 라디오 묶음은 Tab 한 번에 하나(고른 것)만 들르고, 나머지는 화살표로 고릅니다
    radios = {h for h in visible if 'type="radio"' in h}
    assert visible - radios <= reached, visible - radios - reached
    assert radios & reached


@pytest.mark.parametrize("value", [0.5, 2.0, -1.0, 1000.0, -0.0, 0.1 + 0.2, 1 / 3, -2 / 3, 0.0001, 0.00001234,
                                   1e-5, 5e-324, 123.456, 999.95, 1.0625, 2.0625, 1.1875, 100.25, -100.75,
                                   0.03125, 12.5, 0.30000000000000004])
def test_numbers_are_written_as_the_python_side_writes_them(tab, value):
    """그림의 숫자는 _format.fmt(유효 숫자 4자리, 파이썬 .4g)처럼: 딱 가운데인 수(1.0625 → 1.062)도 짝수 쪽으로."""
    page, w = open_widget(tab)
    page.evaluate(SET_FIELDS, [{"W1[0,0]": repr(value)}, 0])
    assert page.evaluate("document.querySelector('[data-label=\"e:W1_0_0\"]').textContent") == fmt(value)


def test_the_scripts_first_figure_is_the_one_python_wrote(tab):
    """그림의 처음 글자(입력, 가중치, 편향, 정답)는 figure.svg의 자리에 파이썬이 넣고, 스크립트는 model.js의
    baseLabels로 다시 씁니다. 두 곳의 글이 같아야 스크립트가 돌기 전과 뒤의 그림이 같습니다."""
    html = backprop_stepper(EX.x, EX.y, EX.params, lr=0.1)._repr_html_()
    figure = html[html.index('class="bp-fig"'):]
    figure = figure[:figure.index("</svg>")]
    labels = re.findall(r'data-label="([^"]+)"[^>]*>(.*?)</text>', figure)
    python = {key: re.sub(r"<[^>]+>", "", text) for key, text in labels}
    assert len(python) == 28
    page, w = open_widget(tab)
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-label]')]
        .map(e => [e.dataset.label, e.textContent]))""")
    assert shown == python
    assert shown["e:b1_0"] == "b1[0] = 0.1" and shown["y"] == "정답 y = 1.0" and shown["v:z1_0"] == ""
