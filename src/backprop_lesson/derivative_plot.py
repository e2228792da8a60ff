"""기울기를 그림으로: 가중치 하나만 움직일 때의 손실 곡선, 그 점의 접선, 경사 하강 한 걸음.

``plot_loss_along_weight(x, y, params, "W2", (0, 0))``은 다른 파라미터는 모두 그대로 두고 ``W2[0, 0]`` 하나만
바꿔 가며 손실 L을 그립니다. 지금 값에서의 접선의 기울기가 역전파가 구한 ``dW2[0, 0]``이고(2장의 −0.24),
그 반대쪽으로 ``lr × 기울기``만큼 옮긴 점(한 걸음)을 곡선 위에 표시합니다. 숫자는 모두 패키지의
``forward``, ``loss``, ``backward``가 계산합니다.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ._checks import SHAPES, check_choice, check_number, check_positive
from ._format import fmt
from .data import LR
from .fonts import use_korean_font
from .network import Params, _backward, _forward, _loss, check_example
from .plot import _is_positive_real, _log_y_axis


def _checked(x: Any, y: Any, params: Any, name: Any, index: Any) -> Params[np.ndarray]:
    params = check_example(x, y, params)
    check_choice("name", name, tuple(SHAPES))
    shape = getattr(params, name).shape
    if not (isinstance(index, tuple) and len(index) == 2 and all(isinstance(i, int) for i in index)
            and all(0 <= i < s for i, s in zip(index, shape))):
        raise ValueError(f"index: {name}의 모양 {shape} 안의 (행, 열) 번호(0부터)여야 하는데 "
                         f"{index!r}을(를) 받았습니다.")
    return params


def _loss_at(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray], name: str, index: tuple[int, int],
             w: float) -> float:
    changed = getattr(params, name).copy()
    changed[index] = w
    return _loss(_forward(x, *params._replace(**{name: changed})).y_pred, y)


def loss_along_weight(x: np.ndarray, y: np.ndarray, params: Any, name: str, index: tuple[int, int],
                      w: float) -> float:
    """``params``에서 ``name[index]`` 하나만 ``w``로 바꾼 손실 L(w). 다른 값은 그대로입니다.

    x (n, d) · y (n, k) · params = (W1, b1, W2, b2) · name: 'W1', 'b1', 'W2', 'b2' · index: (행, 열), 0부터 · w: 실수.
    """
    params = _checked(x, y, params, name, index)
    check_number("w", w, low=-math.inf)
    return _loss_at(x, y, params, name, index, float(w))


def plot_loss_along_weight(x: np.ndarray, y: np.ndarray, params: Any, name: str = "W2",
                           index: tuple[int, int] = (0, 0), *, lr: float = LR,
                           half_width: float = 0.8) -> Figure:
    """가중치 하나에 대한 손실 곡선, 지금 값에서의 접선, 경사 하강 한 걸음을 그린 ``Figure``.

    x (n, d) · y (n, k) · params = (W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)), 같은 자료형의 numpy 배열.
    name: 'W1', 'b1', 'W2', 'b2' 중 하나 · index: 그 배열의 (행, 열), 0부터 · lr > 0 · half_width > 0:
    가로축은 지금 값 ± half_width. 접선의 기울기는 ``backward``가 구한 d(name)[index]입니다.
    """
    params = _checked(x, y, params, name, index)
    check_positive("lr", lr)
    check_positive("half_width", half_width)

    cache = _forward(x, *params)
    w0 = float(getattr(params, name)[index])
    slope = float(getattr(_backward(y, cache, params.W2), "d" + name)[index])  # 역전파가 구한 dL/dw
    L0 = _loss(cache.y_pred, y)
    w1 = w0 - lr * slope
    L1 = _loss_at(x, y, params, name, index, w1)
    ws = np.linspace(w0 - half_width, w0 + half_width, 161)
    Ls = [_loss_at(x, y, params, name, index, float(w)) for w in ws]
    near = np.linspace(w0 - half_width / 2, w0 + half_width / 2, 2)

    use_korean_font()
    fig, ax = plt.subplots(figsize=(6, 3.8), dpi=100, layout="constrained")
    label = f"{name}[{index[0]},{index[1]}]"
    ax.plot(ws, Ls, color="#2c6db5", lw=2, label=f"손실 L ({label}만 바꿀 때)")
    ax.plot(near, L0 + slope * (near - w0), color="#d9480f", lw=1.5, ls="--",
            label=f"접선: 기울기 = d{label} = {fmt(slope, matplotlib=True)}")
    ax.plot([w0], [L0], "o", color="#d9480f", ms=7, zorder=3)
    ax.plot([w1], [L1], "s", color="#2b8a3e", ms=7, zorder=3,
            label=f"한 걸음 뒤 (η = {fmt(lr, matplotlib=True)}): {label} = {fmt(w1, matplotlib=True)}")
    ax.annotate(f"지금: {label} = {fmt(w0, matplotlib=True)}, L = {fmt(L0, matplotlib=True)}",
                (w0, L0), xytext=(8, 12), textcoords="offset points", fontsize=9)
    ax.set_xlabel(label)
    ax.set_ylabel("손실 L")
    ax.set_title(f"{label} 하나만 움직일 때의 손실과 그 점의 접선")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper center")
    ax.set_ylim(bottom=min(0.0, min(Ls)) - 0.005)
    return fig


def plot_gradient_norms(norms: dict[str, list[float]]) -> Figure:
    """층마다의 기울기 크기 ‖dW‖(로그 눈금)를 설정마다 한 줄로 그린 ``Figure``. 가로축은 Affine 층의 번호(0 = 입력 쪽).

    norms: {설정 이름: ``layers.gradient_norms``가 돌려준 리스트}. 리스트의 길이는 모두 같아야 합니다.
    """
    if not (isinstance(norms, dict) and norms):
        raise TypeError(f"norms: {{이름: 층마다의 ‖dW‖ 리스트}} 사전이어야 하는데 "
                        f"{type(norms).__name__}을(를) 받았습니다.")
    lengths = {len(v) for v in norms.values()}
    if len(lengths) != 1 or not all(_is_positive_real(v) for values in norms.values() for v in values):
        raise ValueError("norms: 모든 리스트가 같은 길이이고 값은 모두 유한한 양수여야 합니다.")
    use_korean_font()
    fig, ax = plt.subplots(figsize=(6, 3.8), dpi=100, layout="constrained")
    for (name, values), marker in zip(norms.items(), "osD^v<>"):
        ax.plot(range(len(values)), values, marker=marker, label=name)
    _log_y_axis(ax)
    ax.set_xticks(range(lengths.pop()))
    ax.set_xlabel("층 번호 (0 = 입력 쪽)")
    ax.set_ylabel("‖dW‖ (로그 눈금)")
    ax.set_title("처음 가중치에서 층마다의 기울기 크기")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8)
    return fig
