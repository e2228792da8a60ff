"""층(layer): 저마다 ``forward``와 ``backward``를 가진 작은 부품. 쌓으면 어떤 깊이의 신경망이든 됩니다(8장).

층은 순전파 때 역전파에 필요한 값을 자기 안에 적어 둡니다(캐시: ``Affine.x``, ``ReLU.mask`` …).
``backward(d)``는 위에서 온 기울기 d(= ∂L/∂(이 층의 출력))를 받아 ∂L/∂(이 층의 입력)을 돌려주고,
파라미터가 있는 층은 그 기울기(``dW``, ``db``)를 적어 둡니다. 손실 층의 ``backward()``가 출발점
∂L/∂(마지막 층의 출력)을 줍니다(손실 층 위에서 온 기울기는 ∂L/∂L = 1이라 인자가 없습니다).

    layers = book_layers(ex.params)              # Affine → ReLU → Affine → ReLU: 1장의 신경망
    loss_layer = HalfSquaredError()              # 손실 층도 forward/backward
    L = loss_layer.forward(forward_layers(layers, ex.x), ex.y)
    backward_layers(layers, loss_layer.backward())   # for layer in reversed(layers)

모양: x (n, d), 은닉층 (n, h), 출력 (n, k). W (들어오는 수, 나가는 수), b (1, 나가는 수).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._checks import SHAPES, Dims, as_four, check_array, check_positive, check_seed
from .network import Params, sigmoid


class Affine:
    """가중합 z = x @ W + b.  x (n, d) · W (d, m) · b (1, m) → z (n, m).

    역전파(2장의 두 전치): dW = xᵀ @ dz, db = Σ_행 dz, 그리고 입력 쪽으로 dx = dz @ Wᵀ.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray) -> None:
        dims = Dims()
        dtype = check_array("W", W, ("d", "m"), dims)
        check_array("b", b, (1, "m"), dims, dtype=dtype)
        self.W, self.b = W, b
        self.x: np.ndarray | None = None          # 캐시: 순전파의 입력
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        dims = Dims(d=self.W.shape[0])
        dims.origin = {"d": "이 Affine 층의 W의 행 수"}
        check_array("x", x, ("n", "d"), dims, dtype=self.W.dtype)
        self.x = x
        return x @ self.W + self.b

    def backward(self, dz: np.ndarray) -> np.ndarray:
        x = _cached(self.x, "Affine")
        check_array("dz", dz, (x.shape[0], self.W.shape[1]), Dims(), dtype=self.W.dtype)
        self.dW = x.T @ dz
        self.db = dz.sum(axis=0, keepdims=True)
        return dz @ self.W.T


class ReLU:
    """a = max(0, z), 원소별. 역전파: 켜진 곳(z > 0)만 기울기를 통과시킵니다(z = 0에서는 0으로 정함)."""

    def __init__(self) -> None:
        self.mask: np.ndarray | None = None       # 캐시: z > 0인 곳
        self.dtype: Any = None                    # 순전파의 자료형(역전파의 da도 같아야 합니다)

    def forward(self, z: np.ndarray) -> np.ndarray:
        self.dtype = check_array("z", z, ("n", "m"), Dims())
        self.mask = z > 0
        return np.maximum(z, 0)

    def backward(self, da: np.ndarray) -> np.ndarray:
        mask = _cached(self.mask, "ReLU")
        check_array("da", da, mask.shape, Dims(), dtype=self.dtype)
        return da * mask.astype(da.dtype)   # True/False → 1.0/0.0


class Sigmoid:
    """a = σ(z), 원소별. 역전파: 국소 기울기 σ′(z) = a(1 − a) ≤ 1/4."""

    def __init__(self) -> None:
        self.out: np.ndarray | None = None        # 캐시: 순전파의 출력 a

    def forward(self, z: np.ndarray) -> np.ndarray:
        check_array("z", z, ("n", "m"), Dims())
        self.out = sigmoid(z)
        return self.out

    def backward(self, da: np.ndarray) -> np.ndarray:
        a = _cached(self.out, "Sigmoid")
        check_array("da", da, a.shape, Dims(), dtype=a.dtype)
        return da * a * (1 - a)


