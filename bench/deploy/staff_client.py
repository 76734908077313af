#!/usr/bin/python3
"""Staff client of bench/deploy/run.sh: edits places' records through the real
staff pages (/espace) while wrk loads the public side, and checks afterwards
that every edit the server reported as saved is really stored.

Python 3 standard library only (no pip: PyPI is not reachable from the
benchmark machines).

  staff_client.py enrol  --base URL --invitation LINK --state FILE
      accepts the invitation printed by `relais compte inviter` (name,
      password), enrols the TOTP second factor (code computed here, RFC 6238,
      from the secret the page shows), signs out, then signs in again with the
      password and a TOTP code: the sign-in path a person takes. Writes the
      session cookie, the TOTP secret and the last TOTP step used to FILE.
  staff_client.py edit   --base URL --state FILE --places REF[,REF...]
                         --seconds S --log FILE.jsonl [--interval 0.5] [--label L]
      one thread per place (so two writers never edit one record: no 409
      conflicts by design): GET the record's form, set `presentation_detail`
      to a unique marker, POST it with the form's CSRF token and version. A
      303 to `?enregistre=1` is the server saying "saved": that edit is
      appended to the log as acknowledged. Anything else is a failure (status
      and the page's message are kept). Signs in again (password + TOTP) when
      the session ends. Prints one RESULT_WRITES line.
  staff_client.py verify --log FILE.jsonl (--sqlite DB | --psql URL)
      reads the places and their versions back from the database itself and
      prints one RESULT_VERIFY line: every acknowledged edit must be stored
      (missing=0), no marker stored twice (replayed=0), and each place's
      current record must be its latest version (half_written=0). Exit 1 when
      one of these fails.
"""
import argparse
import base64
import hashlib
import hmac
import html
import http.client
import json
import os
import re
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
from html.parser import HTMLParser

FIELD = "presentation_detail"  # a free-text field of the record: any marker is valid


# ------------------------------------------------------------------ TOTP (RFC 6238, SHA-1, 30 s, 6 digits)
def totp(secret_b32, counter):
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


