"""학습 루프 하나: 순전파 → 손실 → 역전파 → 갱신을 되풀이합니다. numpy와 PyTorch, 전체 배치와 미니배치 모두.

x가 numpy 배열이면 ``network``(직접 미분), ``torch.Tensor``면 ``network_torch``(autograd)로
계산합니다. 두 판은 같은 이름의 ``loss_and_grads``와 ``sgd_step``을 가지므로 루프는 하나입니다.
입력 검사는 입구에서 한 번만 하고, 루프 안에서는 검사 없는 계산만 되풀이합니다.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, NamedTuple

import numpy as np

from . import network
from ._checks import SHAPES, Dims, as_four, check_array, check_choice, check_params, check_positive, check_seed
from .network import OUTPUTS, A, Params


class EpochRecord(NamedTuple, Generic[A]):
    """한 에폭의 기록. ``y_pred`` (n, k)와 ``loss``는 그 에폭을 시작할 때(그 에폭의 **갱신 전**),
    전체 데이터에 대한 값입니다."""

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


def train(x: A, y: A, params: Sequence[A], lr: float, epochs: int, *, batch_size: int | None = None,
          seed: int = 0, output: str = "relu") -> tuple[list[EpochRecord[A]], Params[A]]:
    """경사 하강으로 ``epochs``번 학습합니다.

    x (n, d), y (n, k), params = W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k), 모두 같은 자료형의
    numpy 배열이거나 모두 텐서. 입력은 바꾸지 않습니다.

    - ``batch_size=None``: 전체 배치 경사 하강. 에폭마다 갱신 한 번.
    - ``batch_size=B``: 미니배치 경사 하강. 에폭마다 샘플 순서를 섞고(``seed``로 정한 난수),
      B개씩(마지막은 남는 만큼) 잘라 묶음마다 한 번씩 갱신합니다.
    - ``output``: 출력층과 손실의 짝, ``"relu"``(책의 예제) 또는 ``"sigmoid"``(교차 엔트로피).

    돌려주는 값: 에폭마다의 ``EpochRecord``(그 에폭을 시작할 때 전체 데이터의 예측과 손실) 리스트와
    학습이 끝난 ``Params``.
    """
    net = _network_for(x)
    is_torch = net is not network
    state = as_four("params", params, tuple(SHAPES), Params)
    dims = Dims()
    dtype = check_params(tuple(SHAPES), state, dims, torch=is_torch, prefix="params.")
    check_array("x", x, ("n", "d"), dims, torch=is_torch, dtype=dtype)
    check_array("y", y, ("n", "k"), dims, torch=is_torch, dtype=dtype)
    check_positive("lr", lr)
    check_positive("epochs", epochs, integer=True)
    check_choice("output", output, OUTPUTS)
    if output == "sigmoid":
        network.check_labels(y)
    check_seed(seed)
    if batch_size is not None:
        check_positive("batch_size", batch_size, integer=True)
    if is_torch:
        state = net.leaf_params(state)

    xs: Any = x  # numpy 배열도 텐서도 xs[rows]처럼 정수 배열로 행을 고릅니다
    ys: Any = y
    n = len(xs)
    rng = np.random.default_rng(seed)
    history = []
    for epoch in range(1, epochs + 1):
        if batch_size is None:  # 전체 배치: 잰 손실과 기울기가 같은 순전파에서 나옵니다
            L, cache, grads = net.loss_and_grads(x, y, state, output=output)
            history.append(EpochRecord(epoch, cache.y_pred, L))
            state = net._sgd_step(state, grads, lr)
            continue
        L, y_pred = net.evaluate(x, y, state, output=output)
        history.append(EpochRecord(epoch, y_pred, L))
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            _, _, grads = net.loss_and_grads(xs[rows], ys[rows], state, output=output)
            state = net._sgd_step(state, grads, lr)
    return history, state


def accuracy(y_pred: np.ndarray, y: np.ndarray) -> float:
    """y_pred > 0.5를 1로 읽었을 때 맞힌 비율. y_pred (n, 1), y (n, 1)은 0 또는 1(같은 자료형의 numpy 배열)."""
    dims = Dims()
    dtype = check_array("y_pred", y_pred, ("n", 1), dims)
    check_array("y", y, ("n", 1), dims, dtype=dtype)
    if not bool(((y == 0) | (y == 1)).all()):
        raise ValueError("y: 정답은 0 또는 1이어야 하는데 다른 값이 들어 있습니다.")
    return float(np.mean((y_pred > 0.5) == (y > 0.5)))

