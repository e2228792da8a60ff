"""6장: 같은 코드로 배치 학습(두 나선). 기울기, numpy와 torch의 일치, 학습 결과, 잘못된 입력.

기준은 패키지와 무관한 계산(여기서 직접 쓴 중앙 차분, 최소제곱 직선, torch autograd)입니다.
"""

import math

import numpy as np
import pytest
import torch

import backprop_lesson.network_torch as nt
from _reference import bce_from_logit, bce_loss, central_difference
from backprop_lesson import Params, accuracy, backward, forward, init_params, loss_of, spirals, split, train


def train_numpy(x, y, params, lr, epochs):
    history, trained = train(x, y, params, lr, epochs)
    return [r.loss for r in history], trained


def train_torch(x, y, params, lr, epochs, dtype=torch.float64):
    """같은 train에 텐서를 넣습니다. 돌려주는 파라미터는 비교하기 쉽게 numpy로."""
    xt, yt = nt.to_torch((x, y), dtype=dtype)
    history, trained = train(xt, yt, Params(*nt.to_torch(params, dtype=dtype)), lr, epochs)
    return [r.loss for r in history], Params(*nt.to_numpy(trained))


# 책(book/06_batch.ipynb)과 같은 설정
N, TURNS, H, LR, EPOCHS, SEED = 200, 1.5, 32, 0.3, 1500, 0


@pytest.mark.parametrize("n, d, h, k", [(16, 2, 8, 1), (9, 3, 5, 2)])
def test_batch_gradients_match_central_differences(n, d, h, k):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(n, d))
    y = rng.uniform(size=(n, k))
    params = Params(rng.normal(size=(d, h)), rng.normal(size=(1, h)) * 0.3,
                    rng.normal(size=(h, k)), rng.normal(size=(1, k)) * 0.3 + 0.5)
    cache = forward(x, *params)
    assert (cache.z1 < 0).any() and (cache.z1 > 0).any()  # 꺼진 유닛과 켜진 유닛이 섞인 배치
    assert (cache.z2 > 0).any()
    for name, a, f in zip(("dW1", "db1", "dW2", "db2"), backward(y, cache, params.W2),
                          central_difference(x, y, params)):
        assert a.shape == f.shape, name
        np.testing.assert_allclose(a, f, rtol=1e-6, atol=1e-9, err_msg=name)


def test_loss_is_the_batch_mean_so_a_repeated_batch_gives_the_same_gradient():
    x, y = spirals(20, seed=3)
    p = init_params(2, 8, 1, seed=3)
    g1 = backward(y, forward(x, *p), p.W2)
    x2, y2 = np.vstack([x, x]), np.vstack([y, y])
    g2 = backward(y2, forward(x2, *p), p.W2)
    for a, b in zip(g1, g2):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_spirals_shapes_labels_and_seed():
    x, y = spirals(201, seed=5)
    assert x.shape == (201, 2) and y.shape == (201, 1)
    assert x.dtype == y.dtype == np.float64
    assert set(np.unique(y)) == {0.0, 1.0} and abs(y.sum() - 100) <= 1
    np.testing.assert_array_equal(spirals(201, seed=5)[0], x)
    assert not np.array_equal(spirals(201, seed=6)[0], x)
    assert np.abs(x).max() < 1.2


def test_init_params_is_he_style_and_the_same_numbers_in_float32():
    p64 = init_params(2, 4000, 1, seed=7)
    p32 = init_params(2, 4000, 1, seed=7, dtype=np.float32)
    assert [a.shape for a in p64] == [(2, 4000), (1, 4000), (4000, 1), (1, 1)]
    assert all(a.dtype == np.float64 for a in p64) and all(a.dtype == np.float32 for a in p32)
    for a, b in zip(p64, p32):
        np.testing.assert_array_equal(a.astype(np.float32), b)
    assert abs(p64.W1.std() - 1.0) < 0.05           # sqrt(2 / d), d = 2
    assert abs(p64.W2.std() - math.sqrt(2 / 4000)) < 0.05 * math.sqrt(2 / 4000)
    assert not p64.b1.any() and not p64.b2.any()


