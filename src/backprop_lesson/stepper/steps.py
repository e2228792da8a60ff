"""단계별 보기의 단계들: 책의 신경망을 노드 하나씩, 순전파 → 역전파 → 갱신 순서로 적은 데이터.

글자 안의 ``_{1}``은 아래 첨자입니다(HTML에서는 <sub>, SVG에서는 <tspan>으로 그립니다: ``page``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._format import fmt
from ..network import Params, _backward, _forward, _loss, _sgd_step, relu_deriv

MINUS = "\u2212"
_ORD = ["첫", "두", "세"]


@dataclass(frozen=True)
class Step:
    """한 단계: ``phase``(start/forward/backward/update), 제목, 식의 줄들, 설명,
    강조할 노드와 간선(``focus``), 이 단계에서 그림에 새로 적히는 글자(``set``: 그림 글자의 키 → 글)."""

    phase: str
    title: str
    formula: tuple[str, ...]
    caption: str
    focus: tuple[str, ...]
    set: dict[str, str] = field(default_factory=dict)


def _p(v: float) -> str:
    """곱셈·뺄셈 안에 들어가는 음수는 괄호로: (−0.3)."""
    s = fmt(v)
    return f"({s})" if s.startswith(MINUS) else s


def _sub(name: str, *idx: int) -> str:
    """'z1', 1 → 'z1_{1}': 아래 첨자 표시. 한글 글꼴의 ₁ 같은 글자는 너무 작아서 <sub>와 <tspan>으로 그립니다."""
    return name + "_{" + "".join(str(i) for i in idx) + "}"


def build_steps(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
                lr: float) -> tuple[list[Step], dict[str, float]]:
    """단계들과 그 숫자들. 모든 숫자는 패키지의 ``forward``, ``backward``, ``sgd_step``에서 (책과 같은 계산).

    x (1, d) · y (1, 1) · params = W1 (d, h), b1 (1, h), W2 (h, 1), b2 (1, 1). 입력은 검사하지 않습니다.
    """
    cache = _forward(x, *params)
    L = _loss(cache.y_pred, y)
    grads = _backward(y, cache, params.W2)
    new = _sgd_step(params, grads, lr)
    L_after = _loss(_forward(x, *new).y_pred, y)
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
    steps: list[Step] = []

    def val(key: str, v: float) -> str:
        values[key] = float(v)
        return fmt(v)

    def step(phase: str, title: str, formula: list[str], caption: str, focus: list[str],
             set_: dict[str, str]) -> None:
        steps.append(Step(phase, title, tuple(formula), caption, tuple(focus), set_))

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
    lines: list[str] = []
    set_: dict[str, str] = {}
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
