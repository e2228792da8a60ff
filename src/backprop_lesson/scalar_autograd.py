"""스칼라 자동 미분: 숫자 하나를 담는 ``Value``와 그 연산들로 만든 계산 그래프, 그리고 역전파.

Karpathy의 micrograd를 본떠, 한 화면에 읽히도록 작게 썼습니다.

- ``Value``: 값(``data``), 기울기(``grad``), 입력들(``inputs``), 국소 역전파 규칙을 담습니다.
  연산(+, −, ×, /, **, relu, tanh, exp)마다 "위에서 온 기울기 × 국소 기울기"를 입력의 ``grad``에 **더합니다**.
- ``topological_order``: 입력이 언제나 그 값을 쓰는 노드보다 먼저 오는 순서.
- ``Value.backward``: dL/dL = 1에서 시작해 그 순서를 거꾸로 걸으며 규칙을 부릅니다.
- ``build_network``: 책의 신경망(샘플 하나)을 ``Value``로 짓고, 기울기를 numpy 배열로 읽는 도우미.

전역 상태는 없습니다. 그래프는 ``Value``들이 서로를 가리키는 것으로만 존재합니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import numpy as np

from ._checks import Dims, check_array, check_params
from .network import Grads


def _real(name: str, v: Any, also: str = "") -> float:
    """``v``가 유한한 실수이면 float로, 아니면 인자 이름을 담은 오류. ``also``: 그 밖에 받는 것(오류 글에)."""
    if not isinstance(v, numbers.Real) or isinstance(v, bool):
        raise TypeError(f"{name}: 실수(int 또는 float){also}여야 하는데 "
                        f"{type(v).__name__} {v!r}을(를) 받았습니다.")
    if not math.isfinite(v):
        raise ValueError(f"{name}: 유한한 실수여야 하는데 {v!r}을(를) 받았습니다.")
    return float(v)


class Value:
    """계산 그래프의 노드 하나: 스칼라 값과 그 기울기 dL/d(이 값).

    ``Value(2.0)``처럼 만들고 ``+ - * / **``, ``-a``, ``relu() tanh() exp()``로 새 ``Value``를 만듭니다.
    숫자와 섞어 써도 됩니다(``1 + -a``, ``2.0 / a``). 새 값은 자기 입력들(``inputs``)과 국소 역전파 규칙
    (``_backward``)을 기억합니다. 연산의 결과는 ``type(self)``이므로 하위 클래스로 만든 그래프는 끝까지
    그 클래스입니다(``accumulate_grad``를 바꿔 보는 실험용).
    """

    def __init__(self, data: float, inputs: Iterable[Value] = (), op: str = "",
                 label: str = "") -> None:
        self.inputs = tuple(inputs)  # 이 값을 계산할 때 쓴 값들(잎이면 비어 있음)
        self.data = _real(f"{op}의 결과" if self.inputs else "data", data)  # 예: 1e200 * 1e200은 넘칩니다
        self.grad = 0.0
        self.op = op          # 이 값을 만든 연산: '+', '×', 'ReLU' … (잎이면 '')
        self.label = label    # 그림과 출력에 쓰는 이름: 'W1[0,1]' …
        self._backward: Callable[[], None] = lambda: None  # 잎(입력, 파라미터)에는 규칙이 없습니다

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data!r}, grad={self.grad!r})"

    def accumulate_grad(self, g: float) -> None:
        """이 값의 기울기에 ``g``를 **더합니다**. 이 값이 여러 곳에 쓰였으면 쓰인 곳마다 한 번씩 불립니다."""
        self.grad += g

    def _wrap(self, other: Any) -> Value:
        return other if isinstance(other, Value) else type(self)(_real("other", other, " 또는 Value"))

    def __add__(self, other: Any) -> Value:
        other = self._wrap(other)
        out = type(self)(self.data + other.data, (self, other), "+")

        def rule() -> None:  # 덧셈: 국소 기울기 1, 위에서 온 기울기를 입력 모두에게 그대로 보냅니다(나누지 않음)
            self.accumulate_grad(out.grad)
            other.accumulate_grad(out.grad)
        out._backward = rule
        return out

    def __mul__(self, other: Any) -> Value:
        other = self._wrap(other)
        out = type(self)(self.data * other.data, (self, other), "×")

        def rule() -> None:  # 곱셈: 국소 기울기는 상대편의 값(입력을 맞바꿉니다)
            self.accumulate_grad(other.data * out.grad)
            other.accumulate_grad(self.data * out.grad)
        out._backward = rule
        return out

    def __sub__(self, other: Any) -> Value:
        other = self._wrap(other)
        out = type(self)(self.data - other.data, (self, other), "-")

        def rule() -> None:  # 뺄셈: 국소 기울기 1과 -1
            self.accumulate_grad(out.grad)
            other.accumulate_grad(-out.grad)
        out._backward = rule
        return out

    def __neg__(self) -> Value:  # -a = a × (-1)
        return self * -1.0

    def __pow__(self, exponent: Any) -> Value:
        if isinstance(exponent, Value):
            raise TypeError("exponent: 지수는 숫자(int 또는 float)여야 하는데 Value를 받았습니다"
                            "(이 Value는 a ** 2처럼 숫자 지수만 미분합니다).")
        k = _real("exponent", exponent)
        if self.data < 0 and not k.is_integer():
            raise ValueError(f"exponent: 밑이 음수({self.data!r})이면 지수는 정수여야 하는데 {exponent!r}을(를) "
                             "받았습니다(실수로는 값이 없습니다).")
        if self.data == 0 and k < 0:
            raise ZeroDivisionError(f"exponent: 밑이 0이면 지수는 0 이상이어야 하는데 {exponent!r}을(를) 받았습니다"
                                    "(0으로 나누기).")
        out = type(self)(self.data ** k, (self,), f"^{exponent}")

        def rule() -> None:  # 거듭제곱: 국소 기울기 k·a^(k-1)
            self.accumulate_grad(k * self.data ** (k - 1) * out.grad)
        out._backward = rule
        return out

    def __truediv__(self, other: Any) -> Value:  # a / b = a × b^(-1)
        other = self._wrap(other)
        if other.data == 0:
            raise ZeroDivisionError(f"{self.data!r} / {other.data!r}: 나누는 값(분모)이 0입니다.")
        return self * other ** -1

    def relu(self) -> Value:
        out = type(self)(max(0.0, self.data), (self,), "ReLU")

        def rule() -> None:  # ReLU: 입력이 양수면 통과(1), 아니면 막습니다(0; 0에서도 0으로 정함)
            self.accumulate_grad((1.0 if self.data > 0 else 0.0) * out.grad)
        out._backward = rule
        return out

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        out = type(self)(t, (self,), "tanh")

        def rule() -> None:  # tanh: 국소 기울기 1 − tanh²
            self.accumulate_grad((1 - t * t) * out.grad)
        out._backward = rule
        return out

    def exp(self) -> Value:
        e = math.exp(self.data) if self.data < 709.78 else math.inf  # 그 위는 float64를 넘칩니다
        out = type(self)(e, (self,), "exp")

        def rule() -> None:  # exp: 국소 기울기는 자기 자신 e^a
            self.accumulate_grad(e * out.grad)
        out._backward = rule
        return out

    def __radd__(self, other: Any) -> Value:  # 3 + v, sum([...])
        return self._wrap(other) + self

    def __rsub__(self, other: Any) -> Value:  # 3 - v
        return self._wrap(other) - self

    def __rmul__(self, other: Any) -> Value:  # 0.5 * v
        return self._wrap(other) * self

    def __rtruediv__(self, other: Any) -> Value:  # 2.0 / v
        return self._wrap(other) / self

    def backward(self) -> None:
        """이 값(보통 손실 L)에서 그래프의 모든 값으로 기울기를 보냅니다.

        중간 노드의 기울기는 0에서 다시 시작하고, 잎(입력과 파라미터)의 ``grad``에는 **더합니다**.
        PyTorch처럼, 두 번 부르면 잎의 기울기가 두 번 쌓입니다(그래서 학습 루프는 매번 0으로 되돌립니다).
        이 값 자신이 잎이면(``Value(2.0).backward()``) 그 기울기에도 1을 더합니다(PyTorch와 같음).
        """
        order = topological_order(self)
        for v in order:
            if v.inputs:  # 중간 노드는 0에서 다시, 잎은 그대로(쌓입니다)
                v.grad = 0.0
        self.accumulate_grad(1.0)  # dL/dL = 1
        for v in reversed(order):  # 값을 쓰는 노드가 언제나 그 입력보다 먼저
            v._backward()


def topological_order(root: Value) -> list[Value]:
    """``root``에 닿는 모든 ``Value``를, 입력이 그것을 쓰는 노드보다 앞에 오도록 나열합니다.

    깊이 우선: 자기 입력들을 모두 (재귀로) 넣은 뒤에 자기를 넣습니다. 두 곳에 쓰인 값도 한 번만 들어갑니다.
    재귀의 깊이는 Python의 한도(기본 1000)까지입니다. 이 책의 그래프는 깊이가 13입니다.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root: Value여야 하는데 {type(root).__name__}을(를) 받았습니다.")
    order: list[Value] = []
    seen: set[int] = set()

    def visit(v: Value) -> None:
        if id(v) not in seen:
            seen.add(id(v))
            for u in v.inputs:
                visit(u)
            order.append(v)

    visit(root)
    return order