def next_counter(last_used):
    """A code is single-use and the server accepts one step of drift: use the
    step after the last one used, waiting (at most 30 s) until the current
    step has reached the last one used."""
    while int(time.time()) // 30 < last_used:
        time.sleep(0.5)
    return max(last_used + 1, int(time.time()) // 30)


# ------------------------------------------------------------------ forms
class Form:
    def __init__(self, action, method):
        self.action, self.method = action, method.upper()
        self.fields = []


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = Form(a.get("action", ""), a.get("method", "get"))
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag in ("input", "button"):
            kind = (a.get("type") or ("text" if tag == "input" else "submit")).lower()
            self.current.fields.append({"tag": tag, "name": a.get("name"), "type": kind, "value": a.get("value") or "",
                                        "autocomplete": a.get("autocomplete") or "",
                                        "inputmode": a.get("inputmode") or "", "checked": "checked" in a})
        elif tag == "textarea":
            self.textarea = {"tag": "textarea", "name": a.get("name"), "type": "textarea", "value": "",
                             "autocomplete": a.get("autocomplete") or "", "inputmode": "", "checked": False}
            self.current.fields.append(self.textarea)
        elif tag == "select":
            self.select = {"tag": "select", "name": a.get("name"), "type": "select", "value": None, "options": [],
                           "autocomplete": "", "inputmode": "", "checked": False}
            self.current.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append(a.get("value", ""))
            if self.select["value"] is None or "selected" in a:
                self.select["value"] = a.get("value", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def find_form(body, predicate):
    parser = FormParser()
    parser.feed(body)
    for form in parser.forms:
        if predicate(form):
            return form
    return None


def is_email(f):
    return f["type"] == "email" or f["autocomplete"] in ("username", "email")


def is_password(f):
    return f["type"] == "password"


def is_code(f):
    return f["autocomplete"] == "one-time-code" or (f["inputmode"] == "numeric" and f["type"] in ("text", "tel"))


def names(form, predicate):
    return [f["name"] for f in form.fields if f["name"] and predicate(f)]


def form_data(form, values):
    """What a browser sends for `form` with `values` typed in."""
    data = []
    for f in form.fields:
        name = f["name"]
        if not name:
            continue
        if f["type"] == "submit":
            if name in values:
                data.append((name, values[name]))
            continue
        if f["type"] in ("checkbox", "radio"):
            if name in values:
                if f["value"] == values[name]:
                    data.append((name, f["value"]))
            elif f["checked"]:
                data.append((name, f["value"]))
            continue
        data.append((name, values.get(name, f["value"] or "")))
    return urllib.parse.urlencode(data).encode()


def message_of(body):
    """The page's own words for what happened (title, then the first alert
    or paragraph of <main>), for the report of a failure."""
    text = []
    m = re.search(r"<title>(.*?)</title>", body, re.S)
    if m:
        text.append(m.group(1))
    main = body[body.find("<main"):] if "<main" in body else body
    m = re.search(r"<(?:p|div)[^>]*>(.*?)</(?:p|div)>", main, re.S)
    if m:
        text.append(m.group(1))
    plain = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", " | ".join(text)))).strip()
    return plain[:200] if plain else body[:200].replace("\n", " ")


# ------------------------------------------------------------------ HTTP
class Session:
    """One signed-in person: a cookie jar shared by the writer threads (each
    thread has its own connection)."""

    def __init__(self, base, cookies=None):
        self.base = urllib.parse.urlsplit(base)
        self.origin = "%s://%s" % (self.base.scheme, self.base.netloc)
        self.cookies = dict(cookies or {})
        self.lock = threading.Lock()

    def connection(self):
        return http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=15)

    def request(self, conn, method, path, body=None):
        """(status, headers, body, conn): a new connection after any error."""
        headers = {"User-Agent": "relais-bench-deploy"}
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            if conn is None:
                conn = self.connection()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as e:
            if conn is not None:
                conn.close()
            return 0, {}, "%s: %s" % (type(e).__name__, e), None
        with self.lock:
            for value in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                cookie = rest.split(";", 1)[0]
                if "max-age=0" in value.lower() or cookie == "":
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = cookie
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = None
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data, conn

    def get(self, path, conn=None):
        """GET following redirects: (status, body, final path, conn)."""
        for _ in range(6):
            status, headers, body, conn = self.request(conn, "GET", path)
            if status in (301, 302, 303, 307) and "location" in headers:
                path = relative(headers["location"])
                continue
            return status, body, path, conn
        return status, body, path, conn

    def submit(self, path, form, values, conn=None, follow=True):
        action = form.action or path
        if not action.startswith("/"):
            action = urllib.parse.urljoin(path, action)
        status, headers, body, conn = self.request(conn, form.method, action, form_data(form, values))
        if follow and status in (301, 302, 303) and "location" in headers:
            status, body, path, conn = self.get(relative(headers["location"]), conn)
            return status, body, path, conn, headers
        return status, body, action, conn, headers


def relative(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + ("?" + parts.query if parts.query else "")


# ------------------------------------------------------------------ sign-in
def sign_in(session, state):
    """Password, then a TOTP code. Returns the final path (not /espace/connexion… when signed in)."""
    session.cookies.clear()
    status, body, path, _ = session.get("/espace/connexion")
    form = find_form(body, lambda f: any(is_password(x) for x in f.fields))
    if form is None:
        raise SystemExit("sign-in page without a password form (%d %s): %s" % (status, path, message_of(body)))
    status, body, path, _, _ = session.submit(path, form, {names(form, is_email)[0]: state["email"],
                                                           names(form, is_password)[0]: state["password"]})
    form = find_form(body, lambda f: any(is_code(x) for x in f.fields))
    if form is None:
        raise SystemExit("no TOTP form after the password (%d %s): %s" % (status, path, message_of(body)))
    counter = next_counter(state["counter"])
    state["counter"] = counter
    status, body, path, _, _ = session.submit(path, form, {names(form, is_code)[0]: totp(state["secret"], counter)})
    if status != 200 or path.startswith("/espace/connexion"):
        raise SystemExit("TOTP refused (%d %s): %s" % (status, path, message_of(body)))
    state["cookies"] = dict(session.cookies)
    return path


def secret_from(body):
    """The TOTP key the enrolment page shows: in an otpauth:// URI, or typed
    out in groups of base32 letters for people who cannot scan the QR code."""
    text = html.unescape(body)
    m = re.search(r"secret=([A-Z2-7]+)", text)
    if m:
        return m.group(1)
    m = re.search(r"<code>([A-Z2-7][A-Z2-7 \u00a0]{15,})</code>", text)
    return re.sub(r"[ \u00a0]", "", m.group(1)) if m else None


def save_state(path, state):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f)
    os.replace(tmp, path)


def enrol(args):
    session = Session(args.base)
    state = {"email": args.email, "password": args.password}
    status, body, path, _ = session.get(relative(args.invitation))
    if status != 200:
        raise SystemExit("invitation page: %d %s" % (status, message_of(body)))
    form = find_form(body, lambda f: any(is_password(x) for x in f.fields))
    values = {}
    for f in form.fields:
        if f["name"] and f["autocomplete"] == "name":
            values[f["name"]] = args.name
        elif f["name"] and is_password(f):
            values[f["name"]] = args.password
        elif f["name"] and f["type"] == "checkbox":
            values[f["name"]] = f["value"]
    status, body, path, _, _ = session.submit(path, form, values)
    state["secret"] = secret_from(body)
    if not state["secret"]:
        raise SystemExit("enrolment page without a TOTP secret (%d %s): %s" % (status, path, message_of(body)))
    form = find_form(body, lambda f: any(is_code(x) for x in f.fields))
    state["counter"] = int(time.time()) // 30
    status, body, path, _, _ = session.submit(path, form, {names(form, is_code)[0]: totp(state["secret"],
                                                                                           state["counter"])})
    if status != 200 or "secours" not in body:
        raise SystemExit("TOTP enrolment refused (%d %s): %s" % (status, path, message_of(body)))
    # Sign out, then sign in as a person does every day: password + TOTP.
    status, body, path, _ = session.get("/espace")
    form = find_form(body, lambda f: "deconnexion" in f.action)
    if form is None:
        raise SystemExit("no sign-out form on /espace (%d %s)" % (status, path))
    session.submit(path, form, {})
    final = sign_in(session, state)
    save_state(args.state, state)
    print("RESULT_ENROL email=%s signed_in=yes landing=%s" % (state["email"], final), flush=True)


# ------------------------------------------------------------------ edits
class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.attempts = self.acked = self.signins = 0
        self.failures = {}      # "get 503" -> count
        self.messages = {}      # "post 500" -> first message
        self.events = []        # (t, ok) in time order, for the outage length
        self.latencies = []     # seconds, GET form + POST, acknowledged edits


def edit(args):
    with open(args.state) as f:
        state = json.load(f)
    session = Session(args.base, state.get("cookies"))
    refs = [r for r in args.places.split(",") if r]
    stats = Stats()
    log = open(args.log, "a", buffering=1)
    deadline = time.monotonic() + args.seconds
    started = time.time()
    signin_lock = threading.Lock()

    def fail(kind, status, body):
        key = "%s_%s" % (kind, status)
        with stats.lock:
            stats.failures[key] = stats.failures.get(key, 0) + 1
            stats.messages.setdefault(key, message_of(body) if status else body[:200])
            stats.events.append((time.time(), False))

    def reauthenticate(cookie_before):
        with signin_lock:
            if session.cookies != cookie_before:
                return  # another thread already signed in again
            sign_in(session, state)
            save_state(args.state, state)
            with stats.lock:
                stats.signins += 1

    def writer(index, ref):
        path = "/espace/lieux/" + urllib.parse.quote(ref, safe="")
        conn = None
        n = 0
        while time.monotonic() < deadline:
            n += 1
            marker = "bench-deploy %s %s n%d t%.3f" % (args.label, ref, n, time.time())
            with stats.lock:
                stats.attempts += 1
            t0 = time.monotonic()
            cookie_before = dict(session.cookies)
            status, body, final, conn = session.get(path, conn)
            if status == 200 and final.startswith("/espace/connexion"):
                fail("session", "ended", "signed out: " + final)
                try:
                    reauthenticate(cookie_before)
                except SystemExit as e:
                    fail("signin", "refused", str(e))
                    time.sleep(1)
                continue
            form = find_form(body, lambda f: any(x["name"] == FIELD for x in f.fields)) if status == 200 else None
            if form is None:
                fail("get", status, body)
                time.sleep(0.2)  # bounded retry rate during an outage
                continue
            log.write(json.dumps({"ref": ref, "marker": marker, "outcome": "sent", "t": time.time()}) + "\n")
            status, body, action, conn, headers = session.submit(final, form, {FIELD: marker}, conn, follow=False)
            location = headers.get("location", "")
            if status == 303 and "enregistre=1" in location:
                with stats.lock:
                    stats.acked += 1
                    stats.events.append((time.time(), True))
                    stats.latencies.append(time.monotonic() - t0)
                log.write(json.dumps({"ref": ref, "marker": marker, "outcome": "acked", "t": time.time()}) + "\n")
            else:
                fail("post", status, body)
                log.write(json.dumps({"ref": ref, "marker": marker, "outcome": "failed", "status": status,
                                      "t": time.time()}) + "\n")
                time.sleep(0.2)
            if args.interval > 0:
                time.sleep(args.interval)

    threads = [threading.Thread(target=writer, args=(i, ref), daemon=True) for i, ref in enumerate(refs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log.close()

    # The longest time without a successful edit after a failure (an outage,
    # seen from the client): from the first failure of a run of failures to
    # the next acknowledged edit, or to the end when none came.
    events = sorted(stats.events)
    longest, start = 0.0, None
    for t, ok in events:
        if not ok and start is None:
            start = t
        elif ok and start is not None:
            longest = max(longest, t - start)
            start = None
    recovered = "yes" if start is None else "no"
    if start is not None:
        longest = max(longest, time.time() - start)
    lat = sorted(stats.latencies)

    def pct(p):
        return "%.1f" % (1000 * lat[min(len(lat) - 1, int(p / 100 * len(lat)))]) if lat else "-"
    failed = sum(stats.failures.values())
    detail = ",".join("%s:%d" % kv for kv in sorted(stats.failures.items())) or "none"
    print("RESULT_WRITES label=%s writers=%d seconds=%.1f attempts=%d acked=%d failed=%d failures=%s signins=%d "
          "edit_p50_ms=%s edit_p99_ms=%s longest_outage_s=%.1f recovered=%s"
          % (args.label, len(refs), time.time() - started, stats.attempts, stats.acked, failed, detail, stats.signins,
             pct(50), pct(99), longest, recovered), flush=True)
    for key, text in sorted(stats.messages.items()):
        print("RESULT_WRITE_ERROR label=%s kind=%s message=%s" % (args.label, key, json.dumps(text, ensure_ascii=False)),
              flush=True)


# ------------------------------------------------------------------ read back
def rows_sqlite(db, sql):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return [tuple(str(v) for v in row) for row in con.execute(sql)]
    finally:
        con.close()


def rows_psql(url, sql):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\x1f")) for line in out.splitlines() if line]


def verify(args):
    acked, sent, refs = {}, {}, set()
    with open(args.log) as f:
        for line in f:
            e = json.loads(line)
            refs.add(e["ref"])
            if e["outcome"] == "acked":
                acked[e["marker"]] = e["ref"]
            elif e["outcome"] == "sent":
                sent[e["marker"]] = e["ref"]
    if not refs:
        print("RESULT_VERIFY acked=0 note=no_edits_logged", flush=True)
        return 1
    quoted = ",".join("'%s'" % r.replace("'", "''") for r in sorted(refs))
    query = (lambda sql: rows_sqlite(args.sqlite, sql)) if args.sqlite else (lambda sql: rows_psql(args.psql, sql))
    versions = query("SELECT source || ':' || place_id, version, record_json FROM place_versions "
                     "WHERE change = 'modification' AND source || ':' || place_id IN (%s) "
                     "ORDER BY source, place_id, version" % quoted)
    current = query("SELECT source || ':' || id, record_json FROM places WHERE source || ':' || id IN (%s)" % quoted)

    stored = {}       # marker -> number of versions holding it
    latest = {}       # ref -> (version, record)
    for ref, version, record in versions:
        value = json.loads(record).get(FIELD, "")
        stored[value] = stored.get(value, 0) + 1
        if ref not in latest or int(version) > latest[ref][0]:
            latest[ref] = (int(version), json.loads(record))
    missing = [m for m in acked if stored.get(m, 0) == 0]
    replayed = [m for m in list(acked) + list(sent) if stored.get(m, 0) > 1]
    unacked_stored = [m for m in sent if m not in acked and stored.get(m, 0) > 0]
    half = []
    for ref, record in current:
        record = json.loads(record)
        if ref in latest and record != latest[ref][1]:
            half.append(ref)
    ok = not missing and not replayed and not half
    print("RESULT_VERIFY source=%s places=%d acked=%d acked_stored=%d missing=%d replayed=%d "
          "stored_but_not_acked=%d half_written=%d ok=%s"
          % ("sqlite" if args.sqlite else "postgresql", len(refs), len(acked), len(acked) - len(missing),
             len(missing), len(replayed), len(unacked_stored), len(half), "yes" if ok else "no"), flush=True)
    for m in missing[:5]:
        print("  missing: %s" % m)
    for r in half[:5]:
        print("  current record differs from its latest version: %s" % r)
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("enrol")
    p.add_argument("--base", required=True)
    p.add_argument("--invitation", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--email", default="bench-deploy@relais.example")
    p.add_argument("--name", default="Camille Banc")
    p.add_argument("--password", default="quatre chevaux bleus dans la brume")
    p = sub.add_parser("edit")
    p.add_argument("--base", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--places", required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--label", default="edits")
    p = sub.add_parser("verify")
    p.add_argument("--log", required=True)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--sqlite")
    g.add_argument("--psql")
    args = parser.parse_args()
    if args.command == "enrol":
        enrol(args)
        return 0
    if args.command == "edit":
        edit(args)
        return 0
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
