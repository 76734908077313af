#!/usr/bin/python3
"""Prints the first link under /espace/ of the newest e-mail to RECIPIENT in
MAIL_DIR (files written by src/mail/testdata/smtp_sink.py), waiting up to 10 s.

Usage: mail_link.py MAIL_DIR RECIPIENT
Exit status 1 when no such e-mail arrives. Used by tests/browser/staff.mjs
(Python's email module decodes the MIME parts the way a mail client does).
"""
import email
import email.policy
import glob
import os
import re
import sys
import time

directory, recipient = sys.argv[1], sys.argv[2].lower()
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    for path in sorted(glob.glob(os.path.join(directory, "*.eml")), reverse=True):
        with open(path, "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        if recipient not in message.get("To", "").lower():
            continue
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"https?://\S+?/espace/\S+", body)
        if link:
            print(link.group(0))
            sys.exit(0)
    time.sleep(0.2)
sys.exit(1)
