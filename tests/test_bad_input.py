"""잘못된 입력은 인자 이름, 기대한 것, 받은 것을 밝히는 오류가 됩니다."""

import math

import numpy as np
import pytest

import backprop_lesson.network_torch as nt
from backprop_lesson import EPOCHS, LR, backward, example, forward, loss, sgd_step, train
from backprop_lesson.plot import plot_loss_curve


def train_example(lr=LR, epochs=EPOCHS):
    ex = example()
    return train(ex.x, ex.y, ex.params, lr, epochs)


def fwd(**change):
    args = example()._asdict()
    del args["y"]
    args.update(change)
    return forward(**args)


@pytest.mark.parametrize("change, message", [
    ({"x": np.array([0.5, 0.8, 0.2])}, r"x: 모양이 \(n, d\)이어야 하는데 \(3,\)을"),
    ({"W1": np.zeros((2, 2))}, r"W1: 모양이 \(3, h\)이어야 하는데 \(2, 2\)을"),
    ({"b1": np.zeros((2, 1))}, r"b1: 모양이 \(1, 2\)이어야 하는데 \(2, 1\)을"),
    ({"W2": np.zeros((3, 1))}, r"W2: 모양이 \(2, k\)이어야 하는데 \(3, 1\)을"),
    ({"b2": np.zeros((1, 2))}, r"b2: 모양이 \(1, 1\)이어야 하는데 \(1, 2\)을"),
    ({"x": np.zeros((0, 3))}, r"x: 모양이 \(n, d\)이어야 하는데 \(0, 3\)을"),
])
def test_forward_rejects_wrong_shapes(change, message):
    with pytest.raises(ValueError, match=message):
        fwd(**change)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_forward_rejects_non_finite_values(bad):
    b1 = np.array([[0.1, bad]])
    with pytest.raises(ValueError, match="b1: 모든 값이 유한해야 하는데 NaN 또는 무한대"):
        fwd(b1=b1)


def test_forward_rejects_a_list():
    with pytest.raises(TypeError, match=r"x: 배열\(numpy.ndarray 또는 torch.Tensor\)이어야 하는데 list"):
        fwd(x=[[0.5, 0.8, 0.2]])


def test_loss_and_backward_reject_mismatched_y():
    ex = example()
    cache = forward(ex.x, *ex.params)
    with pytest.raises(ValueError, match=r"y: 모양이 \(1, 1\)이어야 하는데 \(1, 2\)을"):
        loss(cache.y_pred, np.zeros((1, 2)))
    with pytest.raises(ValueError, match=r"y: 모양이 \(1, 1\)이어야 하는데 \(2, 1\)을"):
        backward(np.zeros((2, 1)), cache, ex.W2)
    with pytest.raises(ValueError, match=r"W2: 모양이 \(2, 1\)이어야 하는데 \(1, 2\)을"):
        backward(ex.y, cache, ex.W2.T)


@pytest.mark.parametrize("lr", [0, -0.1, math.nan, math.inf, "0.1", None, True])
def test_learning_rate_must_be_positive(lr):
    ex = example()
    grads = backward(ex.y, forward(ex.x, *ex.params), ex.W2)
    with pytest.raises(ValueError, match=f"lr: 양의 유한한 실수여야 하는데 {lr!r}을"):
        sgd_step(ex.params, grads, lr)
    with pytest.raises(ValueError, match="lr: 양의 유한한 실수여야"):
        train_example(epochs=1, lr=lr)


def test_sgd_step_rejects_a_gradient_of_the_wrong_shape():
    ex = example()
    grads = backward(ex.y, forward(ex.x, *ex.params), ex.W2)
    with pytest.raises(ValueError, match=r"grads.dW1: 모양이 \(3, 2\)이어야 하는데 \(2, 3\)을"):
        sgd_step(ex.params, grads._replace(dW1=grads.dW1.T), 0.1)


@pytest.mark.parametrize("epochs", [0, -3, 2.5, "10", None])
def test_epochs_must_be_a_positive_integer(epochs):
    with pytest.raises(ValueError, match=f"epochs: 양의 정수여야 하는데 {epochs!r}을"):
        train_example(epochs=epochs)


def test_torch_forward_checks_shapes_and_values_too():
    x, y, W1, b1, W2, b2 = nt.example_tensors()
    with pytest.raises(ValueError, match=r"W2: 모양이 \(2, k\)이어야 하는데 \(1, 2\)을"):
        nt.forward(x, W1, b1, W2.T, b2)
    with pytest.raises(ValueError, match="x: 모든 값이 유한해야"):
        nt.forward(x * float("nan"), W1, b1, W2, b2)
    with pytest.raises(ValueError, match="lr: 양의 유한한 실수여야 하는데 -1을"):
        nt.sgd_step(nt.Params(W1, b1, W2, b2), nt.Grads(W1, b1, W2, b2), -1)


def test_plot_rejects_an_empty_or_wrong_history():
    with pytest.raises(ValueError, match="history: EpochRecord가 하나 이상 있어야 하는데 빈 리스트"):
        plot_loss_curve([])
    with pytest.raises(ValueError, match=r"history\[0\]: 손실이 양수인 EpochRecord여야 하는데 \(1, 0.5\)"):
        plot_loss_curve([(1, 0.5)])  # type: ignore[list-item]  # 일부러 잘못된 입력
