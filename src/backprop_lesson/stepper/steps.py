"""단계별 보기의 단계들: 책의 신경망을 노드 하나씩, 순전파 → 역전파 → 갱신 순서로 적은 데이터.

글(제목, 식, 설명)은 이 폴더의 ``narration.toml``에 있고, 여기서는 그 글에 넣을 숫자를 패키지의 계산에서 구합니다.
원소의 번호는 코드처럼 0부터 대괄호로 적습니다: ``x[0]``, ``W1[0,1]``, ``W2[1,0]``(그림의 키도 같은 번호: ``W1_0_1``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from string import Template
from typing import Any

import numpy as np

from .._format import fmt
from ..network import Params, _backward, _forward, _loss, _sgd_step, relu_deriv

MINUS = "\u2212"


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


def _at(name: str, *idx: int) -> str:
    """'W1', 0, 1 → 'W1[0,1]': numpy의 번호(0부터)."""
    return f"{name}[{','.join(str(i) for i in idx)}]"


TEXT = tomllib.loads(files(__package__).joinpath("narration.toml").read_text(encoding="utf-8"))


def _fill(text: str, **ctx: Any) -> str:
    return Template(text).substitute({k: str(v) for k, v in ctx.items()})


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
    (d, h), (W1, b1, W2, b2) = params.W1.shape, params
    x0, z1, a1, z2, yp, yy = x[0], cache.z1[0], cache.a1[0], cache.z2[0, 0], cache.y_pred[0, 0], y[0, 0]
    dz2, dz1 = grads.db2[0, 0], grads.db1[0]  # n = 1이므로 db2 = dz2, db1 = dz1
    dy_pred = yp - yy                         # ∂L/∂ŷ: backward 안의 첫 줄(n = 1)
    relu2, relu1 = relu_deriv(cache.z2)[0, 0], relu_deriv(cache.z1)[0]
    da1 = dz2 * W2[:, 0]                      # 위에서 온 dz2 × 국소 기울기 W2[j,0]
    values: dict[str, float] = {}
    steps: list[Step] = []

    def val(key: str, v: float) -> str:
        values[key] = float(v)
        return fmt(v)

    def step(kind: str, focus: list[str], set_: dict[str, str], case: str = "", lines: tuple[str, ...] = (),
             **ctx: Any) -> None:
        t = TEXT[kind]
        caption = t["caption"][case] if case else t["caption"]
        formula = tuple(_fill(f, **ctx) for f in t.get("formula", ())) + lines
        steps.append(Step(t["phase"], _fill(t["title"], **ctx), formula, _fill(caption, **ctx), tuple(focus), set_))

    on = {True: "on", False: "off"}
    step("start", [f"x{i}" for i in range(d)], {}, xs=", ".join(fmt(v) for v in x0), y=fmt(yy), lr=fmt(lr))
    for j in range(h):  # ---- 순전파
        zj, aj = _at("z1", j), _at("a1", j)
        v = val(f"z1_{j}", z1[j])
        step("z1", [f"z1_{j}"] + [f"W1_{i}_{j}" for i in range(d)] + [f"b1_{j}"], {f"v:z1_{j}": v},
             zj=zj, bj=_at("b1", j), b=_p(b1[0, j]), v=v, j=j,
             terms=" + ".join(f"{_at('x', i)}·{_at('W1', i, j)}" for i in range(d)),
             nums=" + ".join(f"{fmt(x0[i])}·{_p(W1[i, j])}" for i in range(d)))
        v = val(f"a1_{j}", a1[j])
        step("a1", [f"a1_{j}", f"r1_{j}"], {f"v:a1_{j}": v}, on[bool(z1[j] > 0)], aj=aj, zj=zj, z=fmt(z1[j]), v=v)
    v = val("z2", z2)
    step("z2", ["z2"] + [f"W2_{j}" for j in range(h)] + ["b2"], {"v:z2": v}, b=_p(b2[0, 0]), v=v,
         terms=" + ".join(f"{_at('a1', j)}·{_at('W2', j, 0)}" for j in range(h)),
         nums=" + ".join(f"{fmt(a1[j])}·{_p(W2[j, 0])}" for j in range(h)))
    v = val("y_pred", yp)
    step("y_pred", ["y_pred", "r2"], {"v:y_pred": v}, on[bool(z2 > 0)], z=fmt(z2), v=v)
    v = val("L", L)
    step("L", ["L"], {"v:L": v}, yp=fmt(yp), y=_p(yy), v=v)

    v = val("dy_pred", dy_pred)  # ---- 역전파
    sign = "neg" if dy_pred < 0 else "pos" if dy_pred > 0 else "zero"
    step("dy_pred", ["y_pred", "L"], {"g:y_pred": f"dy_pred = {v}"}, sign, yp=fmt(yp), y=_p(yy), v=v)
    v = val("dz2", dz2)
    step("dz2", ["z2", "r2"], {"g:z2": f"dz2 = {v}"}, on[bool(relu2)], dy=_p(dy_pred), r=int(relu2), z=fmt(z2), v=v)
    set_ = {f"e:W2_{j}": f"d={val(f'dW2_{j}', grads.dW2[j, 0])}" for j in range(h)}
    step("dW2", [f"W2_{j}" for j in range(h)] + ["z2"], set_, lines=tuple(
        _fill(TEXT["dW2"]["line"], j=j, a=fmt(a1[j]), dz2=_p(dz2), v=fmt(grads.dW2[j, 0])) for j in range(h)))
    v = val("db2", grads.db2[0, 0])
    step("db2", ["b2", "z2"], {"e:b2": f"db2 = {v}"}, v=v)
    for j in range(h):
        v = val(f"da1_{j}", da1[j])
        step("da1", [f"a1_{j}", f"W2_{j}"], {f"g:a1_{j}": f"{_at('da1', j)} = {v}"}, j=j, dz2=_p(dz2),
             w=_p(W2[j, 0]), v=v)
        v = val(f"dz1_{j}", dz1[j])
        step("dz1", [f"z1_{j}", f"r1_{j}"], {f"g:z1_{j}": f"{_at('dz1', j)} = {v}"}, on[bool(relu1[j])], j=j,
             dz2=_p(dz2), w=_p(W2[j, 0]), r=int(relu1[j]), z=fmt(z1[j]), v=v)
        set_ = {f"e:W1_{i}_{j}": f"d={val(f'dW1_{i}_{j}', grads.dW1[i, j])}" for i in range(d)}
        step("dW1", [f"W1_{i}_{j}" for i in range(d)] + [f"z1_{j}"], set_, j=j, lines=tuple(
            _fill(TEXT["dW1"]["line"], i=i, j=j, x=fmt(x0[i]), dz1=_p(dz1[j]), v=fmt(grads.dW1[i, j]))
            for i in range(d)))
        v = val(f"db1_{j}", grads.db1[0, j])
        step("db1", [f"b1_{j}", f"z1_{j}"], {f"e:b1_{j}": f"{_at('db1', j)} = {v}"}, j=j, v=v)

    # ---- 갱신: (그림의 키, 식의 이름, 그림에 적을 글의 앞부분, 전, 기울기, 후)
    rows = [(f"W1_{i}_{j}", _at("W1", i, j), "", W1[i, j], grads.dW1[i, j], new.W1[i, j])
            for i in range(d) for j in range(h)]
    rows += [(f"b1_{j}", _at("b1", j), _at("b1", j) + " = ", b1[0, j], grads.db1[0, j], new.b1[0, j])
             for j in range(h)]
    rows += [(f"W2_{j}", _at("W2", j, 0), "", W2[j, 0], grads.dW2[j, 0], new.W2[j, 0]) for j in range(h)]
    rows += [("b2", "b2", "b2 = ", b2[0, 0], grads.db2[0, 0], new.b2[0, 0])]
    lines, set_ = [], {}
    for key, name, shown, old, g, nw in rows:
        v = val(f"new_{key}", nw)
        lines.append(_fill(TEXT["update"]["line"], name=name, old=fmt(old), lr=fmt(lr), g=_p(g), v=v))
        set_[f"e:{key}"] = shown + v
    lines.append(_fill(TEXT["update"]["last"], L=fmt(L), v=val("L_after", L_after)))
    trend = "down" if L_after < L else "up" if L_after > L else "same"
    step("update", [k[2:] for k in set_], set_, trend, lines=tuple(lines), lr=fmt(lr))
    return steps, values
