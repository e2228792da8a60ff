"""층(layers): 책의 신경망을 층으로 쌓으면 2장의 기울기와 같고, 1…6층의 재귀가 PyTorch autograd(float64)와 같고,
소프트맥스 + 교차 엔트로피의 기울기가 (softmax − onehot)/n이며, 잘못된 입력에는 한국어 오류가 납니다.

기대값은 원본 노트북이 출력한 값, PyTorch의 autograd, 또는 중앙 차분에서 옵니다.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from backprop_lesson import backward, example, forward
from backprop_lesson.layers import (
    Affine,
    HalfSquaredError,
    ReLU,
    Sigmoid,
    SoftmaxCrossEntropy,
    backward_layers,
    book_layers,
    forward_layers,
    sgd_update,
    stack,
)

ORIGINAL = {  # 원본 노트북의 '---역전파---' 출력
    "dW1": [[-0.3, 0.15], [-0.48, 0.24], [-0.12, 0.06]], "db1": [[-0.6, 0.3]],
    "dW2": [[-0.24], [-0.42]], "db2": [[-0.3]],
}


def test_the_books_network_as_layers_gives_chapter_2s_gradients_exactly():
    ex = example()
    layers = book_layers(ex.params)
    loss_layer = HalfSquaredError()
    L = loss_layer.forward(forward_layers(layers, ex.x), ex.y)
    backward_layers(layers, loss_layer.backward())
    first, _, second, _ = layers
    mine = {"dW1": first.dW, "db1": first.db, "dW2": second.dW, "db2": second.db}
    for name, value in ORIGINAL.items():
        np.testing.assert_allclose(mine[name], value, rtol=1e-12, atol=1e-15, err_msg=name)
    chapter2 = backward(ex.y, forward(ex.x, *ex.params), ex.W2)
    for name, g in zip(chapter2._fields, chapter2):
        np.testing.assert_array_equal(mine[name], g, err_msg=name)  # 같은 연산, 같은 순서: 비트까지
    assert L == 0.04500000000000008  # 원본이 출력한 손실


def torch_gradients(layers, x, y, loss):
    """같은 가중치의 PyTorch 신경망(float64)에서 autograd로 구한 dW, db 들."""
    params = []
    h = torch.tensor(x)
    for layer in layers:
        if isinstance(layer, Affine):
            W = torch.tensor(layer.W, requires_grad=True)
            b = torch.tensor(layer.b, requires_grad=True)
            params += [W, b]
            h = h @ W + b
        elif isinstance(layer, ReLU):
            h = torch.relu(h)
        else:
            h = torch.sigmoid(h)
    target = torch.tensor(y)
    if loss == "softmax":
        L = F.cross_entropy(h, target.argmax(dim=1))
    else:
        L = (0.5 * (h - target) ** 2).sum() / target.shape[0]
    L.backward()
    return L.item(), [p.grad.numpy() for p in params if p.grad is not None]


@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("activation", [ReLU, Sigmoid])
@pytest.mark.parametrize("loss", ["half_mse", "softmax"])
def test_the_backward_recursion_matches_pytorch_for_any_depth(depth, activation, loss):
    rng = np.random.default_rng(depth * 10 + (activation is Sigmoid))
    sizes = [int(s) for s in rng.integers(1, 7, size=depth + 1)]
    sizes[-1] = max(sizes[-1], 2) if loss == "softmax" else sizes[-1]
    n = int(rng.integers(1, 9))
    layers = stack(sizes, activation, seed=depth)
    x = rng.normal(size=(n, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=n)] if loss == "softmax" else rng.normal(size=(n, sizes[-1]))
    loss_layer = SoftmaxCrossEntropy() if loss == "softmax" else HalfSquaredError()
    L = loss_layer.forward(forward_layers(layers, x), y)
    dx = backward_layers(layers, loss_layer.backward())
    L_torch, grads_torch = torch_gradients(layers, x, y, loss)
    assert L == pytest.approx(L_torch, rel=1e-12, abs=1e-15)
    mine = [g for layer in layers if isinstance(layer, Affine) for g in (layer.dW, layer.db)]
    assert len(mine) == 2 * depth
    for a, b in zip(mine, grads_torch):
        assert a is not None
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-13)
    assert dx.shape == x.shape


def test_softmax_cross_entropy_gradient_is_softmax_minus_onehot_over_n_and_stable():
    z = np.array([[0.0, 0.0, 0.0], [1000.0, 0.0, -1000.0], [2.0, 1.0, 0.1]])
    y = np.eye(3)[[0, 2, 1]]
    layer = SoftmaxCrossEntropy()
    L = layer.forward(z, y)
    zt = torch.tensor(z, requires_grad=True)
    Lt = F.cross_entropy(zt, torch.tensor([0, 2, 1]))
    Lt.backward()
    assert np.isfinite(L) and L == pytest.approx(Lt.item(), rel=1e-12)
    assert zt.grad is not None
    np.testing.assert_allclose(layer.backward(), zt.grad.numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(layer.backward()[0], (np.full(3, 1 / 3) - [1, 0, 0]) / 3, rtol=1e-12)


def test_a_deep_sigmoid_stack_agrees_with_central_differences():
    layers = stack([3, 4, 4, 4, 2], Sigmoid, seed=1)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(5, 3)), np.eye(2)[rng.integers(0, 2, size=5)]
    loss_layer = SoftmaxCrossEntropy()
    loss_layer.forward(forward_layers(layers, x), y)
    backward_layers(layers, loss_layer.backward())
    W = layers[2].W
    numeric = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        old = W[idx]
        W[idx] = old + 1e-6
        up = SoftmaxCrossEntropy().forward(forward_layers(layers, x), y)
        W[idx] = old - 1e-6
        down = SoftmaxCrossEntropy().forward(forward_layers(layers, x), y)
        W[idx] = old
        numeric[idx] = (up - down) / 2e-6
    np.testing.assert_allclose(layers[2].dW, numeric, rtol=1e-6, atol=1e-9)


def relu_backward_given_float32():
    relu = ReLU()
    relu.forward(np.ones((1, 2)))
    return relu.backward(np.ones((1, 2), dtype=np.float32))  # 순전파는 float64


@pytest.mark.parametrize("call, error, message", [
    (lambda: Affine(np.ones((2, 3)), np.ones((1, 2))), ValueError, r"^b: 모양이 \(1, 3\)"),
    (lambda: Affine([[1.0]], np.ones((1, 1))), TypeError, r"^W: "),  # type: ignore[arg-type]  # 일부러 잘못된 입력
    (lambda: Affine(np.ones((2, 3)), np.zeros((1, 3))).forward(np.ones((1, 4))), ValueError, r"^x: 모양이 \(n, 2\)"),
    (lambda: Affine(np.ones((2, 3)), np.zeros((1, 3))).backward(np.ones((1, 3))), RuntimeError,
     r"^Affine: backward보다 forward를 먼저"),
    (lambda: ReLU().backward(np.ones((1, 3))), RuntimeError, r"^ReLU: "),
    (lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])),
     ValueError, r"^y: 행마다 1이 정확히 하나"),
    (lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.eye(2)), ValueError, r"^y: 모양이 \(2, 3\)"),
    (lambda: stack([3]), ValueError, r"^sizes: "),
    (lambda: stack([3, 0, 2]), ValueError, r"^sizes\[1\]: 양의 정수"),
    (lambda: stack([3, 2], activation=ReLU()), ValueError, r"^activation: .*괄호 없이 ReLU"),  # type: ignore[arg-type]
    (lambda: sgd_update(stack([3, 2]), 0.1), RuntimeError, r"^Affine: sgd_update보다 backward를 먼저"),
    (lambda: forward_layers(np.ones((2, 2)), np.ones((1, 2))), TypeError, r"^layers: forward와 backward를 가진"),  # type: ignore[arg-type]
    (lambda: book_layers(example()), TypeError, r"^params: .*ex\.params"),
    (lambda: SoftmaxCrossEntropy().forward(np.zeros((2, 2)), np.array([[1.0, 0.0], [0.5, 0.5]])), ValueError,
     r"^y: .*행 1이\(가\) \[0\.5, 0\.5\]"),
    (lambda: relu_backward_given_float32(), TypeError, r"^da: "),
    (lambda: stack([3, 2], activation=float), ValueError, r"^activation: "),
    (lambda: HalfSquaredError().forward(np.ones((2, 1)), np.ones((3, 1))), ValueError, r"^y: 모양이 \(2, 1\)"),
])
def test_bad_input_gets_a_korean_error_naming_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_gradient_norms_per_layer_agree_with_pytorch_and_show_vanishing_for_sigmoid():
    from backprop_lesson.layers import gradient_norms

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 16)), np.eye(4)[rng.integers(0, 4, size=64)]
    sizes = [16] + [32] * 10 + [4]
    for activation, gain in ((ReLU, 1.0), (ReLU, 0.5), (Sigmoid, 1.0)):
        layers = stack(sizes, activation, gain=gain, seed=0)
        norms = gradient_norms(layers, x, y)
        _, grads = torch_gradients(layers, x, y, "softmax")
        np.testing.assert_allclose(norms, [np.linalg.norm(g) for g in grads[0::2]], rtol=1e-10)
    he = gradient_norms(stack(sizes, ReLU, seed=0), x, y)
    sig = gradient_norms(stack(sizes, Sigmoid, seed=0), x, y)
    assert 0.2 < he[-1] / he[0] < 5 and sig[-1] / sig[0] > 1e4  # 시그모이드에서는 입력 쪽 기울기가 사라집니다


def test_stack_draws_he_weights_scaled_by_gain():
    layers = stack([400, 300, 2], seed=3, gain=0.5)
    W = layers[0].W
    assert W.std() == pytest.approx(0.5 * np.sqrt(2 / 400), rel=0.02) and not layers[0].b.any()
    assert [type(layer).__name__ for layer in layers] == ["Affine", "ReLU", "Affine"]
