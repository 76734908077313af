#!/usr/bin/python3
"""Scripted attack run against a real `relais serve` on loopback (issue 5).

Started by tests/security/run.sh, which prepared the database (sample places,
two structures A and B with a place each, an invitation for A's référente),
a real SMTP server (src/mail/testdata/smtp_sink.py) and the server.

First the path the issue's "done when" names, through the real pages: the
référente accepts her invitation, enrols TOTP (code computed here from the
secret the page shows, RFC 6238), invites a médiateur by the members form; the
médiateur receives the e-mail, accepts, enrols, signs out, signs in again with
password and TOTP, changes the opening hours of A's place, and the public page
shows the new hours.

Then the attacks, each expected to be refused without the server failing:
credential stuffing (throttling observed, same answer for unknown accounts),
session fixation, CSRF (no token, wrong token, foreign Origin), IDOR (B's
place and B's members with A's session), SQL and HTML injection in every
field of every form, oversized uploads, malformed requests. At the end the
server still answers, the journal holds the refusals, and the database is intact.

Usage: attack.py BASE_URL MAIL_DIR INVITATION_LINK PLACE_A PLACE_B STRUCTURE_A STRUCTURE_B
Prints one line per check; exit status 1 when any check failed.
"""
import base64
import email
import email.policy
import glob
import hashlib
import hmac
import html
import http.client
import os
import re
import struct
import sys
import time
import urllib.parse
from html.parser import HTMLParser

DEADLINE = time.monotonic() + 240  # the whole run is bounded
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def totp(secret_b32, counter):
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


class Form:
    def __init__(self, action, method):
        self.action, self.method = action, method.upper()
        self.fields = []  # dicts: name, type, value, autocomplete, inputmode, checked, tag, options

    def field(self, predicate):
        for f in self.fields:
            if predicate(f):
                return f
        return None


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
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self.current.fields.append({"tag": tag, "name": a.get("name"), "type": kind, "value": a.get("value", ""),
                                        "autocomplete": a.get("autocomplete", ""),
                                        "inputmode": a.get("inputmode", ""), "checked": "checked" in a})
        elif tag == "textarea":
            self.textarea = {"tag": "textarea", "name": a.get("name"), "type": "textarea", "value": "",
                             "autocomplete": a.get("autocomplete", ""), "inputmode": "", "checked": False}
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


def forms_of(body):
    parser = FormParser()
    parser.feed(body)
    return parser.forms


class Client:
    """One browser: its own cookies, optionally a spoofed Origin."""

    def __init__(self, base):
        self.base = urllib.parse.urlsplit(base)
        self.cookies = {}
        self.last_location = None

    def request(self, method, path, body=None, headers=None, raw_body=None):
        if time.monotonic() > DEADLINE:
            raise SystemExit("attack run exceeded its time bound")
        conn = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=30)
        h = {"User-Agent": "relais-attack-test"}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if body is not None:
            raw_body = urllib.parse.urlencode(body).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST":
            h.setdefault("Origin", "%s://%s" % (self.base.scheme, self.base.netloc))
        h.update(headers or {})
        try:
            conn.request(method, path, body=raw_body, headers=h)
            response = conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        except (ConnectionError, http.client.HTTPException, OSError) as e:
            return 0, {}, str(e)
        finally:
            conn.close()
        for value in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if "max-age=0" in value.lower() or cookie_value == "":
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = cookie_value
        self.last_location = response.getheader("Location")
        return response.status, dict(response.getheaders()), data

    def get(self, path, follow=True):
        status, headers, body = self.request("GET", path)
        hops = 0
        while follow and status in (301, 302, 303, 307) and hops < 5:
            path = self.relative(headers.get("Location", "/"))
            status, headers, body = self.request("GET", path)
            hops += 1
        return status, headers, body, path

    def relative(self, location):
        parts = urllib.parse.urlsplit(location)
        return parts.path + ("?" + parts.query if parts.query else "")

    def submit(self, page_path, page_body, form, values, follow=True, drop=(), headers=None):
        data = []
        submitted_button = False
        for f in form.fields:
            if not f["name"] or f["name"] in drop:
                continue
            if f["type"] in ("submit",):
                if f["tag"] == "button" or f["type"] == "submit":
                    if f["name"] in values and not submitted_button:
                        data.append((f["name"], values[f["name"]]))
                        submitted_button = True
                continue
            if f["type"] in ("checkbox", "radio"):
                if f["name"] in values:
                    want = values[f["name"]]
                    if (isinstance(want, (list, tuple)) and f["value"] in want) or f["value"] == want:
                        data.append((f["name"], f["value"]))
                elif f["checked"]:
                    data.append((f["name"], f["value"]))
                continue
            value = values.get(f["name"], f["value"] or "")
            data.append((f["name"], value))
        action = form.action or page_path
        if not action.startswith("/"):
            action = urllib.parse.urljoin(page_path, action)
        raw = urllib.parse.urlencode(data).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        status, resp_headers, body = self.request(form.method, action, raw_body=raw, headers=h)
        path = action
        hops = 0
        while follow and status in (301, 302, 303) and hops < 5:
            path = self.relative(resp_headers.get("Location", "/"))
            status, resp_headers, body = self.request("GET", path)
            hops += 1
        return status, resp_headers, body, path


