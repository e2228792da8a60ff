"""PyTorch 부분과 학습 루프를 원본 노트북의 출력과 비교합니다."""

import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

from _golden import golden_blocks
from backprop_lesson import LR, backward, example, forward, sgd_step
from backprop_lesson.autograd import example_tensors, forward_torch, loss_torch, sgd_step_
from backprop_lesson.training import EpochRecord, train


def test_example_tensors_are_float32_copies_with_grad_on_params():
    ex = example_tensors()
    assert all(t.dtype == torch.float32 for t in ex)
    assert [t.requires_grad for t in ex] == [False, False, True, True, True, True]
    for t, a in zip(ex, example()):
        np.testing.assert_array_equal(t.detach().numpy(), a.astype(np.float32))


def test_one_autograd_step_reproduces_the_original_slip_and_the_corrected_value():
    x, y, *params = example_tensors()
    z1 = x @ params[0] + params[1]
    a1 = F.relu(z1)
    y_pred = forward_torch(x, *params)
    loss_torch(y_pred, y).backward()
    sgd_step_(tuple(params), LR)
    # 원본의 실수(옛 a1): 원본 노트북의 출력 그대로
    slip = F.relu(a1 @ params[2] + params[3]).item()
    assert f"y_pred:  {slip}" == golden_blocks()["03_backprop_autograd"]
    # 바로잡은 값은 float64 numpy의 두 번째 순전파와 float32 정밀도 안에서 같습니다
    ex = example()
    p2 = sgd_step(ex.params, backward(ex.y, forward(ex.x, *ex.params), ex.W2), LR)
    expected = forward(ex.x, *p2).y_pred.item()
    assert abs(forward_torch(x, *params).item() - expected) < 1e-6 * expected
    assert all(float(p.grad.abs().max()) == 0.0 for p in params)  # 기울기는 0으로 되돌림


def test_train_reproduces_every_original_epoch_line():
    history, _ = train()
    lines = [f"Epoch {r.epoch} l y_pred:  {r.y_pred} l loss:  {r.loss}" for r in history]
    expected = golden_blocks()["04_training_loop"].splitlines()[1:11]
    assert lines == expected
    assert all(isinstance(r, EpochRecord) for r in history)


def test_train_final_params_reproduce_the_original_last_cell():
    history, trained = train()
    # 원본의 마지막 셀은 마지막 에폭의 갱신 '전' 가중치로 a1을 구했습니다. 9번 학습하면 그 가중치입니다.
    _, before_last = train(epochs=9)
    a1 = F.relu(before_last.x @ before_last.W1 + before_last.b1)
    slip = F.relu(a1 @ trained.W2 + trained.b2).item()
    assert f"y_pred:  {slip}" == golden_blocks()["04_training_loop"].splitlines()[-1]


def test_train_is_deterministic_and_loss_decreases_to_1e_10():
    h1, _ = train()
    h2, _ = train()
    assert h1 == h2
    assert h1[-1].loss < 1e-10 < h1[0].loss
    assert train(epochs=3)[0] == h1[:3]


def run_python(code, **env):
    full_env = {k: v for k, v in os.environ.items() if k != "MKL_CBWR"}
    full_env.update(env)
    out = subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True,
                         text=True, check=True)
    return out.stdout + out.stderr


MATMUL = ("import backprop_lesson, os, torch; print('cbwr', os.environ['MKL_CBWR']); "
          "torch.ones(2, 3) @ torch.ones(3, 2)")


def test_importing_the_package_makes_mkl_reproducible_before_the_first_matmul():
    out = run_python(MATMUL, MKL_VERBOSE="1")
    assert "cbwr COMPATIBLE" in out
    assert "CNR:COMPATIBLE" in out  # MKL 자신이 보고한, 실제로 쓴 설정


def test_a_user_choice_of_mkl_cbwr_is_kept():
    out = run_python(MATMUL, MKL_VERBOSE="1", MKL_CBWR="AUTO")
    assert "cbwr AUTO" in out and "CNR:AUTO" in out