@pytest.mark.parametrize("k", [1, 2])
def test_numpy_and_torch_float64_loss_curves_agree(k):
    x, y = spirals(64, turns=TURNS, seed=1)
    if k == 2:  # 출력 2개: 손실은 출력에 대해 합, 샘플에 대해 평균이어야 둘이 같습니다
        y = np.column_stack([y, 1 - y])
    p = init_params(2, 16, k, seed=1)
    ln, qn = train_numpy(x, y, p, LR, 30)
    lt, qt = train_torch(x, y, p, LR, 30)
    assert len(ln) == len(lt) == 30 and all(isinstance(v, float) for v in ln + lt)
    assert ln[-1] < ln[0]
    assert max(abs(a - b) for a, b in zip(ln, lt)) < 1e-9
    for a, b in zip(qn, qt):
        assert b.dtype == np.float64
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_numpy_and_torch_float32_agree_to_float32_precision():
    x, y = (a.astype(np.float32) for a in spirals(64, turns=TURNS, seed=2))
    p = init_params(2, 16, 1, seed=2, dtype=np.float32)
    ln, qn = train_numpy(x, y, p, LR, 10)
    lt, qt = train_torch(x, y, p, LR, 10, dtype=torch.float32)
    assert all(a.dtype == np.float32 for a in qn)  # numpy도 float32로 남습니다(올림 없음)
    assert all(b.dtype == np.float32 for b in qt)
    np.testing.assert_allclose(ln, lt, rtol=1e-5)
    l64, _ = train_numpy(x.astype(np.float64), y.astype(np.float64),
                         Params(*(a.astype(np.float64) for a in p)), LR, 10)
    assert 0 < max(abs(a - b) for a, b in zip(ln, l64)) < 1e-5 * ln[0]  # 정말 float32로 계산


def test_training_does_not_change_its_inputs():
    x, y = spirals(32, seed=4)
    p = init_params(2, 8, 1, seed=4)
    copies = [a.copy() for a in (x, y, *p)]
    train_numpy(x, y, p, LR, 3)
    train_torch(x, y, p, LR, 3)
    for a, b in zip((x, y, *p), copies):
        np.testing.assert_array_equal(a, b)


def test_a_straight_line_fails_but_the_trained_network_learns_the_spirals():
    x, y = spirals(N, turns=TURNS, seed=SEED)
    X = np.column_stack([x, np.ones(N)])                  # 최소제곱 직선: y ≈ X w
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    assert accuracy(X @ w, y) < 0.8
    losses, trained = train_numpy(x, y, init_params(2, H, 1, SEED), LR, EPOCHS)
    assert losses[-1] < 0.1 * losses[0]
    assert accuracy(forward(x, *trained).y_pred, y) > 0.95  # 책에서는 0.99


def test_a_dead_output_relu_stalls_training():
    """출력 ReLU가 모든 샘플에서 꺼져 있으면(z2 ≤ 0) 기울기가 모두 0이라 배우지 못합니다."""
    x, y = spirals(32, seed=0)
    p = init_params(2, 8, 1, seed=0)._replace(b2=np.array([[-100.0]]))
    losses, trained = train_numpy(x, y, p, LR, 5)
    assert losses == [0.5 * float(np.mean(y ** 2))] * 5
    for a, b in zip(trained, p):
        np.testing.assert_array_equal(a, b)


