// 책의 신경망(입력 3, ReLU 은닉 유닛 2, ReLU 출력 1, 샘플 하나)을 브라우저에서 float64로 계산합니다.
// 식은 패키지의 network.py(_forward, _backward, _sgd_step)와 같은 순서, 단계의 글은 steps.py와 같은 방법으로
// narration.toml(TEXT)에서 채웁니다. 두 구현이 같은 숫자와 글을 내는지 tests/test_browser_playground.py가 맞춰 봅니다.
// p(파라미터와 예제): {x: [3], y, W1: [3][2], b1: [2], W2: [2](= W2[j,0]), b2, lr}
var MINUS = '\u2212';

// 파이썬의 f"{v:.4g}"와 같은 글자(유효 숫자 4자리, 끝의 0을 뺌), 그리고 _format.fmt처럼 정수 값에 '.0', 빼기는 '−'
function fmt(v) {
  v = v + 0;  // −0을 0으로
  var s = v === 0 ? '0' : isNaN(v) ? 'nan' : !isFinite(v) ? (v < 0 ? '-inf' : 'inf') : (v < 0 ? '-' : '') + g4(Math.abs(v));
  if (/^-?\d+$/.test(s)) s += '.0';
  return s.replace(/-/g, MINUS);
}

function g4(a) {
  var e = a.toExponential(3).split('e'), digits = e[0].replace('.', ''), exp = +e[1];
  // 자바스크립트는 딱 가운데(…5 뒤가 모두 0)를 올리고 파이썬은 짝수 쪽으로 반올림합니다
  var exact = a.toExponential(40).split('e'), d = exact[0].replace('.', '');
  if (d[4] === '5' && /^0*$/.test(d.slice(5)) && +d[3] % 2 === 0) { digits = d.slice(0, 4); exp = +exact[1]; }
  if (exp < -4 || exp >= 4) {
    var mant = (digits[0] + '.' + digits.slice(1)).replace(/\.?0+$/, '');
    return mant + 'e' + (exp < 0 ? '-' : '+') + (Math.abs(exp) < 10 ? '0' : '') + Math.abs(exp);
  }
  var s = exp >= 0 ? digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1)
                   : '0.' + new Array(-exp).join('0') + digits;
  return s.replace(/0+$/, '').replace(/\.$/, '');  // 소수점 아래 끝의 0과, 남는 것이 없으면 소수점도
}

function paren(v) { var s = fmt(v); return s.charAt(0) === MINUS ? '(' + s + ')' : s; }  // steps.py의 _p
function at(name) { return name + '[' + Array.prototype.slice.call(arguments, 1).join(',') + ']'; }
function relu(z) { return z > 0 ? z : 0; }
function step01(z) { return z > 0 ? 1 : 0; }  // ReLU′(z): z = 0이면 0(network.relu_deriv처럼)
var H = [0, 1], D = [0, 1, 2];

function forward(p) {
  var z1 = H.map(function (j) { return p.x[0] * p.W1[0][j] + p.x[1] * p.W1[1][j] + p.x[2] * p.W1[2][j] + p.b1[j]; });
  var a1 = z1.map(relu), z2 = a1[0] * p.W2[0] + a1[1] * p.W2[1] + p.b2, y_pred = relu(z2), e = y_pred - p.y;
  return {z1: z1, a1: a1, z2: z2, y_pred: y_pred, L: 0.5 * (e * e)};
}

// 순전파, 역전파, 갱신 한 번. values의 이름은 Stepper.values와 같습니다.
function compute(p) {
  var f = forward(p), z1 = f.z1, a1 = f.a1, lr = p.lr;
  var dy_pred = f.y_pred - p.y, dz2 = dy_pred * step01(f.z2);
  var dW2 = a1.map(function (a) { return a * dz2; });
  var da1 = p.W2.map(function (w) { return dz2 * w; });
  var dz1 = H.map(function (j) { return da1[j] * step01(z1[j]); });
  var dW1 = D.map(function (i) { return dz1.map(function (g) { return p.x[i] * g; }); });
  var next = {x: p.x, y: p.y, lr: lr, b2: p.b2 - lr * dz2,
              W1: D.map(function (i) { return H.map(function (j) { return p.W1[i][j] - lr * dW1[i][j]; }); }),
              b1: H.map(function (j) { return p.b1[j] - lr * dz1[j]; }),
              W2: H.map(function (j) { return p.W2[j] - lr * dW2[j]; })};
  var v = {z2: f.z2, y_pred: f.y_pred, L: f.L, dy_pred: dy_pred, dz2: dz2, db2: dz2, new_b2: next.b2,
           L_after: forward(next).L};
  H.forEach(function (j) {
    v['z1_' + j] = z1[j]; v['a1_' + j] = a1[j]; v['da1_' + j] = da1[j]; v['dz1_' + j] = dz1[j];
    v['db1_' + j] = dz1[j]; v['dW2_' + j] = dW2[j]; v['new_b1_' + j] = next.b1[j]; v['new_W2_' + j] = next.W2[j];
    D.forEach(function (i) { v['dW1_' + i + '_' + j] = dW1[i][j]; v['new_W1_' + i + '_' + j] = next.W1[i][j]; });
  });
  return {f: f, v: v, dW1: dW1, dW2: dW2, da1: da1, dz1: dz1, next: next};
}

