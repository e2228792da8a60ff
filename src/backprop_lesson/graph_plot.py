"""계산 그래프 그림: ``scalar_autograd``의 ``Value``가 기록한 그래프를 노드마다 값과 기울기와 함께.

graphviz 없이 matplotlib만 씁니다. 왼쪽에서 오른쪽으로 순전파 방향이고, 가로 위치는 손실(맨 오른쪽)에서
그 노드까지 가장 긴 경로의 길이, 세로 위치는 손실에서 시작한 깊이 우선 탐색이 잎을 만나는 차례입니다.
두 곳 이상에 쓰인 값(기울기를 **더해야** 하는 값)은 주황 테두리와 주황 화살표로 보여 줍니다.
노드 수십 개의 작은 그래프용입니다.
"""

from __future__ import annotations

from typing import cast

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ._format import fmt
from .fonts import use_korean_font
from .scalar_autograd import Value, topological_order

MAX_NODES = 80
DX, DY = 1.1, 0.56     # 칸 사이 간격
W, H = 0.8, 0.46        # 노드 상자의 너비와 높이
LINE = 0.14             # 상자 안 글줄 간격
SHARED = "#d35400"      # 두 곳 이상에 쓰인 값
GRAD = "#b03a2e"        # 기울기 글자


def _num(v: float) -> str:
    return fmt(v, matplotlib=True)


def _order(roots: tuple[Value, ...]) -> list[Value]:
    """뿌리 여럿에 닿는 노드들의 위상 정렬(겹치는 노드는 한 번)."""
    order: list[Value] = []
    seen: set[int] = set()
    for r in roots:
        for v in topological_order(r):
            if id(v) not in seen:
                seen.add(id(v))
                order.append(v)
    return order


def _layout(roots: tuple[Value, ...]) -> tuple[dict[int, tuple[float, float]], dict[int, int]]:
    """노드 id → (가로, 세로) 위치, 그리고 노드 id → (그린 그래프 안에서) 쓰인 횟수."""
    order = _order(roots)
    uses: dict[int, int] = {id(v): 0 for v in order}
    depth = {id(r): 0 for r in roots}
    for v in reversed(order):  # 값을 쓰는 노드가 먼저 오므로 v의 깊이는 이미 정해졌습니다
        depth.setdefault(id(v), 0)
        for c in v.inputs:
            uses[id(c)] += 1
            depth[id(c)] = max(depth.get(id(c), 0), depth[id(v)] + 1)
    row: dict[int, float] = {}
    next_slot = [0]

    def place(v: Value) -> None:
        row[id(v)] = float("nan")  # 방문 표시(자리는 아래에서)
        mine = []
        for c in v.inputs:
            if id(c) not in row:
                place(c)
                mine.append(row[id(c)])
        if mine:
            row[id(v)] = sum(mine) / len(mine)
        else:
            row[id(v)] = next_slot[0]
            next_slot[0] += 1

    for r in roots:
        if id(r) not in row:
            place(r)
    return {k: (-depth[k] * DX, -row[k] * DY) for k in row}, uses


def plot_graph(*roots: Value, ax: Axes | None = None, title: str | None = None) -> Figure:
    """``roots``(보통 손실 L 하나)에 닿는 계산 그래프를 그린 ``Figure``를 돌려줍니다.

    뿌리를 여럿 주면 그 모두에 닿는 부분 그래프를 그립니다(예: ``plot_graph(*net.a1.flat)``는 은닉층까지).

    노드: 이름(있으면), 값(검정), 기울기(빨강). 연산(+, ×, ReLU …)은 상자 왼쪽의 작은 원에.
    손실의 ``backward()``를 부르기 전이면 기울기는 모두 0입니다.
    """
    if not roots:
        raise TypeError("roots: Value가 하나 이상 있어야 하는데 아무것도 받지 못했습니다.")
    for r in roots:
        if not isinstance(r, Value):
            raise TypeError(f"roots: Value여야 하는데 {type(r).__name__}을(를) 받았습니다.")
    order = _order(roots)
    if len(order) > MAX_NODES:
        raise ValueError(f"roots: 노드가 {MAX_NODES}개 이하인 그래프여야 하는데 "
                         f"{len(order)}개인 그래프를 받았습니다.")
    pos, uses = _layout(roots)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]

    use_korean_font()
    if ax is None:
        width = (max(xs) - min(xs)) * 0.95 + 1.2
        height = (max(ys) - min(ys)) * 0.95 + 1.3
        fig, ax = plt.subplots(figsize=(width, height), dpi=100, layout="constrained")
    else:
        fig = cast(Figure, ax.figure)

    for v in order:
        seen: dict[int, int] = {}
        for c in v.inputs:
            k = seen[id(c)] = seen.get(id(c), -1) + 1  # 같은 입력이 두 번이면(a + a) 두 번째는 휘게
            (x0, y0), (x1, y1) = pos[id(c)], pos[id(v)]
            shared = uses[id(c)] > 1
            ax.annotate("", xy=(x1 - W / 2 - 0.1, y1), xytext=(x0 + W / 2, y0), zorder=1,
                        arrowprops={"arrowstyle": "-|>", "lw": 1.2 if shared else 0.8,
                                    "color": SHARED if shared else "0.55", "shrinkA": 0,
                                    "shrinkB": 0, "connectionstyle": f"arc3,rad={0.4 * k}"})
    for v in order:
        x, y = pos[id(v)]
        shared = uses[id(v)] > 1
        ax.add_patch(FancyBboxPatch((x - W / 2, y - H / 2), W, H, boxstyle="round,pad=0,rounding_size=0.06",
                                    fc="#e8f0fb" if not v.inputs else "white",
                                    ec=SHARED if shared else "#2c6db5", lw=2 if shared else 1, zorder=2))
        lines = ([v.label] if v.label else []) + [_num(v.data), _num(v.grad)]
        top = (len(lines) - 1) / 2 * LINE
        tx = x + (0.05 if v.op else 0.0)  # 연산 원을 비켜서
        for i, (text, color) in enumerate(zip(lines, ["black"] * (len(lines) - 1) + [GRAD])):
            ax.text(tx, y + top - i * LINE, text, ha="center", va="center", fontsize=8, color=color,
                    zorder=3)
        if v.op:  # 연산은 상자 왼쪽 끝, 입력 화살표가 닿는 곳의 작은 원에
            ax.text(x - W / 2, y, v.op, ha="center", va="center", fontsize=7, zorder=4,
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "#fff4d6", "ec": "0.4", "lw": 0.8})

    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.45, max(ys) + 0.45)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("계산 그래프: 검은 숫자는 값, 빨간 숫자는 기울기, 주황은 두 곳 이상에 쓰인 값"
                 if title is None else title, fontsize=9)
    return fig
