"""학습 곡선 그리기: 한 번의 학습(``plot_loss_curve``)과 학습률 여러 개(``plot_learning_rates``)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import matplotlib.pyplot as plt
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from .fonts import use_korean_font

if TYPE_CHECKING:
    from .training import EpochRecord


def plot_loss_curve(history: Sequence[EpochRecord]) -> Figure:
    """에폭별 손실을 로그 눈금 y축에 점과 선으로 그린 ``Figure``를 돌려줍니다.

    ``history``는 ``train()``이 돌려준 ``EpochRecord``의 리스트(에폭마다 갱신 전 손실)입니다.
    손실이 0.045에서 1e-10 근처까지 떨어지므로 y축은 로그 눈금입니다.
    """
    _check_history("history", history)
    use_korean_font()
    fig, ax = plt.subplots(figsize=(6, 3.6), dpi=100, layout="constrained")
    epochs = [r.epoch for r in history]
    ax.plot(epochs, [r.loss for r in history], marker="o")
    _log_y_axis(ax)
    ax.set_xticks(epochs)
    ax.set_title("에폭별 손실 (로그 눈금)")
    ax.set_xlabel("에폭")
    ax.set_ylabel("손실 L (갱신 전)")
    ax.grid(True, alpha=0.3)
    return fig


def _check_history(name: str, history: Sequence[EpochRecord]) -> None:
    if len(history) == 0:
        raise ValueError(f"{name}: EpochRecord가 하나 이상 있어야 하는데 빈 리스트를 받았습니다.")
    for i, r in enumerate(history):
        loss = getattr(r, "loss", None)  # EpochRecord처럼 epoch와 loss가 있으면 됩니다
        if not (hasattr(r, "epoch") and isinstance(loss, numbers.Real) and float(loss) > 0):
            raise ValueError(f"{name}[{i}]: 손실이 양수인 EpochRecord여야 하는데 "
                             f"{r!r}을(를) 받았습니다.")


def _log_y_axis(ax: Axes) -> None:
    ax.set_yscale("log")
    # 눈금 이름은 '1e-10'처럼 보통 글자로: 수식 모드의 빼기 기호(U+2212)는 나눔고딕에 없습니다.
    ax.yaxis.set_major_locator(ticker.LogLocator(base=10, numticks=20))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"1e{round(math.log10(v))}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())


def _is_positive_real(v: object) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool) and 0 < float(v) < math.inf


def plot_learning_rates(histories: Mapping[float, Sequence[EpochRecord]], sharpness: float) -> Figure:
    """학습률마다의 손실 곡선과, 선형 근사가 예측하는 한 걸음의 오차 배율을 나란히 그립니다.

    ``histories``는 학습률 η → 그 η로 ``train()``한 기록, ``sharpness``는 s = ‖∇θ ŷ‖²입니다.
    왼쪽: 한 걸음의 오차 배율 1 − ηs를 η에 대해 그리고, 예측한 경계 η = 1/s(이보다 크면 정답을
    넘어감)와 η = 2/s(이보다 크면 진동이 커짐)를 세로 점선으로, 각 η를 점으로 표시합니다.
    그림 밖에 있는 η는 가장자리에 삼각형과 값으로 표시합니다.
    오른쪽: 각 η의 에폭별 손실(로그 눈금). 두 쪽의 같은 색이 같은 η입니다.
    """
    if not _is_positive_real(sharpness):
        raise ValueError(f"sharpness: 양의 유한한 실수 s = ‖∇θ ŷ‖²여야 하는데 {sharpness!r}을(를) 받았습니다.")
    if len(histories) == 0:
        raise ValueError("histories: 학습률 → 기록이 하나 이상 있어야 하는데 빈 사전을 받았습니다.")
    for lr, history in histories.items():
        if not _is_positive_real(lr):
            raise ValueError(f"histories: 열쇠는 양의 학습률이어야 하는데 {lr!r}을(를) 받았습니다.")
        _check_history(f"histories[{lr!r}]", history)
    s = float(sharpness)
    lrs = sorted(histories)
    use_korean_font()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=100, layout="constrained",
                                      gridspec_kw={"width_ratios": [1, 1.3]})
    tab10: Any = cast(ListedColormap, plt.get_cmap("tab10")).colors
    palette = [c for i, c in enumerate(tab10) if i != 3]  # 빨강은 경계선에만
    colors = [palette[i % len(palette)] for i in range(len(lrs))]

    # 왼쪽: 선형 근사가 예측하는 한 걸음의 오차 배율 1 - ηs (부호까지: 음수면 정답을 넘어갑니다)
    right_end, bottom = 3 / s, -1.6
    grid = [right_end * i / 300 for i in range(301)]
    left.axhspan(-1, 1, color="tab:green", alpha=0.08, label="|1 - ηs| < 1: 오차가 줄어듦")
    left.plot(grid, [1 - eta * s for eta in grid], color="0.3")
    left.axhline(0, color="0.6", linewidth=0.8)
    # 경계 이름은 곡선이 지나가지 않는 빈 곳에: 1/s는 선의 왼쪽 아래, 2/s는 선의 오른쪽 위
    for eta_star, text, y, ha in ((1 / s, f"η = 1/s = {1 / s:.3g}\n이보다 크면\n정답을 넘어감 ", -0.7, "right"),
                                  (2 / s, f" η = 2/s = {2 / s:.3g}\n 이보다 크면\n 진동이 커짐", 0.5, "left")):
        left.axvline(eta_star, color="tab:red", linestyle="--", linewidth=1)
        left.text(eta_star, y, text, ha=ha, va="center", fontsize=8, color="tab:red")
    for eta, c in zip(lrs, colors):
        m = 1 - eta * s
        if eta <= right_end and m >= bottom:
            left.plot([eta], [m], marker="o", color=c, linestyle="none")
        else:  # 그림 밖: 안쪽 가장자리에 삼각형으로 표시하고 값을 적습니다
            at = (min(eta, 0.97 * right_end), max(m, 0.95 * bottom))
            left.plot(*at, marker="v", color=c, linestyle="none")
            left.annotate(f"η = {eta:g}: 1 - ηs = {m:+.2f} (그림 밖)", at, xytext=(-6, 0),
                          textcoords="offset points", ha="right", va="center", fontsize=8, color=c)
    left.set_xlim(0, right_end)
    left.set_ylim(bottom, 1.1)
    left.set_xlabel("학습률 η")
    left.set_ylabel("한 걸음의 오차 배율 1 - ηs")
    left.set_title(f"선형 근사의 예측 (s = {s:.4g})")
    left.legend(fontsize=8, loc="upper right")
    left.grid(True, alpha=0.3)

    for eta, c in zip(lrs, colors):
        history = histories[eta]
        right.plot([r.epoch for r in history], [r.loss for r in history], marker="o",
                   markersize=4, color=c, label=f"η = {eta:g} (1 - ηs = {1 - eta * s:+.2f})")
    _log_y_axis(right)
    right.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    right.set_title("학습률별 손실 (로그 눈금)")
    right.set_xlabel("에폭")
    right.set_ylabel("손실 L (갱신 전)")
    right.grid(True, alpha=0.3)
    right.legend(fontsize=8, loc="lower left")
    return fig


def plot_loss_curves(curves: Mapping[str, Sequence[float]], *, title: str,
                     ylabel: str = "손실 L (갱신 전)") -> Figure:
    """이름 → 에폭별 손실(에폭 1부터) 곡선 여러 개를 로그 눈금 y축에 겹쳐 그립니다(6장, 7장).

    눈금은 0.01, 0.02, 0.05, 0.1 …처럼 보통 숫자로 적습니다. 첫 곡선은 굵게, 나머지는 얇게(겹쳐도 보이게).
    """
    if not (isinstance(curves, Mapping) and curves):
        raise TypeError(f"curves: {{이름: 에폭별 손실}} 사전이어야 하는데 {type(curves).__name__}을(를) 받았습니다.")
    for name, values in curves.items():
        if len(values) == 0 or not all(_is_positive_real(v) for v in values):
            raise ValueError(f"curves[{name!r}]: 유한한 양수인 손실이 하나 이상 있어야 합니다.")
    use_korean_font()
    fig, ax = plt.subplots(figsize=(6, 3.8), dpi=100, layout="constrained")
    for i, (name, values) in enumerate(curves.items()):
        ax.plot(range(1, len(values) + 1), values, "-" if i == 0 else "--", lw=2.5 if i == 0 else 1.5, label=name)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1, 2, 5)))
    ax.yaxis.set_major_formatter(ticker.FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set_title(title)
    ax.set_xlabel("에폭")
    ax.set_ylabel(ylabel)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    return fig