def test_sigmoid_cross_entropy_gradients_match_central_differences_and_torch():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(12, 2))
    y = (rng.uniform(size=(12, 1)) > 0.5).astype(float)
    params = Params(rng.normal(size=(2, 6)), rng.normal(size=(1, 6)) * 0.3,
                    rng.normal(size=(6, 1)), rng.normal(size=(1, 1)) * 0.3)
    cache = forward(x, *params, output="sigmoid")
    assert (cache.z1 < 0).any() and ((cache.y_pred > 0) & (cache.y_pred < 1)).all()
    analytic = backward(y, cache, params.W2, output="sigmoid")
    for name, a, f in zip(("dW1", "db1", "dW2", "db2"), analytic,
                          central_difference(x, y, params, loss=bce_loss)):
        np.testing.assert_allclose(a, f, rtol=1e-6, atol=1e-9, err_msg=name)
    # dz2 = (y_pred − y) / n: σ'이 교차 엔트로피의 분모와 약분됩니다
    np.testing.assert_allclose(analytic.db2, (cache.y_pred - y).sum(axis=0, keepdims=True) / 12, rtol=1e-12)
    # autograd(float64)도 같은 값
    xt, yt = nt.to_torch((x, y), dtype=torch.float64)
    pt = Params(*nt.to_torch(params, dtype=torch.float64, requires_grad=True))
    L = nt.cross_entropy(nt.forward(xt, *pt, output="sigmoid").z2, yt)
    assert abs(L.item() - bce_loss(x, y, *params)) < 1e-12
    for a, t in zip(analytic, nt.backward(L, pt)):
        np.testing.assert_allclose(a, t.numpy(), rtol=1e-10, atol=1e-14)


def test_minibatch_loop_is_shuffled_batches_of_b_with_the_loss_at_each_epoch_start():
    x, y = spirals(23, seed=2)
    p = init_params(2, 5, 1, seed=2)
    history, trained = train(x, y, p, LR, 3, batch_size=10, seed=7)
    # 같은 일을 여기서 손으로: 에폭마다 섞고 10, 10, 3개로 잘라 갱신
    rng, q, losses = np.random.default_rng(7), p, []
    for _ in range(3):
        losses.append(0.5 * float(np.mean((np.maximum(0, np.maximum(0, x @ q.W1 + q.b1) @ q.W2 + q.b2) - y) ** 2)))
        order = rng.permutation(23)
        for rows in (order[:10], order[10:20], order[20:]):
            g = backward(y[rows], forward(x[rows], *q), q.W2)
            q = Params(*(a - LR * b for a, b in zip(q, g)))
    np.testing.assert_allclose([r.loss for r in history], losses, rtol=1e-12)
    for a, b in zip(trained, q):
        np.testing.assert_array_equal(a, b)
    assert [r.y_pred.shape for r in history] == [(23, 1)] * 3  # 전체 데이터의 예측
    # 묶음이 전체보다 크면 전체 배치와 같은 갱신(순서만 섞임)
    full, _ = train(x, y, p, LR, 3)
    big, _ = train(x, y, p, LR, 3, batch_size=100)
    np.testing.assert_allclose([r.loss for r in big], [r.loss for r in full], rtol=1e-12)


def test_minibatch_numpy_and_torch_agree():
    x, y = spirals(40, seed=3)
    p = init_params(2, 8, 1, seed=3)
    ln = [r.loss for r in train(x, y, p, LR, 5, batch_size=8, seed=1, output="sigmoid")[0]]
    xt, yt = nt.to_torch((x, y), dtype=torch.float64)
    lt = [r.loss for r in train(xt, yt, Params(*nt.to_torch(p, dtype=torch.float64)), LR, 5,
                                batch_size=8, seed=1, output="sigmoid")[0]]
    np.testing.assert_allclose(ln, lt, rtol=1e-12)


def test_split_keeps_every_sample_once_and_the_test_part_apart():
    x, y = spirals(40, seed=4)
    x_tr, y_tr, x_te, y_te = split(x, y, test_fraction=0.25, seed=0)
    assert (len(x_tr), len(x_te)) == (30, 10)
    rows = {tuple(r) for r in np.vstack([x_tr, x_te])}
    assert rows == {tuple(r) for r in x} and len(rows) == 40
    assert not {tuple(r) for r in x_tr} & {tuple(r) for r in x_te}
    for xs, ys in ((x_tr, y_tr), (x_te, y_te)):  # 점과 정답이 짝을 잃지 않았는지
        lookup = {tuple(r): v for r, v in zip(x, y[:, 0])}
        assert [lookup[tuple(r)] for r in xs] == list(ys[:, 0])


