"""잘못된 입력의 표: 공개 함수마다, 인자 이름·기대한 것·받은 것을 밝히는 오류가 됩니다.

한 줄이 한 경우입니다: (어떤 잘못인지, 부르는 코드, 오류의 종류, 오류 글이 맞아야 할 정규식).
정규식은 ``^인자이름:``으로 시작해 기대한 것과 받은 것을 담습니다. 조용히 계산되는 경우는 없어야 합니다.
"""

import math
import re

import numpy as np
import pytest
import torch

import backprop_lesson.network_torch as nt
from backprop_lesson import (
    Grads,
    Params,
    accuracy,
    backward,
    cross_entropy,
    example,
    forward,
    gradient_check,
    init_params,
    loss,
    loss_of,
    numerical_grads,
    relative_error,
    sgd_step,
    spirals,
    split,
    train,
)
from backprop_lesson.gradient_check import numerical_gradient
from backprop_lesson.graph_plot import plot_graph
from backprop_lesson.network_plot import plot_network
from backprop_lesson.plot import plot_learning_rates, plot_loss_curve
from backprop_lesson.scalar_autograd import Value, build_network, topological_order

EX = example()
X, Y, P = EX.x, EX.y, EX.params
CACHE = forward(X, *P)
SIG = forward(X, *P, output="sigmoid")
G = backward(Y, CACHE, P.W2)
XS, YS = spirals(10)
PS = init_params(2, 3, 1)
T = nt.example_tensors()
TP = Params(*T[2:])


def chain(n):
    v = Value(0.0)
    for _ in range(n):
        v = v + 1.0
    return v


def fwd(**change):
    args = {"x": X, **P._asdict(), **change}
    return forward(**args)


def trn(**change):
    args = {"x": XS, "y": YS, "params": PS, "lr": 0.1, "epochs": 2, **change}
    return train(**args)


def trn_torch(**change):
    xt, yt = nt.to_torch((XS, YS), dtype=torch.float64)
    args = {"x": xt, "y": yt, "params": Params(*nt.to_torch(PS, dtype=torch.float64)), "lr": 0.1, "epochs": 2,
            **change}
    return train(**args)


