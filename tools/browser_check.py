#!/usr/bin/env python3
"""The web dashboard in a real Chromium (issue 22), driven by its DevTools protocol over a pipe (no package needed).

    python3 tools/browser_check.py BINARY ARTIFACTS_DIR [CHROMIUM]

Starts `BINARY watch LOG --listen 127.0.0.1:0 -t 5 -w 10 -i 1 --json`, opens the page in headless Chromium, then
appends a burst whose sections are hostile (<img onerror>, "><script>, javascript:, a bidi override). Checks: no
console error, no exception, no request outside rxlog's origin, the report's hits as --json printed them, the alert on
the page within 2 s of rxlog printing it, then the recovery, both kept in the history; the hostile sections shown as
text with no dialog, no new element and the title unchanged; the page disconnected while rxlog is down and live again
once it is back. Screenshots at phone and desktop widths go to ARTIFACTS_DIR. Prints one line: PASS: … or FAIL: …
"""
import base64, json, os, shutil, subprocess, sys, tempfile, threading, time

HOSTILE = ['/<img src=x onerror=alert(1)>', '/"><script>alert(2)<', '/javascript:alert(3)', '/\u202eevil\u202c']


class Chromium:
    """CDP over --remote-debugging-pipe: JSON messages separated by NUL, commands on fd 3, answers on fd 4."""

    def __init__(self, binary, profile):
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        hi_r, hi_w = fcntl_dup(to_r, 10), fcntl_dup(from_w, 11)

        def child():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)
        self.proc = subprocess.Popen(
            [binary, '--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', '--no-first-run',
             '--user-data-dir=' + profile, '--disable-background-networking', '--disable-extensions', 'about:blank'],
            preexec_fn=child, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (to_r, from_w, hi_r, hi_w):
            os.close(fd)
        self.out = os.fdopen(to_w, 'wb', buffering=0)
        self.inp = os.fdopen(from_r, 'rb', buffering=0)
        self.next_id, self.answers, self.events, self.lock = 0, {}, [], threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b''
        while True:
            data = self.inp.read(65536)
            if not data:
                return
            buf += data
            while b'\0' in buf:
                raw, buf = buf.split(b'\0', 1)
                msg = json.loads(raw)
                with self.lock:
                    if 'id' in msg:
                        self.answers[msg['id']] = msg
                    else:
                        self.events.append((time.monotonic(), msg))
                    self.lock.notify_all()

    def send(self, method, params=None, session=None, timeout=20):
        with self.lock:
            self.next_id += 1
            mid = self.next_id
        msg = {'id': mid, 'method': method, 'params': params or {}}
        if session:
            msg['sessionId'] = session
        self.out.write(json.dumps(msg).encode() + b'\0')
        deadline = time.monotonic() + timeout
        with self.lock:
            while mid not in self.answers:
                if not self.lock.wait(deadline - time.monotonic()):
                    raise TimeoutError(method)
            answer = self.answers.pop(mid)
        if 'error' in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get('result', {})

    def close(self):
        self.proc.kill()
        self.proc.wait()


def fcntl_dup(fd, at_least):
    import fcntl
    return fcntl.fcntl(fd, fcntl.F_DUPFD, at_least)


def line(path, ts):
    return json.dumps({'time': ts, 'remote_addr': '203.0.113.9', 'path': path, 'status': 200, 'bytes': 512}) + '\n'


def main():
    binary, artifacts = os.path.abspath(sys.argv[1]), sys.argv[2]
    chromium_bin = sys.argv[3] if len(sys.argv) > 3 else (shutil.which('chromium-headless-shell') or shutil.which('chromium'))
    os.makedirs(artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix='rxlog-browser.')
    log = os.path.join(work, 'access.log')
    open(log, 'w').close()
    procs, failures = [], []

    def start_rxlog(listen):
        err = open(os.path.join(work, 'rxlog.err'), 'a')
        p = subprocess.Popen([binary, 'watch', log, '--listen', listen, '-t', '5', '-w', '10', '-i', '1', '--json',
                              '--top', '20', '--format', 'json'], stdout=subprocess.PIPE, stderr=err, text=True)
        procs.append(p)
        return p

    json_events = []   # (monotonic, event) as rxlog printed them

    def follow(p):
        for text in p.stdout:
            try:
                json_events.append((time.monotonic(), json.loads(text)))
            except ValueError:
                pass

    def fail(why):
        print('FAIL: ' + why)
        sys.exit(1)

    try:
        rx = start_rxlog('127.0.0.1:0')
        threading.Thread(target=follow, args=(rx,), daemon=True).start()
        base = None
        for _ in range(100):
            said = open(os.path.join(work, 'rxlog.err')).read()
            if 'serving metrics on ' in said:
                base = said.split('serving metrics on ')[1].split('/metrics')[0]
                break
            time.sleep(0.1)
        if not base:
            fail('rxlog never said where it serves')

        chrome = Chromium(chromium_bin, os.path.join(work, 'profile'))
        procs.append(chrome.proc)
        target = chrome.send('Target.createTarget', {'url': 'about:blank'})['targetId']
        session = chrome.send('Target.attachToTarget', {'targetId': target, 'flatten': True})['sessionId']
        s = lambda method, params=None: chrome.send(method, params, session)
        for domain in ('Page', 'Runtime', 'Log', 'Network'):
            s(domain + '.enable')
        s('Emulation.setDeviceMetricsOverride', {'width': 1280, 'height': 900, 'deviceScaleFactor': 1, 'mobile': False})
        s('Page.navigate', {'url': base + '/'})

        def js(expression):
            r = s('Runtime.evaluate', {'expression': expression, 'returnByValue': True})
            if 'exceptionDetails' in r:
                raise RuntimeError(f'{expression}: {r["exceptionDetails"]}')
            return r['result'].get('value')

        def wait_for(expression, seconds, what):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                try:
                    if js(expression):
                        return time.monotonic()
                except RuntimeError:
                    pass
                time.sleep(0.05)
            fail(f'{what} not seen within {seconds} s (page: {js("document.body.innerText.slice(0, 600)")!r})')

        wait_for("document.querySelector('#status') && /live/i.test(document.querySelector('#status').textContent)", 15,
                 'the page saying it is live')
        title = js('document.title')

        # The burst: 100 hits every half second for 4 s (80/s over a 10 s window > 5), hostile sections among them,
        # so that every report while it lasts lists them.
        def burst():
            for step in range(8):
                now = time.time()
                with open(log, 'a') as f:
                    for i in range(100):
                        f.write(line(HOSTILE[(i // 10) % len(HOSTILE)] if i % 10 == 0 else f'/pages/p{i % 7}', now))
                time.sleep(0.5)
        writer = threading.Thread(target=burst, daemon=True)
        writer.start()
        deadline = time.monotonic() + 15
        while not any(e['type'] == 'alert' for _, e in json_events):
            if time.monotonic() > deadline:
                fail('rxlog raised no alert for the burst')
            time.sleep(0.02)
        printed = next(t for t, e in json_events if e['type'] == 'alert')
        shown = wait_for("(() => { const b = document.querySelector('#banner');"
                         " return b && !b.hidden && b.textContent.includes('high_traffic'); })()", 10, 'the alert banner')
        alert_lag = shown - printed
        time.sleep(1.2)   # a report with the burst's sections on it, for the picture (docs/web-dashboard.png)
        with open(os.path.join(artifacts, 'dashboard-alert.png'), 'wb') as f:
            f.write(base64.b64decode(s('Page.captureScreenshot', {'format': 'png'})['data']))
        if alert_lag > 2:
            failures.append(f'the alert showed {alert_lag:.2f} s after rxlog printed it')

        # Hostile text is text: shown, nothing run, nothing added, the title kept.
        wait_for("document.querySelector('#sections') && document.querySelector('#sections').textContent.includes('<img src=x onerror=alert(1)>')",
                 5, 'the hostile section as text')
        sections_text = js("document.querySelector('#sections').textContent")
        for h in HOSTILE:
            if h not in sections_text:
                failures.append(f'section {h!r} not shown as text (sections: {sections_text[:400]!r})')
        if js('document.images.length') != 0:
            failures.append(f'an <img> element appeared: {js("document.images.length")}')
        if js('document.scripts.length') != 1:
            failures.append(f'scripts on the page: {js("document.scripts.length")}')
        if js('document.title') != title:
            failures.append(f'the title changed to {js("document.title")!r}')

        # The report's numbers are --json's: while the burst lasts, the page's latest report is one rxlog printed
        # (same end, same hits, not 0).
        page_hits = js("Number(document.querySelector('#report-hits').dataset.hits)")
        page_end = js("document.querySelector('#report').dataset.end || ''")
        time.sleep(0.3)   # the --json line of that report may still be in the pipe
        reports = [e for _, e in json_events if e['type'] == 'report']
        match = [r for r in reports if r['hits'] == page_hits and r['end'] == page_end]
        if not match or page_hits == 0:
            failures.append(f'page report hits={page_hits} end={page_end!r} is none of --json reports '
                            f'{[(r["end"], r["hits"]) for r in reports[-4:]]}')
        writer.join()
        # The recovery, and both in the history, newest first.
        deadline = time.monotonic() + 30
        while not any(e['type'] == 'recovered' for _, e in json_events):
            if time.monotonic() > deadline:
                fail('rxlog never recovered')
            time.sleep(0.05)
        wait_for("(() => { const b = document.querySelector('#banner'); return b && b.hidden; })()", 5, 'the banner gone')
        history = js("Array.from(document.querySelectorAll('#history tr, #history li')).map(r => r.textContent)")
        rows = [r for r in history if 'high_traffic' in r]
        if len(rows) < 2 or 'recovered' not in rows[0].lower() or 'alert' not in rows[1].lower():
            failures.append(f'history is not [recovered, alert] newest first: {rows[:3]}')

        # Screenshots at phone and desktop widths; no sideways scrolling on the phone.
        for name, width, height, mobile in (('phone', 390, 844, True), ('desktop', 1920, 1080, False)):
            s('Emulation.setDeviceMetricsOverride', {'width': width, 'height': height, 'deviceScaleFactor': 1, 'mobile': mobile})
            time.sleep(0.5)
            if mobile and js('document.documentElement.scrollWidth') > width + 1:
                failures.append(f'the page scrolls sideways at {width} px: {js("document.documentElement.scrollWidth")} px wide')
            shot = s('Page.captureScreenshot', {'format': 'png', 'captureBeyondViewport': False})['data']
            with open(os.path.join(artifacts, f'dashboard-{name}.png'), 'wb') as f:
                f.write(base64.b64decode(shot))

        # rxlog stops: the page says so; rxlog is back on the same port: the page is live again by itself.
        port = base.rsplit(':', 1)[1]
        killed = time.monotonic()   # from here on, the browser's failed requests are the outage itself
        rx.terminate()
        rx.wait()
        wait_for("!/^\\s*live/i.test(document.querySelector('#status').textContent)", 10, 'the page saying it is disconnected')
        rx2 = start_rxlog('127.0.0.1:' + port)
        wait_for("/^\\s*live/i.test(document.querySelector('#status').textContent)", 20, 'the page live again after a restart')

        # Everything the page asked for was on its own origin; nothing went wrong in it.
        with chrome.lock:
            events = list(chrome.events)
        urls = [e['params']['request']['url'] for _, e in events if e.get('method') == 'Network.requestWillBeSent']
        outside = [u for u in urls if not u.startswith(base + '/') and not u.startswith('about:') and not u.startswith('data:')]
        if outside:
            failures.append(f'requests outside the origin: {outside[:5]}')
        dialogs = [e for _, e in events if e.get('method') == 'Page.javascriptDialogOpening']
        if dialogs:
            failures.append(f'a dialog opened: {dialogs[0]["params"]}')
        errors = [e['params'] for at, e in events
                  if (e.get('method') == 'Runtime.consoleAPICalled' and e['params']['type'] in ('error', 'assert'))
                  or e.get('method') == 'Runtime.exceptionThrown'
                  or (e.get('method') == 'Log.entryAdded' and e['params']['entry']['level'] == 'error'
                      and not (at >= killed and e['params']['entry'].get('source') == 'network'))]
        if errors:
            failures.append(f'console errors: {json.dumps(errors[:3])[:600]}')
        if failures:
            fail('; '.join(failures))
        print(f'PASS: Chromium showed the alert {alert_lag:.2f} s after rxlog printed it, then the recovery, both kept in the '
              f'history; report ending {page_end} with {page_hits} hits as --json printed it; 4 hostile sections '
              f'shown as text, no dialog, no new element; {len(urls)} requests, all to {base}; reconnected after a '
              f'restart; screenshots in {artifacts}')
    finally:
        for p in procs:
            try:
                p.terminate()
                p.wait(5)
            except Exception:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