# ---- 시그모이드 + 교차 엔트로피가 |z2|가 커도 성립하는지 (로짓에서 계산하는 손실) ----

Z2 = [0.0, 10.0, -10.0, 30.0, -30.0, 50.0, -50.0]


def at_z2(z, dtype=np.float64):
    """z2가 정확히 z가 되는 작은 신경망: x = W1 = 1, b1 = b2 = 0, W2 = z (d = h = k = 1)."""
    one, zero = np.ones((1, 1), dtype), np.zeros((1, 1), dtype)
    return one, Params(one, zero, np.full((1, 1), z, dtype), zero)


@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("z", Z2)
def test_cross_entropy_and_backward_agree_at_any_z2_in_float64(z, y):
    x, p = at_z2(z)
    yy = np.full((1, 1), y)
    cache = forward(x, *p, output="sigmoid")
    assert cache.z2.item() == z
    L = loss_of(cache, yy)
    assert L == pytest.approx(bce_from_logit(z, y), rel=1e-12, abs=1e-300)
    grads = backward(yy, cache, p.W2)
    # 중앙 차분(W2와 b2 방향)이 backward와 같습니다: backward는 바로 이 손실의 기울기
    for name, fd in zip(("dW2", "db2"), central_difference(x, yy, p, loss=bce_loss)[2:]):
        np.testing.assert_allclose(getattr(grads, name), fd, rtol=1e-6, atol=1e-9, err_msg=f"{name} z={z} y={y}")
    # σ(z) − y (dz2)와 같고, PyTorch float64의 autograd와도 같습니다
    assert grads.db2.item() == pytest.approx(1 / (1 + np.exp(-z)) - y, abs=1e-15)
    xt, yt = nt.to_torch((x, yy), dtype=torch.float64)
    pt = Params(*nt.to_torch(p, dtype=torch.float64, requires_grad=True))
    Lt = nt.loss_of(nt.forward(xt, *pt, output="sigmoid"), yt)
    # PyTorch의 값은 1보다 아주 작은 손실(z = 30, y = 1에서 9.4e-14)의 끝자리가 다릅니다(잰 값: 9.24e-14,
    # 차이 1.2e-15 = 1의 반올림 간격 2.2e-16의 몇 배)
    assert Lt.item() == pytest.approx(L, rel=1e-12, abs=1e-14)
    for a, t in zip(grads, nt.backward(Lt, pt)):
        np.testing.assert_allclose(a, t.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("z", Z2 + [100.0, -100.0, 1000.0, -1000.0])
def test_float32_never_gives_nan_or_inf_and_stays_close_to_float64(z, y):
    x, p = at_z2(z, np.float32)
    yy = np.full((1, 1), y, np.float32)
    cache = forward(x, *p, output="sigmoid")
    L, grads = loss_of(cache, yy), backward(yy, cache, p.W2)
    assert np.isfinite(L) and all(np.isfinite(g).all() for g in grads)
    assert L == pytest.approx(bce_from_logit(z, y), rel=1e-5, abs=1e-7)
    xt, yt = nt.to_torch((x, yy))
    pt = Params(*nt.to_torch(p, requires_grad=True))
    Lt = nt.loss_of(nt.forward(xt, *pt, output="sigmoid"), yt)
    gt = nt.backward(Lt, pt)
    assert torch.isfinite(Lt) and all(torch.isfinite(g).all() for g in gt)
    # 위와 같이 작은 손실의 끝자리가 다릅니다(float32에서는 1e-7의 몇 배)
    assert Lt.item() == pytest.approx(bce_from_logit(z, y), rel=1e-5, abs=1e-6)
    for a, t in zip(grads, gt):
        np.testing.assert_allclose(a, t.numpy(), rtol=1e-5, atol=1e-6)