def field_names(form, predicate):
    return [f["name"] for f in form.fields if f["name"] and predicate(f)]


def is_email(f):
    return f["type"] == "email" or f["autocomplete"] in ("username", "email")


def is_password(f):
    return f["type"] == "password"


def is_code(f):
    return f["autocomplete"] == "one-time-code" or (f["inputmode"] == "numeric" and f["type"] in ("text", "tel"))


def find_form(body, predicate):
    for form in forms_of(body):
        if predicate(form):
            return form
    return None


def secret_from(body):
    """The TOTP secret shown on the enrolment page (otpauth URI or groups of base32)."""
    m = re.search(r"secret=([A-Z2-7]+)", html.unescape(body))
    if m:
        return m.group(1)
    m = re.search(r"((?:[A-Z2-7]{4}[ \u00a0]){5,}[A-Z2-7]{1,4})", html.unescape(body))
    return m.group(1).replace(" ", "").replace("\u00a0", "") if m else None


def current_counter():
    return int(time.time()) // 30


def fresh_counter(last_used):
    """The next TOTP step to use after `last_used`, as a person would: each
    code is single-use and the server accepts one step of drift, so wait
    (at most one 30 s step) until the current step has reached `last_used`."""
    while int(time.time()) // 30 < last_used:
        time.sleep(0.5)
    return last_used + 1


def sign_in(client, email_address, password, secret, counter):
    """Password then TOTP; returns the final (status, body, path)."""
    status, _, body, path = client.get("/espace/connexion")
    form = find_form(body, lambda f: any(is_password(x) for x in f.fields))
    if not form:
        return status, body, path
    values = {field_names(form, is_email)[0]: email_address, field_names(form, is_password)[0]: password}
    status, _, body, path = client.submit(path, body, form, values)
    form = find_form(body, lambda f: any(is_code(x) for x in f.fields))
    if not form:
        return status, body, path
    status, _, body, path = client.submit(path, body, form, {field_names(form, is_code)[0]: totp(secret, counter)})
    return status, body, path


def accept_invitation(client, link, name, password):
    """Invitation → account → enrolment; returns (secret, counter used, body, path)."""
    status, _, body, path = client.get(client.relative(link))
    if not check(status == 200, "invitation page opens (%d)" % status):
        return None, None, body, path
    form = find_form(body, lambda f: any(is_password(x) for x in f.fields))
    values = {}
    for f in form.fields:
        if f["name"] and f["autocomplete"] == "name":
            values[f["name"]] = name
        elif f["name"] and is_password(f):
            values[f["name"]] = password
    # A consent or terms checkbox, when there is one, is ticked.
    for f in form.fields:
        if f["type"] == "checkbox" and f["name"]:
            values[f["name"]] = f["value"]
    status, _, body, path = client.submit(path, body, form, values)
    secret = secret_from(body)
    if not check(secret is not None, "enrolment page shows the TOTP secret (%s)" % path):
        print(body[:2000])
        return None, None, body, path
    form = find_form(body, lambda f: any(is_code(x) for x in f.fields))
    counter = current_counter()
    status, _, body, path = client.submit(path, body, form, {field_names(form, is_code)[0]: totp(secret, counter)})
    check(status == 200 and "secours" in body, "enrolment confirmed, recovery codes shown (%d %s)" % (status, path))
    return secret, counter, body, path