class HalfSquaredError:
    """책의 손실 L = (1/n) Σ ½(ŷ − y)².  forward(ŷ (n, k), y (n, k)) → L,  backward() → ∂L/∂ŷ = (ŷ − y)/n."""

    def __init__(self) -> None:
        self.diff: np.ndarray | None = None

    def forward(self, y_pred: np.ndarray, y: np.ndarray) -> float:
        dims = Dims()
        dtype = check_array("y_pred", y_pred, ("n", "k"), dims)
        check_array("y", y, ("n", "k"), dims, dtype=dtype)
        self.diff = y_pred - y
        return float(np.sum(0.5 * self.diff ** 2) / y.shape[0])

    def backward(self) -> np.ndarray:
        diff = _cached(self.diff, "HalfSquaredError")
        return diff / diff.shape[0]


class SoftmaxCrossEntropy:
    """소프트맥스와 다중 분류 교차 엔트로피를 한 층으로: z (n, k)는 로짓, y (n, k)는 원-핫 정답.

    p = softmax(z)(행마다 합 1), L = −(1/n) Σ_i Σ_j y[i,j] log p[i,j].  backward() → ∂L/∂z = (p − y)/n.
    log p는 z에서 행마다 가장 큰 값을 빼고 계산합니다(e^z가 넘치지 않도록; 값은 같습니다).
    """

    def __init__(self) -> None:
        self.p: np.ndarray | None = None
        self.y: np.ndarray | None = None

    def forward(self, z: np.ndarray, y: np.ndarray) -> float:
        dims = Dims()
        dtype = check_array("z", z, ("n", "k"), dims)
        check_array("y", y, ("n", "k"), dims, dtype=dtype)
        bad = np.flatnonzero(~(np.isin(y, (0, 1)).all(axis=1) & (y.sum(axis=1) == 1)))
        if bad.size:
            raise ValueError(f"y: 행마다 1이 정확히 하나이고 나머지는 0인 원-핫 배열이어야 하는데 "
                             f"행 {bad[0]}이(가) {y[bad[0]].tolist()}입니다.")
        shifted = z - z.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.p, self.y = np.exp(log_p), y
        return float(-(y * log_p).sum() / y.shape[0])

    def backward(self) -> np.ndarray:
        p, y = _cached(self.p, "SoftmaxCrossEntropy"), _cached(self.y, "SoftmaxCrossEntropy")
        return (p - y) / y.shape[0]


def _check_layers(layers: Any) -> None:
    if not (isinstance(layers, list) and layers
            and all(hasattr(layer, "forward") and hasattr(layer, "backward") for layer in layers)):
        raise TypeError(f"layers: forward와 backward를 가진 층들의 리스트여야 하는데 "
                        f"{type(layers).__name__}을(를) 받았습니다.")


def forward_layers(layers: list[Any], x: np.ndarray) -> np.ndarray:
    """층들을 앞에서부터 차례로: x → 첫 층 → … → 마지막 층의 출력."""
    _check_layers(layers)
    for layer in layers:
        x = layer.forward(x)
    return x


def backward_layers(layers: list[Any], d: np.ndarray) -> np.ndarray:
    """층들을 거꾸로: 마지막 층의 출력에 대한 기울기 d를 받아 입력에 대한 기울기를 돌려줍니다.

    지나가며 Affine 층마다 ``dW``, ``db``가 적힙니다. 이것이 역전파의 전부입니다.
    """
    _check_layers(layers)
    for layer in reversed(layers):
        d = layer.backward(d)
    return d


