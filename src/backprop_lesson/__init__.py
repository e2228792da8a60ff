"""역전파 입문(backprop_lesson): 책의 장들이 함께 쓰는 작은 패키지.

책의 부록처럼 읽도록 짧게 썼습니다. 모듈 하나에 생각 하나:

- ``example``: 예제 x, y, W1, b1, W2, b2 (매번 새 배열)
- ``functions``: ReLU, ReLU의 도함수, 손실
- ``forward_pass``: 순전파와 캐시
- ``backprop``: 역전파(직접 미분)와 경사 하강 한 걸음
- ``gradient_check``: 중앙 차분으로 기울기 검사
- ``autograd``, ``training``: PyTorch 판과 학습 루프 (torch가 필요)
- ``fonts``, ``plot``: 한글 글꼴과 학습 곡선 (matplotlib이 필요)
- ``reproducibility``: CPU가 달라도 같은 float32 숫자가 나오게

여기서는 numpy 부분만 가져옵니다. torch와 matplotlib 부분은
``from backprop_lesson.training import train``처럼 필요할 때 가져옵니다.
"""

from .reproducibility import use_reproducible_matmul

# 가장 먼저: MKL은 프로세스의 첫 행렬곱 때 MKL_CBWR을 읽습니다.
use_reproducible_matmul()

from .backprop import Grads, backward, sgd_step  # noqa: E402
from .example import EPOCHS, LR, Example, Params, example  # noqa: E402
from .forward_pass import Cache, forward  # noqa: E402
from .functions import loss, relu, relu_deriv  # noqa: E402
from .gradient_check import gradient_check, numerical_grads, relative_error  # noqa: E402

__all__ = [
    "EPOCHS", "LR", "Cache", "Example", "Grads", "Params",
    "backward", "example", "forward", "gradient_check", "loss", "numerical_grads",
    "relative_error", "relu", "relu_deriv", "sgd_step", "use_reproducible_matmul",
]
__version__ = "0.1.0"
