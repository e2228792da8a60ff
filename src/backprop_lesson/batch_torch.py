"""5장: ``train_numpy``와 같은 학습을 PyTorch 자동 미분으로(torch가 필요).

같은 신경망(ReLU 은닉층, ReLU 출력층), 같은 손실(배치 평균), 같은 처음 파라미터에서
시작하므로 float64끼리는 손실 곡선이 반올림 오차 안에서 같습니다.
"""

from __future__ import annotations

import torch

from .autograd import forward_torch, loss_torch, sgd_step_
from .batch import check_training_inputs
from .example import Params


def train_torch(x, y, params: Params, lr: float, epochs: int,
                dtype: torch.dtype = torch.float64) -> tuple[list[float], Params]:
    """numpy 배열 x (n, d), y (n, k), params에서 시작해 autograd로 ``epochs``번 학습합니다.

    모든 배열을 ``dtype`` 텐서로 바꿔(입력 numpy 배열은 바뀌지 않습니다) 계산합니다.
    돌려주는 값: 에폭마다 **갱신 전** 손실(float)의 리스트와 학습이 끝난 ``Params``(numpy 배열).
    """
    if not (isinstance(dtype, torch.dtype) and dtype.is_floating_point):
        raise ValueError(f"dtype: torch의 실수 자료형(torch.float32, torch.float64)이어야 하는데 "
                         f"{dtype!r}을(를) 받았습니다.")
    check_training_inputs(x, y, params, lr, epochs)
    x, y = (torch.tensor(a, dtype=dtype) for a in (x, y))
    params = tuple(torch.tensor(p, dtype=dtype, requires_grad=True) for p in params)
    losses = []
    for _ in range(epochs):
        L = loss_torch(forward_torch(x, *params), y)
        losses.append(L.item())
        L.backward()
        sgd_step_(params, lr)
    return losses, Params(*(p.detach().numpy().copy() for p in params))
