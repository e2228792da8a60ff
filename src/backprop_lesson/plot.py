"""학습 곡선 그리기."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
from matplotlib import ticker
from matplotlib.figure import Figure

from .fonts import use_korean_font

if TYPE_CHECKING:
    from .training import EpochRecord


def plot_loss_curve(history: Sequence[EpochRecord]) -> Figure:
    """에폭별 손실을 로그 눈금 y축에 점과 선으로 그린 ``Figure``를 돌려줍니다.

    ``history``는 ``train()``이 돌려준 ``EpochRecord``의 리스트(에폭마다 갱신 전 손실)입니다.
    손실이 0.045에서 1e-10 근처까지 떨어지므로 y축은 로그 눈금입니다.
    """
    if len(history) == 0:
        raise ValueError("history: EpochRecord가 하나 이상 있어야 하는데 빈 리스트를 받았습니다.")
    for i, r in enumerate(history):
        loss = getattr(r, "loss", None)  # EpochRecord처럼 epoch와 loss가 있으면 됩니다
        if not (hasattr(r, "epoch") and isinstance(loss, numbers.Real) and float(loss) > 0):
            raise ValueError(f"history[{i}]: 손실이 양수인 EpochRecord여야 하는데 "
                             f"{r!r}을(를) 받았습니다.")
    use_korean_font()
    fig, ax = plt.subplots(figsize=(6, 3.6), dpi=100, layout="constrained")
    epochs = [r.epoch for r in history]
    ax.plot(epochs, [r.loss for r in history], marker="o")
    ax.set_yscale("log")
    # 눈금 이름은 '1e-10'처럼 보통 글자로: 수식 모드의 빼기 기호(U+2212)는 나눔고딕에 없습니다.
    ax.yaxis.set_major_locator(ticker.LogLocator(base=10, numticks=20))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"1e{round(math.log10(v))}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set_xticks(epochs)
    ax.set_title("에폭별 손실 (로그 눈금)")
    ax.set_xlabel("에폭")
    ax.set_ylabel("손실 L (갱신 전)")
    ax.grid(True, alpha=0.3)
    return fig
