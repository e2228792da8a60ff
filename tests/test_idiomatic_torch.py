"""5장의 'PyTorch답게 쓰기': nn.Sequential + nn.MSELoss + torch.optim.SGD가 책의 루프와 어디까지 같은지.

책의 루프(network_torch, p - lr * grad)와 nn 판을 에폭마다 비교합니다. 잰 결과, 이 예제의 10 에폭에서는
- 0.5 * MSELoss, lr = 0.1: y_pred, loss, 기울기 11개, 가중치가 모두 비트 하나까지 같습니다.
- MSELoss, lr = 0.05: y_pred와 가중치는 비트 하나까지 같고, loss와 기울기는 정확히 두 배입니다.
- MSELoss, lr = 0.1(맞추지 않음): 첫 에폭 뒤로 달라집니다.
이 일치는 보장이 아니라 이 예제에서 잰 것입니다: optim.SGD는 한 번 반올림(fused multiply-add),
책은 두 번 반올림하며, 무작위 값에서는 마지막 자리가 다른 원소가 있습니다(마지막 검사).
"""

import pytest
import torch
from torch import nn

import backprop_lesson.network_torch as nt
from _golden import golden_blocks
from backprop_lesson import EPOCHS, LR, Params
from backprop_lesson.reproducibility import use_reproducible_matmul

use_reproducible_matmul()  # 이 작업자 프로세스의 첫 torch 행렬곱보다 먼저(xdist 작업자마다 한 번)


def book_model():
    _, _, W1, b1, W2, b2 = nt.example_tensors()
    first, second = nn.Linear(3, 2), nn.Linear(2, 1)
    model = nn.Sequential(first, nn.ReLU(), second, nn.ReLU())
    with torch.no_grad():
        first.weight.copy_(W1.T)
        first.bias.copy_(b1.reshape(-1))
        second.weight.copy_(W2.T)
        second.bias.copy_(b2.reshape(-1))
    return model


def as_nn_layout(tensors):
    """책의 W1 (3, 2), b1 (1, 2), W2 (2, 1), b2 (1, 1) → nn.Linear의 (2, 3), (2,), (1, 2), (1,)."""
    W1, b1, W2, b2 = tensors
    return [W1.T, b1.reshape(-1), W2.T, b2.reshape(-1)]


def book_run():
    """책의 루프(패키지의 network_torch): 에폭마다 (y_pred, loss, 갱신 전 가중치, 기울기), 끝난 가중치."""
    x, y, *tensors = nt.example_tensors()
    params = nt.leaf_params(Params(*tensors))
    out = []
    for _ in range(EPOCHS):
        L, cache, grads = nt.loss_and_grads(x, y, params)
        out.append((cache.y_pred, L, as_nn_layout(params), as_nn_layout(grads)))
        params = nt.sgd_step(params, grads, LR)
    return out, as_nn_layout(params)


def nn_run(loss_scale, lr):
    x, y, *_ = nt.example_tensors()
    model = book_model()
    mse = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    out = []
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        y_pred = model(x)
        loss = loss_scale * mse(y_pred, y)
        loss.backward()
        out.append((y_pred.detach().clone(), loss.item(),
                    [p.detach().clone() for p in model.parameters()],
                    [p.grad.clone() for p in model.parameters()]))
        optimizer.step()
    return out, [p.detach().clone() for p in model.parameters()]


def original_lines():
    return golden_blocks()["05_training_loop"].splitlines()[1:11]


def test_half_mse_with_the_books_lr_matches_the_book_bit_for_bit_every_epoch():
    book, book_final = book_run()
    mine, mine_final = nn_run(0.5, LR)
    for epoch, ((yb, Lb, pb, gb), (ym, Lm, pm, gm)) in enumerate(zip(book, mine), start=1):
        assert torch.equal(ym, yb), epoch
        assert Lm == Lb, epoch
        for a, b in zip(pm, pb):
            assert torch.equal(a, b), epoch
        for a, b in zip(gm, gb):
            assert torch.equal(a, b), epoch
    for a, b in zip(mine_final, book_final):
        assert torch.equal(a, b)