// 5장의 s = ‖∇θ ŷ‖²: ŷ를 파라미터 11개로 미분한 값의 제곱의 합(dW1, db1, dW2, db2 차례)
function sensitivity(p) {
  var f = forward(p), r2 = step01(f.z2), s = 0;
  var g1 = H.map(function (j) { return r2 * p.W2[j] * step01(f.z1[j]); });
  D.forEach(function (i) { H.forEach(function (j) { var g = p.x[i] * g1[j]; s += g * g; }); });
  H.forEach(function (j) { s += g1[j] * g1[j]; });
  H.forEach(function (j) { var g = f.a1[j] * r2; s += g * g; });
  return s + r2 * r2;
}

function fill(text, ctx) {  // steps.py의 _fill(string.Template): 없는 이름은 오류
  return text.replace(/\$\{(\w+)\}/g, function (m, k) {
    if (!(k in ctx)) throw new Error('narration: ' + k);
    return String(ctx[k]);
  });
}

// 단계들: {phase, title, formula, caption, focus, set, ask}. steps.py의 build_steps와 같은 차례와 글.
// ask(역전파 단계만): 예측 모드에서 묻는 값들 {key, name, value, question(숫자 없는 식), worked(숫자를 채운 식)}
function buildSteps(p, TEXT) {
  var c = compute(p), f = c.f, v = c.v, steps = [], x = p.x, on = function (z) { return z > 0 ? 'on' : 'off'; };
  function step(kind, focus, set, kase, ctx, lines) {
    var t = TEXT[kind], caption = kase ? t.caption[kase] : t.caption;
    var formula = (t.formula || []).map(function (s) { return fill(s, ctx || {}); }).concat(lines || []);
    var st = {kind: kind, phase: t.phase, title: fill(t.title, ctx || {}), formula: formula, caption: fill(caption, ctx || {}),
              focus: focus, set: set};
    steps.push(st);
    return st;
  }
  function ask(st, items) {  // items: [[값의 이름(values의 키), 보이는 이름, 식의 줄]]
    st.ask = items.map(function (it) {
      var parts = it[2].split(' = ');
      return {key: it[0], name: it[1], value: v[it[0]], question: parts.slice(0, 2).join(' = '), worked: it[2]};
    });
  }
  step('start', D.map(function (i) { return 'x' + i; }), {}, '',
       {xs: x.map(fmt).join(', '), y: fmt(p.y), lr: fmt(p.lr)});
  H.forEach(function (j) {  // ---- 순전파
    var set = {}, zj = at('z1', j);
    set['v:z1_' + j] = fmt(f.z1[j]);
    step('z1', ['z1_' + j].concat(D.map(function (i) { return 'W1_' + i + '_' + j; }), ['b1_' + j]), set, '',
         {zj: zj, bj: at('b1', j), b: paren(p.b1[j]), v: fmt(f.z1[j]), j: j,
          terms: D.map(function (i) { return at('x', i) + '·' + at('W1', i, j); }).join(' + '),
          nums: D.map(function (i) { return fmt(x[i]) + '·' + paren(p.W1[i][j]); }).join(' + ')});
    set = {};
    set['v:a1_' + j] = fmt(f.a1[j]);
    step('a1', ['a1_' + j, 'r1_' + j], set, on(f.z1[j]), {aj: at('a1', j), zj: zj, z: fmt(f.z1[j]), v: fmt(f.a1[j])});
  });
  step('z2', ['z2', 'W2_0', 'W2_1', 'b2'], {'v:z2': fmt(f.z2)}, '',
       {b: paren(p.b2), v: fmt(f.z2),
        terms: H.map(function (j) { return at('a1', j) + '·' + at('W2', j, 0); }).join(' + '),
        nums: H.map(function (j) { return fmt(f.a1[j]) + '·' + paren(p.W2[j]); }).join(' + ')});
  step('y_pred', ['y_pred', 'r2'], {'v:y_pred': fmt(f.y_pred)}, on(f.z2), {z: fmt(f.z2), v: fmt(f.y_pred)});
  step('L', ['L'], {'v:L': fmt(f.L)}, '', {yp: fmt(f.y_pred), y: paren(p.y), v: fmt(f.L)});

  var st, set;  // ---- 역전파
  st = step('dy_pred', ['y_pred', 'L'], {'g:y_pred': 'dy_pred = ' + fmt(v.dy_pred)},
            v.dy_pred < 0 ? 'neg' : v.dy_pred > 0 ? 'pos' : 'zero', {yp: fmt(f.y_pred), y: paren(p.y), v: fmt(v.dy_pred)});
  ask(st, [['dy_pred', 'dy_pred', st.formula[0]]]);
  st = step('dz2', ['z2', 'r2'], {'g:z2': 'dz2 = ' + fmt(v.dz2)}, on(f.z2),
            {dy: paren(v.dy_pred), r: step01(f.z2), z: fmt(f.z2), v: fmt(v.dz2)});
  ask(st, [['dz2', 'dz2', st.formula[0]]]);
  set = {};
  var lines = H.map(function (j) {
    set['e:W2_' + j] = 'd=' + fmt(c.dW2[j]);
    return fill(TEXT.dW2.line, {j: j, a: fmt(f.a1[j]), dz2: paren(v.dz2), v: fmt(c.dW2[j])});
  });
  st = step('dW2', ['W2_0', 'W2_1', 'z2'], set, '', {}, lines);
  ask(st, H.map(function (j) { return ['dW2_' + j, at('dW2', j, 0), lines[j]]; }));
  st = step('db2', ['b2', 'z2'], {'e:b2': 'db2 = ' + fmt(v.db2)}, '', {v: fmt(v.db2)});
  ask(st, [['db2', 'db2', st.formula[0]]]);
  H.forEach(function (j) {
    var set = {}, w = paren(p.W2[j]);
    set['g:a1_' + j] = at('da1', j) + ' = ' + fmt(c.da1[j]);
    st = step('da1', ['a1_' + j, 'W2_' + j], set, '', {j: j, dz2: paren(v.dz2), w: w, v: fmt(c.da1[j])});
    ask(st, [['da1_' + j, at('da1', j), st.formula[0]]]);
    set = {};
    set['g:z1_' + j] = at('dz1', j) + ' = ' + fmt(c.dz1[j]);
    st = step('dz1', ['z1_' + j, 'r1_' + j], set, on(f.z1[j]),
              {j: j, dz2: paren(v.dz2), w: w, r: step01(f.z1[j]), z: fmt(f.z1[j]), v: fmt(c.dz1[j])});
    ask(st, [['dz1_' + j, at('dz1', j), st.formula.join(' ')]]);
    set = {};
    var lines = D.map(function (i) {
      set['e:W1_' + i + '_' + j] = 'd=' + fmt(c.dW1[i][j]);
      return fill(TEXT.dW1.line, {i: i, j: j, x: fmt(x[i]), dz1: paren(c.dz1[j]), v: fmt(c.dW1[i][j])});
    });
    st = step('dW1', D.map(function (i) { return 'W1_' + i + '_' + j; }).concat(['z1_' + j]), set, '', {j: j}, lines);
    ask(st, D.map(function (i) { return ['dW1_' + i + '_' + j, at('dW1', i, j), lines[i]]; }));
    set = {};
    set['e:b1_' + j] = at('db1', j) + ' = ' + fmt(c.dz1[j]);
    st = step('db1', ['b1_' + j, 'z1_' + j], set, '', {j: j, v: fmt(c.dz1[j])});
    ask(st, [['db1_' + j, at('db1', j), st.formula[0]]]);
  });

  // ---- 갱신: [그림의 키, 식의 이름, 그림에 적을 글의 앞부분, 전, 기울기, 후]
  var rows = [];
  D.forEach(function (i) { H.forEach(function (j) {
    rows.push(['W1_' + i + '_' + j, at('W1', i, j), '', p.W1[i][j], c.dW1[i][j], c.next.W1[i][j]]);
  }); });
  H.forEach(function (j) { rows.push(['b1_' + j, at('b1', j), at('b1', j) + ' = ', p.b1[j], c.dz1[j], c.next.b1[j]]); });
  H.forEach(function (j) { rows.push(['W2_' + j, at('W2', j, 0), '', p.W2[j], c.dW2[j], c.next.W2[j]]); });
  rows.push(['b2', 'b2', 'b2 = ', p.b2, v.dz2, c.next.b2]);
  set = {};
  lines = rows.map(function (r) {
    set['e:' + r[0]] = r[2] + fmt(r[5]);
    return fill(TEXT.update.line, {name: r[1], old: fmt(r[3]), lr: fmt(p.lr), g: paren(r[4]), v: fmt(r[5])});
  });
  lines.push(fill(TEXT.update.last, {L: fmt(f.L), v: fmt(v.L_after)}));
  step('update', rows.map(function (r) { return r[0]; }), set,
       v.L_after < f.L ? 'down' : v.L_after > f.L ? 'up' : 'same', {lr: fmt(p.lr)}, lines);
  return {steps: steps, values: v, next: c.next};
}

// 그림의 처음 글자(figure.svg의 ${…} 자리와 같은 글): 입력, 가중치, 편향, 정답
function baseLabels(p) {
  var out = {y: '정답 y = ' + fmt(p.y), 'e:b2': 'b2 = ' + fmt(p.b2)};
  D.forEach(function (i) {
    out['v:x' + i] = fmt(p.x[i]);
    H.forEach(function (j) { out['e:W1_' + i + '_' + j] = fmt(p.W1[i][j]); });
  });
  H.forEach(function (j) { out['e:b1_' + j] = at('b1', j) + ' = ' + fmt(p.b1[j]); out['e:W2_' + j] = fmt(p.W2[j]); });
  return out;
}
