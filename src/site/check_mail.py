#!/usr/bin/python3
"""Checks an orientation sheet e-mail as received by the SMTP sink.

Usage: check_mail.py MESSAGE.eml ENVELOPE EXPECTED.json
EXPECTED holds: from, to, subject, and "contains" (strings both parts must
hold). Prints what is wrong and exits 1, or exits 0.
"""
import email
import email.policy
import email.utils
import json
import sys

eml, envelope_path, expected_path = sys.argv[1:4]
expected = json.load(open(expected_path, encoding="utf-8"))
raw = open(eml, "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
errors = []


def check(condition, what):
    if not condition:
        errors.append(what)


check(all(b < 0x80 for b in raw), "the message is not 7-bit ASCII on the wire")
check(email.utils.parsedate_to_datetime(msg["Date"]) is not None, "Date header: %r" % msg["Date"])
mid = msg["Message-ID"] or ""
check(mid.startswith("<") and mid.endswith(">") and "@" in mid, "Message-ID: %r" % mid)
check(msg["MIME-Version"] == "1.0", "MIME-Version: %r" % msg["MIME-Version"])
check(str(msg["From"]) == expected["from"], "From: %r" % str(msg["From"]))
check(str(msg["To"]) == expected["to"], "To: %r" % str(msg["To"]))
check(str(msg["Subject"]) == expected["subject"], "Subject: %r" % str(msg["Subject"]))
check("=?UTF-8?B?" in raw.decode("ascii", "replace").split("\r\n\r\n")[0], "Subject not RFC 2047 encoded")
check(msg.get_content_type() == "multipart/alternative", "Content-Type: %s" % msg.get_content_type())
parts = list(msg.iter_parts()) if msg.is_multipart() else []
types = [p.get_content_type() for p in parts]
check(types == ["text/plain", "text/html"], "parts: %r" % types)
for part in parts:
    check(part.get_content_charset() == "utf-8", "%s charset %r" % (part.get_content_type(), part.get_content_charset()))
    check(part["Content-Transfer-Encoding"] == "quoted-printable", "%s encoding" % part.get_content_type())
    body = part.get_content()
    for want in expected["contains"]:
        check(want in body, "%s lacks %r" % (part.get_content_type(), want))
if len(parts) == 2:
    check(parts[1].get_content().lstrip().startswith("<!DOCTYPE html>"), "the HTML part is not a document")
    check("<" not in parts[0].get_content(), "the text part holds markup")
envelope = open(envelope_path, encoding="utf-8").read().split("\n")
check(envelope[0] == expected["envelope_from"], "envelope sender %r" % envelope[0])
check(envelope[1] == expected["to"], "envelope recipient %r" % envelope[1])

for e in errors:
    print("FAIL mail: " + e)
sys.exit(1 if errors else 0)
