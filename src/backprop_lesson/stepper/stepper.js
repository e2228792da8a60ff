// 역전파 단계별 보기와 놀이터(숫자 바꾸기, 기울기 예측, 학습). model.js 다음에 같은 함수 안에서 돕니다.
// id를 쓰지 않고 자기를 감싼 .bp-stepper를 찾습니다(한 페이지에 여럿이어도 섞이지 않게).
// 처음 값과 글의 틀은 위젯 안의 <script class="bp-data">(JSON)에 있고, 숫자와 글은 model.js가 계산합니다.
// '모든 단계를 글로 보기' 목록은 스크립트 없이도 읽히도록 파이썬이 적어 두고, 스크립트는 숫자가 바뀔 때마다 다시 씁니다.
// 계산한 값은 root.bp에도 둡니다(검사와, 개발자 도구로 들여다보는 학습자를 위해).
var SVG = 'http://www.w3.org/2000/svg';
var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
// 숫자 칸: [보이는 이름, p 안의 자리]. 화면 읽기 프로그램에는 이름 앞에 무엇인지(KIND)를 함께 읽힙니다
var FIELDS = [['x[0]', ['x', 0]], ['x[1]', ['x', 1]], ['x[2]', ['x', 2]], ['정답 y', ['y']]]
  .concat([0, 1, 2].reduce(function (acc, i) {
    return acc.concat([0, 1].map(function (j) { return ['W1[' + i + ',' + j + ']', ['W1', i, j]]; }));
  }, []))
  .concat([['b1[0]', ['b1', 0]], ['b1[1]', ['b1', 1]], ['W2[0,0]', ['W2', 0]], ['W2[1,0]', ['W2', 1]], ['b2', ['b2']]]);

var KIND = {x: '입력 ', W1: '가중치 ', W2: '가중치 ', b1: '편향 ', b2: '편향 '};
function get(p, path) { return path.reduce(function (o, k) { return o[k]; }, p); }
function put(p, path, v) { var o = get(p, path.slice(0, -1)); o[path[path.length - 1]] = v; }
function copy(p) { return JSON.parse(JSON.stringify(p)); }
// 숫자 칸의 글: 되읽으면 같은 수가 되는 가장 짧은 글(파이썬의 repr처럼 정수 값에는 '.0')
function plain(v) { var s = String(v); return /^-?\d+$/.test(s) ? s + '.0' : s; }

