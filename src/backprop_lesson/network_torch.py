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
import torch.nn.functional as F

from ._checks import (
    CACHE_SHAPES,
    SHAPES,
    Dims,
    as_four,
    check_array,
    check_cache,
    check_choice,
    check_params,
    check_positive,
)
from .data import Example, example
from .network import CACHES, GRAD_NAMES, OUTPUTS, Cache, Grads, Params, check_labels


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


def _loss(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (0.5 * (y_pred - y) ** 2).sum() / y.shape[0]


def _cross_entropy(z2: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(z2, y, reduction="sum") / y.shape[0]


def _loss_of(cache: Cache[torch.Tensor], y: torch.Tensor) -> torch.Tensor:
    return _cross_entropy(cache.z2, y) if cache.output == "sigmoid" else _loss(cache.y_pred, y)


def loss(y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """책의 손실(numpy 판과 같은 식), 샘플 n개의 평균. 0차원 텐서이고 계산 그래프에 이어집니다."""
    dims = Dims()
    dtype = check_array("y_pred", y_pred, ("n", "k"), dims, torch=True)
    check_array("y", y, ("n", "k"), dims, torch=True, dtype=dtype)
    return _loss(y_pred, y)


def cross_entropy(z2: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """이진 교차 엔트로피를 로짓 z2에서(``F.binary_cross_entropy_with_logits``), 샘플 n개의 평균."""
    dims = Dims()
    dtype = check_array("z2", z2, ("n", "k"), dims, torch=True)
    check_array("y", y, ("n", "k"), dims, torch=True, dtype=dtype)
    check_labels(y)
    return _cross_entropy(z2, y)


def loss_of(cache: Cache[torch.Tensor], y: torch.Tensor) -> torch.Tensor:
    """캐시를 만든 출력층과 짝인 손실(numpy 판의 ``loss_of``와 같음)."""
    dims = Dims()
    dtype = check_cache("cache", cache, Cache, dims, torch=True)
    check_array("y", y, ("n", "k"), dims, torch=True, dtype=dtype)
    if cache.output == "sigmoid":
        check_labels(y)
    return _loss_of(cache, y)


def _forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor, W2: torch.Tensor, b2: torch.Tensor,
             output: str = "relu") -> Cache[torch.Tensor]:
    z1 = x @ W1 + b1
    a1 = torch.relu(z1)
    z2 = a1 @ W2 + b2
    y_pred = torch.sigmoid(z2) if output == "sigmoid" else torch.relu(z2)
    return CACHES[output](x, z1, a1, z2, y_pred)


def forward(x: torch.Tensor, W1: torch.Tensor, b1: torch.Tensor,
            W2: torch.Tensor, b2: torch.Tensor, *, output: str = "relu") -> Cache[torch.Tensor]:
    """순전파(numpy 판과 같은 식). PyTorch가 계산 그래프를 기록합니다. 모두 같은 자료형의 텐서."""
    dims = Dims()
    dtype = check_params(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2), dims, torch=True)
    check_array("x", x, CACHE_SHAPES["x"], dims, torch=True, dtype=dtype)
    check_choice("output", output, OUTPUTS)
    return _forward(x, W1, b1, W2, b2, output)


def leaf_params(params: Params[torch.Tensor]) -> Params[torch.Tensor]:
    """autograd가 기울기를 구할 새 잎 텐서들(값은 같고, 받은 텐서와 그 ``.grad``는 그대로 둡니다)."""
    return Params(*(p.detach().requires_grad_() for p in params))


def backward(L: torch.Tensor, params: Params[torch.Tensor]) -> Grads[torch.Tensor]:
    """``L``의 파라미터별 기울기를 autograd로: ``L.backward()``가 ``.grad``에 넣을 값과 같습니다.

    ``.grad``에 더하지 않고 새 텐서로 돌려주므로 기울기를 0으로 되돌릴 필요가 없습니다.
    """
    if not (isinstance(L, torch.Tensor) and L.dim() == 0 and L.requires_grad):
        got = f"모양 {tuple(L.shape)}, requires_grad={L.requires_grad}인 텐서" if isinstance(L, torch.Tensor) \
            else type(L).__name__
        raise TypeError(f"L: 계산 그래프에 이어진 0차원 텐서(손실)여야 하는데 {got}을(를) 받았습니다.")
    params = as_four("params", params, tuple(SHAPES), Params)
    for name, p in zip(SHAPES, params):
        if not (isinstance(p, torch.Tensor) and p.requires_grad):
            raise TypeError(f"params.{name}: requires_grad=True인 텐서여야 하는데 "
                            f"{'requires_grad=False인 텐서' if isinstance(p, torch.Tensor) else type(p).__name__}"
                            "을(를) 받았습니다.")
    return _backward(L, params)


def _backward(L: torch.Tensor, params: Params[torch.Tensor]) -> Grads[torch.Tensor]:
    return Grads(*torch.autograd.grad(L, tuple(params)))


def _sgd_step(params: Params[torch.Tensor], grads: Grads[torch.Tensor], lr: float) -> Params[torch.Tensor]:
    with torch.no_grad():  # 갱신 자체는 계산 그래프에 넣지 않습니다
        return Params(*((p - lr * g).requires_grad_() for p, g in zip(params, grads)))


def sgd_step(params: Params[torch.Tensor], grads: Grads[torch.Tensor],
             lr: float) -> Params[torch.Tensor]:
    """경사 하강 한 걸음 θ ← θ − lr · dθ. 새 잎 텐서(``requires_grad=True``)를 돌려줍니다."""
    params = as_four("params", params, tuple(SHAPES), Params)
    grads = as_four("grads", grads, GRAD_NAMES, Grads)
    dims = Dims()
    dtype = check_params(tuple(SHAPES), params, dims, torch=True, prefix="params.")
    check_params(GRAD_NAMES, grads, dims, torch=True, prefix="grads.", dtype=dtype)
    check_positive("lr", lr)
    return _sgd_step(params, grads, lr)


def loss_and_grads(x: torch.Tensor, y: torch.Tensor, params: Params[torch.Tensor],
                   *, output: str = "relu") -> tuple[float, Cache[torch.Tensor], Grads[torch.Tensor]]:
    """학습 한 걸음의 앞부분: 순전파 → 손실 → autograd. 캐시는 그래프에서 떼어 돌려줍니다(검사 없음)."""
    cache = _forward(x, *params, output)
    L = _loss_of(cache, y)
    grads = _backward(L, params)
    return L.item(), type(cache)(*(t.detach() for t in cache)), grads


def evaluate(x: torch.Tensor, y: torch.Tensor, params: Params[torch.Tensor],
             *, output: str = "relu") -> tuple[float, torch.Tensor]:
    """기울기 없이 손실과 예측만(그래프를 기록하지 않습니다)."""
    with torch.no_grad():
        cache = _forward(x, *params, output)
        return _loss_of(cache, y).item(), cache.y_pred


def prediction_gradient(x: np.ndarray, params: Params[np.ndarray]) -> Grads[torch.Tensor]:
    """∇θ ŷ: 예측 ŷ를 파라미터 W1, b1, W2, b2로 미분한 값(float64 autograd; 손실이 아니라 ŷ 자체). 5장의 선형 근사.

    x (1, d) 샘플 하나 · params = (W1 (d, h), b1 (1, h), W2 (h, 1), b2 (1, 1)), float64 numpy 배열.
    ``torch.autograd.grad``는 ``.grad``에 더하지 않고 기울기를 돌려주기만 하는 ``backward()``입니다.
    """
    params = as_four("params", params, tuple(SHAPES), Params)
    dims = Dims(n=1, k=1)
    dims.origin = dict.fromkeys(dims, "샘플 하나, 출력 하나의 예측 ŷ")
    check_params(tuple(SHAPES), params, dims, dtype=np.float64)
    check_array("x", x, CACHE_SHAPES["x"], dims, dtype=np.float64)
    (xt,) = to_torch([x], dtype=torch.float64)
    W1, b1, W2, b2 = p = to_torch(params, dtype=torch.float64, requires_grad=True)
    y_pred = _forward(xt, W1, b1, W2, b2).y_pred
    return Grads(*torch.autograd.grad(y_pred.sum(), p))  # ŷ가 하나뿐이므로 .sum()은 ŷ 그 자체


def sensitivity(x: np.ndarray, params: Params[np.ndarray]) -> float:
    """s = ‖∇θ ŷ‖²: 파라미터 모두에 대한 ∂ŷ/∂θ의 제곱의 합.

    가중치를 조금 바꿀 때 예측이 얼마나 민감하게 바뀌는지(5장). x, params는 ``prediction_gradient``와 같습니다.
    """
    return sum(float((g ** 2).sum()) for g in prediction_gradient(x, params))
