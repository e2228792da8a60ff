"""학습 루프: 순전파 → 손실 → 역전파 → 갱신을 에폭마다 되풀이합니다(PyTorch, float32)."""

from __future__ import annotations

from typing import NamedTuple

from ._checks import check_positive
from .autograd import example_tensors, forward_torch, loss_torch, sgd_step_
from .example import EPOCHS, LR, Example


class EpochRecord(NamedTuple):
    """한 에폭의 기록. ``y_pred``와 ``loss``는 그 에폭의 **갱신 전** 값입니다."""

    epoch: int
    y_pred: float
    loss: float


def train(epochs: int = EPOCHS, lr: float = LR) -> tuple[list[EpochRecord], Example]:
    """책의 예제로 ``epochs``번 학습합니다.

    돌려주는 값: 에폭별 기록(``EpochRecord``의 리스트)과, 학습이 끝난 파라미터를 담은
    ``Example``(x, y, W1, b1, W2, b2 텐서).
    """
    check_positive("epochs", epochs, integer=True)
    check_positive("lr", lr)
    ex = example_tensors()
    x, y, *params = ex
    history = []
    for epoch in range(1, epochs + 1):
        y_pred = forward_torch(x, *params)
        loss = loss_torch(y_pred, y)
        loss.backward()
        sgd_step_(tuple(params), lr)
        history.append(EpochRecord(epoch, y_pred.item(), loss.item()))
    return history, ex