# ---- 책의 신경망을 Value로 ----

class ValueNetwork(NamedTuple):
    """``build_network``가 지은 그래프. 배열 필드는 ``Value``를 담은 numpy 배열(dtype=object)입니다.

    x (1, d) · W1 (d, h) · b1 (1, h) · W2 (h, k) · b2 (1, k) · y (1, k)
    z1, a1 (1, h) · z2, y_pred (1, k) · L (``Value`` 하나)
    """

    x: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    y: np.ndarray
    z1: np.ndarray
    a1: np.ndarray
    z2: np.ndarray
    y_pred: np.ndarray
    L: Value

    def grads(self) -> Grads[np.ndarray]:
        """파라미터의 기울기를 2장의 ``Grads``(dW1, db1, dW2, db2)와 같은 모양의 float 배열로."""
        return Grads(*(grad_of(p) for p in (self.W1, self.b1, self.W2, self.b2)))


def data_of(values: np.ndarray) -> np.ndarray:
    """``Value``들의 배열 → 값(``data``)의 float 배열, 모양은 그대로."""
    return np.array([v.data for v in values.flat]).reshape(values.shape)


def grad_of(values: np.ndarray) -> np.ndarray:
    """``Value``들의 배열 → 기울기(``grad``)의 float 배열, 모양은 그대로."""
    return np.array([v.grad for v in values.flat]).reshape(values.shape)


