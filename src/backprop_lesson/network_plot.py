"""신경망 그림: 노드에는 값, 간선에는 가중치(또는 기울기, 또는 갱신 전→후).

한 함수로 세 가지 그림을 그립니다.

- ``plot_network(params, cache=cache)``: 순전파 값(1장)
- ``plot_network(params, cache=cache, grads=grads)``: 모든 가중치와 편향의 기울기(2장)
- ``plot_network(params, updated=new_params)``: 경사 하강 한 걸음의 전과 후(2장)

샘플이 여럿이면 첫 샘플(``x[0]``)의 값을 보여 줍니다. 층 너비가 작은(노드 몇 개) 신경망용입니다.
"""

from __future__ import annotations

from typing import Any, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ._checks import SHAPES, Dims, as_four, check_cache, check_params
from ._format import fmt
from .fonts import use_korean_font
from .network import GRAD_NAMES, Cache, Grads, Params

NODE_RADIUS = 0.2
ARROW = r" $\rightarrow$ "  # 나눔고딕의 '→'는 작게 보여 수식 글꼴의 화살표를 씁니다
BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9}


def _num(v: float) -> str:
    return fmt(v, matplotlib=True)


def _label(old: Any, grad: Any, new: Any, name: str = "") -> str:
    """간선(name 없음)이나 편향(name='b')의 글자: 기울기, 갱신 전→후, 또는 값."""
    if grad is not None:
        return f"d{name}={_num(grad)}" if name else _num(grad)
    if new is not None:
        return (f"{name}: " if name else "") + f"{_num(old)}{ARROW}{_num(new)}"
    return f"{name}={_num(old)}" if name else _num(old)


def _column(n: int) -> np.ndarray:
    """노드 n개의 세로 위치(가운데 정렬, 간격 1.2)."""
    return (np.arange(n)[::-1] - (n - 1) / 2) * 1.2


def plot_network(params: Params, *, cache: Cache | None = None, grads: Grads | None = None,
                 updated: Params | None = None, ax: Axes | None = None,
                 title: str | None = None) -> Figure:
    """신경망을 그린 ``Figure``를 돌려줍니다.

    params: W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)
    cache: 순전파 캐시 → 노드에 x, z1·a1, z2·y_pred 값
    grads: 기울기 → 간선에 dW, 편향 자리에 db
    updated: 갱신한 파라미터 → 간선과 편향에 '전 → 후'
    """
    # 보통의 튜플로 넘겨도 됩니다. 기울기와 갱신한 파라미터는 파라미터와 같은 모양이어야 합니다.
    params = as_four("params", params, tuple(SHAPES), Params)
    dims = Dims()
    dtype = check_params(tuple(SHAPES), params, dims, prefix="params.")
    if cache is not None:
        check_cache("cache", cache, Cache, dims, dtype=dtype)
    if grads is not None:
        grads = as_four("grads", grads, GRAD_NAMES, Grads)
        check_params(GRAD_NAMES, grads, dims, dtype=dtype, prefix="grads.")
    if updated is not None:
        updated = as_four("updated", updated, tuple(SHAPES), Params)
        check_params(tuple(SHAPES), updated, dims, dtype=dtype, prefix="updated.")
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax: matplotlib Axes여야 하는데 {type(ax).__name__}을(를) 받았습니다.")
    W1, b1, W2, b2 = params

    use_korean_font()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 4.2), dpi=100, layout="constrained")
    else:
        fig = cast(Figure, ax.figure)
    sizes = [dims["d"], dims["h"], dims["k"]]  # 차원은 검사가 정했습니다
    pos = [np.column_stack([np.full(n, 1.6 * i), _column(n)]) for i, n in enumerate(sizes)]

    def edge_text(layer: int, W: np.ndarray, dW: np.ndarray | None, W_new: np.ndarray | None):
        for i, j in np.ndindex(W.shape):
            (x0, y0), (x1, y1) = pos[layer][i], pos[layer + 1][j]
            ax.plot([x0, x1], [y0, y1], color="0.6", lw=1, zorder=1)
            label = _label(W[i, j], None if dW is None else dW[i, j],
                           None if W_new is None else W_new[i, j])
            # 첫 층은 간선이 서로 엇갈리므로 시작 노드 가까이, 둘째 층은 편향 글자를 피해 가운데에
            t = 0.32 if layer == 0 else 0.55
            ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), label, fontsize=8,
                    ha="center", va="center", bbox=BOX, zorder=3)

    edge_text(0, W1, None if grads is None else grads.dW1, None if updated is None else updated.W1)
    edge_text(1, W2, None if grads is None else grads.dW2, None if updated is None else updated.W2)

    biases = [(b1, b2), None if grads is None else (grads.db1, grads.db2),
              None if updated is None else (updated.b1, updated.b2)]
    # 번호는 코드처럼 0부터: x[0]은 코드의 x[0, 0], '은닉 유닛 0'의 값은 a1[0, 0]
    names = [[f"x[{i}]" for i in range(sizes[0])],
             [f"은닉 유닛 {j}" for j in range(sizes[1])],
             [f"출력 {m}" if sizes[2] > 1 else "출력" for m in range(sizes[2])]]
    for layer, xy in enumerate(pos):
        for u, (cx, cy) in enumerate(xy):
            ax.add_patch(plt.Circle((cx, cy), NODE_RADIUS, fc="#e8f0fb", ec="#2c6db5", lw=1.5,
                                    zorder=2))
            ax.text(cx, cy + NODE_RADIUS + 0.08, names[layer][u], ha="center", va="bottom",
                    fontsize=9)
            lines = []
            if cache is not None:
                if layer == 0:
                    lines = [_num(cache.x[0, u])]
                elif layer == 1:
                    lines = [f"z={_num(cache.z1[0, u])}", f"a={_num(cache.a1[0, u])}"]
                else:
                    lines = [f"z={_num(cache.z2[0, u])}", f"y_pred={_num(cache.y_pred[0, u])}"]
            if lines:
                ax.text(cx, cy - NODE_RADIUS - 0.06, "\n".join(lines), ha="center", va="top",
                        fontsize=8, zorder=3)
            if layer > 0:  # 편향은 노드 오른쪽에
                old, grad, new = (None if bs is None else bs[layer - 1][0, u] for bs in biases)
                label = _label(old, grad, new, "b")
                ax.text(cx + NODE_RADIUS + 0.06, cy, label, ha="left", va="center", fontsize=8,
                        color="#7a3e00", zorder=3)

    ax.set_xlim(-0.5, 1.6 * 2 + 1.1)
    ax.set_ylim(min(p[:, 1].min() for p in pos) - 0.9, max(p[:, 1].max() for p in pos) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title is None:
        title = ("기울기: 간선은 dW, 주황 글자는 db" if grads is not None else
                 f"경사 하강 한 걸음: 갱신 전{ARROW}후" if updated is not None else
                 "순전파: 노드 값과 가중치")
    ax.set_title(title)
    return fig