CASES = [
    # ---- forward (numpy)
    ("forward: 1차원 x", lambda: fwd(x=X[0]), ValueError, r"^x: 모양이 \(n, 3\)이어야 하는데 \(3,\)을"),
    ("forward: 전치한 x", lambda: fwd(x=X.T), ValueError, r"^x: 모양이 \(n, 3\)이어야 하는데 \(3, 1\)을.*W1의 모양 \(3, 2\)"),
    ("forward: W1의 모양", lambda: fwd(W1=np.zeros((2, 2))), ValueError, r"^x: 모양이 \(n, 2\)이어야 하는데 \(1, 3\)을.*W1의 모양 \(2, 2\)에서"),
    ("forward: b1의 모양", lambda: fwd(b1=np.zeros((2, 1))), ValueError, r"^b1: 모양이 \(1, 2\)이어야 하는데 \(2, 1\)을"),
    ("forward: W2의 모양", lambda: fwd(W2=np.zeros((3, 1))), ValueError, r"^W2: 모양이 \(2, k\)이어야 하는데 \(3, 1\)을"),
    ("forward: b2의 모양", lambda: fwd(b2=np.zeros((1, 2))), ValueError, r"^b2: 모양이 \(1, 1\)이어야 하는데 \(1, 2\)을"),
    ("forward: 샘플 0개", lambda: fwd(x=np.zeros((0, 3))), ValueError, r"^x: 모양이 \(n, 3\)이어야 하는데 \(0, 3\)을"),
    ("forward: NaN", lambda: fwd(b1=np.array([[0.1, np.nan]])), ValueError, r"^b1: 모든 값이 유한해야 하는데 NaN 또는 무한대"),
    ("forward: 무한대", lambda: fwd(x=np.array([[0.5, np.inf, 0.2]])), ValueError, r"^x: 모든 값이 유한해야"),
    ("forward: -무한대", lambda: fwd(W2=np.array([[-np.inf], [1.0]])), ValueError, r"^W2: 모든 값이 유한해야"),
    ("forward: 리스트", lambda: fwd(x=[[0.5, 0.8, 0.2]]), TypeError, r"^x: numpy 배열\(np.ndarray\)이어야 하는데 list을.*np.array"),
    ("forward: 스칼라 W1", lambda: fwd(W1=3.0), TypeError, r"^W1: numpy 배열\(np.ndarray\)이어야 하는데 float을"),
    ("forward: 정수 배열", lambda: fwd(x=np.array([[1, 0, 2]])), TypeError, r"^x: 실수 배열\(float32 또는 float64\)이어야 하는데 자료형이 int64인"),
    ("forward: bool 배열", lambda: fwd(x=X > 0), TypeError, r"^x: 실수 배열.*자료형이 bool인"),
    ("forward: 복소수 배열", lambda: fwd(x=X + 0j), TypeError, r"^x: 실수 배열.*자료형이 complex128인"),
    ("forward: object 배열", lambda: fwd(x=X.astype(object)), TypeError, r"^x: 실수 배열.*자료형이 object인"),
    ("forward: float32와 float64를 섞음", lambda: fwd(x=X.astype(np.float32)), TypeError, r"^x: 자료형이 앞의 인자들과 같은 float64이어야 하는데 float32을"),
    ("forward: 텐서", lambda: fwd(x=T.x), TypeError, r"^x: numpy 배열\(np.ndarray\)이어야 하는데 torch.Tensor을.*network_torch"),
    ("forward: 없는 출력층", lambda: fwd(output="tanh"), ValueError, r"^output: 'relu' 또는 'sigmoid'이어야 하는데 'tanh'을"),
    ("forward: output=None", lambda: fwd(output=None), ValueError, r"^output: 'relu' 또는 'sigmoid'이어야 하는데 None을"),
    # ---- loss, cross_entropy, loss_of
    ("loss: y의 모양", lambda: loss(CACHE.y_pred, np.zeros((1, 2))), ValueError, r"^y: 모양이 \(1, 1\)이어야 하는데 \(1, 2\)을"),
    ("loss: y_pred가 리스트", lambda: loss([[0.8]], Y), TypeError, r"^y_pred: numpy 배열.*list을"),
    ("loss: y에 NaN", lambda: loss(CACHE.y_pred, Y * np.nan), ValueError, r"^y: 모든 값이 유한해야"),
    ("loss: float32 y", lambda: loss(CACHE.y_pred, Y.astype(np.float32)), TypeError, r"^y: 자료형이 앞의 인자들과 같은 float64"),
    ("cross_entropy: 정답이 0과 1 밖", lambda: cross_entropy(SIG.z2, Y * 2), ValueError, r"^y: .*0과 1 사이여야 하는데 2.0부터 2.0까지"),
    ("cross_entropy: z2의 모양", lambda: cross_entropy(SIG.z1, Y), ValueError, r"^y: 모양이 \(1, 2\)이어야 하는데 \(1, 1\)을"),
    ("loss_of: 튜플 캐시", lambda: loss_of(tuple(CACHE), Y), TypeError, r"^cache: forward가 돌려준 Cache여야 하는데 tuple을"),
    # ---- backward
    ("backward: y의 샘플 수", lambda: backward(np.zeros((2, 1)), CACHE, P.W2), ValueError, r"^y: 모양이 \(1, 1\)이어야 하는데 \(2, 1\)을.*cache.x의 모양"),
    ("backward: 전치한 W2", lambda: backward(Y, CACHE, P.W2.T), ValueError, r"^W2: 모양이 \(2, 1\)이어야 하는데 \(1, 2\)을"),
    ("backward: 인자 순서를 바꿈", lambda: backward(CACHE, Y, P.W2), TypeError, r"^cache: forward가 돌려준 Cache여야 하는데 numpy.ndarray을"),
    ("backward: 튜플 캐시", lambda: backward(Y, tuple(CACHE), P.W2), TypeError, r"^cache: forward가 돌려준 Cache여야 하는데 tuple을"),
    ("backward: cache.z2의 모양", lambda: backward(Y, CACHE._replace(z2=np.zeros((1, 2))), P.W2), ValueError, r"^cache.y_pred: 모양이 \(1, 2\)이어야 하는데 \(1, 1\)을.*k = 2: cache.z2의 모양 \(1, 2\)에서"),
    ("backward: cache.z1의 모양", lambda: backward(Y, CACHE._replace(z1=np.zeros((1, 3))), P.W2), ValueError, r"^cache.a1: 모양이 \(1, 3\)이어야 하는데 \(1, 2\)을.*h = 3: cache.z1의 모양 \(1, 3\)에서"),
    ("backward: cache.y_pred에 NaN", lambda: backward(Y, CACHE._replace(y_pred=CACHE.y_pred * np.nan), P.W2), ValueError, r"^cache.y_pred: 모든 값이 유한해야"),
    ("backward: 시그모이드 캐시에 output='relu'", lambda: backward(Y, SIG, P.W2, output="relu"), ValueError, r"^output: cache를 만든 출력층과 같은 'sigmoid'이어야 하는데 'relu'을"),
    ("backward: ReLU 캐시에 output='sigmoid'", lambda: backward(Y, CACHE, P.W2, output="sigmoid"), ValueError, r"^output: cache를 만든 출력층과 같은 'relu'이어야 하는데 'sigmoid'을"),
    ("backward: 없는 출력층", lambda: backward(Y, CACHE, P.W2, output="softmax"), ValueError, r"^output: 'relu' 또는 'sigmoid'이어야 하는데 'softmax'을"),
    ("backward: 정수 y", lambda: backward(np.array([[1]]), CACHE, P.W2), TypeError, r"^y: 실수 배열.*자료형이 int64인"),
    ("backward: 시그모이드의 정답이 0과 1 밖", lambda: backward(Y + 1, SIG, P.W2), ValueError, r"^y: .*0과 1 사이여야"),
    # ---- sgd_step
    *[(f"sgd_step: lr={lr!r}", lambda lr=lr: sgd_step(P, G, lr), ValueError, rf"^lr: 양의 유한한 실수여야 하는데 {re.escape(repr(lr))}을")
      for lr in (0, -0.1, math.nan, math.inf, "0.1", None, True)],
    ("sgd_step: 전치한 dW1", lambda: sgd_step(P, G._replace(dW1=G.dW1.T), 0.1), ValueError, r"^grads.dW1: 모양이 \(3, 2\)이어야 하는데 \(2, 3\)을"),
    ("sgd_step: params와 grads를 바꿈", lambda: sgd_step(G, P, 0.1), TypeError, r"^params: \(W1, b1, W2, b2\) 네 배열의 Params\(또는 튜플\)여야 하는데 4개짜리 Grads을"),
    ("sgd_step: 배열 세 개", lambda: sgd_step(tuple(P)[:3], G, 0.1), TypeError, r"^params: .*3개짜리 tuple을"),
    ("sgd_step: 예제 통째로", lambda: sgd_step(EX, G, 0.1), TypeError, r"^params: .*6개짜리 Example을.*ex.params"),
    ("sgd_step: 사전", lambda: sgd_step(P._asdict(), G, 0.1), TypeError, r"^params: .*dict을"),
    ("sgd_step: float32 기울기", lambda: sgd_step(P, Grads(*(g.astype(np.float32) for g in G)), 0.1), TypeError, r"^grads.dW1: 자료형이 앞의 인자들과 같은 float64"),
    # ---- 기울기 검사
    ("numerical_grads: 1차원 y", lambda: numerical_grads(X, Y[0], P), ValueError, r"^y: 모양이 \(1, 1\)이어야 하는데 \(1,\)을"),
    ("numerical_grads: n = 5인데 y가 (1, 1)", lambda: numerical_grads(np.ones((5, 3)), Y, P), ValueError, r"^y: 모양이 \(5, 1\)이어야 하는데 \(1, 1\)을"),
    ("numerical_grads: x에 NaN", lambda: numerical_grads(X * np.nan, Y, P), ValueError, r"^x: 모든 값이 유한해야"),
    ("numerical_grads: eps = 0", lambda: numerical_grads(X, Y, P, eps=0), ValueError, r"^eps: 0과 1 사이의 실수여야 하는데 0을"),
    ("numerical_grads: eps = 2", lambda: numerical_grads(X, Y, P, eps=2.0), ValueError, r"^eps: 0과 1 사이의 실수여야 하는데 2.0을"),
    ("numerical_grads: 없는 출력층", lambda: numerical_grads(X, Y, P, output="tanh"), ValueError, r"^output: 'relu' 또는 'sigmoid'"),
    ("numerical_grads: 텐서", lambda: numerical_grads(T.x, Y, P), TypeError, r"^x: numpy 배열.*torch.Tensor을"),
    ("gradient_check: 전치한 x", lambda: gradient_check(X.T, Y, P), ValueError, r"^x: 모양이 \(n, 3\)이어야 하는데 \(3, 1\)을"),
    ("gradient_check: 부를 수 없는 backward_fn", lambda: gradient_check(X, Y, P, backward_fn=G), TypeError, r"^backward_fn: backward\(y, cache, W2\)처럼 부를 수 있는 함수여야 하는데 Grads을"),
    ("gradient_check: 배열 다섯 개", lambda: gradient_check(X, Y, (*P, P.W1)), TypeError, r"^params: .*5개짜리 tuple을"),
    ("numerical_gradient: 정수 배열", lambda: numerical_gradient(lambda: 0.0, np.array([1, 2])), TypeError, r"^p: 실수 배열.*int64인"),
    ("numerical_gradient: float32 배열", lambda: numerical_gradient(lambda: 0.0, np.ones(2, np.float32)), TypeError, r"^p: float64 배열이어야 하는데 자료형이 float32인"),
    ("numerical_gradient: 함수가 아님", lambda: numerical_gradient(0.5, np.ones(2)), TypeError, r"^f: 인자 없이 불러 손실\(실수\)을 돌려주는 함수여야 하는데 float을"),
    ("numerical_gradient: 리스트", lambda: numerical_gradient(lambda: 0.0, [1.0, 2.0]), TypeError, r"^p: numpy 배열.*list을"),
    ("relative_error: 모양이 다름", lambda: relative_error(np.ones(2), np.ones(3)), ValueError, r"^b: a와 같은 모양 \(2,\)이어야 하는데 \(3,\)을"),
    # ---- train (numpy)
    ("train: 3차원 x", lambda: trn(x=np.zeros((10, 2, 1))), ValueError, r"^x: 모양이 \(n, 2\)이어야 하는데 \(10, 2, 1\)을"),
    ("train: y의 샘플 수", lambda: trn(y=np.zeros((9, 1))), ValueError, r"^y: 모양이 \(10, 1\)이어야 하는데 \(9, 1\)을.*x의 모양 \(10, 2\)"),
    ("train: x의 열 수", lambda: trn(x=np.zeros((10, 3))), ValueError, r"^x: 모양이 \(n, 2\)이어야 하는데 \(10, 3\)을.*params.W1의 모양 \(2, 3\)"),
    ("train: y의 열 수", lambda: trn(y=np.zeros((10, 2))), ValueError, r"^y: 모양이 \(10, 1\)이어야 하는데 \(10, 2\)을"),
    ("train: x에 NaN", lambda: trn(x=np.full((10, 2), np.nan)), ValueError, r"^x: 모든 값이 유한해야"),
    ("train: float32 x", lambda: trn(x=XS.astype(np.float32)), TypeError, r"^x: 자료형이 앞의 인자들과 같은 float64이어야 하는데 float32을"),
    ("train: lr = 0", lambda: trn(lr=0), ValueError, r"^lr: 양의 유한한 실수여야 하는데 0을"),
    *[(f"train: epochs={e!r}", lambda e=e: trn(epochs=e), ValueError, rf"^epochs: 양의 정수여야 하는데 {re.escape(repr(e))}을")
      for e in (0, -3, 2.5, 2.0, "10", None)],
    ("train: batch_size = 0", lambda: trn(batch_size=0), ValueError, r"^batch_size: 양의 정수여야 하는데 0을"),
    ("train: seed < 0", lambda: trn(batch_size=5, seed=-2), ValueError, r"^seed: 0 이상의 정수여야 하는데 -2을"),
    ("train: 없는 출력층", lambda: trn(output="softmax"), ValueError, r"^output: 'relu' 또는 'sigmoid'이어야 하는데 'softmax'을"),
    ("train: 시그모이드의 정답이 0과 1 밖", lambda: trn(y=YS * 3, output="sigmoid"), ValueError, r"^y: .*0과 1 사이여야"),
    ("train: 리스트 x", lambda: trn(x=XS.tolist()), TypeError, r"^x: 배열\(numpy.ndarray 또는 torch.Tensor\)이어야 하는데 list을"),
    ("train: numpy x와 텐서 y", lambda: trn(y=torch.from_numpy(YS)), TypeError, r"^y: numpy 배열.*torch.Tensor을"),
    ("train: 파라미터 세 개", lambda: trn(params=PS[:3]), TypeError, r"^params: .*3개짜리 tuple을"),
    # ---- train (PyTorch)
    ("train(텐서): 3차원 x", lambda: trn_torch(x=torch.zeros(10, 2, 1, dtype=torch.float64)), ValueError, r"^x: 모양이 \(n, 2\)이어야 하는데 \(10, 2, 1\)을"),
    ("train(텐서): float32 x", lambda: trn_torch(x=torch.zeros(10, 2)), TypeError, r"^x: 자료형이 앞의 인자들과 같은 float64이어야 하는데 float32을"),
    ("train(텐서): numpy 파라미터", lambda: trn_torch(params=PS), TypeError, r"^params.W1: torch.Tensor이어야 하는데 numpy.ndarray을.*to_torch"),
    ("train(텐서): lr < 0", lambda: trn_torch(lr=-1), ValueError, r"^lr: 양의 유한한 실수여야 하는데 -1을"),
    # ---- accuracy, data
    ("accuracy: 샘플 수가 다름", lambda: accuracy(np.zeros((3, 1)), np.zeros((4, 1))), ValueError, r"^y: 모양이 \(3, 1\)이어야 하는데 \(4, 1\)을"),
    ("accuracy: 정답이 0이나 1이 아님", lambda: accuracy(np.zeros((3, 1)), np.full((3, 1), 0.5)), ValueError, r"^y: 정답은 0 또는 1이어야"),
    ("spirals: n = 0", lambda: spirals(0), ValueError, r"^n: 양의 정수여야 하는데 0을"),
    ("spirals: turns < 0", lambda: spirals(10, turns=-1), ValueError, r"^turns: 양의 유한한 실수여야 하는데 -1을"),
    ("spirals: noise < 0", lambda: spirals(10, noise=-0.1), ValueError, r"^noise: 0 이상의 유한한 실수여야 하는데 -0.1을"),
    ("spirals: seed < 0", lambda: spirals(10, seed=-1), ValueError, r"^seed: 0 이상의 정수여야 하는데 -1을"),
    ("init_params: h = 0", lambda: init_params(2, 0, 1), ValueError, r"^h: 양의 정수여야 하는데 0을"),
    ("init_params: seed = 1.5", lambda: init_params(2, 3, 1, seed=1.5), ValueError, r"^seed: 0 이상의 정수여야 하는데 1.5을"),
    ("init_params: 정수 자료형", lambda: init_params(2, 3, 1, dtype=np.int64), ValueError, r"^dtype: np.float32 또는 np.float64여야 하는데"),
    ("split: test_fraction = 1", lambda: split(XS, YS, test_fraction=1.0), ValueError, r"^test_fraction: 0과 1 사이의 실수여야 하는데 1.0을"),
    ("split: 샘플 수가 다름", lambda: split(XS, spirals(9)[1]), ValueError, r"^y: 모양이 \(10, k\)이어야 하는데 \(9, 1\)을.*n = 10: x의 모양 \(10, 2\)에서"),
    ("split: 리스트", lambda: split(XS.tolist(), YS), TypeError, r"^x: numpy 배열.*list을"),
    # ---- PyTorch 판
    ("nt.forward: 전치한 W2", lambda: nt.forward(T.x, T.W1, T.b1, T.W2.T, T.b2), ValueError, r"^W2: 모양이 \(2, k\)이어야 하는데 \(1, 2\)을"),
    ("nt.forward: NaN", lambda: nt.forward(T.x * float("nan"), *TP), ValueError, r"^x: 모든 값이 유한해야"),
    ("nt.forward: numpy x", lambda: nt.forward(X, *TP), TypeError, r"^x: torch.Tensor이어야 하는데 numpy.ndarray을"),
    ("nt.forward: 정수 텐서", lambda: nt.forward(torch.ones(1, 3, dtype=torch.int64), *TP), TypeError, r"^x: 실수 배열.*자료형이 int64인"),
    ("nt.sgd_step: lr < 0", lambda: nt.sgd_step(TP, nt.Grads(*TP), -1), ValueError, r"^lr: 양의 유한한 실수여야 하는데 -1을"),
    ("nt.backward: 손실이 아닌 텐서", lambda: nt.backward(T.x, TP), TypeError, r"^L: 계산 그래프에 이어진 0차원 텐서\(손실\)여야 하는데 모양 \(1, 3\)"),
    ("nt.backward: requires_grad가 없는 파라미터", lambda: nt.backward(nt.loss(nt.forward(T.x, *TP).y_pred, T.y), Params(*(p.detach() for p in TP))), TypeError, r"^params.W1: requires_grad=True인 텐서여야"),
    ("nt.loss: y의 모양", lambda: nt.loss(T.y, torch.zeros(1, 2)), ValueError, r"^y: 모양이 \(1, 1\)이어야 하는데 \(1, 2\)을"),
    ("nt.cross_entropy: 정답이 0과 1 밖", lambda: nt.cross_entropy(T.y, T.y * 2), ValueError, r"^y: .*0과 1 사이여야"),
    # ---- Value (3장)
    ("Value: 글자", lambda: Value("2"), TypeError, r"^data: 실수\(int 또는 float\)여야 하는데 str '2'을"),
    ("Value: bool", lambda: Value(True), TypeError, r"^data: 실수\(int 또는 float\)여야 하는데 bool True을"),
    ("Value: NaN", lambda: Value(math.nan), ValueError, r"^data: 유한한 실수여야 하는데 nan을"),
    ("Value + 리스트", lambda: Value(1.0) + [1.0], TypeError, r"^other: 실수\(int 또는 float\) 또는 Value여야 하는데 list \[1\.0\]을"),
    ("Value ** 글자", lambda: Value(2.0) ** "2", TypeError, r"^exponent: 실수\(int 또는 float\)여야 하는데 str '2'을"),
    ("Value ** Value", lambda: Value(2.0) ** Value(3.0), TypeError, r"^exponent: 지수는 숫자\(int 또는 float\)여야 하는데 Value를"),
    ("음수 ** 1/3", lambda: Value(-8.0) ** (1 / 3), ValueError, r"^exponent: 밑이 음수\(-8.0\)이면 지수는 정수여야 하는데 0.333"),
    ("0 ** -1", lambda: Value(0.0) ** -1, ZeroDivisionError, r"^exponent: 밑이 0이면 지수는 0 이상이어야 하는데 -1을"),
    ("Value / 0", lambda: Value(1.0) / Value(0.0), ZeroDivisionError, r"^1.0 / 0.0: 나누는 값\(분모\)이 0입니다"),
    ("2 / Value(0)", lambda: 2.0 / Value(0.0), ZeroDivisionError, r"^2.0 / 0.0: 나누는 값\(분모\)이 0입니다"),
    ("넘치는 곱", lambda: Value(1e200) * Value(1e200), ValueError, r"^×의 결과: 유한한 실수여야 하는데 inf을"),
    ("넘치는 exp", lambda: Value(1000.0).exp(), ValueError, r"^exp의 결과: 유한한 실수여야 하는데 inf을"),
    ("topological_order: 숫자", lambda: topological_order(1.0), TypeError, r"^root: Value여야 하는데 float을"),
    ("build_network: W1의 모양", lambda: build_network(X, Y, P.W1.T, P.b1, P.W2, P.b2), ValueError, r"^b1: 모양이 \(1, 3\)이어야 하는데 \(1, 2\)을"),
    ("build_network: 샘플 둘", lambda: build_network(np.vstack([X, X]), Y, *P), ValueError, r"^x: 모양이 \(1, 3\)이어야 하는데 \(2, 3\)을"),
    ("build_network: value_type", lambda: build_network(*EX, value_type=float), TypeError, r"^value_type: Value나 그 하위 클래스여야 하는데 <class 'float'>을"),
    # ---- 그림
    ("plot_graph: 배열", lambda: plot_graph(X), TypeError, r"^roots: Value여야 하는데 ndarray을"),
    ("plot_graph: 아무것도 없음", lambda: plot_graph(), TypeError, r"^roots: Value가 하나 이상 있어야 하는데 아무것도"),
    ("plot_graph: 너무 큰 그래프", lambda: plot_graph(chain(100)), ValueError, r"^roots: 노드가 80개 이하인 그래프여야 하는데 201개인"),
    ("plot_loss_curve: 빈 기록", lambda: plot_loss_curve([]), ValueError, r"^history: EpochRecord가 하나 이상 있어야 하는데 빈 리스트"),
    ("plot_loss_curve: 튜플 기록", lambda: plot_loss_curve([(1, 0.5)]), ValueError, r"^history\[0\]: 손실이 양수인 EpochRecord여야 하는데 \(1, 0.5\)을"),
    ("plot_learning_rates: s < 0", lambda: plot_learning_rates({0.1: []}, -1.0), ValueError, r"^sharpness: 양의 유한한 실수"),
    ("plot_network: 전치한 기울기", lambda: plot_network(P, grads=G._replace(dW1=G.dW1.T)), ValueError, r"^grads.dW1: 모양이 \(3, 2\)이어야 하는데 \(2, 3\)을"),
    ("plot_network: 튜플 캐시", lambda: plot_network(P, cache=tuple(CACHE)), TypeError, r"^cache: forward가 돌려준 Cache여야 하는데 tuple을"),
    ("plot_network: ax가 아님", lambda: plot_network(P, ax="left"), TypeError, r"^ax: matplotlib Axes여야 하는데 str을"),
]


