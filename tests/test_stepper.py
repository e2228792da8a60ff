"""역전파 단계별 보기(backprop_stepper): HTML에 담긴 숫자, 결정성, 잘못된 입력.

기대값은 패키지를 부르지 않고 이 파일에서 numpy 식으로 따로 계산합니다.
"""

import dataclasses
import html as html_lib
import re

import numpy as np
import pytest

from backprop_lesson import example
from backprop_lesson.stepper import backprop_stepper

ITEM = re.compile(r'<li data-phase="([a-z]+)">(.*?)</li>', re.S)


def shown(text):
    """HTML 조각 → 화면에 보이는 글자(태그를 떼고 엔티티를 풂)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", text))


def embedded(stepper):
    """단계들(제목, 식, 설명 …)과 숫자들. 목록의 HTML이 단계마다 바로 그 글을 보여 주는지도 확인합니다."""
    steps = [dataclasses.asdict(st) for st in stepper.steps]
    items = ITEM.findall(stepper._repr_html_())
    assert [phase for phase, _ in items] == [st["phase"] for st in steps]
    for (_, item), st in zip(items, steps):
        assert shown(item) == "".join((st["title"], *st["formula"], st["caption"]))
    return {"steps": steps, "values": stepper.values}


def expected_values(x, y, W1, b1, W2, b2, lr):
    """책의 식을 여기서 따로 계산합니다(n = 1, 출력 하나)."""
    z1 = x @ W1 + b1
    a1 = np.maximum(z1, 0)
    z2 = a1 @ W2 + b2
    y_pred = np.maximum(z2, 0)
    L = 0.5 * ((y_pred - y) ** 2).item()
    dy_pred = (y_pred - y).item()
    dz2 = dy_pred * float(z2.item() > 0)
    da1 = dz2 * W2[:, 0]
    dz1 = da1 * (z1[0] > 0)
    dW1 = np.outer(x[0], dz1)
    dW2 = a1[0] * dz2
    new_W1, new_b1 = W1 - lr * dW1, b1[0] - lr * dz1
    new_W2, new_b2 = W2[:, 0] - lr * dW2, b2.item() - lr * dz2
    z1n = np.maximum(x @ new_W1 + new_b1, 0)
    L_after = 0.5 * (np.maximum(z1n @ new_W2 + new_b2, 0).item() - y.item()) ** 2
    v = {"L": L, "dy_pred": dy_pred, "z2": z2.item(), "y_pred": y_pred.item(), "dz2": dz2,
         "db2": dz2, "new_b2": new_b2, "L_after": L_after}
    d, h = W1.shape
    for j in range(h):
        v.update({f"z1_{j}": z1[0, j], f"a1_{j}": a1[0, j], f"da1_{j}": da1[j], f"dz1_{j}": dz1[j],
                  f"db1_{j}": dz1[j], f"dW2_{j}": dW2[j], f"new_b1_{j}": new_b1[j], f"new_W2_{j}": new_W2[j]})
        for i in range(d):
            v[f"dW1_{i}_{j}"] = dW1[i, j]
            v[f"new_W1_{i}_{j}"] = new_W1[i, j]
    return v


def check_values(data, expected):
    assert sorted(data["values"]) == sorted(expected)
    for key, value in expected.items():
        assert data["values"][key] == pytest.approx(value, rel=1e-12, abs=1e-15), key


def test_embedded_numbers_equal_the_books_formulas_computed_independently():
    x, y, W1, b1, W2, b2 = example()
    data = embedded(backprop_stepper(x, y, (W1, b1, W2, b2), lr=0.1))
    expected = expected_values(x, y, W1, b1, W2, b2, 0.1)
    check_values(data, expected)
    # 원본 노트북이 출력한 값(장 2의 저장된 출력)과도
    assert data["values"]["L"] == pytest.approx(0.045)
    assert [data["values"][f"new_W1_{i}_{j}"] for i in (0, 1, 2) for j in (0, 1)] == pytest.approx(
        [1.03, -1.015, 0.048, 1.976, 1.012, 0.494])


def test_a_switched_off_unit_and_a_big_learning_rate():
    """연습 2의 입력(두 번째 은닉 유닛이 꺼짐)과 연습 3의 학습률 0.5."""
    x, y, W1, b1, W2, b2 = example()
    x_off = np.array([[1.0, 0.1, 0.2]])
    data = embedded(backprop_stepper(x_off, y, (W1, b1, W2, b2), lr=0.5))
    check_values(data, expected_values(x_off, y, W1, b1, W2, b2, 0.5))
    assert data["values"]["z1_1"] == pytest.approx(-0.5) and data["values"]["dz1_1"] == 0
    step = next(s for s in data["steps"] if s["title"].startswith("역전파: dz1[1]"))
    assert (step["formula"][-1]).endswith("·0 = 0.0") and "꺼진 유닛" in step["caption"]

    # 출력의 ReLU가 꺼지면(z2 < 0) 그 아래로는 기울기가 모두 0
    p_off = (W1, b1, W2, b2 - 5.0)
    off = embedded(backprop_stepper(x, y, p_off, lr=0.1))
    check_values(off, expected_values(x, y, *p_off, 0.1))
    assert off["values"]["dz2"] == 0 and off["values"]["da1_0"] == 0 and off["values"]["dy_pred"] == -1

    big = embedded(backprop_stepper(x, y, (W1, b1, W2, b2), lr=0.5))
    assert big["values"]["L_after"] == pytest.approx(1.4385217771125027, rel=1e-12)  # 2장 풀이 3
    assert "오히려 커졌습니다" in big["steps"][-1]["caption"]


def test_steps_go_forward_then_backward_then_update_with_the_issue_examples():
    data = embedded(backprop_stepper(*example()[:2], example().params))
    steps = data["steps"]
    assert [s["phase"] for s in steps] == ["start"] + ["forward"] * 7 + ["backward"] * 12 + ["update"]
    assert [s["title"].split(": ")[1] for s in steps[1:8]] == [
        "z1[0]", "a1[0]", "z1[1]", "a1[1]", "z2", "ŷ (y_pred)", "손실 L"]
    assert [s["title"].split(": ")[1].split(" =")[0] for s in steps[8:20]] == [
        "dy_pred", "dz2", "dW2", "db2", "da1[0]", "dz1[0]", "dW1[:,0]", "db1[0]",
        "da1[1]", "dz1[1]", "dW1[:,1]", "db1[1]"]
    text = [line for s in steps for line in s["formula"]]
    # 이슈 10에 적힌 두 예
    assert "= 0.5·1.0 + 0.8·0.0 + 0.2·1.0 + 0.1 = 0.8" in text
    assert "dz1[0] = da1[0] · ReLU′(z1[0]) = dz2 · W2[0,0] · ReLU′(z1[0])" in text
    assert "= (−0.3)·2.0·1 = −0.6" in text
    # 역전파의 설명은 '위에서 온 기울기 × 국소 기울기'라는 말로
    assert all("위에서 온 기울기" in s["caption"] for s in steps[9:20] if s["title"].startswith("역전파: d")
               and not s["title"].startswith("역전파: dW"))
    assert "국소 기울기(local gradient)" in steps[9]["caption"]


def test_every_step_ends_its_formula_with_the_value_it_computes():
    """각 단계의 마지막 줄 '= 값'이 그 단계가 계산한 값(유효 숫자 4자리)과 같습니다."""
    data = embedded(backprop_stepper(*example()[:2], example().params))
    expected = expected_values(*example(), 0.1)
    names = ["z1_0", "a1_0", "z1_1", "a1_1", "z2", "y_pred", "L",
             "dy_pred", "dz2", "dW2_1", "db2", "da1_0", "dz1_0", "dW1_2_0", "db1_0",
             "da1_1", "dz1_1", "dW1_2_1", "db1_1"]
    for step, name in zip(data["steps"][1:20], names):
        shown = step["formula"][-1].rsplit("= ", 1)[1].replace("−", "-")
        assert float(shown) == pytest.approx(expected[name], rel=5e-4), (step["title"], shown)


def test_output_is_byte_identical_across_calls_and_has_no_ids_or_outside_references():
    html = [backprop_stepper(*example()[:2], example().params, lr=0.1)._repr_html_() for _ in range(2)]
    assert html[0] == html[1]
    assert not re.search(r'\sid="', html[0]), "id가 있으면 한 페이지의 두 위젯이 부딪힙니다"
    assert not re.search(r'\s(src|href)=|url\(|@import|<link', html[0]), "바깥 파일을 부르면 안 됩니다"
    found = re.search(r"<script>\(function \(\) \{\n(.*)\n\}\)\(\);</script>", html[0], re.S)
    assert found, "스크립트 하나가 함수 하나로 감싸여 전역 이름을 남기지 않습니다"
    from importlib.resources import files
    sources = [files("backprop_lesson.stepper").joinpath(f).read_text(encoding="utf-8").strip()
               for f in ("model.js", "stepper.js")]
    assert found.group(1) == "\n".join(sources), "스크립트는 패키지의 .js 파일 그대로"
    other = backprop_stepper(np.array([[1.0, 0.1, 0.2]]), *example()[1:2], example().params)._repr_html_()
    assert other != html[0]


def test_text_fallback_lists_every_step_and_svg_has_a_text_alternative():
    s = backprop_stepper(*example()[:2], example().params)
    html = s._repr_html_()
    found = re.search(r'<details class="bp-all" open>(.*?)</details>', html, re.S)
    assert found
    fallback = found.group(1)
    assert fallback.count("<li ") == len(s.steps) == 21
    assert re.search(r'<svg [^>]*role="img" aria-label="[^"]{20,}"', html) and "<title>" in html
    assert 'aria-live="polite"' in html
    outside = re.sub(r"<template .*?</template>", "", html, flags=re.S)  # <template>의 내용은 스크립트가 꺼내 씁니다
    assert not re.search(r"<(button|input)", outside), "단추와 칸은 스크립트가 만듭니다(스크립트 없이 쓸 수 없는 것)"
    assert "21단계" in repr(s)


@pytest.mark.parametrize("call, name, error", [
    (lambda x, y, p: backprop_stepper(x[0], y, p), "x", ValueError),
    (lambda x, y, p: backprop_stepper(np.vstack([x, x]), y, p), "x", ValueError),
    (lambda x, y, p: backprop_stepper(x, [[1.0]], p), "y", TypeError),  # type: ignore[arg-type]  # 일부러 잘못된 입력
    (lambda x, y, p: backprop_stepper(x, y, p[:3]), "params", TypeError),
    (lambda x, y, p: backprop_stepper(x, y, example()), "params", TypeError),
    (lambda x, y, p: backprop_stepper(x, y, p._replace(W1=p.W1 * np.nan)), "params.W1", ValueError),
    (lambda x, y, p: backprop_stepper(x, y, p._replace(W2=np.ones((2, 2)))), "params.W2", ValueError),
    (lambda x, y, p: backprop_stepper(x, y, p, lr=0), "lr", ValueError),
    (lambda x, y, p: backprop_stepper(x, y, p, lr="0.1"), "lr", ValueError),  # type: ignore[arg-type]  # 일부러 잘못된 입력
    (lambda x, y, p: backprop_stepper(np.ones((1, 4)), y, p._replace(W1=np.ones((4, 2)))), "params.W1", ValueError),
    (lambda x, y, p: backprop_stepper(x.astype(np.float32), y, p), "x", TypeError),
])
def test_bad_input_names_the_argument(call, name, error):
    x, y, *_ = example()
    with pytest.raises(error, match=rf"^{re.escape(name)}[:,]"):
        call(x, y, example().params)


INDEXED = re.compile(r"\b(x|W1|W2|b1|z1|a1|da1|dz1|db1|dW1|dW2)\[(\d)(?:,(\d))?\]")


@pytest.mark.parametrize("x", [[[0.5, 0.8, 0.2]], [[1.0, 0.1, 0.2]]])
def test_every_index_in_the_step_through_is_the_index_the_code_uses(x):
    """'W1[0,1]', 'x[2]', 'dz1[1]' …은 numpy의 번호(0부터)입니다. 식의 줄 '이름[번호] = … = 값'의 값과 갱신 줄
    'W1[i,j]: 전 − η·기울기 = 후'의 전·후가 그 배열의 그 원소이고, 그림의 이름 x[i] 아래에는 x[0, i]가 적혀 있습니다.
    행 벡터(모양 (1, n))의 원소는 번호 하나로 적습니다: x[i]는 코드의 x[0, i]."""
    x = np.array(x)
    _, y, W1, b1, W2, b2 = example()
    s = backprop_stepper(x, y, (W1, b1, W2, b2), lr=0.1)
    z1 = x @ W1 + b1
    a1 = np.maximum(z1, 0)
    z2 = a1 @ W2 + b2
    dz2 = (np.maximum(z2, 0) - y) * (z2 > 0)
    da1 = dz2 @ W2.T
    dz1 = da1 * (z1 > 0)
    arrays = {"x": x, "W1": W1, "W2": W2, "b1": b1, "z1": z1, "a1": a1, "da1": da1, "dz1": dz1, "db1": dz1,
              "dW1": x.T @ dz1, "dW2": a1.T @ dz2}
    new = {"W1": W1 - 0.1 * arrays["dW1"], "W2": W2 - 0.1 * arrays["dW2"], "b1": b1 - 0.1 * dz1}

    def element(name, i, j, table):
        a = table[name]
        return a[0, int(i)] if a.shape[0] == 1 and j is None else a[int(i), int(j)]

    def number(text):
        return float(text.replace("−", "-"))

    seen = set()
    for st in s.steps:
        for line in st.formula:
            for m in INDEXED.finditer(line):
                seen.add((m[1], m[2], m[3]))
                assert m[1] in ("x", "W1", "W2", "b1", "z1", "a1") or m[3] is None or m[1] in ("dW1", "dW2")
            head = re.match(r"(\w+)\[(\d)(?:,(\d))?\](:? = .* = |: .* = )(−?[\d.]+)$", line)
            if head and head[4].startswith(":"):  # 갱신 줄
                old = re.match(r"\w+\[[\d,]+\]: (−?[\d.]+) ", line)
                assert old and number(old[1]) == pytest.approx(element(head[1], head[2], head[3], arrays), abs=1e-9)
                assert number(head[5]) == pytest.approx(element(head[1], head[2], head[3], new), abs=5e-4), line
            elif head and head[1] in arrays:
                assert number(head[5]) == pytest.approx(element(head[1], head[2], head[3], arrays), abs=5e-4), line
    assert {(n, i, j) for n, i, j in seen if n == "W1"} == {("W1", str(i), str(j)) for i in range(3) for j in range(2)}
    assert {(n, i) for n, i, _ in seen if n == "x"} == {("x", "0"), ("x", "1"), ("x", "2")}
    svg = s._repr_html_()
    for i in range(3):
        shown_x = re.search(rf'<tspan>x\[{i}\]</tspan></text><text class="bp-val" data-label="v:x{i}"[^>]*>'
                            r'<tspan>([^<]*)<', svg)
        assert shown_x and number(shown_x[1]) == x[0, i]
    assert not re.search(r"[a-zA-Z]\d?_\{|<sub>", svg), "아래 첨자 번호는 쓰지 않습니다"