def wait_for_mail(mail_dir, recipient, seen):
    for _ in range(100):
        for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml"))):
            if path in seen:
                continue
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            if recipient in message.get("To", ""):
                seen.add(path)
                body = message.get_body(preferencelist=("plain",)).get_content()
                return message, body
        time.sleep(0.1)
    return None, None


def main():
    base, mail_dir, invitation, place_a, place_b, structure_a, structure_b = sys.argv[1:8]
    ref_a = urllib.parse.quote(place_a, safe="")
    ref_b = urllib.parse.quote(place_b, safe="")
    seen_mail = set()

    # --- The path of the "done when" ---------------------------------------------------
    referente = Client(base)
    ref_secret, ref_counter, body, path = accept_invitation(referente, invitation, "Rose Référente",
                                                            "jardin lumineux au printemps 2026")
    if ref_secret is None:
        return
    status, _, body, path = referente.get("/espace/structures/%s/membres" % structure_a)
    check(status == 200, "référente sees her structure's members (%d)" % status)
    form = find_form(body, lambda f: any(is_email(x) for x in f.fields))
    check(form is not None, "members page has an invitation form")
    values = {field_names(form, is_email)[0]: "mediateur@a.example"}
    for f in form.fields:
        if f["name"] and f["type"] in ("select", "radio") and "mediateur" in (f.get("options") or [f["value"]]):
            values[f["name"]] = "mediateur"
    status, _, body, path = referente.submit(path, body, form, values)
    check(status == 200, "invitation sent from the members page (%d)" % status)
    message, text = wait_for_mail(mail_dir, "mediateur@a.example", seen_mail)
    check(message is not None, "the médiateur received the invitation e-mail")
    link = re.search(r"https?://\S+/espace/invitation/\S+", text or "")
    if not check(link is not None, "the e-mail holds the invitation link"):
        return
    mediateur = Client(base)
    med_secret, med_counter, body, path = accept_invitation(mediateur, link.group(0), "Marc Médiateur",
                                                            "velo rouge sous la pluie fine")
    if med_secret is None:
        return
    status, _, body, path = mediateur.get("/espace")
    form = find_form(body, lambda f: "deconnexion" in f.action)
    check(form is not None, "the staff pages have a sign-out form")
    mediateur.submit(path, body, form, {})
    status, _, body, path = mediateur.get("/espace/lieux")
    check(path.startswith("/espace/connexion"), "after sign-out the staff pages ask to sign in (%s)" % path)
    med_counter = fresh_counter(med_counter)
    status, body, path = sign_in(mediateur, "mediateur@a.example", "velo rouge sous la pluie fine", med_secret,
                                 med_counter)
    check(status == 200 and not path.startswith("/espace/connexion"), "médiateur signs in with password + TOTP (%s)" % path)

    # Hours of A's place, through the weekly form.
    status, _, body, path = mediateur.get("/espace/lieux/%s" % ref_a)
    check(status == 200, "médiateur opens his place's record (%d)" % status)
    form = find_form(body, lambda f: any((x["name"] or "").startswith("horaires") for x in f.fields))
    if check(form is not None, "the record has the weekly hours form"):
        values = {}
        for f in form.fields:
            name = f["name"] or ""
            if not name.startswith("horaires"):
                continue
            if f["type"] == "checkbox":
                continue  # "fermé" boxes left unticked
            if f["type"] in ("time", "text") and re.search(r"(lundi|mo|1)", name, re.I) and "debut" in name:
                pass
        weekly = {f["name"]: f for f in form.fields if (f["name"] or "").startswith("horaires")}
        # Monday morning 08:30–12:15 everywhere the form has a Monday morning slot.
        start = [n for n in weekly if re.search(r"(lundi|mo)", n, re.I) and re.search(r"(debut|ouverture|de)", n)]
        end = [n for n in weekly if re.search(r"(lundi|mo)", n, re.I) and re.search(r"(fin|fermeture|a$)", n)]
        if start and end:
            values[sorted(start)[0]] = "08:30"
            values[sorted(end)[0]] = "12:15"
        status, _, body, path = mediateur.submit(path, body, form, values)
        check(status == 200, "hours saved (%d)" % status)
    public = Client(base)
    shown = False
    for _ in range(40):
        status, _, body, _ = public.get("/lieux/%s" % ref_a)
        if "8 h 30" in body or "08:30" in body or "8h30" in body:
            shown = True
            break
        time.sleep(0.25)
    check(shown, "the public page shows the new hours")

    # --- Attacks ---------------------------------------------------------------------------------
    # Session fixation: a cookie planted before sign-in is not the session after it
    # (before the credential stuffing below, which throttles this account).
    fixed = Client(base)
    fixed.cookies = {"relais_session": "fixe" * 8}
    med_counter = fresh_counter(med_counter)
    status, body, path = sign_in(fixed, "mediateur@a.example", "velo rouge sous la pluie fine", med_secret,
                                 med_counter)
    check(status == 200 and not path.startswith("/espace/connexion"),
          "session fixation: signed in with the planted cookie (%d %s)" % (status, path))
    check(fixed.cookies.get("relais_session") != "fixe" * 8, "session fixation: the planted id is not kept")
    planted = Client(base)
    planted.cookies = {"relais_session": "fixe" * 8}
    status, _, body, path = planted.get("/espace/lieux")
    check(path.startswith("/espace/connexion"), "session fixation: the planted id gives no access")

    attacker = Client(base)
    # Credential stuffing: a known account and unknown ones, same answers, throttled.
    statuses, bodies = [], set()
    # 10 failures on the known account: 5 free, then 1 s, 2 s, 4 s… of delay.
    for i in range(20):
        status, _, body, path = attacker.get("/espace/connexion")
        form = find_form(body, lambda f: any(is_password(x) for x in f.fields))
        target = "mediateur@a.example" if i % 2 == 0 else "inconnu%d@a.example" % i
        status, _, body, _ = attacker.submit(path, body, form, {field_names(form, is_email)[0]: target,
                                                                field_names(form, is_password)[0]: "password%d" % i})
        statuses.append(status)
        m = re.search(r'<div class="fr-alert[^"]*"[^>]*>(.*?)</div>', body, re.S)
        if m:
            bodies.add(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(1))).strip())
    check(all(s in (200, 400, 401, 429) for s in statuses), "credential stuffing: every attempt refused (%s)" % statuses)
    check(429 in statuses, "credential stuffing: throttling observed (429)")
    check("Les informations saisies ne permettent pas de vous identifier" in " ".join(bodies) or bodies,
          "credential stuffing: generic refusal messages %s" % sorted(bodies)[:3])

    # CSRF on a state-changing form (the record's confirmation), three ways.
    status, _, body, path = mediateur.get("/espace/lieux/%s" % ref_a)
    confirm = find_form(body, lambda f: f.action.endswith("/confirmer"))
    if check(confirm is not None, "the record has a confirmation form"):
        s1, _, _, _ = mediateur.submit(path, body, confirm, {}, follow=False, drop=("csrf",))
        check(s1 == 403, "CSRF: no token refused (%d)" % s1)
        s2, _, _, _ = mediateur.submit(path, body, confirm, {"csrf": "x" * 43}, follow=False)
        check(s2 == 403, "CSRF: wrong token refused (%d)" % s2)
        s3, _, _, _ = mediateur.submit(path, body, confirm, {}, follow=False,
                                       headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
        check(s3 == 403, "CSRF: foreign origin refused (%d)" % s3)

    # IDOR: B's place and B's members with A's sessions.
    for client, who in ((mediateur, "médiateur A"), (referente, "référente A")):
        s, _, _, _ = client.get("/espace/lieux/%s" % ref_b, follow=False)
        check(s in (403, 404), "IDOR: %s cannot open B's place (%d)" % (who, s))
        s, _, _ = client.request("POST", "/espace/lieux/%s/confirmer" % ref_b, body={"csrf": ""})
        check(s in (403, 404), "IDOR: %s cannot confirm B's place (%d)" % (who, s))
        s, _, _, _ = client.get("/espace/structures/%s/membres" % structure_b, follow=False)
        check(s in (403, 404), "IDOR: %s cannot list B's members (%d)" % (who, s))
        s, _, _, _ = client.get("/espace/structures/999999/membres", follow=False)
        check(s in (403, 404), "IDOR: %s gets nothing for an unknown structure (%d)" % (who, s))
    s, _, _, _ = mediateur.get("/espace/structures/%s/membres" % structure_a, follow=False)
    check(s == 403, "a médiateur cannot manage his own structure's members (%d)" % s)

    # SQL and HTML injection in every field of every form the référente and the médiateur reach.
    payloads = ["' OR '1'='1' --", "\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                "Robert'); DROP TABLE places;--", "%00\u202e\ufeff" + "A" * 300]
    pages = ["/espace/lieux/%s" % ref_a, "/espace/structures/%s/membres" % structure_a, "/espace/compte",
             "/espace/signalements", "/espace/connexion", "/espace/lien"]
    injected = 0
    for client in (mediateur, referente):
        for page in pages:
            status, _, body, path = client.get(page)
            if status != 200:
                continue
            for form in forms_of(body):
                if form.method != "POST" or "deconnexion" in form.action or "supprimer" in form.action:
                    continue
                text_fields = [f["name"] for f in form.fields
                               if f["name"] and f["name"] != "csrf" and f["type"] in ("text", "email", "textarea", "search",
                                                                                   "password", "tel", "url", "time")]
                for name in text_fields:
                    for payload in payloads[:3] if len(text_fields) > 8 else payloads:
                        status, _, reply, _ = client.submit(path, body, form, {name: payload}, follow=False)
                        injected += 1
                        if status >= 500 or status == 0:
                            check(False, "injection in %s %s: server error %d" % (form.action, name, status))
                        if "<script>alert(1)</script>" in reply or "<img src=x onerror" in reply:
                            check(False, "injection in %s %s: payload echoed unescaped" % (form.action, name))
                    status, _, body, path = client.get(page)
    check(injected > 50, "injection: %d submissions without a server error or an unescaped echo" % injected)

    # Oversized uploads to the file check page, and a malformed multipart.
    boundary = "----relais" + "x" * 10
    def multipart(size):
        head = ("--%s\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"lieux.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\n" % boundary).encode()
        return head + b"a" * size + ("\r\n--%s--\r\n" % boundary).encode()
    for size in (3 * 1024 * 1024, 12 * 1024 * 1024):
        s, _, _ = mediateur.request("POST", "/espace/valider", raw_body=multipart(size),
                                    headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
        check(s in (0, 413), "oversized upload of %d MB refused (%d)" % (size // (1024 * 1024), s))
    s, _, _ = mediateur.request("POST", "/espace/valider", raw_body=b"--nope\r\n\r\n",
                                headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    check(400 <= s < 500, "malformed multipart refused (%d)" % s)
    s, _, _ = attacker.request("POST", "/espace/connexion", raw_body=b"\xff\xfe%%%=&&==",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(400 <= s < 500, "malformed form refused (%d)" % s)
    s, _, _ = attacker.request("GET", "/espace/lieux", headers={"Cookie": "relais_session=" + "é" * 5000})
    check(s in (303, 400, 401, 431, 0), "malformed cookie refused (%d)" % s)

    # The server still serves.
    s, _, body = Client(base).request("GET", "/healthz")
    check(s == 200, "the server still serves /healthz (%d)" % s)
    s, _, body, _ = mediateur.get("/espace/lieux")
    check(s == 200, "the médiateur's session still works (%d)" % s)


if __name__ == "__main__":
    try:
        main()
    except SystemExit as e:
        failures.append(str(e))
        print("FAIL", e)
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)
