"""``network``의 PyTorch 판: 같은 신경망, 같은 이름, 기울기는 자동 미분(autograd)이 구합니다.

numpy 판과 식이 같고 ``forward``, ``loss``, ``sgd_step``, ``loss_and_grads``도 같은 이름입니다.
다른 것은 역전파뿐입니다: ``backward``가 식을 쓰지 않고, 순전파 때 PyTorch가 기록한 계산 그래프를
``torch.autograd.grad``로 거슬러 올라갑니다. numpy 배열과 텐서 사이의 변환은 ``to_torch``와
``to_numpy`` 두 함수만 씁니다.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import torch

from ._checks import POSITIVE, checked, unchecked
from .data import Example, example
from .network import EPS, OUTPUTS, Cache, Grads, Params


def to_torch(arrays: Iterable[np.ndarray], dtype: torch.dtype = torch.float32,
             requires_grad: bool = False) -> tuple[torch.Tensor, ...]:
    """numpy 배열들을 ``dtype`` 텐서들로(값을 복사하므로 원래 배열과 메모리를 나누지 않습니다)."""
    return tuple(torch.tensor(a, dtype=dtype, requires_grad=requires_grad) for a in arrays)


def to_numpy(tensors: Iterable[torch.Tensor]) -> tuple[np.ndarray, ...]:
    """텐서들을 numpy 배열들로(계산 그래프에서 떼어 내고 복사합니다)."""
    return tuple(t.detach().numpy().copy() for t in tensors)


def example_tensors() -> Example[torch.Tensor]:
    """책의 예제를 float32 텐서로, 매번 새로. W1, b1, W2, b2만 ``requires_grad=True``."""
    ex = example()
    return Example(*to_torch((ex.x, ex.y)), *to_torch(ex.params, requires_grad=True))


@checked(y_pred="n k", y="n k", output=OUTPUTS)
def loss(y_pred: torch.Tensor, y: torch.Tensor, *, output: str = "relu") -> torch.Tensor:
    """손실(numpy 판과 같은 식), 샘플 n개의 평균. 0차원 텐서이고 계산 그래프에 이어집니다."""
    if output == "sigmoid":
        p = y_pred.clamp(EPS, 1 - EPS)
        return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).sum() / y.shape[0]
    return (0.5 * (y_pred - y) ** 2).sum() / y.shape[0]


@checked(x="n d", W1="d h", b1="1 h", W2="h k", b2="1 k", output=OUTPUTS)
def forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
            W2: torch.Tensor, b2: torch.Tensor, *, output: str = "relu") -> Cache[torch.Tensor]:
    """순전파(numpy 판과 같은 식). PyTorch가 계산 그래프를 기록합니다."""
    z1 = x @ W1 + b1
    a1 = torch.relu(z1)
    z2 = a1 @ W2 + b2
    y_pred = torch.sigmoid(z2) if output == "sigmoid" else torch.relu(z2)
    return Cache(x, z1, a1, z2, y_pred)


def leaf_params(params: Params[torch.Tensor]) -> Params[torch.Tensor]:
    """autograd가 기울기를 구할 새 잎 텐서들(값은 같고, 받은 텐서와 그 ``.grad``는 그대로 둡니다)."""
    return Params(*(p.detach().requires_grad_() for p in params))


def backward(L: torch.Tensor, params: Params[torch.Tensor]) -> Grads[torch.Tensor]:
    """``L``의 파라미터별 기울기를 autograd로: ``L.backward()``가 ``.grad``에 넣을 값과 같습니다.

    ``.grad``에 더하지 않고 새 텐서로 돌려주므로 기울기를 0으로 되돌릴 필요가 없습니다.
    """
    return Grads(*torch.autograd.grad(L, tuple(params)))


@checked(**{"params.W1": "d h", "params.b1": "1 h", "params.W2": "h k", "params.b2": "1 k",
            "grads.dW1": "d h", "grads.db1": "1 h", "grads.dW2": "h k", "grads.db2": "1 k",
            "lr": POSITIVE})
def sgd_step(params: Params[torch.Tensor], grads: Grads[torch.Tensor],
             lr: float) -> Params[torch.Tensor]:
    """경사 하강 한 걸음 θ ← θ − lr · dθ. 새 잎 텐서(``requires_grad=True``)를 돌려줍니다."""
    with torch.no_grad():  # 갱신 자체는 계산 그래프에 넣지 않습니다
        return Params(*((p - lr * g).requires_grad_() for p, g in zip(params, grads)))


def loss_and_grads(x: torch.Tensor, y: torch.Tensor, params: Params[torch.Tensor],
                   *, output: str = "relu") -> tuple[float, Cache[torch.Tensor], Grads[torch.Tensor]]:
    """학습 한 걸음의 앞부분: 순전파 → 손실 → autograd. 캐시는 그래프에서 떼어 돌려줍니다."""
    cache = _forward(x, *params, output=output)
    L = _loss(cache.y_pred, y, output=output)
    grads = backward(L, params)
    return L.item(), Cache(*(t.detach() for t in cache)), grads


def evaluate(x: torch.Tensor, y: torch.Tensor, params: Params[torch.Tensor],
             *, output: str = "relu") -> tuple[float, torch.Tensor]:
    """기울기 없이 손실과 예측만(그래프를 기록하지 않습니다)."""
    with torch.no_grad():
        y_pred = _forward(x, *params, output=output).y_pred
        return _loss(y_pred, y, output=output).item(), y_pred


_forward, _loss, _sgd_step = unchecked(forward), unchecked(loss), unchecked(sgd_step)