def test_half_mse_prints_the_original_epoch_lines():
    mine, _ = nn_run(0.5, LR)
    lines = [f"Epoch {e} l y_pred:  {y.item()} l loss:  {L}" for e, (y, L, _, _) in enumerate(mine, start=1)]
    assert lines == original_lines()


def test_plain_mse_with_half_the_lr_matches_predictions_and_weights_and_doubles_loss_and_grads():
    book, book_final = book_run()
    mine, mine_final = nn_run(1.0, LR / 2)
    for epoch, ((yb, Lb, pb, gb), (ym, Lm, pm, gm)) in enumerate(zip(book, mine), start=1):
        assert torch.equal(ym, yb), epoch
        assert Lm == 2 * Lb, epoch  # 정확히 두 배: 2를 곱하는 것은 반올림이 없습니다
        for a, b in zip(pm, pb):
            assert torch.equal(a, b), epoch
        for a, b in zip(gm, gb):
            assert torch.equal(a, 2 * b), epoch
    for a, b in zip(mine_final, book_final):
        assert torch.equal(a, b)
    # 까닭: float32로 바꾼 0.05는 float32로 바꾼 0.1의 정확히 절반이고, 2를 곱하는 것은 지수만 바꿉니다
    assert torch.tensor(LR / 2, dtype=torch.float32) * 2 == torch.tensor(LR, dtype=torch.float32)


def test_plain_mse_with_the_books_lr_is_a_doubled_step_and_the_output_relu_dies():
    book, _ = book_run()
    mine, _ = nn_run(1.0, LR)
    assert torch.equal(mine[0][0], book[0][0])  # 첫 순전파는 같고
    assert mine[1][0].item() != pytest.approx(book[1][0].item(), abs=0.1)  # 두 배의 걸음 뒤로는 다릅니다
    assert [round(y.item(), 4) for y, *_ in mine[:5]] == [0.7, 1.4964, 0.1811, 2.287, 0.0]
    assert all(y.item() == 0.0 for y, *_ in mine[4:])


def test_nn_linear_stores_the_transpose_and_computes_the_same_as_the_books_forward():
    model = book_model()
    x, _, W1, b1, W2, b2 = nt.example_tensors()
    assert model[0].weight.shape == (2, 3) and model[0].bias.shape == (2,)
    assert model[2].weight.shape == (1, 2) and model[2].bias.shape == (1,)
    cache = nt.forward(x, W1, b1, W2, b2)
    assert torch.equal(model[0](x), cache.z1)  # addmm(b, x, Wᵀ)와 x @ W1 + b1: 이 예제에서는 같습니다
    assert torch.equal(model(x), cache.y_pred)


def test_optimizer_step_and_the_books_update_may_round_differently():
    """그래서 비트 일치는 보장이 아닙니다.

    한 번 반올림(FMA)과 두 번 반올림은 무작위 float32 값에서 마지막 자리가 갈립니다.

    책의 p - lr * grad는 곱에서, 뺄셈에서 두 번 반올림합니다. optim.SGD의 p.add_(grad, alpha=-lr)는 CPU의 벡터 명령에
    따라 곱과 덧셈을 한 번에 계산해 한 번 반올림하기도 합니다(FMA). 어느 쪽이든 원소마다 둘 중 하나와 같아야 합니다.
    """
    gen = torch.Generator().manual_seed(0)
    p0, g = torch.randn(1000, generator=gen), torch.randn(1000, generator=gen)
    p = nn.Parameter(p0.clone())
    p.grad = g.clone()
    torch.optim.SGD([p], lr=LR).step()
    once = (p0.double() - torch.tensor(LR, dtype=torch.float32).double() * g.double()).float()
    twice = (p0.double() - (LR * g).double()).float()
    assert torch.equal(p0 - LR * g, twice)                     # 책의 갱신은 두 번 반올림
    assert (once != twice).any()                               # 두 방식은 정말 갈리고
    assert ((p.detach() == once) | (p.detach() == twice)).all()  # SGD는 원소마다 둘 중 하나
    assert (p.detach() - twice).abs().max().item() <= 4 * torch.finfo(torch.float32).eps  # 마지막 자리만
