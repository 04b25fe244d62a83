"""urllib3's own retry logic against an apicode service: does it honour the Retry-After that
the axum integration sends from the table's retry policy?

Retry(total=2) with no status_forcelist retries a 413, 429 or 503 only when the answer has a
Retry-After header (respect_retry_after_header, on by default). The sleep is recorded rather
than slept, so that a 60-second delay costs nothing. Prints one JSON line per path:
{"path", "status", "slept": [seconds, ...]}.

  APICODE_URL  the service's base URL
"""

import json
import os

import urllib3
from urllib3.util.retry import Retry

BASE = os.environ["APICODE_URL"]


class RecordedRetry(Retry):
    """A Retry that records the delay it would sleep instead of sleeping."""

    slept = []

    def sleep_for_retry(self, response):
        retry_after = self.get_retry_after(response)
        if retry_after is None:
            return False
        RecordedRetry.slept.append(retry_after)
        return True


def main():
    http = urllib3.PoolManager()
    for path in ["/limited", "/unheaded"]:
        RecordedRetry.slept = []
        retries = RecordedRetry(total=2, raise_on_status=False)
        response = http.request("GET", BASE + path, retries=retries)
        print(
            json.dumps(
                {"path": path, "status": response.status, "slept": RecordedRetry.slept}
            ),
            flush=True,
        )


main()
