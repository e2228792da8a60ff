"""numpy로 쓴 두 층 신경망: 파라미터, 순전파와 캐시, 직접 미분한 역전파, 경사 하강 한 걸음.

    z1 = x @ W1 + b1,  a1 = ReLU(z1),  z2 = a1 @ W2 + b2,  y_pred = ReLU(z2)
    L = mean over n of 0.5 · Σ_k (y_pred − y)²

출력층과 손실은 짝으로 고릅니다(``output``): 책의 예제는 ``"relu"``(ReLU 출력, 제곱 오차 ``loss``),
7장의 분류는 ``"sigmoid"``(시그모이드 출력, 이진 교차 엔트로피 ``cross_entropy``). 교차 엔트로피는
y_pred가 아니라 로짓 z2에서 계산하므로(PyTorch의 ``binary_cross_entropy_with_logits``처럼) 어떤 유한한 z2에서도
유한하고, ``backward``가 언제나 바로 그 손실의 기울기입니다. 캐시는 어느 출력으로 만들었는지 기억합니다
(``cache.output``; 시그모이드 출력의 캐시는 ``SigmoidCache``).

모양: x (n, d) · W1 (d, h) · b1 (1, h) · W2 (h, k) · b2 (1, k) · y, y_pred (n, k).
책의 예제는 n = 1, d = 3, h = 2, k = 1입니다. 원본 노트북의 d 이름을 따라 ``dz2``는 ∂L/∂z2,
``dW1``은 ∂L/∂W1을 뜻합니다. PyTorch 판은 ``network_torch``에 같은 이름으로 있습니다.

공개 함수는 입구에서 ``_checks``의 함수로 인자를 검사한 뒤 밑줄로 시작하는 본문(``_forward`` …)을 부릅니다.
학습 루프와 기울기 검사처럼 같은 계산을 되풀이하는 곳은 본문을 바로 부릅니다.
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple, TypeVar

import numpy as np

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

OUTPUTS = ("relu", "sigmoid")
"""출력층과 손실의 짝: ReLU + 제곱 오차(책의 예제), 시그모이드 + 이진 교차 엔트로피(분류)."""

A = TypeVar("A")
"""배열의 타입: numpy 판에서는 ``np.ndarray``, PyTorch 판에서는 ``torch.Tensor``."""


class Params(NamedTuple, Generic[A]):
    """신경망의 파라미터 W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k)."""

    W1: A
    b1: A
    W2: A
    b2: A


class Cache(NamedTuple, Generic[A]):
    """순전파의 중간값(ReLU 출력으로 만든 것). 역전파가 그대로 다시 씁니다.

    x (n, d) · z1 (n, h) · a1 (n, h) · z2 (n, k) · y_pred (n, k)
    """

    x: A
    z1: A
    a1: A
    z2: A
    y_pred: A

    @property
    def output(self) -> str:
        """이 캐시를 만든 출력층: ``"relu"``."""
        return "relu"


class SigmoidCache(Cache[A]):
    """시그모이드 출력(``output="sigmoid"``)으로 만든 캐시. 필드는 ``Cache``와 같습니다."""

    __slots__ = ()

    @property
    def output(self) -> str:
        """이 캐시를 만든 출력층: ``"sigmoid"``."""
        return "sigmoid"


CACHES = {"relu": Cache, "sigmoid": SigmoidCache}


class Grads(NamedTuple, Generic[A]):
    """파라미터와 같은 모양의 기울기: dW1 (d, h), db1 (1, h), dW2 (h, k), db2 (1, k)."""

    dW1: A
    db1: A
    dW2: A
    db2: A


GRAD_NAMES = tuple("d" + name for name in SHAPES)


def relu(z: np.ndarray) -> np.ndarray:
    """ReLU(z) = max(0, z), 원소별. 모양과 자료형은 z와 같습니다."""
    return np.maximum(z, 0)


def relu_deriv(z: np.ndarray) -> np.ndarray:
    """ReLU의 도함수: z > 0이면 1, 아니면 0 (z = 0에서는 0으로 정합니다). 자료형은 z와 같습니다."""
    return (z > 0).astype(z.dtype)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """시그모이드 σ(z) = 1 / (1 + e^(−z)), 원소별. 모양과 자료형은 z와 같습니다.

    e^(−|z|)만 계산하므로(넘치지 않음) 아주 큰 |z|에서도 경고 없이 0 또는 1 가까이의 값입니다.
    """
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _loss(y_pred: np.ndarray, y: np.ndarray) -> float:
    return float(np.sum(0.5 * (y_pred - y) ** 2) / y.shape[0])


def _cross_entropy(z2: np.ndarray, y: np.ndarray) -> float:
    # −[y log σ(z) + (1 − y) log(1 − σ(z))] = y·softplus(−z) + (1 − y)·softplus(z),  softplus(t) = log(1 + e^t)
    # = log(1 + e^(−|z|)) + y·max(−z, 0) + (1 − y)·max(z, 0): 더하는 항이 모두 0 이상이라 자릿수를 잃지 않습니다.
    terms = np.log1p(np.exp(-np.abs(z2))) + y * np.maximum(-z2, 0) + (1 - y) * np.maximum(z2, 0)
    return float(np.sum(terms) / y.shape[0])


def _loss_of(cache: Cache[np.ndarray], y: np.ndarray) -> float:
    return _cross_entropy(cache.z2, y) if cache.output == "sigmoid" else _loss(cache.y_pred, y)


def loss(y_pred: np.ndarray, y: np.ndarray) -> float:
    """책의 손실(ReLU 출력과 짝): L = mean over n of 0.5 · Σ_k (y_pred − y)². y_pred (n, k), y (n, k).

    원본처럼 n = 1, k = 1이면 ``0.5 * (y_pred - y) ** 2``. 시그모이드 출력의 손실은 ``cross_entropy``입니다.
    """
    dims = Dims()
    dtype = check_array("y_pred", y_pred, ("n", "k"), dims)
    check_array("y", y, ("n", "k"), dims, dtype=dtype)
    return _loss(y_pred, y)


def cross_entropy(z2: np.ndarray, y: np.ndarray) -> float:
    """이진 교차 엔트로피를 로짓 z2에서: L = mean over n of Σ_k −[y log σ(z2) + (1 − y) log(1 − σ(z2))].

    z2 (n, k), y (n, k). ``y·softplus(−z2) + (1 − y)·softplus(z2)``로 계산하므로 σ(z2)가 0이나 1로 반올림되는
    큰 |z2|에서도 유한하고 정확합니다(σ(z2)에서 계산하면 log 0이 됩니다). y는 0과 1 사이여야 합니다.
    """
    dims = Dims()
    dtype = check_array("z2", z2, ("n", "k"), dims)
    check_array("y", y, ("n", "k"), dims, dtype=dtype)
    check_labels(y)
    return _cross_entropy(z2, y)


def check_labels(y: Any) -> None:
    """교차 엔트로피의 정답은 0과 1 사이(확률)여야 합니다. 그 밖이면 손실이 아래로 끝없이 내려갑니다."""
    if not bool(((y >= 0) & (y <= 1)).all()):
        raise ValueError(f"y: 시그모이드 출력(교차 엔트로피)의 정답은 0과 1 사이여야 하는데 "
                         f"{float(y.min())}부터 {float(y.max())}까지의 값을 받았습니다.")


def loss_of(cache: Cache[np.ndarray], y: np.ndarray) -> float:
    """캐시를 만든 출력층과 짝인 손실: ReLU면 ``loss(cache.y_pred, y)``, 시그모이드면 ``cross_entropy(cache.z2, y)``."""
    dims = Dims()
    dtype = check_cache("cache", cache, Cache, dims)
    check_array("y", y, ("n", "k"), dims, dtype=dtype)
    if cache.output == "sigmoid":
        check_labels(y)
    return _loss_of(cache, y)


def _forward(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray,
             output: str = "relu") -> Cache[np.ndarray]:
    z1 = x @ W1 + b1
    a1 = relu(z1)
    z2 = a1 @ W2 + b2
    y_pred = sigmoid(z2) if output == "sigmoid" else relu(z2)
    return CACHES[output](x, z1, a1, z2, y_pred)


def forward(x: np.ndarray, W1: np.ndarray, b1: np.ndarray,
            W2: np.ndarray, b2: np.ndarray, *, output: str = "relu") -> Cache[np.ndarray]:
    """순전파. x (n, d)와 파라미터 → 중간값을 모두 담은 ``Cache``. 출력층은 ReLU(또는 시그모이드).

    모든 배열은 같은 자료형(float32 또는 float64)의 numpy 배열이어야 합니다(``_checks`` 참고).
    """
    dims = Dims()
    dtype = check_params(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2), dims)
    check_array("x", x, CACHE_SHAPES["x"], dims, dtype=dtype)
    check_choice("output", output, OUTPUTS)
    return _forward(x, W1, b1, W2, b2, output)


def _backward(y: np.ndarray, cache: Cache[np.ndarray], W2: np.ndarray) -> Grads[np.ndarray]:
    x, z1, a1, z2, y_pred = cache
    n = x.shape[0]
    if cache.output == "sigmoid":
        dz2 = (y_pred - y) / n
    else:
        dy_pred = (y_pred - y) / n
        dz2 = dy_pred * relu_deriv(z2)
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    dz1 = dz2 @ W2.T * relu_deriv(z1)
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)
    return Grads(dW1, db1, dW2, db2)


def backward(y: np.ndarray, cache: Cache[np.ndarray], W2: np.ndarray,
             *, output: str | None = None) -> Grads[np.ndarray]:
    """손실의 기울기를 연쇄 법칙으로 구합니다(출력층 → 입력 쪽). y (n, k), cache는 ``forward``의 것, W2 (h, k).

    dy_pred = (y_pred − y) / n           (n, k)
    dz2 = dy_pred * ReLU'(z2)            (n, k)
    dW2 = a1ᵀ @ dz2,  db2 = Σ_행 dz2     (h, k), (1, k)
    dz1 = (dz2 @ W2ᵀ) * ReLU'(z1)        (n, h)
    dW1 = xᵀ @ dz1,   db1 = Σ_행 dz1     (d, h), (1, h)

    n = 1이면 ``/ n``과 행의 합이 아무것도 바꾸지 않아 2장의 식과 같습니다.
    시그모이드 출력의 캐시(``SigmoidCache``)이면 σ'(z2) = y_pred(1 − y_pred)가 ∂L/∂y_pred의 분모와 약분되어
    dz2 = (y_pred − y) / n 입니다(7장). ``output``을 주면 캐시를 만든 출력과 같아야 합니다.
    """
    dims = Dims()
    dtype = check_cache("cache", cache, Cache, dims)  # 캐시(forward가 만든 것)가 모양을 정합니다
    check_array("y", y, ("n", "k"), dims, dtype=dtype)
    check_array("W2", W2, SHAPES["W2"], dims, dtype=dtype)
    if output is not None:
        check_choice("output", output, OUTPUTS)
        if output != cache.output:
            raise ValueError(f"output: cache를 만든 출력층과 같은 {cache.output!r}이어야 하는데 "
                             f"{output!r}을(를) 받았습니다(forward(..., output={output!r})로 다시 순전파하세요).")
    if cache.output == "sigmoid":
        check_labels(y)
    return _backward(y, cache, W2)


def _sgd_step(params: Params[np.ndarray], grads: Grads[np.ndarray], lr: float) -> Params[np.ndarray]:
    return Params(*(p - lr * g for p, g in zip(params, grads)))


def check_example(x: Any, y: Any, params: Any) -> Params[np.ndarray]:
    """입구 검사: x (n, d), y (n, k)와 params(네 배열)가 서로 맞는 모양과 같은 자료형인지. ``Params``를 돌려줍니다."""
    params = as_four("params", params, tuple(SHAPES), Params)
    dims = Dims()
    dtype = check_params(tuple(SHAPES), params, dims, prefix="params.")
    check_array("x", x, ("n", "d"), dims, dtype=dtype)
    check_array("y", y, ("n", "k"), dims, dtype=dtype)
    return params


def sgd_step(params: Params[np.ndarray], grads: Grads[np.ndarray], lr: float) -> Params[np.ndarray]:
    """경사 하강 한 걸음: θ ← θ − lr · dθ. 새 배열을 돌려주고 입력은 바꾸지 않습니다.

    ``params``와 ``grads``는 ``Params``/``Grads`` 또는 네 배열의 튜플, 같은 모양과 자료형.
    """
    params = as_four("params", params, tuple(SHAPES), Params)
    grads = as_four("grads", grads, GRAD_NAMES, Grads)
    dims = Dims()
    dtype = check_params(tuple(SHAPES), params, dims, prefix="params.")
    check_params(GRAD_NAMES, grads, dims, prefix="grads.", dtype=dtype)
    check_positive("lr", lr)
    return _sgd_step(params, grads, lr)


def loss_and_grads(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
                   *, output: str = "relu") -> tuple[float, Cache[np.ndarray], Grads[np.ndarray]]:
    """학습 한 걸음의 앞부분: 순전파 → 손실 → 역전파. ``training.train``이 되풀이해 부릅니다(검사 없음)."""
    cache = _forward(x, *params, output)
    return _loss_of(cache, y), cache, _backward(y, cache, params.W2)


def evaluate(x: np.ndarray, y: np.ndarray, params: Params[np.ndarray],
             *, output: str = "relu") -> tuple[float, np.ndarray]:
    """기울기 없이 손실과 예측만(미니배치 학습에서 에폭마다 전체 데이터를 잴 때). 검사하지 않습니다."""
    cache = _forward(x, *params, output)
    return _loss_of(cache, y), cache.y_pred
