"""An SMTP server for the tests (Debian's python3-aiosmtpd) that signs in with SASL XOAUTH2 only, checking every token
at the OpenID provider's introspection endpoint, as Microsoft 365 and Google do for an app's mailbox; every accepted
message is written to OUT_DIR as an .eml file.

usage: /usr/bin/python3 oauth_smtp.py PORT OUT_DIR INTROSPECTION_URL CLIENT_ID CLIENT_SECRET REQUIRED_SCOPE
"""
import asyncio
import base64
import json
import os
import sys
import time
import urllib.parse
import urllib.request

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

port, out_dir, introspection, client_id, client_secret, required_scope = sys.argv[1:7]


def introspect(token):
    request = urllib.request.Request(introspection, data=urllib.parse.urlencode({"token": token}).encode(), method="POST")
    credentials = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    request.add_header("Authorization", f"Basic {credentials}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


class Handler:
    async def auth_XOAUTH2(self, server, args):
        initial = args[1] if len(args) > 1 else await server.challenge_auth("")
        if isinstance(initial, bytes):
            initial = initial.decode()
        try:
            fields = dict(part.split("=", 1) for part in base64.b64decode(initial).decode().split("\x01") if "=" in part)
            user, token = fields["user"], fields["auth"].removeprefix("Bearer ")
            answer = await asyncio.get_running_loop().run_in_executor(None, introspect, token)
        except Exception:  # a malformed answer is a failed sign-in, never a crash
            return AuthResult(success=False, handled=False)
        ok = answer.get("active") is True and answer.get("email") == user and required_scope in answer.get("scope", "").split()
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    async def handle_DATA(self, server, session, envelope):
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        name = os.path.join(out_dir, f"{time.time_ns()}.eml")
        with open(name, "wb") as file:
            file.write(envelope.original_content or envelope.content)
        return "250 OK"


os.makedirs(out_dir, exist_ok=True)
controller = Controller(Handler(), hostname="127.0.0.1", port=int(port), auth_require_tls=False,
                        auth_exclude_mechanism=["LOGIN", "PLAIN"], auth_required=True)
controller.start()
print(f"smtp listening on {port}", flush=True)
try:
    asyncio.get_event_loop().run_forever()
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