def _values(a: np.ndarray, name: str, value_type: type[Value]) -> np.ndarray:
    """float 배열 → 같은 모양의 Value 배열. 이름은 x[i], b1[j], W1[i,j]처럼 (1, m)은 한 첨자로."""
    grid = np.empty(a.shape, dtype=object)
    for i, j in np.ndindex(a.shape):
        index = f"{j}" if a.shape[0] == 1 else f"{i},{j}"
        grid[i, j] = value_type(float(a[i, j]), label=f"{name}[{index}]")
    return grid


def build_network(x: np.ndarray, y: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray,
                  b2: np.ndarray, value_type: type[Value] = Value) -> ValueNetwork:
    """책의 신경망을 ``Value``로 짓습니다(샘플 하나). ``build_network(*example())``처럼 씁니다.

    z1[j] = Σ_i x[i]·W1[i,j] + b1[j],  a1 = ReLU(z1),  z2[m] = Σ_j a1[j]·W2[j,m] + b2[m],
    y_pred = ReLU(z2),  L = Σ_m 0.5·(y_pred[m] − y[m])².  합은 i = 0부터 차례로 더합니다.
    x (1, d), y (1, k), W1 (d, h), b1 (1, h), W2 (h, k), b2 (1, k). 기울기는 ``L.backward()`` 뒤에 읽습니다.
    """
    dims = Dims()
    dtype = check_params(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2), dims)
    check_array("x", x, (1, "d"), dims, dtype=dtype)
    check_array("y", y, (1, "k"), dims, dtype=dtype)
    if not (isinstance(value_type, type) and issubclass(value_type, Value)):
        raise TypeError(f"value_type: Value나 그 하위 클래스여야 하는데 {value_type!r}을(를) 받았습니다.")
    names = ("x", "y", "W1", "b1", "W2", "b2")
    xv, yv, W1v, b1v, W2v, b2v = (_values(np.asarray(a, dtype=np.float64), n, value_type)
                                  for n, a in zip(names, (x, y, W1, b1, W2, b2)))

    def layer(inputs: np.ndarray, W: np.ndarray, b: np.ndarray, z_name: str,
              a_name: str) -> tuple[np.ndarray, np.ndarray]:
        z = np.empty((1, W.shape[1]), dtype=object)
        a = np.empty_like(z)
        for j in range(W.shape[1]):
            s = inputs[0, 0] * W[0, j]
            for i in range(1, W.shape[0]):
                s = s + inputs[0, i] * W[i, j]
            z[0, j] = s + b[0, j]
            z[0, j].label = f"{z_name}[{j}]"
            a[0, j] = z[0, j].relu()
            a[0, j].label = f"{a_name}[{j}]"
        return z, a

    z1, a1 = layer(xv, W1v, b1v, "z1", "a1")
    z2, y_pred = layer(a1, W2v, b2v, "z2", "y_pred")
    L = 0.5 * (y_pred[0, 0] - yv[0, 0]) ** 2
    for m in range(1, y_pred.shape[1]):
        L = L + 0.5 * (y_pred[0, m] - yv[0, m]) ** 2
    L.label = "L"
    return ValueNetwork(xv, W1v, b1v, W2v, b2v, yv, z1, a1, z2, y_pred, L)
