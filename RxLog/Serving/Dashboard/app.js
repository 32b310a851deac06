/* rxlog dashboard: loads api/status, then follows events (Server-Sent Events), both relative to this page.
 * Every string from the data goes in as text (textContent, createTextNode) inside a <bdi>, or via setAttribute on a
 * non-URL attribute: never as markup, a URL or the title.
 *
 * Stable ids:
 *   #status       connection: "connecting…", "live", or "disconnected — reconnecting…" (only "live" starts so)
 *   #run          "<mode> · running", or "<mode> · ended" once the summary came or api/status says running: false
 *   #alert-state  "OK" or "ALERT (n)"
 *   #banner       hidden while no rule alerts; else a line per alerting rule: "ALERT <rule> <value> (threshold …) since
 *                 <time>"; data-rules = those rules, comma-separated; inside an aria-live="polite" region
 *   #chart        the <svg>: hits/s per report over the last hour, window average, threshold line, alert periods
 *                 shaded; its <desc> (#chart-desc) says it in words
 *   #report       the latest report; data-start, data-end = its start and end as in the JSON
 *   #report-hits  its hits; data-hits = the JSON integer (the text is the same number, thin-space grouped from 10000)
 *   #sections     <ol>, an <li> per section of the latest report: name, then hits; #clients and #hosts alike
 *   #status-mix   hits per status class, each labelled (2xx 3xx 4xx 5xx other)
 *   #rules        <tbody>, a row per rule: name, ALERT/OK, value, threshold, window, alerts, labels
 *   #history      <tbody>, a row per alert and recovery, newest first, never trimmed: time ("YYYY-MM-DD HH:MM:SS" as
 *                 rxlog wrote it), "ALERT" or "recovered", rule, value, threshold, duration, details;
 *                 data-type = alert|recovered, data-rule = the rule
 *   #sources      <tbody>, a row per source (file or host): name, state, lines, newest notice
 *   #version      "v" + rxlog's version
 *   #options, #summary, #notices: the run's options, its summary once ended, rxlog's newest notices
 */
