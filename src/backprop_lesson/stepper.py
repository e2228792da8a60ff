"""역전파 단계별 보기: 책의 신경망을 노드 하나씩, 순전파 → 역전파 → 갱신 순서로 넘겨 봅니다.

``backprop_stepper(x, y, params, lr)``는 부르는 그 순간 패키지의 ``forward``, ``backward``,
``sgd_step``으로 모든 숫자를 계산하고, 그 숫자를 데이터(JSON)로 담은 HTML 하나를 돌려줍니다.
HTML은 SVG 그림, 작은 스타일, 작은 스크립트를 모두 안에 담아 바깥 파일이나 CDN이 필요 없으므로
커널 없는 정적 책, JupyterLab, Colab의 출력 칸에서 똑같이 돌아갑니다.

같은 입력이면 출력은 바이트까지 같습니다(무작위 id나 시각이 없음). 스크립트는 id 대신
자기를 감싼 요소를 찾으므로 한 페이지에 여러 개 있어도 서로 섞이지 않습니다.
스크립트가 돌지 않는 곳(인쇄, 신뢰하지 않은 노트북)에서는 모든 단계를 글로 적은 목록이 펼쳐져 있습니다.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import numpy as np

from ._checks import check_arrays, check_positive
from .data import LR
from .network import Params, backward, forward, loss, relu_deriv, sgd_step

MAX_INPUTS, MAX_HIDDEN = 3, 2  # 그림의 글자가 겹치지 않는 크기까지(책의 신경망)

MINUS = "\u2212"
_ORD = ["첫", "두", "세"]


def fmt(v: float) -> str:
    """숫자 하나를 보여 줄 글자로: 유효 숫자 4자리(:.4g), 정수 값에는 '.0', 빼기는 '−'.

    1.0 → '1.0', -0.30000000000000004 → '−0.3', 0.04500000000000008 → '0.045'.
    """
    s = f"{float(v) + 0.0:.4g}"  # + 0.0: −0.0을 0.0으로
    if s.lstrip("-").isdigit():
        s += ".0"
    return s.replace("-", MINUS)


def _p(v: float) -> str:
    """곱셈·뺄셈 안에 들어가는 음수는 괄호로: (−0.3)."""
    s = fmt(v)
    return f"({s})" if s.startswith(MINUS) else s


def _sub(name: str, *idx: int) -> str:
    """'z1', 1 → 'z1_{1}': 아래 첨자 표시. 한글 글꼴의 ₁ 같은 글자는 너무 작아서 <sub>와 <tspan>으로 그립니다."""
    return name + "_{" + "".join(str(i) for i in idx) + "}"


_SUBSCRIPT = re.compile(r"_\{([^}]*)\}")


def _html(text: str) -> str:
    """'dz1_{1} = −0.6' → 'dz1<sub>1</sub> = −0.6' (스크립트의 put()과 같은 결과)."""
    return _SUBSCRIPT.sub(r"<sub>\1</sub>", html.escape(text))


def _svg_text(text: str) -> str:
    """SVG <text> 안의 아래 첨자: 글자 크기를 줄이고 dy로 내렸다가 되돌립니다(스크립트의 put()과 같은 결과)."""
    out, down = [], False
    for i, part in enumerate(_SUBSCRIPT.split(text)):
        sub = i % 2 == 1
        if not part:
            continue
        attrs = (f' dy="{".3em" if sub else "-.3em"}"' if sub != down else "") + (' font-size="75%"' if sub else "")
        out.append(f"<tspan{attrs}>{html.escape(part)}</tspan>")
        down = sub
    return "".join(out)


class Stepper:
    """단계들과 그 HTML. 노트북 셀의 마지막 줄에 두면 HTML로 보입니다(``_repr_html_``).

    ``steps``: 단계마다 ``phase``(start/forward/backward/update), ``title``, ``formula``(줄들),
    ``caption``, ``focus``(강조할 노드와 간선), ``set``(이 단계에서 바뀌는 그림의 글자).
    ``values``: 보여 주는 모든 숫자의 float 값(검사용).
    """

    def __init__(self, steps: list[dict[str, Any]], values: dict[str, float],
                 base: dict[str, str], svg: str):
        self.steps = steps
        self.values = values
        self._base = base
        self._svg = svg

    def data_json(self) -> str:
        """HTML에 넣는 데이터. 키를 정렬해 늘 같은 바이트입니다."""
        return json.dumps({"base": self._base, "steps": self.steps, "values": self.values},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def _repr_html_(self) -> str:
        return _page(self)

    def __repr__(self) -> str:
        return (f"<역전파 단계별 보기: {len(self.steps)}단계(순전파, 역전파, 갱신). "
                "HTML을 보여 주는 곳(책, Jupyter, Colab)에서 단추로 넘겨 봅니다.>")


def backprop_stepper(x: np.ndarray, y: np.ndarray, params: Any, lr: float = LR) -> Stepper:
    """책의 신경망을 한 노드씩 넘겨 보는 위젯을 만듭니다.

    x (1, d) · y (1, 1) · params = (W1 (d, h), b1 (1, h), W2 (h, 1), b2 (1, 1)) · lr > 0.
    샘플 하나, 출력 하나, d ≤ 3, h ≤ 2인 신경망(책의 신경망 크기까지)만 그립니다.
    """
    if not isinstance(params, tuple) or len(params) != 4:
        raise TypeError(f"params: (W1, b1, W2, b2) 네 배열의 튜플이어야 하는데 "
                        f"{type(params).__name__}을(를) 받았습니다.")
    params = Params(*params)
    dims = check_arrays(x=(x, "1 d"), y=(y, "1 1"), **{
        "params.W1": (params.W1, "d h"), "params.b1": (params.b1, "1 h"),
        "params.W2": (params.W2, "h 1"), "params.b2": (params.b2, "1 1")})
    check_positive("lr", lr)
    d, h = dims["d"], dims["h"]
    if d > MAX_INPUTS or h > MAX_HIDDEN:
        raise ValueError(f"x, params.W1: 그림에 그릴 수 있는 입력은 {MAX_INPUTS}개, 은닉 유닛은 "
                         f"{MAX_HIDDEN}개까지인데 입력 {d}개, 은닉 유닛 {h}개를 받았습니다.")

    # 모든 숫자는 패키지의 함수에서 (책과 같은 계산)
    cache = forward(x, *params)
    L = loss(cache.y_pred, y)
    grads = backward(y, cache, params.W2)
    new = sgd_step(params, grads, lr)
    L_after = loss(forward(x, *new).y_pred, y)
    steps, values = _steps(x, y, params, cache, L, grads, new, float(lr), L_after)
    base, svg = _svg(d, h, x, y, params)
    return Stepper(steps, values, base, svg)


def _steps(x, y, params, cache, L, grads, new, lr, L_after):
    d, h = params.W1.shape
    W1, b1, W2, b2 = params
    x0, z1, a1 = x[0], cache.z1[0], cache.a1[0]
    z2, yp, yy = cache.z2[0, 0], cache.y_pred[0, 0], y[0, 0]
    # n = 1이므로 db2 = dz2, db1 = dz1 (backward는 행의 합으로 돌려줍니다)
    dz2, dz1 = grads.db2[0, 0], grads.db1[0]
    dy_pred = yp - yy                        # ∂L/∂ŷ: backward 안의 첫 줄(n = 1)
    relu2 = relu_deriv(cache.z2)[0, 0]
    relu1 = relu_deriv(cache.z1)[0]
    da1 = dz2 * W2[:, 0]                     # 위에서 온 dz2 × 국소 기울기 W2_j
    values: dict[str, float] = {}
    steps: list[dict[str, Any]] = []

    def val(key, v):
        values[key] = float(v)
        return fmt(v)

    def step(phase, title, formula, caption, focus, set_):
        steps.append({"phase": phase, "title": title, "formula": formula, "caption": caption,
                      "focus": focus, "set": set_})

    xs = ", ".join(fmt(v) for v in x0)
    step("start", "시작: 입력과 가중치만 압니다",
         [f"x = [{xs}],  정답 y = {fmt(yy)},  학습률 η = {fmt(lr)}"],
         "그림에는 입력 x와 간선의 가중치, 편향만 있습니다. 순전파는 왼쪽에서 오른쪽으로 노드 하나씩 값을 "
         "계산하고, 역전파는 손실 L에서 거꾸로 기울기를 계산합니다. '다음'을 누르거나 → 키를 누르세요.",
         [f"x{i + 1}" for i in range(d)], {})

    # ---- 순전파 ----
    for j in range(h):
        zj, aj = _sub("z1", j + 1), _sub("a1", j + 1)
        terms = " + ".join(f"{_sub('x', i + 1)}·W1[{i + 1},{j + 1}]" for i in range(d))
        nums = " + ".join(f"{fmt(x0[i])}·{_p(W1[i, j])}" for i in range(d))
        v = val(f"z1_{j + 1}", z1[j])
        step("forward", f"순전파: {zj}",
             [f"{zj} = {terms} + {_sub('b1', j + 1)}", f"= {nums} + {_p(b1[0, j])} = {v}"],
             f"{_ORD[j]} 번째 은닉 유닛의 가중합입니다. 입력마다 그 간선의 가중치를 곱해 모두 더하고 편향을 더합니다.",
             [f"z1_{j + 1}"] + [f"W1_{i + 1}_{j + 1}" for i in range(d)] + [f"b1_{j + 1}"],
             {f"v:z1_{j + 1}": v})
        v = val(f"a1_{j + 1}", a1[j])
        why = (f"{zj} = {fmt(z1[j])} > 0이므로 ReLU는 값을 그대로 통과시킵니다." if z1[j] > 0 else
               f"{zj} = {fmt(z1[j])} ≤ 0이므로 ReLU가 0으로 막습니다. 이 유닛은 꺼졌습니다.")
        step("forward", f"순전파: {aj}", [f"{aj} = ReLU({zj}) = max(0, {fmt(z1[j])}) = {v}"],
             why, [f"a1_{j + 1}", f"r1_{j + 1}"], {f"v:a1_{j + 1}": v})

    terms = " + ".join(f"{_sub('a1', j + 1)}·{_sub('W2', j + 1)}" for j in range(h))
    nums = " + ".join(f"{fmt(a1[j])}·{_p(W2[j, 0])}" for j in range(h))
    v = val("z2", z2)
    step("forward", "순전파: z2", [f"z2 = {terms} + b2", f"= {nums} + {_p(b2[0, 0])} = {v}"],
         "출력 유닛의 가중합입니다. 은닉 유닛의 값(a1)마다 그 간선의 가중치를 곱해 더하고 편향을 더합니다.",
         ["z2"] + [f"W2_{j + 1}" for j in range(h)] + ["b2"], {"v:z2": v})
    v = val("y_pred", yp)
    step("forward", "순전파: ŷ (y_pred)", [f"ŷ = ReLU(z2) = max(0, {fmt(z2)}) = {v}"],
         "출력에도 ReLU를 씌운 것이 예측 ŷ입니다."
         + (" z2가 0보다 크므로 그대로 통과합니다." if z2 > 0 else " z2가 0 이하이므로 0이 됩니다."),
         ["y_pred", "r2"], {"v:y_pred": v})
    v = val("L", L)
    step("forward", "순전파: 손실 L", [f"L = ½·(ŷ − y)² = ½·({fmt(yp)} − {_p(yy)})² = {v}"],
         "예측과 정답의 차이로 손실을 잽니다. 순전파는 여기까지입니다. 이제 L에서 시작해 거꾸로, "
         "각 노드에서 '위에서 온 기울기(upstream) × 국소 기울기(local gradient)'를 곱해 나갑니다.",
         ["L"], {"v:L": v})

    # ---- 역전파 ----
    v = val("dy_pred", dy_pred)
    step("backward", "역전파: dy_pred = ∂L/∂ŷ", [f"dy_pred = ŷ − y = {fmt(yp)} − {_p(yy)} = {v}"],
         "역전파의 출발점입니다. L = ½(ŷ − y)²을 ŷ로 미분하면 ½·2(ŷ − y) = ŷ − y입니다. "
         + ("음수이므로 ŷ를 키우면 손실이 줄어듭니다." if dy_pred < 0 else
            "양수이므로 ŷ를 줄이면 손실이 줄어듭니다." if dy_pred > 0 else "0이므로 손실은 이미 최소입니다."),
         ["y_pred", "L"], {"g:y_pred": f"dy_pred = {v}"})
    v = val("dz2", dz2)
    step("backward", "역전파: dz2 = ∂L/∂z2",
         [f"dz2 = dy_pred · ReLU′(z2) = {_p(dy_pred)}·{int(relu2)} = {v}"],
         "위에서 온 기울기(upstream) dy_pred에 ReLU의 국소 기울기(local gradient) ReLU′(z2)를 곱합니다. "
         + (f"z2 = {fmt(z2)} > 0이라 ReLU′ = 1, 기울기가 그대로 지나갑니다." if relu2 else
            f"z2 = {fmt(z2)} ≤ 0이라 ReLU′ = 0, 기울기가 여기서 막힙니다."),
         ["z2", "r2"], {"g:z2": f"dz2 = {v}"})
    lines, set_ = [], {}
    for j in range(h):
        v = val(f"dW2_{j + 1}", grads.dW2[j, 0])
        lines.append(f"{_sub('dW2', j + 1)} = {_sub('a1', j + 1)} · dz2 = {fmt(a1[j])}·{_p(dz2)} = {v}")
        set_[f"e:W2_{j + 1}"] = f"d={v}"
    step("backward", "역전파: dW2 = ∂L/∂W2", lines,
         "z2 = a1_{1}·W2_{1} + …에서 W2_{j}의 국소 기울기는 곱해진 상대 a1_{j}입니다(곱셈 노드는 입력을 서로 바꿔 "
         "돌려줍니다). 그래서 dW2_{j} = a1_{j} · dz2입니다.",
         [f"W2_{j + 1}" for j in range(h)] + ["z2"], set_)
    v = val("db2", grads.db2[0, 0])
    step("backward", "역전파: db2 = ∂L/∂b2", [f"db2 = dz2 · 1 = {v}"],
         "덧셈 노드의 국소 기울기는 1입니다. 덧셈은 위에서 온 기울기를 그대로 나눠 줍니다.",
         ["b2", "z2"], {"e:b2": f"db2 = {v}"})
    for j in range(h):
        J = j + 1
        zj, aj = _sub("z1", J), _sub("a1", J)
        v = val(f"da1_{J}", da1[j])
        step("backward", f"역전파: {_sub('da1', J)} = ∂L/∂{aj}",
             [f"{_sub('da1', J)} = dz2 · {_sub('W2', J)} = {_p(dz2)}·{_p(W2[j, 0])} = {v}"],
             f"위에서 온 기울기(upstream) dz2에 국소 기울기(∂z2/∂{aj} = {_sub('W2', J)})를 곱합니다. "
             "순전파 때 곱한 가중치를 거꾸로 올 때도 곱합니다.",
             [f"a1_{J}", f"W2_{J}"], {f"g:a1_{J}": f"{_sub('da1', J)} = {v}"})
        v = val(f"dz1_{J}", dz1[j])
        step("backward", f"역전파: {_sub('dz1', J)} = ∂L/∂{zj}",
             [f"{_sub('dz1', J)} = {_sub('da1', J)} · ReLU′({zj}) = dz2 · {_sub('W2', J)} · ReLU′({zj})",
              f"= {_p(dz2)}·{_p(W2[j, 0])}·{int(relu1[j])} = {v}"],
             "위에서 온 기울기(upstream) " + _sub("da1", J) + "에 ReLU의 국소 기울기(local gradient)를 곱합니다. "
             + (f"{zj} = {fmt(z1[j])} > 0이라 ReLU′ = 1, 그대로 지나갑니다." if relu1[j] else
                f"{zj} = {fmt(z1[j])} ≤ 0이라 ReLU′ = 0: 꺼진 유닛으로는 기울기가 흐르지 않습니다."),
             [f"z1_{J}", f"r1_{J}"], {f"g:z1_{J}": f"{_sub('dz1', J)} = {v}"})
        lines, set_ = [], {}
        for i in range(d):
            v = val(f"dW1_{i + 1}_{J}", grads.dW1[i, j])
            lines.append(f"dW1[{i + 1},{J}] = {_sub('x', i + 1)} · {_sub('dz1', J)} = "
                         f"{fmt(x0[i])}·{_p(dz1[j])} = {v}")
            set_[f"e:W1_{i + 1}_{J}"] = f"d={v}"
        step("backward", f"역전파: dW1[:,{J}] = ∂L/∂W1[:,{J}]", lines,
             f"{zj} = Σ_{{i}} x_{{i}}·W1[i,{J}] + …에서 W1[i,{J}]의 국소 기울기는 곱해진 입력 x_{{i}}입니다. 그래서 "
             f"dW1[i,{J}] = x_{{i}} · {_sub('dz1', J)}입니다. 입력 x_{{i}}가 양수인 칸의 기울기는 {_sub('dz1', J)}의 부호와 같습니다.",
             [f"W1_{i + 1}_{J}" for i in range(d)] + [f"z1_{J}"], set_)
        v = val(f"db1_{J}", grads.db1[0, j])
        step("backward", f"역전파: {_sub('db1', J)} = ∂L/∂{_sub('b1', J)}",
             [f"{_sub('db1', J)} = {_sub('dz1', J)} · 1 = {v}"],
             "덧셈 노드의 국소 기울기는 1이므로 편향의 기울기는 위에서 온 기울기 " + _sub("dz1", J) + " 그대로입니다.",
             [f"b1_{J}", f"z1_{J}"], {f"e:b1_{J}": f"{_sub('db1', J)} = {v}"})

    # ---- 갱신 ----
    lines, set_ = [], {}

    def update(key, label, old, g, nw, text):
        v = val(f"new_{key}", nw)
        lines.append(f"{label}: {fmt(old)} − {fmt(lr)}·{_p(g)} = {v}")
        set_[f"e:{key}"] = text(v)

    for i in range(d):
        for j in range(h):
            update(f"W1_{i + 1}_{j + 1}", f"W1[{i + 1},{j + 1}]", W1[i, j], grads.dW1[i, j],
                   new.W1[i, j], lambda v: v)
    for j in range(h):
        b = _sub("b1", j + 1)
        update(f"b1_{j + 1}", b, b1[0, j], grads.db1[0, j], new.b1[0, j], lambda v, b=b: f"{b} = {v}")
    for j in range(h):
        update(f"W2_{j + 1}", _sub("W2", j + 1), W2[j, 0], grads.dW2[j, 0], new.W2[j, 0], lambda v: v)
    update("b2", "b2", b2[0, 0], grads.db2[0, 0], new.b2[0, 0], lambda v: f"b2 = {v}")
    v = val("L_after", L_after)
    lines.append(f"다시 순전파한 손실 L: {fmt(L)} → {v}")
    step("update", "갱신: 경사 하강 한 걸음", ["θ ← θ − η·dθ  (η = " + fmt(lr) + ")"] + lines,
         "기울기는 손실이 가장 빨리 커지는 방향이므로, 모든 가중치와 편향을 그 반대로 η·dθ만큼 움직입니다. "
         "그림의 간선과 편향에 새 값이 적혔습니다. "
         + ("다시 순전파하면 손실이 줄었습니다." if L_after < L else
            "다시 순전파하면 손실이 오히려 커졌습니다: 한 걸음(학습률)이 너무 컸습니다." if L_after > L else
            "다시 순전파해도 손실이 그대로입니다."),
         [k[2:] for k in set_], set_)
    return steps, values


# ---------------------------------------------------------------- 그림(SVG)

_W, _H = 760, 300
_COL = {"x": 50, "z1": 270, "a1": 370, "z2": 520, "y_pred": 620, "L": 715}
_NW, _NH = 64, 40  # 노드 상자의 너비와 높이


def _rows(n: int, gap: float) -> list[float]:
    return [_H / 2 + (i - (n - 1) / 2) * gap for i in range(n)]


def _svg(d, h, x, y, params) -> tuple[dict[str, str], str]:
    W1, b1, W2, b2 = params
    ys_in = _rows(d, 90 if d <= 3 else 70)
    ys_h = _rows(h, 130 if h <= 2 else 90)
    out: list[str] = []
    base: dict[str, str] = {}  # 그림 글자의 처음 내용(스크립트가 '처음으로'에서 되돌릴 때 씀)
    e = html.escape

    def line(key, x0, y0, x1, y1):
        out.append(f'<line data-edge="{key}" x1="{x0:g}" y1="{y0:g}" x2="{x1:g}" y2="{y1:g}"/>')

    def label(key, cx, cy, text, cls="bp-lab"):
        base[key] = text
        out.append(f'<text class="{cls}" data-label="{key}" x="{cx:g}" y="{cy:g}">{_svg_text(text)}</text>')

    def node(key, cx, cy, name, value=""):
        base[f"v:{key}"] = value
        out.append(f'<g data-node="{key}"><rect x="{cx - _NW / 2:g}" y="{cy - _NH / 2:g}" '
                   f'width="{_NW}" height="{_NH}" rx="8"/>'
                   f'<text class="bp-name" x="{cx:g}" y="{cy - 5:g}">{_svg_text(name)}</text>'
                   f'<text class="bp-val" data-label="v:{key}" x="{cx:g}" y="{cy + 12:g}">{_svg_text(value)}</text></g>')

    def relu_edge(key, x0, x1, cy):
        out.append(f'<g data-edge="{key}"><line x1="{x0:g}" y1="{cy:g}" x2="{x1:g}" y2="{cy:g}"/>'
                   f'<text class="bp-relu" x="{(x0 + x1) / 2:g}" y="{cy - 5:g}">ReLU</text></g>')

    half = _NW / 2
    # 간선 먼저(노드 아래에 깔리도록)
    for i, yi in enumerate(ys_in):
        for j, yj in enumerate(ys_h):
            line(f"W1_{i + 1}_{j + 1}", _COL["x"] + half, yi, _COL["z1"] - half, yj)
    for j, yj in enumerate(ys_h):
        relu_edge(f"r1_{j + 1}", _COL["z1"] + half, _COL["a1"] - half, yj)
        line(f"W2_{j + 1}", _COL["a1"] + half, yj, _COL["z2"] - half, _H / 2)
    relu_edge("r2", _COL["z2"] + half, _COL["y_pred"] - half, _H / 2)
    line("yL", _COL["y_pred"] + half, _H / 2, _COL["L"] - half, _H / 2)
    # 간선의 글자: 첫 층은 간선이 엇갈리므로 시작 가까이(30%), 둘째 층은 가운데
    for i, yi in enumerate(ys_in):
        for j, yj in enumerate(ys_h):
            x0, x1 = _COL["x"] + half, _COL["z1"] - half
            label(f"e:W1_{i + 1}_{j + 1}", x0 + 0.3 * (x1 - x0), yi + 0.3 * (yj - yi) - 3, fmt(W1[i, j]))
    for j, yj in enumerate(ys_h):
        x0, x1 = _COL["a1"] + half, _COL["z2"] - half
        label(f"e:W2_{j + 1}", (x0 + x1) / 2, (yj + _H / 2) / 2 - 3, fmt(W2[j, 0]))
    # 노드와 편향, 기울기 자리(처음엔 비어 있음)
    for i, yi in enumerate(ys_in):
        node(f"x{i + 1}", _COL["x"], yi, _sub("x", i + 1), fmt(x[0, i]))
    for j, yj in enumerate(ys_h):
        J = j + 1
        node(f"z1_{J}", _COL["z1"], yj, _sub("z1", J))
        node(f"a1_{J}", _COL["a1"], yj, _sub("a1", J))
        out.append(f'<g data-edge="b1_{J}">')
        label(f"e:b1_{J}", _COL["z1"], yj - _NH / 2 - 6, f"{_sub('b1', J)} = {fmt(b1[0, j])}", "bp-lab bp-bias")
        out.append("</g>")
        label(f"g:z1_{J}", _COL["z1"], yj + _NH / 2 + 14, "", "bp-grad")
        label(f"g:a1_{J}", _COL["a1"], yj + _NH / 2 + 14, "", "bp-grad")
    mid = _H / 2
    node("z2", _COL["z2"], mid, "z2")
    out.append('<g data-edge="b2">')
    label("e:b2", _COL["z2"], mid - _NH / 2 - 6, f"b2 = {fmt(b2[0, 0])}", "bp-lab bp-bias")
    out.append("</g>")
    label("g:z2", _COL["z2"], mid + _NH / 2 + 14, "", "bp-grad")
    node("y_pred", _COL["y_pred"], mid, "ŷ")
    label("g:y_pred", _COL["y_pred"], mid + _NH / 2 + 14, "", "bp-grad")
    node("L", _COL["L"], mid, "L")
    label("y", _COL["L"], mid + _NH / 2 + 14, f"정답 y = {fmt(y[0, 0])}")
    desc = (f"신경망의 계산 그래프: 입력 {d}개, ReLU 은닉 유닛 {h}개(가중합 z1과 ReLU 값 a1), 출력 z2와 예측 ŷ, "
            "손실 L. 지금 단계의 노드와 간선이 강조되고, 계산한 값과 기울기가 노드와 간선에 적힙니다.")
    return base, (f'<svg class="bp-svg" viewBox="0 20 {_W} {_H - 35}" role="img" aria-label="{e(desc)}">'
                  f"<title>{e(desc)}</title>" + "".join(out) + "</svg>")


# ---------------------------------------------------------------- 페이지 조각

# 색은 currentColor에서 섞어 만들어 밝은·어두운 화면 어디서나 글자색을 따릅니다. 간선 위 글자의 테두리(halo)는
# 배경색이어야 하므로 책(pydata 테마)과 JupyterLab의 배경 변수를 쓰고, 없으면(Colab) 투명입니다.
# pydata 테마는 어두운 화면에서 HTML 출력 칸을 밝은 상자(--pst-color-text-base)로 보여 줍니다.
_CSS = """
.bp-stepper{--bp-accent:color-mix(in srgb,currentColor 45%,#e07000);
 border:1px solid color-mix(in srgb,currentColor 30%,transparent);border-radius:8px;padding:.6em .8em;margin:.5em 0}
.bp-stepper:focus-visible,.bp-stepper button:focus-visible{outline:3px solid var(--bp-accent);outline-offset:2px}
.bp-svg{width:100%;height:auto;max-width:760px;display:block;font-size:12px}
.bp-svg line{stroke:currentColor;stroke-opacity:.35;stroke-width:1.2}
.bp-svg rect{fill:color-mix(in srgb,currentColor 6%,transparent);stroke:currentColor;stroke-width:1.2}
.bp-svg text{fill:currentColor;text-anchor:middle}
.bp-svg .bp-name{font-weight:bold;font-size:12px}
.bp-svg .bp-lab,.bp-svg .bp-relu{font-size:11px;paint-order:stroke;stroke-width:4px;stroke-linejoin:round;
 stroke:var(--pst-color-background,var(--jp-layout-color0,transparent))}
.bp-svg .bp-relu{font-size:9px}
html[data-theme=dark] .cell_output .bp-svg .bp-lab,html[data-theme=dark] .cell_output .bp-svg .bp-relu{stroke:var(--pst-color-text-base)}
.bp-svg .bp-grad,.bp-svg [data-phase=backward]{fill:var(--bp-accent);font-weight:bold;font-size:11px}
.bp-svg [data-phase=update]{font-weight:bold}
.bp-svg .bp-on rect{fill:color-mix(in srgb,var(--bp-accent) 25%,transparent);stroke:var(--bp-accent);stroke-width:3}
.bp-svg line.bp-on,.bp-svg .bp-on line{stroke:var(--bp-accent);stroke-opacity:1;stroke-width:3}
.bp-svg .bp-on .bp-lab{fill:var(--bp-accent);font-weight:bold}
.bp-text{min-height:9em;font-variant-numeric:tabular-nums}
.bp-count{font-weight:bold;margin:.3em 0 0}
.bp-title{font-weight:bold;margin:0}
.bp-formula{margin:.3em 0;padding-left:.8em;border-left:3px solid var(--bp-accent)}
.bp-formula.bp-many{columns:auto 20em}
.bp-caption{margin:.3em 0}
.bp-controls{display:flex;gap:.5em;flex-wrap:wrap;margin:.4em 0}
.bp-stepper button{font:inherit;color:inherit;background:transparent;border:1px solid currentColor;
 border-radius:6px;padding:.25em .9em;cursor:pointer}
.bp-stepper button[aria-disabled=true]{border-style:dashed;cursor:default}
.bp-all li{margin:.2em 0}
"""

# 스크립트: id를 쓰지 않고 자기를 감싼 .bp-stepper를 찾습니다(한 페이지에 여럿이어도 섞이지 않게).
_JS = r"""
(function () {
  var NS = 'http://www.w3.org/2000/svg';
  // 'dz1_{1} = −0.6'의 _{…}를 아래 첨자로 (파이썬의 _html, _svg_text와 같은 결과)
  function put(el, text) {
    var svg = el.namespaceURI === NS, down = false;
    el.textContent = '';
    text.split(/_\{([^}]*)\}/).forEach(function (part, i) {
      var sub = i % 2 === 1, node;
      if (!part) return;
      if (svg) {
        node = document.createElementNS(NS, 'tspan');
        if (sub !== down) node.setAttribute('dy', sub ? '.3em' : '-.3em');
        if (sub) node.setAttribute('font-size', '75%');
        down = sub;
      } else {
        node = sub ? document.createElement('sub') : document.createTextNode('');
      }
      node.textContent = part;
      el.appendChild(node);
    });
  }
  function init(root) {
    if (root.getAttribute('data-ready')) return;
    root.setAttribute('data-ready', '1');
    var data = JSON.parse(root.querySelector('script.bp-data').textContent);
    var steps = data.steps, k = 0, labels = {}, btn = {};
    function all(sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
    function one(sel) { return root.querySelector(sel); }
    all('[data-label]').forEach(function (el) { labels[el.getAttribute('data-label')] = el; });
    [['first', '처음으로'], ['prev', '이전'], ['next', '다음']].forEach(function (b) {
      var el = document.createElement('button');
      el.type = 'button';
      el.textContent = b[1];
      el.setAttribute('data-act', b[0]);
      one('.bp-controls').appendChild(el);
      btn[b[0]] = el;
    });
    function show(i) {
      k = Math.max(0, Math.min(steps.length - 1, i));
      var key, j, st = steps[k], text = {}, phase = {};
      for (key in data.base) text[key] = data.base[key];
      for (j = 0; j <= k; j++) {
        for (key in steps[j].set) { text[key] = steps[j].set[key]; phase[key] = steps[j].phase; }
      }
      for (key in labels) {
        put(labels[key], text[key]);
        if (phase[key]) labels[key].setAttribute('data-phase', phase[key]);
        else labels[key].removeAttribute('data-phase');
      }
      all('[data-node],[data-edge]').forEach(function (el) {
        var id = el.getAttribute('data-node') || el.getAttribute('data-edge');
        el.classList.toggle('bp-on', st.focus.indexOf(id) >= 0);
      });
      one('.bp-count').textContent = '단계 ' + (k + 1) + ' / ' + steps.length;
      put(one('.bp-title'), st.title);
      var f = one('.bp-formula');
      f.textContent = '';
      f.classList.toggle('bp-many', st.formula.length > 4);
      st.formula.forEach(function (line) {
        var div = document.createElement('div');
        put(div, line);
        f.appendChild(div);
      });
      put(one('.bp-caption'), st.caption);
      root.setAttribute('data-step', String(k + 1));
      btn.first.setAttribute('aria-disabled', String(k === 0));
      btn.prev.setAttribute('aria-disabled', String(k === 0));
      btn.next.setAttribute('aria-disabled', String(k === steps.length - 1));
    }
    var go = {
      first: function () { show(0); },
      prev: function () { show(k - 1); },
      next: function () { show(k + 1); }
    };
    Object.keys(go).forEach(function (a) { btn[a].addEventListener('click', go[a]); });
    root.addEventListener('keydown', function (ev) {
      var act = {ArrowRight: 'next', ArrowLeft: 'prev', Home: 'first'}[ev.key];
      if (!act || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      go[act]();
    });
    one('.bp-all').open = false;
    show(0);
  }
  // 자기를 감싼 위젯만(한 페이지에 여럿이어도). currentScript가 없는 곳에서는 아직 안 된 것 모두.
  var me = document.currentScript;
  Array.prototype.forEach.call(me ? [me.parentNode] : document.querySelectorAll('.bp-stepper'), init);
})();
"""


def _step_text(st: dict[str, Any]) -> str:
    lines = "".join(f"<div>{_html(t)}</div>" for t in st["formula"])
    many = " bp-many" if len(st["formula"]) > 4 else ""
    return (f'<p class="bp-title">{_html(st["title"])}</p><div class="bp-formula{many}">{lines}</div>'
            f'<p class="bp-caption">{_html(st["caption"])}</p>')


def _page(s: Stepper) -> str:
    # JSON을 <script> 안에 넣으므로 '<'와 '&'를 \u 꼴로 (</script>가 데이터를 끊지 않게)
    data = s.data_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    first = s.steps[0]
    items = "".join(f"<li>{_step_text(st)}</li>" for st in s.steps)
    n = len(s.steps)
    return (
        '<div class="bp-stepper tex2jax_ignore mathjax_ignore" role="group" tabindex="0" '
        'aria-label="역전파 단계별 보기: 다음·이전 단추나 ←·→ 키로 넘깁니다">'
        f"<style>{_CSS.strip()}</style>"
        + s._svg
        + '<div class="bp-text" aria-live="polite" aria-atomic="true">'
        f'<p class="bp-count">단계 1 / {n}</p>{_step_text(first)}</div>'
        # 단추는 스크립트가 만듭니다: 스크립트가 돌지 않는 곳(신뢰하지 않은 노트북 등)에 눌러도 안 되는 단추가 없도록
        '<div class="bp-controls"></div>'
        f'<details class="bp-all" open><summary>모든 단계를 글로 보기 ({n}단계)</summary><ol>{items}</ol></details>'
        f'<script type="application/json" class="bp-data">{data}</script>'
        f"<script>{_JS.strip()}</script></div>"
    )
