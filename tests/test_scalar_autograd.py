"""스칼라 자동 미분(scalar_autograd): 2장의 기울기와 비트 하나까지, 연산마다 중앙 차분, 기울기 누적(+=).

기준값은 모두 이 모듈 밖에서 옵니다: 패키지의 numpy ``backward``(직접 미분), 원본 노트북이 출력한 줄
(tests/golden), 검사 안에서 따로 계산하는 중앙 차분, 그리고 PyTorch(float64).
"""

import warnings

import numpy as np
import pytest
import torch
from matplotlib.colors import to_hex

from _golden import golden_blocks
from _reference import batch_loss, central_difference
from backprop_lesson import backward, example, forward, loss
from backprop_lesson.graph_plot import SHARED, plot_graph
from backprop_lesson.scalar_autograd import Value, build_network, data_of, grad_of, topological_order

EPS = 1e-6


class Assigning(Value):
    """일부러 틀린 Value: 기울기를 더하지 않고 덮어씁니다(+= 대신 =)."""

    def accumulate_grad(self, g):
        self.grad = g


def book_network(value_type=Value):
    net = build_network(*example(), value_type=value_type)
    net.L.backward()
    return net


# ---- 2장의 기울기와 똑같이 ----

def test_gradients_are_bit_for_bit_the_numpy_backward_of_chapter_2():
    ex = example()
    cache = forward(ex.x, *ex.params)
    net = book_network()
    for name in ("z1", "a1", "z2", "y_pred"):
        np.testing.assert_array_equal(data_of(getattr(net, name)), getattr(cache, name), err_msg=name)
    assert net.L.data == loss(cache.y_pred, ex.y)
    for name, mine, numpy_grad in zip(("dW1", "db1", "dW2", "db2"), net.grads(),
                                      backward(ex.y, cache, ex.W2)):
        assert mine.shape == numpy_grad.shape, name
        np.testing.assert_array_equal(mine, numpy_grad, err_msg=name)


