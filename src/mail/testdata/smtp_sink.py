#!/usr/bin/python3
"""A real SMTP server for the tests, on loopback (aiosmtpd, Debian python3-aiosmtpd).

Usage: smtp_sink.py DIR
Listens on 127.0.0.1 on a free port and prints "PORT <n>" once ready. Each
accepted message is written to DIR/NNN.eml (the DATA bytes as received) and
its envelope to DIR/NNN.envelope (sender, then one recipient per line).
Recipients at the domain refuse.example get "550" (to test refusals).
Stops on SIGTERM or SIGINT.
"""
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@refuse.example"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, "%03d" % self.count)
        with open(base + ".envelope", "w", encoding="utf-8") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)  # the server thread inherits the mask
    port = free_port()
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("PORT %d" % port, flush=True)
    signal.sigwait(signals)
    controller.stop()


if __name__ == "__main__":
    main()