def sgd_update(layers: list[Any], lr: float) -> None:
    """경사 하강 한 걸음: Affine 층마다 W ← W − lr·dW, b ← b − lr·db (새 배열로 바꿔 넣습니다)."""
    check_positive("lr", lr)
    _check_layers(layers)
    for layer in layers:
        if isinstance(layer, Affine):
            if layer.dW is None or layer.db is None:
                raise RuntimeError("Affine: sgd_update보다 backward를 먼저 불러야 합니다(dW가 아직 없습니다).")
            layer.W = layer.W - lr * layer.dW
            layer.b = layer.b - lr * layer.db


def book_layers(params: Any) -> list[Any]:
    """1장의 신경망(Affine → ReLU → Affine → ReLU)을 층으로. params = (W1, b1, W2, b2).

    층은 받은 배열을 그대로 씁니다(복사하지 않음). ``sgd_update``는 새 배열로 바꿔 넣으므로 원래 배열은 그대로이지만,
    ``layer.W -= …``처럼 제자리에서 고치면 원래 배열도 바뀝니다.
    """
    W1, b1, W2, b2 = as_four("params", params, tuple(SHAPES), Params)
    return [Affine(W1, b1), ReLU(), Affine(W2, b2), ReLU()]


def stack(sizes: list[int], activation: type = ReLU, *, gain: float = 1.0, seed: int = 0) -> list[Any]:
    """층 너비 ``sizes`` = [d, h1, …, k]의 신경망: Affine, 활성화, Affine, 활성화, …, 마지막 Affine(활성화 없음).

    W ~ 정규분포(0, σ²), σ = gain·√(2/들어오는 수): gain = 1이면 6장의 He 초기화. 편향은 0. 같은 seed면 같은 가중치.
    """
    if not (isinstance(sizes, list) and len(sizes) >= 2):
        raise ValueError(f"sizes: 양의 정수 두 개 이상의 리스트([입력, …, 출력])여야 하는데 "
                         f"{sizes!r}을(를) 받았습니다.")
    for i, size in enumerate(sizes):
        if not (isinstance(size, numbers.Integral) and not isinstance(size, bool) and size > 0):
            raise ValueError(f"sizes[{i}]: 양의 정수(층의 너비)여야 하는데 {size!r}을(를) 받았습니다.")
    if isinstance(activation, (ReLU, Sigmoid)):
        raise ValueError(f"activation: 층을 만들 클래스여야 하는데 {type(activation).__name__}() 객체를 받았습니다. "
                         f"괄호 없이 {type(activation).__name__}을(를) 넘기세요.")
    if activation not in (ReLU, Sigmoid):
        raise ValueError(f"activation: ReLU 또는 Sigmoid(괄호 없는 클래스)여야 하는데 {activation!r}을(를) 받았습니다.")
    sizes = [int(size) for size in sizes]
    check_positive("gain", gain)
    check_seed(seed)
    rng = np.random.default_rng(seed)
    layers: list[Any] = []
    for i, (m_in, m_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(Affine(rng.normal(0.0, gain * np.sqrt(2.0 / m_in), (m_in, m_out)), np.zeros((1, m_out))))
        if i < len(sizes) - 2:
            layers.append(activation())
    return layers


def gradient_norms(layers: list[Any], x: np.ndarray, y: np.ndarray) -> list[float]:
    """한 번의 순전파·역전파(소프트맥스 + 교차 엔트로피)에서 Affine 층마다의 ‖dW‖(원소 제곱합의 제곱근), 입력 쪽부터.

    x (n, d) · y (n, k) 원-핫. 층의 가중치는 바꾸지 않습니다.
    """
    loss_layer = SoftmaxCrossEntropy()
    loss_layer.forward(forward_layers(layers, x), y)
    backward_layers(layers, loss_layer.backward())
    return [float(np.linalg.norm(_cached(layer.dW, "Affine"))) for layer in layers if isinstance(layer, Affine)]


def _cached(value: np.ndarray | None, layer: str) -> np.ndarray:
    if value is None:
        raise RuntimeError(f"{layer}: backward보다 forward를 먼저 불러야 합니다(역전파에 쓸 캐시가 아직 없습니다).")
    return value
