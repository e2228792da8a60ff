"""학습 루프 하나: 순전파 → 손실 → 역전파 → 갱신을 에폭마다 되풀이합니다. numpy와 PyTorch 모두.

x가 numpy 배열이면 ``network``(직접 미분), ``torch.Tensor``면 ``network_torch``(autograd)로
계산합니다. 두 판은 같은 이름의 ``loss_and_grads``와 ``sgd_step``을 가지므로 루프는 하나입니다.
입력 검사는 입구에서 한 번만 하고, 루프 안에서는 검사 없는 계산만 되풀이합니다.
"""

from __future__ import annotations

import sys
from typing import Any, Generic

import numpy as np

from . import network
from ._checks import check_arrays, check_positive, check_same_dtype
from .network import A, Params

if sys.version_info >= (3, 11):
    from typing import NamedTuple
else:
    from typing_extensions import NamedTuple


class EpochRecord(NamedTuple, Generic[A]):
    """한 에폭의 기록. ``y_pred`` (n, k)와 ``loss``는 그 에폭의 **갱신 전** 값입니다."""

    epoch: int
    y_pred: A
    loss: float


def _network_for(x: Any) -> Any:
    """x의 종류에 맞는 신경망 모듈: numpy 배열이면 ``network``, 텐서면 ``network_torch``."""
    if isinstance(x, np.ndarray):
        return network
    from . import network_torch  # torch는 텐서를 받았을 때만 가져옵니다

    if isinstance(x, network_torch.torch.Tensor):
        return network_torch
    raise TypeError(f"x: 배열(numpy.ndarray 또는 torch.Tensor)이어야 하는데 "
                    f"{type(x).__name__}을(를) 받았습니다.")


def train(x: A, y: A, params: Params[A], lr: float, epochs: int) -> tuple[list[EpochRecord[A]], Params[A]]:
    """전체 배치 경사 하강으로 ``epochs``번 학습합니다.

    x (n, d), y (n, k), params = W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k), 모두 같은 자료형의
    numpy 배열이거나 모두 텐서. 입력은 바꾸지 않습니다.
    돌려주는 값: 에폭마다의 ``EpochRecord``(갱신 전 예측과 손실) 리스트와 학습이 끝난 ``Params``.
    """
    net = _network_for(x)
    check_positive("lr", lr)
    check_positive("epochs", epochs, integer=True)
    params = Params(*params)
    W1, b1, W2, b2 = params
    check_arrays(x=(x, "n d"), y=(y, "n k"), W1=(W1, "d h"), b1=(b1, "1 h"),
                 W2=(W2, "h k"), b2=(b2, "1 k"))
    check_same_dtype(W1=W1, x=x, y=y, b1=b1, W2=W2, b2=b2)
    if net is not network:
        params = net.leaf_params(params)

    history = []
    for epoch in range(1, epochs + 1):
        L, cache, grads = net.loss_and_grads(x, y, params)
        history.append(EpochRecord(epoch, cache.y_pred, L))
        params = net._sgd_step(params, grads, lr)
    return history, params


def accuracy(y_pred: np.ndarray, y: np.ndarray) -> float:
    """y_pred > 0.5를 1로 읽었을 때 맞힌 비율. y_pred (n, 1), y (n, 1)은 0 또는 1."""
    check_arrays(y_pred=(y_pred, "n 1"), y=(y, "n 1"))
    return float(np.mean((y_pred > 0.5) == (y > 0.5)))

