"""Calls the apicode gRPC example with the official Python gRPC stack (grpcio, grpcio-status).

The stubs are generated from the repository's tests/proto/sms.proto with grpcio-tools by the
Rust test, which puts them on PYTHONPATH. Each call's outcome is printed as one JSON line:
{"case", "grpc_code", "message", "error_info": {"reason", "domain", "metadata"}, "help": [{"description",
"url"}], "retry_delay": seconds or null} for a refusal (the ErrorInfo, google.rpc.Help and
google.rpc.RetryInfo read with rpc_status.from_call and unpacked from the status details), or
{"case", "grpc_code": "OK", "messages"} for a success. Configuration comes from the environment:

  APICODE_HMAC_TARGET    host:port of a service in HMAC mode (secret APICODE_SECRET, rate
                         limit 1, body limit 1024 bytes)
  APICODE_SIMPLE_TARGET  host:port of a service in simple mode
  APICODE_KEY_ID         the access key id both accept
  APICODE_SECRET         the HMAC service's secret
"""

import hashlib
import hmac
import json
import os
import time

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

import sms_pb2
import sms_pb2_grpc

HMAC_TARGET = os.environ["APICODE_HMAC_TARGET"]
SIMPLE_TARGET = os.environ["APICODE_SIMPLE_TARGET"]
KEY_ID = os.environ["APICODE_KEY_ID"]
SECRET = os.environ["APICODE_SECRET"]

TO = "+12065550100"


def signed(secret=SECRET, skew=0):
    """HMAC-mode metadata, signed as the HTTP query would be."""
    timestamp = str(int(time.time()) + skew)
    nonce = "py-nonce"
    text = (
        f"accessKeyId={KEY_ID}&action=sms.message.send&algorithm=hmac-sha256"
        f"&nonce={nonce}&timestamp={timestamp}"
    )
    signature = hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()
    return [
        ("access-key-id", KEY_ID),
        ("algorithm", "hmac-sha256"),
        ("timestamp", timestamp),
        ("nonce", nonce),
        ("signature", signature),
    ]


def call(case, stub, request, metadata):
    try:
        response = stub.SendMessage(request, metadata=metadata, timeout=10)
    except grpc.RpcError as error:
        status = rpc_status.from_call(error)
        infos = []
        links = []
        delay = None
        if status is not None:
            for detail in status.details:
                if detail.Is(error_details_pb2.Help.DESCRIPTOR):
                    help_detail = error_details_pb2.Help()
                    detail.Unpack(help_detail)
                    links.extend(
                        {"description": link.description, "url": link.url}
                        for link in help_detail.links
                    )
                if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                    retry = error_details_pb2.RetryInfo()
                    detail.Unpack(retry)
                    delay = retry.retry_delay.seconds + retry.retry_delay.nanos / 1e9
                if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    detail.Unpack(info)
                    infos.append(
                        {
                            "reason": info.reason,
                            "domain": info.domain,
                            "metadata": dict(info.metadata),
                        }
                    )
        outcome = {
            "case": case,
            "grpc_code": error.code().name,
            "message": error.details(),
            "error_info": infos[0] if len(infos) == 1 else infos,
            "help": links,
            "retry_delay": delay,
        }
    else:
        outcome = {
            "case": case,
            "grpc_code": "OK",
            "messages": [message.to for message in response.messages],
        }
    print(json.dumps(outcome), flush=True)


def text(to=(TO,), signature="Acme", body="hello"):
    return sms_pb2.SendMessageRequest(to=list(to), signature=signature, text=body)


def main():
    with grpc.insecure_channel(HMAC_TARGET) as hmac_channel, grpc.insecure_channel(
        SIMPLE_TARGET
    ) as simple_channel:
        signed_stub = sms_pb2_grpc.SmsStub(hmac_channel)
        simple_stub = sms_pb2_grpc.SmsStub(simple_channel)
        key = [("access-key-id", KEY_ID)]

        call("no_access_key_id", signed_stub, text(), [])
        call("unknown_access_key_id", simple_stub, text(), [("access-key-id", "nobody")])
        call("missing_signature", signed_stub, text(), key)
        call("stale_timestamp", signed_stub, text(), signed(skew=-3600))
        call("wrong_signature", signed_stub, text(), signed(secret="not-the-secret"))
        call("oversized", signed_stub, text(body="x" * 4096), signed())
        call("missing_to", simple_stub, text(to=()), key)
        call("not_e164", simple_stub, text(to=("12065550100",)), key)
        call("missing_sms_signature", simple_stub, text(signature=""), key)
        call("unknown_sms_signature", simple_stub, text(signature="Evil"), key)
        call(
            "unknown_template",
            simple_stub,
            sms_pb2.SendMessageRequest(to=[TO], signature="Acme", template_id="pub_nope"),
            key,
        )
        call("signed_send", signed_stub, text(to=("+6512345678",)), signed())
        call("over_rate_limit", signed_stub, text(to=("+6512345678",)), signed())


if __name__ == "__main__":
    main()