'use strict';
(function () {
  var HOUR = 3600000, SVGNS = 'http://www.w3.org/2000/svg', BUILTIN = 'high_traffic';
  var NNBSP = '\u202f';

  // ---- state ----
  var st = {
    version: null, running: null, options: null, sources: [], notices: [], notifications: [], summary: null,
    older: 0, report: null
  };
  var rules = new Map();        // rule name -> {rule, kind, threshold, window_seconds, value, alerts, labels}
  var active = new Map();       // rule name -> {since: iso|null, value, kind, threshold}
  var points = new Map();       // report end (ms) -> {s, e, hits, rate, avg}
  var history = [];             // {ev, t, seq, key, row}, kept sorted newest first
  var historyKeys = new Set();
  var seq = 0, unsorted = false;
  var conn = 'connecting', es = null, wasDown = false, loading = false, fetching = false, queue = [], lastStatusAt = 0;
  var optionsKey = null;
  var dirty = { chart: true, all: true, history: true };
  var renderTimer = 0, lastRender = 0;

  // ---- small helpers ----
  function $(id) { return document.getElementById(id); }
  function isObj(x) { return x !== null && typeof x === 'object' && !Array.isArray(x); }
  function num(x) { return typeof x === 'number' && isFinite(x); }
  function str(x) { return x === null || x === undefined ? '' : String(x); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // Data text: in a <bdi>, so bidi controls in it cannot reorder the page around it; flagged when it holds some.
  var BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  function bdi(text, cls) {
    var b = el('bdi', cls, str(text));
    if (!BIDI.test(b.textContent)) return b;
    var w = el('span', 'has-bidi');
    var m = el('span', 'bidi-mark', 'bidi');
    m.title = 'This text holds bidirectional control characters: it may not read as it is stored.';
    return add(w, b, ' ', m);
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return parent;
  }
  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function tag(text, kind) { return el('span', 'tag tag-' + kind, text); }
  function parseTime(iso) { var t = typeof iso === 'string' ? Date.parse(iso) : NaN; return isFinite(t) ? t : NaN; }

  // ---- formatting ----
  function fmtInt(n) {
    if (!num(n)) return '–';
    var s = String(Math.round(n));
    if (Math.abs(n) < 10000) return s;
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  }
  function fmtNum(x) {
    if (!num(x)) return '–';
    var a = Math.abs(x), d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4;
    if (x === 0) return '0';
    return String(Number(x.toFixed(d)));
  }
  function fmtBytes(b) {
    if (!num(b)) return '–';
    if (b < 1024) return fmtInt(b) + ' B';
    var u = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'], i = -1;
    do { b /= 1024; i++; } while (b >= 1024 && i < u.length - 1);
    return (b >= 100 ? b.toFixed(0) : b.toFixed(1)) + ' ' + u[i];
  }
  function fmtMs(ms) {
    if (!num(ms)) return '–';
    return ms >= 1000 ? fmtNum(ms / 1000) + ' s' : fmtNum(ms) + ' ms';
  }
  function fmtDur(s) {
    if (!num(s)) return '–';
    s = Math.round(s);
    if (s < 60) return s + 's';
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    return (h ? h + 'h' : '') + m + 'm' + r + 's';
  }
  function fmtValue(kind, v) {
    if (!num(v)) return '–';
    switch (kind) {
      case 'rate': return fmtNum(v) + ' hits/s';
      case 'ratio': return fmtNum(v * 100) + ' %';
      case 'latency': return fmtMs(v * 1000);
      case 'silence': return fmtDur(v);
      default: return fmtNum(v);
    }
  }
  var ISO = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/;
  function fmtTime(iso) { var m = ISO.exec(str(iso)); return m ? m[1] + ' ' + m[2] : str(iso); }
  function fmtClock(iso) { var m = ISO.exec(str(iso)); return m ? m[2] : str(iso); }
  function timeEl(iso, text) {
    var t = el('time', null, text);
    if (ISO.test(str(iso))) t.setAttribute('datetime', str(iso));
    return t;
  }
  function labelsText(labels) {
    if (!isObj(labels)) return '';
    return Object.keys(labels).map(function (k) { return k + '=' + str(labels[k]); }).join(' ');
  }
  // Minutes east of UTC as an ISO time writes them (rxlog shows times in the log's offset or --tz).
  function offsetOf(iso) {
    var m = /([+-])(\d\d):?(\d\d)$/.exec(str(iso));
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  }

  // ---- the model ----
  function addPoint(r) {
    var s = parseTime(r.start), e = parseTime(r.end);
    if (!isFinite(s) || !isFinite(e) || e <= s || !num(r.hits)) return;
    points.set(e, { s: s, e: e, hits: r.hits, rate: r.hits / ((e - s) / 1000), avg: num(r.avg) ? r.avg : null, off: offsetOf(r.end) });
    dirty.chart = true;
  }
  function prunePoints() {
    var max = -Infinity;
    points.forEach(function (p) { if (p.e > max) max = p.e; });
    points.forEach(function (p, k) { if (p.e < max - HOUR) points.delete(k); });
  }
  function rule(name) {
    var r = rules.get(name);
    if (!r) { r = { rule: name, kind: null, threshold: null, window_seconds: null, value: null, alerts: null, labels: null }; rules.set(name, r); }
    return r;
  }
  function alertKey(ev) { return [ev.type, ev.rule, ev.time, JSON.stringify(isObj(ev.labels) ? ev.labels : null)].join('|'); }
  // Adds an alert or a recovery to the history unless it is there already; true when it is new.
  function addHistory(ev) {
    var key = alertKey(ev);
    if (historyKeys.has(key)) return false;
    historyKeys.add(key);
    var t = parseTime(ev.time);
    history.push({ ev: ev, t: isFinite(t) ? t : -Infinity, seq: ++seq, key: key, row: null });
    dirty.history = dirty.chart = unsorted = true;
    return true;
  }
  function sortHistory() { unsorted = false; history.sort(function (a, b) { return b.t - a.t || b.seq - a.seq; }); }
  function lastAlertTime(name) {
    if (unsorted) sortHistory();
    for (var i = 0; i < history.length; i++) if (history[i].ev.rule === name) return history[i].ev.type === 'alert' ? history[i].ev.time : null;
    return null;
  }
  function ruleName(ev) { return typeof ev.rule === 'string' && ev.rule ? ev.rule : BUILTIN; }

  function apply(ev) {
    if (!isObj(ev)) return;
    switch (ev.type) {
      case 'report': applyReport(ev); break;
      case 'alert': case 'recovered': applyAlert(ev); break;
      case 'summary': st.summary = ev; st.running = false; if (!loading) loadStatus(false); break;
      default: return;   // an event this page does not know: ignored
    }
    dirty.all = true;
    schedule();
  }
  function applyReport(r) {
    addPoint(r);
    if (!st.report || !(parseTime(r.end) < parseTime(st.report.end))) st.report = r;
    else return;
    // A report says which rules alert at its end: the events before it agree, and this mends any missed event.
    var hasBuiltin = rules.size === 0 || rules.has(BUILTIN);
    if (hasBuiltin && typeof r.alerting === 'boolean') setActive(BUILTIN, r.alerting, null);
    if (hasBuiltin && num(r.avg)) rule(BUILTIN).value = r.avg;
    if (Array.isArray(r.rules_alerting)) {
      var on = new Set(r.rules_alerting.map(str));
      rules.forEach(function (x, name) { if (name !== BUILTIN) setActive(name, on.has(name), null); });
      on.forEach(function (name) { if (name !== BUILTIN) setActive(name, true, null); });
    }
    if (st.running && conn === 'live' && !loading && Date.now() - lastStatusAt > 5000) loadStatus(false);
  }
  function setActive(name, on, ev) {
    if (!on) { active.delete(name); return; }
    var a = active.get(name) || { since: null, value: null };
    if (ev) { a.since = ev.time; a.value = num(ev.value) ? ev.value : num(ev.avg) ? ev.avg : null; a.kind = ev.kind; a.threshold = ev.threshold; }
    if (!a.since) a.since = lastAlertTime(name);
    active.set(name, a);
  }
  function applyAlert(ev) {
    var name = ruleName(ev), r = rule(name), fresh = addHistory(ev);
    if (typeof ev.kind === 'string') r.kind = ev.kind;
    if (num(ev.threshold)) r.threshold = ev.threshold;
    if (num(ev.value)) r.value = ev.value;
    if (ev.type === 'alert') {
      if (fresh && num(r.alerts)) r.alerts++;
      setActive(name, true, ev);
    } else {
      setActive(name, false, ev);
    }
  }

  function applyStatus(s, full) {
    if (!isObj(s)) return;
    var opts = isObj(s.options) ? s.options : null;
    var key = JSON.stringify(opts);
    var newRun = full && optionsKey !== null && (key !== optionsKey ||
      (isObj(s.report) && st.report && parseTime(s.report.end) < parseTime(st.report.end)));
    optionsKey = key;
    if (newRun) { points.clear(); st.report = null; active.clear(); dirty.chart = true; }
    if (typeof s.version === 'string') st.version = s.version;
    if (opts) st.options = opts;
    if (typeof s.running === 'boolean') st.running = s.running;
    st.summary = isObj(s.summary) ? s.summary : (full ? null : st.summary);
    if (st.summary) st.running = false;
    if (Array.isArray(s.sources)) st.sources = s.sources.filter(isObj);
    if (Array.isArray(s.notices)) st.notices = s.notices.filter(isObj);
    if (Array.isArray(s.notifications)) st.notifications = s.notifications.filter(isObj);
    if (num(s.older_alerts)) st.older = s.older_alerts;
    if (Array.isArray(s.alerts)) {
      for (var i = s.alerts.length - 1; i >= 0; i--) {   // oldest first, so ties keep rxlog's order
        var a = s.alerts[i];
        if (isObj(a) && (a.type === 'alert' || a.type === 'recovered')) addHistory(a);
      }
      sortHistory();
    }
    if (Array.isArray(s.rules)) {
      var order = new Map();
      s.rules.forEach(function (r) {
        if (!isObj(r) || typeof r.rule !== 'string') return;
        var x = rule(r.rule);
        ['kind', 'threshold', 'window_seconds', 'value', 'alerts', 'labels'].forEach(function (k) { if (k in r) x[k] = r[k]; });
        order.set(r.rule, x);
        if (full) setActive(r.rule, r.active === true, null);
      });
      rules.forEach(function (x, name) { if (!order.has(name)) order.set(name, x); });
      rules = order;
      if (full) active.forEach(function (a, name) { if (!rules.has(name)) active.delete(name); });
    }
    if (full && isObj(s.report)) applyReport(s.report);
    if (full && opts && 'threshold' in opts && opts.threshold !== null && !rules.has(BUILTIN)) rule(BUILTIN).threshold = opts.threshold;
    dirty.all = dirty.chart = dirty.history = true;
    schedule();
  }

  // ---- talking to rxlog ----
  // full: the state afresh (at start and after a reconnection), events held until it is in; else a refresh of what
  // only the status has (sources' lines, rules' values, notices), at most every 5 s while reports come.
  function loadStatus(full) {
    if (fetching && !full) return;
    if (full) loading = true;
    fetching = true;
    lastStatusAt = Date.now();
    fetch('api/status', { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (s) applyStatus(s, full); }, function () { /* rxlog went away: the stream says so */ })
      .then(function () {
        fetching = false;
        if (!full) return;
        loading = false;
        var q = queue; queue = [];
        q.forEach(apply);
        dirty.all = true; schedule();
      });
  }

  function onMessage(e) {
    var ev;
    try { ev = JSON.parse(e.data); } catch (x) { return; }
    if (isObj(ev) && typeof ev.type !== 'string' && e.type !== 'message') ev.type = e.type;
    if (loading) queue.push(ev); else apply(ev);
  }

  function setConn(c) { conn = c; dirty.all = true; schedule(); }

  function connect() {
    if (typeof EventSource !== 'function') { setConn('unsupported'); return; }
    es = new EventSource('events');
    ['report', 'alert', 'recovered', 'summary', 'message'].forEach(function (t) { es.addEventListener(t, onMessage); });
    es.addEventListener('open', function () {
      setConn('live');
      if (wasDown) { wasDown = false; loadStatus(true); backfill(); }   // maybe a new rxlog: take its state afresh
    });
    es.addEventListener('error', function () {
      wasDown = true;
      setConn('down');
      if (es.readyState === 2) {   // the browser gave up (an answer that was no stream): start again later
        es.close();
        setTimeout(connect, 5000);
      }
    });
  }

  // The chart's past: /events with Last-Event-ID: 0 sends the events rxlog keeps (its newest 1,000) at once; read
  // them for their reports, then hang up. The live stream (EventSource) starts with new events only.
  function backfill() {
    if (typeof fetch !== 'function' || typeof AbortController !== 'function' || typeof TextDecoder !== 'function') return;
    var ctl = new AbortController(), dec = new TextDecoder(), buf = '', idle = 0;
    function arm(ms) { clearTimeout(idle); idle = setTimeout(function () { ctl.abort(); }, ms); }
    var hard = setTimeout(function () { ctl.abort(); }, 15000);
    arm(2000);
    function frames(text) {
      buf += text.replace(/\r\n?/g, '\n');
      var parts = buf.split('\n\n');
      buf = parts.pop();
      parts.forEach(function (f) {
        var data = [];
        f.split('\n').forEach(function (line) { if (line.slice(0, 5) === 'data:') data.push(line.slice(line.charAt(5) === ' ' ? 6 : 5)); });
        if (!data.length) return;
        try { var ev = JSON.parse(data.join('\n')); } catch (x) { return; }
        if (isObj(ev) && ev.type === 'report') addPoint(ev);
      });
      schedule();
    }
    fetch('events', { cache: 'no-store', headers: { 'Last-Event-ID': '0', Accept: 'text/event-stream' }, signal: ctl.signal })
      .then(function (r) {
        if (!r.ok || !r.body) { ctl.abort(); return; }
        var reader = r.body.getReader();
        function pump() {
          return reader.read().then(function (x) {
            if (x.done) return;
            frames(dec.decode(x.value, { stream: true }));
            arm(400);
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { /* aborted on purpose, or rxlog went away */ })
      .then(function () { clearTimeout(idle); clearTimeout(hard); });
  }

  // ---- rendering (at most about four times a second) ----
  function schedule() {
    if (renderTimer) return;
    renderTimer = setTimeout(render, Math.max(0, lastRender + 250 - Date.now()));
  }
  function render() {
    renderTimer = 0;
    lastRender = Date.now();
    if (unsorted) sortHistory();
    if (dirty.all) { dirty.all = false; renderHeader(); renderBanner(); renderReport(); renderRules(); renderSources(); renderOptions(); }
    if (dirty.history) { dirty.history = false; renderHistory(); }
    if (dirty.chart) { dirty.chart = false; renderChart(); }
  }

  function setState(node, text, cls) { node.textContent = text; node.className = cls; }

  function renderHeader() {
    $('version').textContent = st.version ? 'v' + st.version : '';
    setState($('status'), conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting…' :
      conn === 'unsupported' ? 'no live updates (EventSource unsupported)' : 'disconnected — reconnecting…',
      conn === 'live' ? 'state-ok' : conn === 'connecting' ? 'state-wait' : 'state-bad');
    var mode = st.options && st.options.mode ? str(st.options.mode) + ' · ' : '';
    if (st.running === null) setState($('run'), mode + 'loading…', 'state-wait');
    else if (st.running) setState($('run'), mode + 'running', 'state-ok');
    else setState($('run'), mode + 'ended' + (st.options && st.options.mode === 'check' ? ' · final numbers' : ''), 'state-end');
    var n = active.size;
    setState($('alert-state'), n ? 'ALERT (' + n + ')' : st.running === null ? '–' : 'OK', n ? 'state-bad' : 'state-ok');
  }

  function currentValue(name, a) {
    var r = rules.get(name);
    if (name === BUILTIN && st.report && num(st.report.avg)) return st.report.avg;
    return r && num(r.value) ? r.value : a.value;
  }

  // Rebuilt only when the alerting rules change (so the live region speaks then); values are updated in place.
  var bannerKey = null;
  function renderBanner() {
    var b = $('banner'), list = Array.from(active.keys()), lines = [];
    list.sort(function (x, y) { return str(active.get(x).since).localeCompare(str(active.get(y).since)) || (x < y ? -1 : 1); });
    list.forEach(function (name) {
      var a = active.get(name), r = rules.get(name) || {}, kind = r.kind || a.kind || (name === BUILTIN ? 'rate' : null);
      var thr = num(r.threshold) ? r.threshold : a.threshold;
      lines.push({ name: name, since: a.since, value: fmtValue(kind, currentValue(name, a)), thr: num(thr) ? fmtValue(kind, thr) : null });
    });
    var key = JSON.stringify(lines.map(function (l) { return [l.name, l.since, l.thr]; }));
    if (key !== bannerKey) {
      bannerKey = key;
      clear(b);
      lines.forEach(function (l) {
        b.appendChild(add(el('p'), el('strong', 'banner-tag', 'ALERT'), ' ', bdi(l.name, 'rule'), ' ',
          el('span', 'banner-value', l.value), l.thr ? ' (threshold ' + l.thr + ')' : null,
          l.since ? ' since ' : null, l.since ? timeEl(l.since, fmtTime(l.since)) : null));
      });
      b.setAttribute('data-rules', list.join(','));
      b.hidden = lines.length === 0;
    } else {
      var values = b.querySelectorAll('.banner-value');
      lines.forEach(function (l, i) { if (values[i] && values[i].textContent !== l.value) values[i].textContent = l.value; });
    }
  }

  function bars(list, items, nameKey, extra) {
    clear(list);
    var max = 0;
    items.forEach(function (x) { if (num(x.hits) && x.hits > max) max = x.hits; });
    items.forEach(function (x) {
      var li = el('li');
      var fill = el('span', 'fill');
      fill.style.width = (max > 0 && num(x.hits) ? Math.max(0.5, x.hits / max * 100) : 0) + '%';
      add(li, el('span', 'name', null), el('span', 'count', fmtInt(x.hits)), add(el('span', 'bar'), fill));
      li.firstChild.appendChild(bdi(x[nameKey]));
      li.firstChild.title = str(x[nameKey]);
      if (extra) li.firstChild.appendChild(el('span', 'extra', extra(x)));
      li.setAttribute('data-hits', str(x.hits));
      list.appendChild(li);
    });
  }

  function renderReport() {
    var r = isObj(st.report) ? st.report : {}, box = $('report');
    box.setAttribute('data-start', str(r.start));
    box.setAttribute('data-end', str(r.end));
    var s = parseTime(r.start), e = parseTime(r.end), secs = isFinite(s) && isFinite(e) && e > s ? (e - s) / 1000 : null;
    add(clear($('report-when')), st.report ? timeEl(r.start, fmtTime(r.start)) : 'No report yet.',
      st.report ? ' → ' : null, st.report ? timeEl(r.end, fmtClock(r.end)) : null, secs ? ' (' + fmtDur(secs) + ')' : null);
    var hits = $('report-hits');
    hits.textContent = fmtInt(r.hits);
    hits.setAttribute('data-hits', num(r.hits) ? String(r.hits) : '');
    $('report-rate').textContent = secs && num(r.hits) ? fmtNum(r.hits / secs) : '–';
    var thr = rules.has(BUILTIN) ? rules.get(BUILTIN).threshold : st.options ? st.options.threshold : null;
    var avg = clear($('report-avg'));
    add(avg, fmtNum(r.avg), num(thr) ? el('span', 'sub', ' of ' + fmtNum(thr)) : null);
    if (typeof r.alerting === 'boolean') add(avg, ' ', r.alerting ? tag('ALERT', 'bad') : tag('OK', 'ok'));
    $('report-bytes').textContent = fmtBytes(r.bytes);
    $('report-invalid').textContent = fmtInt(r.invalid);

    // status mix
    var mix = clear($('status-mix')), bar = clear($('status-bar')), stt = isObj(r.status) ? r.status : {}, total = 0;
    var classes = ['2xx', '3xx', '4xx', '5xx', 'other'];
    classes.forEach(function (c) { if (num(stt[c])) total += stt[c]; });
    classes.forEach(function (c) {
      var n = num(stt[c]) ? stt[c] : 0, cls = 's' + c;
      var li = el('li', cls);
      add(li, el('span', 'key ' + cls), el('span', 'mix-name', c), ' ', el('span', 'count', fmtInt(n)),
        total ? el('span', 'sub', ' ' + fmtNum(n / total * 100) + ' %') : null);
      mix.appendChild(li);
      if (n > 0) { var seg = el('span', cls); seg.style.width = (n / total * 100) + '%'; bar.appendChild(seg); }
    });

    // top lists
    var sections = Array.isArray(r.sections) ? r.sections.filter(isObj) : [];
    bars($('sections'), sections, 'section');
    $('sections-note').textContent = !st.report ? '' : !sections.length ? 'No hits in this report.' :
      r.approximate ? 'Counts are upper bounds (more distinct sections than can be counted exactly).' : '';
    var clients = Array.isArray(r.clients) ? r.clients.filter(isObj) : [];
    bars($('clients'), clients, 'client', function (x) { return num(x.bytes) ? fmtBytes(x.bytes) : ''; });
    $('clients-note').textContent = clients.length || !st.report ? '' : !num(r.hits) || r.hits === 0 ? 'No hits in this report.' :
      'clients' in r ? 'No clients in this report.' : 'This log format names no clients (or --top-clients is 0).';
    var hosts = Array.isArray(r.hosts) ? r.hosts.filter(isObj) : null;
    $('hosts-panel').hidden = !hosts;
    if (hosts) bars($('hosts'), hosts, 'host');

    // response times
    var rt = r.response_time;
    $('rt-box').hidden = !isObj(rt);
    if (isObj(rt)) {
      var dl = clear($('rt'));
      [['avg', rt.avg_ms], ['p50', rt.p50_ms], ['p95', rt.p95_ms], ['p99', rt.p99_ms]].forEach(function (x) {
        if (num(x[1])) add(dl, add(el('div'), el('dt', null, x[0]), el('dd', null, fmtMs(x[1]))));
      });
      if (num(rt.count)) add(dl, add(el('div'), el('dt', null, 'timed'), el('dd', null, fmtInt(rt.count) + (num(r.hits) ? ' of ' + fmtInt(r.hits) : ''))));
    }
  }

  function cell(row, label, content, nowrap) {
    var td = el('td', nowrap ? 'nw' : null);
    td.setAttribute('data-label', label);
    if (content !== null && content !== undefined) add(td, content);
    row.appendChild(td);
    return td;
  }

  function renderRules() {
    var body = clear($('rules'));
    rules.forEach(function (r, name) {
      var tr = el('tr'), on = active.has(name);
      tr.setAttribute('data-rule', name);
      if (on) tr.className = 'row-bad';
      cell(tr, 'Rule', bdi(name, 'rule'));
      cell(tr, 'State', on ? tag('ALERT', 'bad') : tag('OK', 'ok'), true);
      cell(tr, 'Value', fmtValue(r.kind, name === BUILTIN && st.report && num(st.report.avg) ? st.report.avg : r.value), true);
      cell(tr, 'Threshold', fmtValue(r.kind, r.threshold), true);
      cell(tr, 'Window', num(r.window_seconds) ? fmtDur(r.window_seconds) : '–');
      cell(tr, 'Alerts', num(r.alerts) ? fmtInt(r.alerts) : '–');
      cell(tr, 'Labels', bdi(labelsText(r.labels)));
      body.appendChild(tr);
    });
    if (!rules.size) {
      var tr = el('tr');
      var td = cell(tr, '', st.options && st.options.threshold === null ? 'No rule.' : 'Loading…');
      td.colSpan = 7;
      body.appendChild(tr);
    }
  }

  function historyRow(h) {
    var ev = h.ev, tr = el('tr', ev.type === 'alert' ? 'row-bad' : 'row-ok'), name = ruleName(ev);
    tr.setAttribute('data-type', ev.type);
    tr.setAttribute('data-rule', name);
    var kind = typeof ev.kind === 'string' ? ev.kind : 'rate', v = num(ev.value) ? ev.value : ev.avg;
    cell(tr, 'Time', timeEl(ev.time, fmtTime(ev.time)), true);
    cell(tr, 'Event', ev.type === 'alert' ? tag('ALERT', 'bad') : tag('recovered', 'ok'));
    cell(tr, 'Rule', bdi(name, 'rule'));
    cell(tr, 'Value', fmtValue(kind, v), true);
    cell(tr, 'Threshold', fmtValue(kind, ev.threshold), true);
    cell(tr, 'Duration', ev.type === 'recovered' && num(ev.duration) ? fmtDur(ev.duration) : '–', true);
    var d = cell(tr, 'Details', null), parts = [];
    if (typeof ev.summary === 'string' && ev.summary) parts.push(ev.summary);
    if (typeof ev.message === 'string' && ev.message) parts.push(ev.message);
    else if (num(ev.avg) && num(ev.hits)) parts.push(ev.hits + ' hits in ' + fmtDur(ev.window) + ', avg ' + fmtNum(ev.avg) + ' hits/s');
    var lt = labelsText(ev.labels);
    if (lt) parts.push(lt);
    parts.forEach(function (p, i) { if (i) d.appendChild(document.createTextNode(' · ')); d.appendChild(bdi(p)); });
    return tr;
  }

  function renderHistory() {
    var body = $('history');
    for (var i = 0; i < history.length; i++) {
      var h = history[i];
      if (!h.row) h.row = historyRow(h);
      if (body.children[i] !== h.row) body.insertBefore(h.row, body.children[i] || null);
    }
    $('history-empty').hidden = history.length > 0;
    var alerts = 0;
    history.forEach(function (h) { if (h.ev.type === 'alert') alerts++; });
    $('history-count').textContent = history.length ? '(' + alerts + ' alerts, ' + (history.length - alerts) + ' recoveries)' : '';
    $('history-older').textContent = st.older > 0 ? ' ' + fmtInt(st.older) + ' older events were no longer kept by rxlog when this page loaded.' : '';
  }

  function renderSources() {
    var body = clear($('sources'));
    st.sources.forEach(function (s) {
      var tr = el('tr'), state = str(s.state);
      cell(tr, 'Source', bdi(s.source, 'src'));
      cell(tr, 'State', tag(state || '–', state === 'reading' ? 'ok' : state === 'ended' ? 'end' : 'wait'));
      cell(tr, 'Lines', fmtInt(s.lines), true);
      cell(tr, 'Notice', s.notice ? bdi(s.notice) : '–');
      body.appendChild(tr);
    });
    if (!st.sources.length) {
      var tr = el('tr');
      cell(tr, '', 'No source yet.').colSpan = 4;
      body.appendChild(tr);
    }
    var nb = $('notifications-box'), nl = clear($('notifications'));
    nb.hidden = !st.notifications.length;
    st.notifications.forEach(function (n) {
      add(nl, add(el('li'), bdi(n.sink, 'src'), ': ' + fmtInt(n.delivered) + ' delivered, ' + fmtInt(n.failed) + ' failed, ' + fmtInt(n.dropped) + ' dropped'));
    });
    var notices = clear($('notices'));
    st.notices.forEach(function (n) {
      add(notices, add(el('li'), timeEl(n.time, fmtTime(n.time)), ' ', bdi(n.message)));
    });
    if (!st.notices.length) notices.appendChild(el('li', 'muted', 'None.'));
  }

  var OPTION_NAMES = [['mode', 'mode'], ['inputs', 'inputs'], ['format', 'format'], ['clock', 'clock'],
    ['threshold', 'threshold'], ['window_seconds', 'window'], ['interval_seconds', 'interval'], ['top', 'top sections'],
    ['top_clients', 'top clients'], ['rules_file', 'rules file'], ['listen', 'listen'], ['metrics_sections', 'metrics sections']];
  function optionValue(k, v) {
    if (v === null || v === undefined) return k === 'threshold' ? 'off (rules file)' : '—';
    if (k === 'threshold') return fmtNum(v) + ' hits/s';
    if (k === 'window_seconds' || k === 'interval_seconds') return num(v) ? fmtDur(v) : str(v);
    if (Array.isArray(v)) return v.map(str).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return str(v);
  }
  function pairs(dl, list) {
    clear(dl);
    list.forEach(function (p) { add(dl, add(el('div'), el('dt', null, p[0]), add(el('dd'), bdi(p[1])))); });
  }
  function renderOptions() {
    var o = st.options || {}, list = [['version', st.version ? str(st.version) : '—']], seen = {};
    OPTION_NAMES.forEach(function (x) { seen[x[0]] = 1; if (x[0] in o) list.push([x[1], optionValue(x[0], o[x[0]])]); });
    Object.keys(o).forEach(function (k) { if (!seen[k]) list.push([k.replace(/_/g, ' '), optionValue(k, o[k])]); });
    pairs($('options'), list);
    var s = st.summary;
    $('summary-box').hidden = !isObj(s);
    if (isObj(s)) {
      var sl = [['from', fmtTime(s.start)], ['to', fmtTime(s.end)], ['hits', fmtInt(s.hits)], ['invalid', fmtInt(s.invalid)],
        ['alerts', fmtInt(s.alerts)]];
      if (typeof s.alerting === 'boolean') sl.push(['alerting at the end', s.alerting ? 'ALERT' : 'no']);
      if (s.format) sl.push(['format', str(s.format)]);
      if (isObj(s.response_time)) sl.push(['response time p95', fmtMs(s.response_time.p95_ms)]);
      pairs($('summary'), sl);
    }
  }

  // ---- the chart ----
  function niceStep(span, n) {
    var raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
    return (f >= 7.5 ? 10 : f >= 3.5 ? 5 : f >= 1.5 ? 2 : 1) * p;
  }
  var TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  function renderChart() {
    var chart = $('chart'), box = $('chart-box');
    prunePoints();
    var fs = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    var W = Math.max(200, Math.floor(box.clientWidth || 600));
    var H = Math.round(Math.min(Math.max(W * 0.3, fs * 12), fs * 22));
    chart.setAttribute('width', W); chart.setAttribute('height', H);
    chart.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    while (chart.lastChild && chart.lastChild.nodeName !== 'desc') chart.removeChild(chart.lastChild);
    var desc = $('chart-desc');
    var pts = Array.from(points.values()).sort(function (a, b) { return a.e - b.e; });
    var thr = rules.has(BUILTIN) ? rules.get(BUILTIN).threshold : st.options ? st.options.threshold : null;
    $('legend-thr').textContent = num(thr) ? fmtNum(thr) + ' hits/s' : 'off';
    if (!pts.length) {
      var t = svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'axis-label' }, chart);
      t.textContent = 'Waiting for the first report…';
      desc.textContent = 'No reports yet.';
      $('chart-span').textContent = '';
      return;
    }
    var t1 = pts[pts.length - 1].e, t0 = Math.max(pts[0].s, t1 - HOUR);
    if (t1 - t0 < 60000) t0 = t1 - 60000;
    var off = pts[pts.length - 1].off * 60000;
    var ymax = num(thr) ? thr : 0;
    pts.forEach(function (p) { if (p.e > t0) { ymax = Math.max(ymax, p.rate, p.avg || 0); } });
    if (!(ymax > 0)) ymax = 1;
    var ystep = niceStep(ymax * 1.05, 4);
    ymax = Math.ceil(ymax * 1.05 / ystep) * ystep;
    var L = fs * 3.2, R = fs * 0.8, T = fs * 0.9, B = fs * 1.9, PW = W - L - R, PH = H - T - B;
    function x(t) { return L + (Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0) * PW; }
    function y(v) { return T + (1 - Math.min(v, ymax) / ymax) * PH; }
    function r1(v) { return Math.round(v * 10) / 10; }

    // alert periods: of the built-in rule across the plot, of other rules as a strip along its top
    var open = {}, periods = [];
    for (var i = history.length - 1; i >= 0; i--) {
      var ev = history[i].ev, name = ruleName(ev), tt = history[i].t;
      if (!isFinite(tt)) continue;
      if (ev.type === 'alert') { if (open[name] === undefined) open[name] = tt; }
      else {
        var from = open[name] !== undefined ? open[name] : num(ev.duration) ? tt - ev.duration * 1000 : null;
        if (from !== null) periods.push([name, from, tt]);
        delete open[name];
      }
    }
    Object.keys(open).forEach(function (name) { if (active.has(name)) periods.push([name, open[name], Infinity]); });
    active.forEach(function (a, name) { if (open[name] === undefined) periods.push([name, -Infinity, Infinity]); });
    var gBands = svg('g', { 'class': 'bands' }, chart), nBuiltin = 0;
    periods.forEach(function (p) {
      if (p[2] < t0 || p[1] > t1) return;
      var builtin = p[0] === BUILTIN, xa = x(p[1]), xb = Math.max(x(p[2]), xa + 2);
      var rect = svg('rect', { x: r1(xa), y: builtin ? T : T - fs * 0.5, width: r1(xb - xa), height: builtin ? PH : fs * 0.4,
        'class': builtin ? 'band-alert' : 'band-other' }, gBands);
      svg('title', {}, rect).textContent = 'ALERT ' + p[0];
      if (builtin) nBuiltin++;
    });

    // grid and axes
    var g = svg('g', { 'class': 'grid' }, chart);
    for (var v = 0; v <= ymax + ystep / 2; v += ystep) {
      svg('line', { x1: L, x2: W - R, y1: r1(y(v)), y2: r1(y(v)), 'class': v === 0 ? 'axis' : 'gridline' }, g);
      svg('text', { x: L - fs * 0.4, y: r1(y(v) + fs * 0.35), 'text-anchor': 'end', 'class': 'axis-label' }, g).textContent = fmtNum(v);
    }
    var span = (t1 - t0) / 1000, maxTicks = Math.max(2, Math.floor(PW / (fs * 5.5))), step = TIME_STEPS[TIME_STEPS.length - 1];
    for (var k = 0; k < TIME_STEPS.length; k++) if (span / TIME_STEPS[k] <= maxTicks) { step = TIME_STEPS[k]; break; }
    var stepMs = step * 1000, first = Math.ceil((t0 + off) / stepMs) * stepMs - off;
    var lastRight = -Infinity;
    for (var tk = first; tk <= t1; tk += stepMs) {
      var label = new Date(tk + off).toISOString().slice(11, step < 60 ? 19 : 16);
      var xt = x(tk), half = label.length * fs * 0.3, lx = Math.min(Math.max(xt, L + half - fs), W - half);
      svg('line', { x1: r1(xt), x2: r1(xt), y1: T + PH, y2: T + PH + fs * 0.3, 'class': 'axis' }, g);
      if (lx - half < lastRight + fs * 0.6) continue;   // no room for its label
      lastRight = lx + half;
      svg('text', { x: r1(lx), y: r1(T + PH + fs * 1.3), 'text-anchor': 'middle', 'class': 'axis-label' }, g).textContent = label;
    }

    // hits/s of each report as a stepped area (gaps, where check left out an empty interval, fall to 0)
    var d = '', prev = null, base = r1(y(0)), peak = 0;
    pts.forEach(function (p) {
      if (p.e <= t0) return;
      var xs = r1(x(p.s)), xe = r1(x(p.e)), yv = r1(y(p.rate));
      peak = Math.max(peak, p.rate);
      if (prev === null || p.s > prev.e) {
        if (prev !== null) d += 'L' + r1(x(prev.e)) + ' ' + base + 'Z';
        d += 'M' + xs + ' ' + base;
      }
      d += 'L' + xs + ' ' + yv + 'L' + xe + ' ' + yv;
      prev = p;
    });
    if (prev) d += 'L' + r1(x(prev.e)) + ' ' + base + 'Z';
    if (d) svg('path', { d: d, 'class': 'hits' }, chart);
    var a = '';
    pts.forEach(function (p) { if (p.e > t0 && p.avg !== null) a += (a ? 'L' : 'M') + r1(x(p.e)) + ' ' + r1(y(p.avg)); });
    if (a) svg('path', { d: a, 'class': 'avg' }, chart);
    if (num(thr)) {
      svg('line', { x1: L, x2: W - R, y1: r1(y(thr)), y2: r1(y(thr)), 'class': 'thr' }, chart);
      svg('text', { x: W - R - fs * 0.3, y: r1(y(thr) - fs * 0.35), 'text-anchor': 'end', 'class': 'thr-label' }, chart)
        .textContent = 'threshold ' + fmtNum(thr);
    }
    var last = pts[pts.length - 1], shown = pts.filter(function (p) { return p.e > t0; }).length;
    var lbl = function (t) { return new Date(t + off).toISOString().slice(11, 19); };
    $('chart-span').textContent = '(' + lbl(t0) + ' – ' + lbl(t1) + ')';
    desc.textContent = shown + ' reports from ' + lbl(t0) + ' to ' + lbl(t1) + '; latest ' + fmtNum(last.rate) +
      ' hits/s, peak ' + fmtNum(peak) + ' hits/s' + (num(thr) ? ', threshold ' + fmtNum(thr) + ' hits/s' : '') +
      '; ' + nBuiltin + ' high_traffic alert period' + (nBuiltin === 1 ? '' : 's') + ' shown.';
  }

  // ---- start ----
  function start() {
    var lastWidth = 0;
    function resized() {
      var w = $('chart-box').clientWidth;
      if (w !== lastWidth) { lastWidth = w; dirty.chart = true; schedule(); }
    }
    if (typeof ResizeObserver === 'function') new ResizeObserver(function () { setTimeout(resized, 0); }).observe($('chart-box'));
    window.addEventListener('resize', resized);
    loadStatus(true);        // events that come before the status are applied after it
    connect();
    backfill();
    render();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
