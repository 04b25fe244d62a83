"""Drives the apicode gateway with the official Unimatrix Python SDK (uni-sdk 0.3.0).

Every path the SDK can produce is sent once; each outcome is printed as one JSON line
({"case", "code", "message", "request_id", "data"}) for the Rust test to check against the
reference table. Configuration comes from the environment:

  APICODE_HMAC_ENDPOINT    a gateway in HMAC mode (secret APICODE_SECRET, rate limit 3)
  APICODE_SIMPLE_ENDPOINT  a gateway in simple mode
  APICODE_KEY_ID           the access key id both accept
  APICODE_SECRET           the HMAC gateway's secret
"""

import json
import os
import sys

from uni.client import UniClient
from uni.exception import UniException

HMAC = os.environ["APICODE_HMAC_ENDPOINT"]
SIMPLE = os.environ["APICODE_SIMPLE_ENDPOINT"]
KEY_ID = os.environ["APICODE_KEY_ID"]
SECRET = os.environ["APICODE_SECRET"]

# The SDK falls back to these when a credential is None: keep them out of the way.
for name in ("UNIMTX_ACCESS_KEY_ID", "UNIMTX_ACCESS_KEY_SECRET", "UNIMTX_ENDPOINT"):
    os.environ.pop(name, None)

TO = "+12065550100"


def attempt(case, client, params):
    try:
        res = client.messages.send(params)
        outcome = {
            "case": case,
            "code": res.code,
            "message": res.message,
            "request_id": res.request_id,
            "data": res.data,
        }
    except UniException as error:
        outcome = {
            "case": case,
            "code": error.code,
            "message": error.message,
            "request_id": error.request_id,
        }
    print(json.dumps(outcome), flush=True)


def main():
    signed = UniClient(KEY_ID, SECRET, endpoint=HMAC)

    attempt("send_text", signed, {"to": TO, "signature": "Acme", "text": "Your code is 2048."})
    attempt("send_template", signed, {
        "to": TO, "signature": "Acme", "templateId": "pub_otp", "templateData": {"code": "2048"},
    })
    attempt("send_to_many", signed, {
        "to": ["+12065550101", "+6512345678"], "signature": "Acme", "text": "Hello",
    })

    attempt("unknown_access_key_id", UniClient("nobody", SECRET, endpoint=HMAC),
            {"to": TO, "signature": "Acme", "text": "hi"})
    # Without a key id the SDK still sends one: the string "None".
    attempt("no_access_key_id", UniClient(None, SECRET, endpoint=HMAC),
            {"to": TO, "signature": "Acme", "text": "hi"})
    attempt("missing_signature", UniClient(KEY_ID, None, endpoint=HMAC),
            {"to": TO, "signature": "Acme", "text": "hi"})
    attempt("wrong_signature", UniClient(KEY_ID, "not-the-secret", endpoint=HMAC),
            {"to": TO, "signature": "Acme", "text": "hi"})

    attempt("wrong_types", signed, {"to": 12065550100, "signature": "Acme", "text": "hi"})
    attempt("oversized_body", signed, {"to": TO, "signature": "Acme", "text": "x" * 100000})
    attempt("missing_to", signed, {"signature": "Acme", "text": "hi"})
    attempt("missing_text_and_template", signed, {"to": TO, "signature": "Acme"})
    attempt("not_e164", signed, {"to": "12065550100", "signature": "Acme", "text": "hi"})
    attempt("missing_sms_signature", signed, {"to": TO, "text": "hi"})
    attempt("unknown_sms_signature", signed, {"to": TO, "signature": "Globex", "text": "hi"})
    attempt("unknown_template", signed, {"to": TO, "signature": "Acme", "templateId": "pub_nope"})
    attempt("missing_template_data", signed, {
        "to": TO, "signature": "Acme", "templateId": "pub_otp", "templateData": {},
    })

    busy = "+12065550177"
    for n in range(1, 4):
        attempt("within_rate_limit_%d" % n, signed, {"to": busy, "signature": "Acme", "text": "hi"})
    attempt("over_rate_limit", signed, {"to": busy, "signature": "Acme", "text": "hi"})

    attempt("simple_mode_send", UniClient(KEY_ID, endpoint=SIMPLE),
            {"to": TO, "signature": "Acme", "text": "hi"})
    attempt("simple_mode_unknown_key", UniClient("nobody", endpoint=SIMPLE),
            {"to": TO, "signature": "Acme", "text": "hi"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
