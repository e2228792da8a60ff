"""역전파 입문(backprop_lesson): 책의 장들이 함께 쓰는 작은 패키지.

책의 부록처럼 읽도록 짧게 썼습니다. 모듈 하나에 생각 하나:

- ``data``: 책의 예제 x, y, W1, b1, W2, b2(매번 새 배열), 두 나선 데이터, 처음 가중치
- ``network``: numpy 신경망: Params·Cache·Grads, ReLU, 시그모이드, 손실(제곱 오차, 로짓에서 교차 엔트로피), 순전파,
  역전파(직접 미분), 경사 하강
- ``scalar_autograd``: 직접 만든 스칼라 자동 미분(``Value``, 위상 정렬, ``backward``), 책의 신경망을 ``Value``로
- ``network_torch``: 같은 신경망의 PyTorch 판(같은 이름, 기울기는 autograd), numpy↔텐서 변환 (torch 필요)
- ``training``: 학습 루프 하나(numpy와 PyTorch 모두), 정확도
- ``gradient_check``: 중앙 차분으로 기울기 검사
- ``layers``: ``forward``/``backward``를 가진 층(Affine, ReLU, 시그모이드, 손실 층), 쌓고 거꾸로 부르기(8장)
- ``stepper``: 신경망을 노드 하나씩 넘겨 보는 HTML(순전파 → 역전파 → 갱신, 책·Jupyter·Colab에서 인터넷 없이).
  단계는 데이터(``steps``), 그림과 틀은 ``page``와 ``template.html``, ``stepper.css``, ``stepper.js``
- ``reproducibility``: 원본의 float32 숫자를 어느 CPU에서나 똑같이(직접 켜는 선택)
- ``fonts``, ``plot``, ``network_plot``, ``graph_plot``, ``derivative_plot``, ``region_plot``: 한글 글꼴, 학습 곡선,
  신경망 그림, 계산 그래프 그림, 접선과 층마다의 기울기 크기, 결정 영역
  (matplotlib 필요)
- ``_format``: 그림마다 숫자를 보여 주는 함수 하나(``fmt``)
- ``_checks``: 공개 함수 입구의 입력 검사(보통 함수: ``check_array``, ``check_params``, ``check_cache`` …)

여기서는 numpy 부분만 가져오고, 어떤 전역 상태(환경 변수, matplotlib 설정)도 바꾸지 않습니다.
torch와 matplotlib 부분은 ``from backprop_lesson.network_torch import forward``처럼 필요할 때 가져옵니다.
"""

from .data import EPOCHS, LR, Example, example, init_params, spirals, split
from .gradient_check import gradient_check, numerical_grads, relative_error
from .network import (
                      Cache,
                      Grads,
                      Params,
                      SigmoidCache,
                      backward,
                      cross_entropy,
                      forward,
                      loss,
                      loss_of,
                      relu,
                      relu_deriv,
                      sgd_step,
                      sigmoid,
)
from .reproducibility import use_reproducible_matmul
from .training import EpochRecord, accuracy, train

__all__ = [
    "EPOCHS", "LR", "Cache", "EpochRecord", "Example", "Grads", "Params", "SigmoidCache",
    "accuracy", "backward", "cross_entropy", "example", "forward", "gradient_check", "init_params", "loss",
    "loss_of", "numerical_grads", "relative_error", "relu", "relu_deriv", "sgd_step", "sigmoid", "spirals", "split",
    "train",
    "use_reproducible_matmul",
]
__version__ = "0.2.0"
