"""평면의 점을 두 갈래로 나눈 결정 영역: 학습한 신경망이 평면의 어디를 1로 읽는지(6장, 7장).

평면(가로 세로 −1.25…1.25)을 201 × 201 격자로 덮고, 격자점 전부를 샘플 40,401개의 배치로 삼아
``forward``를 **한 번** 부릅니다. y_pred > 0.5인 곳을 주황, 나머지를 파랑으로 칠하고 점들을 정답에 따라 찍습니다.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ._checks import SHAPES, Dims, as_four, check_array, check_choice, check_params
from .fonts import use_korean_font
from .network import OUTPUTS, Params, _forward

GRID = np.linspace(-1.25, 1.25, 201)


def decision_region(params: Params[np.ndarray], output: str = "relu") -> np.ndarray:
    """격자 (201, 201)의 bool 배열: 격자점의 y_pred > 0.5인 곳. 행은 x[:, 1], 열은 x[:, 0] 방향.

    입력은 검사하지 않습니다(``plot_decision_region``이 검사한 뒤 부릅니다).
    """
    gx0, gx1 = np.meshgrid(GRID, GRID)
    grid = np.column_stack([gx0.ravel(), gx1.ravel()])   # (201·201, 2): 한 번의 forward로
    return _forward(grid, *params, output=output).y_pred.reshape(gx0.shape) > 0.5


def plot_decision_region(params: Any, x: np.ndarray, y: np.ndarray, *, output: str = "relu",
                         title: str, point_label: str = "정답") -> Figure:
    """학습한 파라미터의 결정 영역 위에 점 x (n, 2)를 정답 y (n, 1)(0 또는 1)에 따라 찍은 ``Figure``.

    params = (W1 (2, h), b1 (1, h), W2 (h, 1), b2 (1, 1)) · output: 'relu' 또는 'sigmoid'(forward와 같음).
    """
    params = as_four("params", params, tuple(SHAPES), Params)
    dims = Dims(d=2, k=1)
    dims.origin = dict.fromkeys(dims, "평면의 점을 두 갈래로 나누는 그림")
    dtype = check_params(tuple(SHAPES), params, dims, prefix="params.")
    check_array("x", x, ("n", "d"), dims, dtype=dtype)
    check_array("y", y, ("n", 1), dims, dtype=dtype)
    check_choice("output", output, OUTPUTS)
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y: 정답은 0 또는 1이어야 하는데 다른 값이 있습니다.")
    region = decision_region(params, output)

    use_korean_font()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100, layout="constrained")
    ax.contourf(GRID, GRID, region, levels=[-0.5, 0.5, 1.5], colors=["#dbe7f5", "#fde3c8"])
    ax.contour(GRID, GRID, region, levels=[0.5], colors="0.3", linewidths=1)
    for label, color, marker in [(0, "#2c6db5", "o"), (1, "#d9730d", "^")]:
        pts = x[y[:, 0] == label]
        ax.scatter(pts[:, 0], pts[:, 1], s=16, c=color, marker=marker, label=f"{point_label} {label}")
    ax.set_aspect("equal")
    ax.set_xlabel("x[:, 0]")
    ax.set_ylabel("x[:, 1]")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    return fig