def test_gradients_print_as_the_original_notebook_printed_them():
    original = golden_blocks()["02_backprop_manual"]
    net = book_network()
    dW1, db1, dW2, db2 = net.grads()
    # 원본은 dW2, dW1을 dw2, dw1로 출력했습니다.
    printed = f"dw2: {dW2}\ndb2: {db2}\ndw1: {dW1}\ndb1: {db1}"
    assert printed in original
    assert f"loss: {net.L.data}" in original  # 0.04500000000000008, 글자 그대로
    # 출력된 짧은 숫자와는 float64의 반올림 몇 번 차이까지(dW2는 -0.24000000000000019 등)
    np.testing.assert_allclose(dW2, [[-0.24], [-0.42]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(dW1, [[-0.3, 0.15], [-0.48, 0.24], [-0.12, 0.06]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(db1, [[-0.6, 0.3]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(db2, [[-0.3]], rtol=0, atol=1e-15)


def input_gradient_by_central_difference(ex):
    """dL/dx를 패키지 없이 중앙 차분으로(입력 x의 원소마다 손실을 두 번)."""
    dx = np.zeros_like(ex.x)
    for i in np.ndindex(ex.x.shape):
        plus, minus = ex.x.copy(), ex.x.copy()
        plus[i] += EPS
        minus[i] -= EPS
        dx[i] = (batch_loss(plus, ex.y, *ex.params) - batch_loss(minus, ex.y, *ex.params)) / (2 * EPS)
    return dx


def test_network_gradients_match_an_independent_central_difference():
    ex = example()
    net = book_network()
    for mine, numeric in zip(net.grads(), central_difference(ex.x, ex.y, list(ex.params))):
        np.testing.assert_allclose(mine, numeric, rtol=1e-7, atol=1e-9)
    dx = input_gradient_by_central_difference(ex)
    np.testing.assert_allclose(grad_of(net.x), dx, rtol=1e-7, atol=1e-9)


def test_gradients_agree_with_pytorch_float64_also_after_a_second_backward():
    import torch

    ex = example()
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in ex._asdict().items()}
    y_pred = torch.relu(torch.relu(t["x"] @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"])
    L = (0.5 * (y_pred - t["y"]) ** 2).sum()
    net = build_network(*ex)
    for calls in (1, 2):  # 두 번째 backward: 잎의 .grad에 한 번 더 쌓입니다(둘 다)
        L.backward(retain_graph=True)
        net.L.backward()
        for name in ("x", "W1", "b1", "W2", "b2"):
            grad = t[name].grad
            assert grad is not None, name
            np.testing.assert_allclose(grad_of(getattr(net, name)), grad.numpy(),
                                       rtol=0, atol=1e-15, err_msg=f"{name}, backward {calls}번")
    np.testing.assert_allclose(grad_of(net.W2), 2 * backward(ex.y, forward(ex.x, *ex.params), ex.W2).dW2,
                               rtol=0, atol=1e-15)


# ---- 연산마다: 국소 규칙을 중앙 차분과 ----

OPS = {  # 이름: (Value로, float로 따로 쓴 같은 함수)
    "a + b": (lambda a, b: a + b, lambda a, b: a + b),
    "a - b": (lambda a, b: a - b, lambda a, b: a - b),
    "a * b": (lambda a, b: a * b, lambda a, b: a * b),
    "a ** 2": (lambda a, b: a ** 2, lambda a, b: a * a),
    "a ** 3": (lambda a, b: a ** 3, lambda a, b: a * a * a),
    "relu(a)": (lambda a, b: a.relu(), lambda a, b: max(0.0, a)),
    "0.5 * a": (lambda a, b: 0.5 * a, lambda a, b: 0.5 * a),
    "2 + a": (lambda a, b: 2 + a, lambda a, b: 2 + a),
    "3 - a": (lambda a, b: 3 - a, lambda a, b: 3 - a),
    "a * a": (lambda a, b: a * a, lambda a, b: a * a),
    "b + b": (lambda a, b: b + b, lambda a, b: b + b),
    "relu(a*b + a) - b": (lambda a, b: (a * b + a).relu() - b, lambda a, b: max(0.0, a * b + a) - b),
}


@pytest.mark.parametrize("a0, b0", [(1.3, -0.7), (-0.4, 2.5)])
@pytest.mark.parametrize("op", OPS)
def test_each_operation_gradient_matches_central_difference(op, a0, b0):
    with_values, with_floats = OPS[op]
    a, b = Value(a0), Value(b0)
    out = with_values(a, b)
    assert out.data == pytest.approx(with_floats(a0, b0), abs=1e-15)
    out.backward()
    da = (with_floats(a0 + EPS, b0) - with_floats(a0 - EPS, b0)) / (2 * EPS)
    db = (with_floats(a0, b0 + EPS) - with_floats(a0, b0 - EPS)) / (2 * EPS)
    assert a.grad == pytest.approx(da, abs=1e-8), op
    assert b.grad == pytest.approx(db, abs=1e-8), op


def test_gates_add_passes_multiply_swaps_relu_routes():
    a, b = Value(2.0), Value(-3.0)
    for out in (a + b, a * b, a.relu(), b.relu()):
        a.grad = b.grad = 0.0
        out.backward()
        if out.op == "+":
            assert (a.grad, b.grad) == (1.0, 1.0)      # 그대로 나눠 줍니다
        elif out.op == "×":
            assert (a.grad, b.grad) == (-3.0, 2.0)     # 상대편의 값
        elif out.inputs[0] is a:
            assert a.grad == 1.0                       # 양수: 통과
        else:
            assert b.grad == 0.0                       # 음수: 막힘


# ---- 기울기 누적: += 이어야 하는 까닭 ----

def test_a_value_used_twice_needs_accumulation():
    def numeric(f, b0=3.0):
        return (f(b0 + EPS) - f(b0 - EPS)) / (2 * EPS)

    for build, f in ((lambda b: b + b, lambda b: b + b), (lambda b: b * b, lambda b: b * b)):
        right, wrong = Value(3.0), Assigning(3.0)
        build(right).backward()
        build(wrong).backward()
        assert right.grad == pytest.approx(numeric(f), abs=1e-8)    # 2, 6
        assert wrong.grad != pytest.approx(numeric(f), abs=1e-3)    # 덮어쓰면 1, 3
        assert wrong.grad == pytest.approx(numeric(f) / 2, abs=1e-8)


def test_inputs_that_feed_both_hidden_units_get_a_wrong_gradient_without_accumulation():
    ex = example()
    right, wrong = book_network(Value), book_network(Assigning)
    dx = input_gradient_by_central_difference(ex)
    np.testing.assert_allclose(grad_of(right.x), dx, rtol=1e-7, atol=1e-9)
    # 덮어쓰면 x[i]에는 마지막으로 온 기울기 하나만 남습니다. 역순으로 걸으면 첫 번째 은닉 유닛 쪽이 마지막입니다.
    assert not np.allclose(grad_of(wrong.x), dx, rtol=1e-3, atol=1e-3)
    dz1 = backward(ex.y, forward(ex.x, *ex.params), ex.W2).db1  # n = 1이면 db1 = dz1
    np.testing.assert_allclose(grad_of(wrong.x)[0], ex.W1[:, 0] * dz1[0, 0], rtol=0, atol=1e-15)
    # 한 번씩만 쓰인 파라미터의 기울기는 그대로: 잘못은 정확히 두 곳에 쓰인 값에서만 생깁니다.
    for r, w in zip(right.grads(), wrong.grads()):
        np.testing.assert_array_equal(r, w)


def test_with_two_outputs_the_weight_gradients_go_wrong_too_without_accumulation():
    """출력이 2개면 a1[j]도 두 곳에 쓰여, 덮어쓰기의 잘못이 dW1, db1까지 흘러갑니다."""
    ex = example()
    W2, b2, y = np.array([[2.0, 1.0], [-1.0, 0.5]]), np.array([[0.5, 0.0]]), np.array([[1.0, 0.0]])
    numpy_grads = backward(y, forward(ex.x, ex.W1, ex.b1, W2, b2), W2)
    nets = {t: build_network(ex.x, y, ex.W1, ex.b1, W2, b2, value_type=t) for t in (Value, Assigning)}
    for net in nets.values():
        net.L.backward()
    for mine, ref in zip(nets[Value].grads(), numpy_grads):
        np.testing.assert_allclose(mine, ref, rtol=0, atol=1e-15)
    wrong = nets[Assigning].grads()
    assert not np.allclose(wrong.dW1, numpy_grads.dW1, rtol=1e-3, atol=1e-3)
    assert not np.allclose(wrong.db1, numpy_grads.db1, rtol=1e-3, atol=1e-3)


def test_backward_twice_accumulates_in_the_leaves_but_restarts_inside():
    net = book_network()
    first = {name: grad_of(getattr(net, name)).copy() for name in ("W1", "z1", "a1")}
    net.L.backward()
    np.testing.assert_array_equal(grad_of(net.W1), 2 * first["W1"])     # 잎: 쌓입니다
    np.testing.assert_array_equal(grad_of(net.z1), first["z1"])         # 중간 값: 새로
    np.testing.assert_array_equal(grad_of(net.a1), first["a1"])


# ---- 위상 정렬 ----

def test_topological_order_puts_every_input_before_its_users_once():
    net = book_network()
    order = topological_order(net.L)
    # 잎 16개(x 3, W1 6, b1 2, W2 2, b2 1, y 1, 상수 0.5) + 곱 8 + 덧셈 8 + ReLU 3 + 뺄셈·제곱·0.5배 3
    assert len(order) == 16 + 8 + 8 + 3 + 3
    assert len({id(v) for v in order}) == len(order)
    place = {id(v): i for i, v in enumerate(order)}
    for v in order:
        for c in v.inputs:
            assert place[id(c)] < place[id(v)]
    assert order[-1] is net.L


# ---- 잘못된 입력 ----

# ---- 그림 ----

@pytest.mark.parametrize("part", ["whole", "hidden_layer"])
@pytest.mark.mpl_image_compare(tolerance=2, savefig_kwargs={"dpi": 100})
def test_graph_picture_looks_like_the_baseline(part):
    net = book_network()
    return plot_graph(net.L) if part == "whole" else plot_graph(*net.a1.flat)


def test_graph_picture_shows_values_and_gradients_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 글꼴에 없는 글자(Glyph missing)가 있으면 실패
        fig = plot_graph(book_network().L)
        fig.canvas.draw()
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    # x의 기울기 -0.9, 0.6, -0.45(두 은닉 유닛에서 온 것의 합), 2장의 dW2, 손실과 dL/dL = 1
    for expected in ["x[0]", "-0.9", "0.6", "-0.45", "-0.24", "-0.42", "L", "0.045", "1", "ReLU", "×"]:
        assert expected in texts, expected
    shared = [p for p in ax.patches if to_hex(p.get_edgecolor()) == SHARED]
    assert len(shared) == 3  # 두 곳에 쓰인 값은 x[0], x[1], x[2] 셋

    # 은닉층까지의 부분 그래프: 노드 2 × (잎 7 - 3 + 곱 3 + 덧셈 3 + ReLU) + x 3
    hidden = plot_graph(*book_network().a1.flat)
    hidden_texts = [t.get_text() for t in hidden.axes[0].texts]
    assert "L" not in hidden_texts and {"a1[0]", "a1[1]", "x[2]", "-0.45"} <= set(hidden_texts)
    assert len([p for p in hidden.axes[0].patches if to_hex(p.get_edgecolor()) == SHARED]) == 3


# ---- micrograd의 연산들: 값과 기울기를 PyTorch float64와 ----

def tgrad(t):
    """잎 텐서의 .grad(쓰이지 않은 잎이면 None → 0)."""
    return 0.0 if t.grad is None else t.grad.item()


MICROGRAD_OPS = {
    "neg": lambda a, b: -a,
    "a - b": lambda a, b: a - b,
    "3 - a": lambda a, b: 3.0 - a,
    "a - 3": lambda a, b: a - 3.0,
    "a / b": lambda a, b: a / b,
    "a / 4": lambda a, b: a / 4.0,
    "2 / a": lambda a, b: 2.0 / a,
    "a ** 3": lambda a, b: a ** 3,
    "b ** -2": lambda a, b: b ** -2,
    "b ** 0.5": lambda a, b: b ** 0.5,
    "exp": lambda a, b: (a * b).exp(),
    "tanh": lambda a, b: (a + b).tanh(),
    "relu(1 + -a·b)": lambda a, b: (1 + -a * b).relu(),
    "섞어서": lambda a, b: (a * b - a / b + 2.0 / (b + 1)).tanh() * a.exp() - b ** 2,
}


@pytest.mark.parametrize("a0, b0", [(1.5, 2.5), (-0.7, 0.3), (2.0, 4.0)])
@pytest.mark.parametrize("op", MICROGRAD_OPS)
def test_each_operation_matches_pytorch_float64_in_value_and_gradients(op, a0, b0):
    f = MICROGRAD_OPS[op]
    a, b = Value(a0), Value(b0)
    out = f(a, b)
    out.backward()
    at, bt = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (a0, b0))
    ot = f(at, bt)  # 텐서에도 같은 연산과 .exp() .tanh() .relu()가 있습니다
    ot.backward()
    assert out.data == pytest.approx(ot.item(), rel=1e-14, abs=1e-15)
    for v, t in ((a, at), (b, bt)):
        assert v.grad == pytest.approx(tgrad(t), rel=1e-13, abs=1e-15), op


def test_micrograd_style_code_runs_and_matches_pytorch():
    """micrograd 강의의 손실: 평균 hinge 손실 sum(losses) * (1 / n), 그리고 a / b."""
    xs, ys = [0.5, -1.2, 2.0, 0.1], [1.0, -1.0, 1.0, -1.0]
    w, c = Value(0.8), Value(-0.2)
    losses = [(1 + -yi * (w * xi + c)).relu() for xi, yi in zip(xs, ys)]
    data_loss = sum(losses) * (1.0 / len(losses))
    total = data_loss + 1e-2 * w ** 2 / c ** 2 - sum(losses) / len(losses)
    total.backward()
    wt, ct = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (0.8, -0.2))
    lt = [(1 + -yi * (wt * xi + ct)).relu() for xi, yi in zip(xs, ys)]
    tt = sum(lt) * (1.0 / len(lt)) + 1e-2 * wt ** 2 / ct ** 2 - sum(lt) / len(lt)
    tt.backward()
    assert isinstance(data_loss, Value) and total.data == pytest.approx(tt.item(), rel=1e-14)
    assert (w.grad, c.grad) == pytest.approx((tgrad(wt), tgrad(ct)), rel=1e-13)


def test_backward_twice_on_a_leaf_root_accumulates_as_in_pytorch():
    a = Value(2.0)
    a.backward()
    a.backward()
    at = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    at.backward()
    at.backward()
    assert a.grad == tgrad(at) == 2.0
    # 중간 노드가 뿌리면 그 기울기는 매번 1에서 다시, 잎에는 쌓입니다(PyTorch의 잎 .grad와 같음)
    b = Value(3.0)
    c = b * b
    c.backward()
    c.backward()
    bt = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    ct = bt * bt
    ct.backward(retain_graph=True)
    ct.backward()
    assert (c.grad, b.grad) == (1.0, tgrad(bt)) == (1.0, 12.0)