function init(root) {
  if (root.getAttribute('data-ready')) return;
  root.setAttribute('data-ready', '1');
  // 라디오 묶음의 이름: 페이지마다(Colab의 셀마다, JupyterLab의 출력마다) 위젯 스크립트가 따로 돌아도 겹치지 않게
  var uid = 'bp' + Math.random().toString(36).slice(2, 10);
  function all(sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); }
  function one(sel, el) { return (el || root).querySelector(sel); }
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function tools(cls) { return document.importNode(one('template.' + cls).content, true); }
  var data = JSON.parse(one('.bp-data').textContent), TEXT = data.text, UI = TEXT.ui;
  var p = copy(data.start), k = 0, mode = 'step', steps = [], answers = {}, labels = {}, errors = {}, run = null;
  var bp = root.bp = {values: {}, steps: [], losses: []};

  // ---- 틀: 스크립트가 만드는 것들(스크립트가 돌지 않는 곳에 쓸 수 없는 단추나 칸이 남지 않도록)
  var fig = one('.bp-fig'), live = one('.bp-text'), controls = one('.bp-controls'), list = one('.bp-all');
  root.insertBefore(tools('bp-tools'), fig);
  live.parentNode.insertBefore(tools('bp-ask-tools'), controls);
  list.parentNode.insertBefore(tools('bp-train-tools'), list);
  var ask = one('.bp-ask'), train = one('.bp-train'), errorBox = one('.bp-error');
  all('.bp-modes input').forEach(function (r) { r.name = uid + '-mode'; });
  all('[data-label]').forEach(function (el) { labels[el.getAttribute('data-label')] = el; });

  function field(name, value, path, step, check) {
    var box = make('span', 'bp-field'), label = make('label'), input = make('input');
    if (KIND[path[0]]) label.appendChild(make('span', 'bp-sr', KIND[path[0]]));
    input.type = 'text';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.size = 7;
    input.value = plain(value);
    label.appendChild(make('span', 'bp-name', name));
    label.appendChild(input);
    box.appendChild(label);
    // 바른 값이면 적는 동안 바로 다시 계산하고, 틀린 값의 말은 칸을 떠날 때(change) 보여 줍니다('−'만 적은 순간 등)
    function set(text, final) {
      var r = check(text, name);
      input.setAttribute('aria-invalid', String(!!r.error));
      if (!r.error) { put(p, path, r.value); rebuild(); }
      if (!r.error || final) { errors[name] = r.error; showErrors(); }
    }
    function nudge(sign) {
      var r = check(input.value, name);
      if (r.error) return;
      input.value = plain(+(r.value + sign * step).toFixed(10));
      set(input.value, true);
    }
    input.addEventListener('input', function () { set(input.value, false); });
    input.addEventListener('change', function () { set(input.value, true); });
    input.addEventListener('keydown', function (ev) {  // 키보드: ↑ ↓로 한 눈금씩
      var d = {ArrowUp: 1, ArrowDown: -1}[ev.key];
      if (!d || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      ev.preventDefault();
      nudge(d);
    });
    // 터치 화면: 작은 − + 단추(CSS가 손가락으로 쓰는 화면에서만 보여 줍니다)
    [[-1, '−', '줄이기'], [1, '+', '늘리기']].forEach(function (b) {
      var el = make('button', 'bp-nudge', b[1]);
      el.type = 'button';
      el.setAttribute('aria-label', name + ' ' + step + '만큼 ' + b[2]);
      el.addEventListener('click', function () { nudge(b[0]); });
      box.appendChild(el);
    });
    return box;
  }
  // 칸의 글 → {value} 또는 {error: 한국어 말}. lo < v(loOpen) 또는 lo ≤ v, v ≤ hi, integer이면 정수만
  function number(lo, hi, range, loOpen, integer) {
    return function (text, name) {
      var s = String(text).trim().replace(/\u2212/g, '-');
      if (!s) return {error: fill(UI.empty, {name: name})};
      if (!NUMBER.test(s)) return {error: fill(UI.not_number, {name: name, got: text})};
      var v = Number(s);
      if (!(loOpen ? v > lo : v >= lo) || !(v <= hi) || (integer && v % 1)) {
        return {error: fill(UI.out_of_range, {name: name, range: UI[range], got: s})};
      }
      return {value: v};
    };
  }
  var fields = FIELDS.map(function (f) {  // [칸, p 안의 자리]: '처음 값으로'가 되돌립니다
    var box = field(f[0], get(p, f[1]), f[1], 0.1, number(-1000, 1000, 'range_value'));
    one('.bp-fields').appendChild(box);
    return [one('input', box), f[1]];
  });
  var lrBox = field('학습률 η', p.lr, ['lr'], 0.01, number(0, 10, 'range_lr', true));
  one('.bp-lr').appendChild(lrBox);
  fields.push([one('input', lrBox), ['lr']]);
  function showErrors() {
    var msgs = Object.keys(errors).filter(function (n) { return errors[n]; }).map(function (n) { return errors[n]; });
    errorBox.textContent = msgs.length ? msgs.join(' ') + ' ' + UI.kept : '';
  }
  one('.bp-reset').addEventListener('click', function () {
    p = copy(data.start);
    errors = {};
    fields.forEach(function (f) { f[0].value = plain(get(p, f[1])); f[0].setAttribute('aria-invalid', 'false'); });
    showErrors();
    rebuild();
  });

  // ---- 단계별 보기
  var btn = {};
  [['first', '처음으로'], ['prev', '이전'], ['next', '다음']].forEach(function (b) {
    var el = make('button', '', b[1]);
    el.type = 'button';
    controls.appendChild(el);
    btn[b[0]] = el;
  });
  function kindIndex(kind, n) {
    var seen = -1;
    for (var i = 0; i < steps.length; i++) if (steps[i].kind === kind && ++seen === n) return i;
    return -1;
  }
  function write(el, st, question) {  // 한 단계의 글: 제목, 식의 줄들, 설명
    el.appendChild(make('p', 'bp-title', st.title));
    var box = make('div', 'bp-formula' + (st.formula.length > 4 ? ' bp-many' : ''));
    (question ? st.ask.map(function (a) { return a.question + ' = ' + UI.ask_hidden; }) : st.formula)
      .forEach(function (t) { box.appendChild(make('div', '', t)); });
    el.appendChild(box);
    el.appendChild(make('p', 'bp-caption', question ? UI.ask_caption : st.caption));
  }
  function asking(i) { return mode === 'predict' && steps[i].ask && !answers[i]; }
  // 그림: 단계 i까지 적힌 글자, 강조, 꺼진 ReLU
  // view: 그릴 숫자({p, steps, values}: 보통은 지금 숫자, 학습 중에는 그 에폭의 가중치)
  function paint(view, i, focus, hideLast) {
    var text = baseLabels(view.p), phase = {}, key, j, v = view.values, z1 = [v.z1_0, v.z1_1];
    for (j = 0; j <= i - (hideLast ? 1 : 0); j++) {
      for (key in view.steps[j].set) { text[key] = view.steps[j].set[key]; phase[key] = view.steps[j].phase; }
    }
    for (key in labels) {
      labels[key].textContent = text[key] || '';
      if (phase[key]) labels[key].setAttribute('data-phase', phase[key]);
      else labels[key].removeAttribute('data-phase');
    }
    all('[data-node],[data-edge]').forEach(function (el) {
      var id = el.getAttribute('data-node') || el.getAttribute('data-edge');
      el.classList.toggle('bp-on', focus.indexOf(id) >= 0);
    });
    // 꺼진 ReLU(z ≤ 0)는 그 값을 계산한 단계부터 막힌 길로 그립니다: 그 뒤로는 값도 기울기도 0
    [0, 1].forEach(function (j) {
      var dead = z1[j] <= 0 && i >= kindIndex('a1', j);
      one('[data-edge="r1_' + j + '"]').classList.toggle('bp-dead', dead);
      one('[data-edge="W2_' + j + '"]').classList.toggle('bp-dead', dead);
    });
    one('[data-edge="r2"]').classList.toggle('bp-dead', v.z2 <= 0 && i >= kindIndex('y_pred', 0));
  }
  function show(i) {
    k = Math.max(0, Math.min(steps.length - 1, i));
    var st = steps[k], q = asking(k);
    paint({p: p, steps: steps, values: bp.values}, k, st.focus, q);
    live.textContent = '';
    live.appendChild(make('p', 'bp-count', '단계 ' + (k + 1) + ' / ' + steps.length));
    write(live, st, q);
    if (mode === 'predict' && st.phase === 'update') live.appendChild(make('p', 'bp-caption bp-final', score(true)));
    follow();
    root.setAttribute('data-step', String(k + 1));
    btn.first.setAttribute('aria-disabled', String(k === 0));
    btn.prev.setAttribute('aria-disabled', String(k === 0));
    btn.next.setAttribute('aria-disabled', String(k === steps.length - 1));
    showAsk();
  }
  // 좁은 화면에서 그림이 옆으로 넘칠 때, 지금 단계의 노드와 간선이 보이도록 그림 상자를 옮깁니다
  function follow() {
    if (fig.scrollWidth <= fig.clientWidth) return;
    var on = all('.bp-on'), box = fig.getBoundingClientRect(), lo = Infinity, hi = -Infinity;
    on.forEach(function (el) { var r = el.getBoundingClientRect(); lo = Math.min(lo, r.left); hi = Math.max(hi, r.right); });
    if (on.length) fig.scrollLeft += (lo + hi) / 2 - (box.left + box.right) / 2;
  }
  // 예측 모드에서 답하지 않고 '다음'으로 넘어가면 그 값은 '답하지 않음'
  var go = {first: function () { show(0); }, prev: function () { show(k - 1); },
            next: function () { if (asking(k)) skip(k); show(k + 1); }};
  Object.keys(go).forEach(function (a) { btn[a].addEventListener('click', go[a]); });
  root.addEventListener('keydown', function (ev) {
    var act = {ArrowRight: 'next', ArrowLeft: 'prev', Home: 'first'}[ev.key];
    if (!act || mode === 'train' || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) return;  // 글자 칸과 라디오의 화살표는 그 칸의 것
    ev.preventDefault();
    go[act]();
  });

  // ---- 기울기 예측: 역전파 단계마다 값을 먼저 적게 하고, 확인하면 맞았는지와 (틀리면) 숫자를 채운 식을 보여 줍니다
  function close(got, v) { return Math.abs(got - v) <= (Math.abs(v) < 0.1 ? 0.001 : 0.01 * Math.abs(v)); }
  function score(final) {
    var total = 0, n = 0, m = 0;
    steps.forEach(function (st, i) {
      if (!st.ask) return;
      var a = answers[i];
      st.ask.forEach(function (q, j) {
        if (a) { total++; if (a[j].ok) n++; if (a[j].skipped) m++; }
        else if (final) { total++; m++; }
      });
    });
    var s = fill(final ? UI.score : UI.score_so_far, {total: total, n: n});
    return m ? s + ' ' + fill(UI.score_skipped, {m: m}) : s;
  }
  function showAsk() {
    var st = steps[k], a = answers[k], box = one('.bp-ask-fields'), fb = one('.bp-feedback');
    ask.hidden = !(mode === 'predict' && st.ask);
    if (ask.hidden) return;
    box.textContent = '';
    fb.textContent = '';
    st.ask.forEach(function (q, j) {
      var label = make('label', 'bp-field'), input = make('input');
      input.type = 'text';
      input.autocomplete = 'off';
      input.size = 9;
      label.appendChild(make('span', 'bp-sr', '예측한 값 '));
      label.appendChild(make('span', 'bp-name', q.name + ' ='));
      label.appendChild(input);
      box.appendChild(label);
      if (a) {
        input.value = a[j].got;
        input.readOnly = true;
        var r = a[j], msg = r.skipped ? fill(UI.skipped, {name: q.name, v: fmt(q.value)})
          : r.ok ? fill(UI.right, {name: q.name, v: fmt(q.value)})
          : fill(UI.wrong, {name: q.name, got: fmt(r.value), v: fmt(q.value), worked: q.worked});
        fb.appendChild(make('p', r.ok ? 'bp-right' : 'bp-wrong', (r.ok ? '✓ ' : '✗ ') + msg));
      }
    });
    one('.bp-check').hidden = !!a;
    one('.bp-score').textContent = score(false);
  }
  ask.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var st = steps[k], inputs = all('.bp-ask-fields input'), bad = [], got = [];
    if (answers[k]) return;
    st.ask.forEach(function (q, j) {
      var r = number(-Infinity, Infinity, 'range_value')(inputs[j].value, q.name);
      inputs[j].setAttribute('aria-invalid', String(!!r.error));
      if (r.error) bad.push(r.error); else got.push(r.value);
    });
    if (bad.length) { one('.bp-feedback').textContent = bad.join(' '); return; }
    answers[k] = st.ask.map(function (q, j) {
      return {got: inputs[j].value, value: got[j], ok: close(got[j], q.value)};
    });
    show(k);
    btn.next.focus();  // 답을 본 다음에는 Enter로 다음 단계로
  });
  function skip(i) {
    answers[i] = steps[i].ask.map(function () { return {got: '', value: NaN, ok: false, skipped: true}; });
  }

  // ---- 학습: 지금 숫자에서 N 에폭 경사 하강, 손실 곡선(로그 눈금)과 5장의 경계 1/s, 2/s
  var runBtn = one('.bp-run'), status = one('.bp-train-status'), curve = one('.bp-curve');
  function regime(q) {
    var s = sensitivity(q);
    if (!(s > 0)) return UI.s_zero;
    var lr = fmt(q.lr), head = fill(UI.s, {s: fmt(s), one: fmt(1 / s), two: fmt(2 / s)});
    return head + fill(q.lr <= 1 / s ? UI.below : q.lr < 2 / s ? UI.between : UI.above, {lr: lr});
  }
  function svg(tag, attrs, text) {
    var el = document.createElementNS(SVG, tag);
    for (var a in attrs) el.setAttribute(a, attrs[a]);
    if (text !== undefined) el.textContent = text;
    return el;
  }
  // 곡선: 가로 에폭 1…n, 세로 log10(손실). 손실이 0이면(로그가 없음) 맨 아래에 둡니다
  function draw(losses, n) {
    var X0 = 58, X1 = 318, Y0 = 12, Y1 = 160, logs = losses.map(function (L) { return L > 0 ? Math.log10(L) : null; });
    var ok = logs.filter(function (v) { return v !== null; });
    var lo = ok.length ? Math.floor(Math.min.apply(null, ok)) : -1, hi = ok.length ? Math.ceil(Math.max.apply(null, ok)) : 0;
    if (hi === lo) hi = lo + 1;
    function X(e) { return X0 + (n > 1 ? (e - 1) / (n - 1) : 0) * (X1 - X0); }
    function Y(v) { return v === null ? Y1 : Y1 - (v - lo) / (hi - lo) * (Y1 - Y0); }
    var axes = one('.bp-axes', curve), every = Math.ceil((hi - lo) / 5);
    axes.textContent = '';
    axes.appendChild(svg('path', {d: 'M' + X0 + ' ' + Y0 + 'V' + Y1 + 'H' + X1}));
    for (var t = lo; t <= hi; t += every) {
      axes.appendChild(svg('path', {d: 'M' + (X0 - 4) + ' ' + Y(t) + 'H' + X0}));
      axes.appendChild(svg('text', {x: X0 - 7, y: Y(t) + 4, 'text-anchor': 'end'}, '1e' + String(t).replace('-', MINUS)));
    }
    [1, n].forEach(function (e) { axes.appendChild(svg('text', {x: X(e), y: Y1 + 17, 'text-anchor': 'middle'}, String(e))); });
    axes.appendChild(svg('text', {x: (X0 + X1) / 2, y: Y1 + 36, 'text-anchor': 'middle'}, '에폭'));
    axes.appendChild(svg('text', {x: 14, y: (Y0 + Y1) / 2, 'text-anchor': 'middle',
                                  transform: 'rotate(-90 14 ' + (Y0 + Y1) / 2 + ')'}, '손실(로그 눈금)'));
    one('.bp-line', curve).setAttribute('points', losses.map(function (L, i) {
      return X(i + 1).toFixed(1) + ',' + Y(logs[i]).toFixed(1);
    }).join(' '));
  }
  function stop(text) {
    if (!run) return;
    clearTimeout(run.timer);
    run = null;
    runBtn.textContent = '학습 시작';
    if (text) status.textContent = text;
  }
  function trainView(q) {  // 그림: 이 가중치의 순전파(값과 손실까지). 예측 ŷ와 손실 L을 강조해 보이게 둡니다
    var b = buildSteps(q, TEXT);
    paint({p: q, steps: b.steps, values: b.values}, kindIndex('L', 0), ['y_pred', 'L'], false);
    follow();
  }
  runBtn.addEventListener('click', function () {
    if (run) { stop(fill(UI.stopped, {t: bp.losses.length})); return; }
    var r = number(1, 1000, 'range_epochs', false, true)(one('.bp-epochs').value, '에폭 수');
    one('.bp-epochs').setAttribute('aria-invalid', String(!!r.error));
    if (r.error) { status.textContent = r.error; return; }
    var n = r.value, q = copy(p), losses = bp.losses = [], list = one('.bp-losses ol');
    var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    root.removeAttribute('data-trained');
    list.textContent = '';
    status.textContent = '';
    run = {timer: 0};
    runBtn.textContent = '멈춤';
    (function tick() {
      var c = compute(q), L = c.v.L, t = losses.length + 1;  // 손실은 그 에폭의 갱신 전(패키지의 train처럼)
      if (!isFinite(L)) { stop(fill(UI.blew_up, {t: t, L: fmt(L)})); return; }
      losses.push(L);
      list.appendChild(make('li', '', '에폭 ' + t + ': ' + fmt(L)));
      one('.bp-s').textContent = regime(q);
      one('.bp-epoch').textContent = fill(UI.train_epoch, {t: t, n: n, L: fmt(L)});
      trainView(q);
      draw(losses, n);
      q = c.next;
      if (t < n) { run.timer = setTimeout(tick, reduce ? 0 : Math.min(120, 2400 / n)); return; }
      stop(fill(UI.trained, {n: n, first: fmt(losses[0]), last: fmt(L)}));
      root.setAttribute('data-trained', String(n));
    })();
  });

  // ---- 모드와 다시 계산
  function setMode(m) {
    stop();
    mode = m;
    answers = {};
    train.hidden = m !== 'train';
    controls.hidden = live.hidden = m === 'train';
    root.setAttribute('data-mode', m);
    if (m === 'train') {
      one('.bp-s').textContent = regime(p);
      trainView(p);
      ask.hidden = true;
    } else show(k);
  }
  all('.bp-modes input').forEach(function (r) { r.addEventListener('change', function () { if (r.checked) setMode(r.value); }); });
  // first: 처음 값이면 글 목록은 파이썬이 적은 것 그대로(같은 글인지는 검사가 봅니다): 페이지를 열 때 할 일을 줄입니다
  function rebuild(first) {
    var b = buildSteps(p, TEXT), ol = one('ol', list);
    steps = bp.steps = b.steps;
    bp.values = b.values;
    answers = {};
    if (!first) {
      ol.textContent = '';
      steps.forEach(function (st) { var li = make('li'); li.setAttribute('data-phase', st.phase); write(li, st); ol.appendChild(li); });
    }
    if (mode === 'train') setMode('train'); else show(k);
  }
  list.open = false;
  live.hidden = false;
  train.hidden = true;
  rebuild(true);
}
// 자기를 감싼 위젯만(한 페이지에 여럿이어도). currentScript가 없는 곳에서는 아직 안 된 것 모두.
var me = document.currentScript;
Array.prototype.forEach.call(me ? [me.parentNode] : document.querySelectorAll('.bp-stepper'), init);