@pytest.mark.parametrize("call, error, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert re.search(message, str(caught.value)), str(caught.value)


def test_the_table_is_long_enough_and_every_public_function_is_in_it():
    assert len(CASES) >= 70
    names = {c[0].split(":")[0].split(" ")[0] for c in CASES}
    for f in ("forward", "loss", "cross_entropy", "loss_of", "backward", "sgd_step", "numerical_grads",
              "gradient_check", "numerical_gradient", "relative_error", "train", "accuracy", "spirals",
              "init_params", "split", "nt.forward", "nt.sgd_step", "nt.backward", "nt.loss", "Value"):
        assert f in names, f


def test_what_is_accepted_computes_the_same():
    """받기로 한 것: 파라미터와 기울기는 보통 튜플이나 리스트로도, float32도 (모두 float32이면)."""
    assert all(np.array_equal(a, b) for a, b in zip(sgd_step(tuple(P), list(G), 0.1), sgd_step(P, G, 0.1)))
    assert gradient_check(X, Y, tuple(P)) == gradient_check(X, Y, P)
    p32 = Params(*(p.astype(np.float32) for p in P))
    c32 = forward(X.astype(np.float32), *p32)
    assert c32.y_pred.dtype == np.float32 and backward(Y.astype(np.float32), c32, p32.W2).dW1.dtype == np.float32
    assert Value(np.float64(2.0)).data == 2.0 and Value(3).data == 3.0
