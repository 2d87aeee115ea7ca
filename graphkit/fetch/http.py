"""The polite HTTP client behind ``graphkit fetch``: httpx + an on-disk hishel cache + tenacity retries.

- User-Agent ``graphkit/<version>`` (plus ``mailto:EMAIL`` when given); proxy variables honoured.
- Cache in the user cache directory (``XDG_CACHE_HOME`` honoured), 2xx answers only, keyed by the
  full URL, served without a request: a repeated fetch touches no server.
- 429, 5xx, dropped connections and truncated bodies are retried with exponential backoff;
  ``Retry-After`` is honoured; everything gives up within ``deadline`` seconds (60) with a one-line
  error. A host that cannot be reached at all fails at once: ``cannot reach HOST``.
- Requests to one host are spaced by the source's polite interval (cached answers are not).
"""

from __future__ import annotations

import email.utils
import time
from pathlib import Path
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, stop_after_delay

from graphkit import __version__
from graphkit.errors import GraphkitError

DEADLINE = 60.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(GraphkitError):
    """A request that failed for good; the message is one line naming the host and the reason."""

    def __init__(self, message: str, status: int | None = None, body: bytes = b"") -> None:
        super().__init__(message)
        self.status, self.body = status, body


class _Retryable(Exception):
    """A transient failure worth another try (status, dropped connection, truncated body)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/graphkit/http`` (platformdirs' user cache directory elsewhere)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("graphkit")) / "http"


def user_agent(mailto: str | None = None) -> str:
    return f"graphkit/{__version__} (https://pypi.org/project/graphkit-research/{'; mailto:' + mailto if mailto else ''})"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Http:
    """One cached, retrying client; use as a context manager."""

    def __init__(self, *, mailto: str | None = None, cache: Path | None = None, use_cache: bool = True,
                 deadline: float = DEADLINE, interval: float = 0.0, timeout: float = 30.0) -> None:
        headers = {"User-Agent": user_agent(mailto), "Accept-Encoding": "gzip, deflate"}
        http_timeout = httpx.Timeout(min(timeout, deadline), connect=min(10.0, deadline))
        if use_cache:
            import hishel

            controller = hishel.Controller(cacheable_methods=["GET"], cacheable_status_codes=[200, 203],
                                           force_cache=True)
            storage = hishel.FileStorage(base_path=cache or cache_dir())
            self.client: httpx.Client = hishel.CacheClient(storage=storage, controller=controller, headers=headers,
                                                            timeout=http_timeout, follow_redirects=True)
        else:
            self.client = httpx.Client(headers=headers, timeout=http_timeout, follow_redirects=True)
        self.deadline = deadline
        self.interval = interval
        self.requests = 0  # requests that reached the network (cache hits excluded)
        self._last = 0.0

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def get(self, url: str, params: dict[str, Any] | None = None) -> tuple[str, bytes]:
        """GET with retries; returns (the full request URL, the body of a 2xx answer)."""
        request_url = str(self.client.build_request("GET", url, params=params).url)
        host = httpx.URL(request_url).host or request_url
        started = time.monotonic()

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            backoff = min(8.0, 0.5 * 2 ** (state.attempt_number - 1))
            delay = exc.retry_after if isinstance(exc, _Retryable) and exc.retry_after is not None else backoff
            left = self.deadline - (time.monotonic() - started)
            if delay > left:
                raise FetchError(f"{host}: gave up after {state.attempt_number} attempts in "
                                 f"{time.monotonic() - started:.0f} s ({exc})")
            return delay

        retrying = Retrying(retry=retry_if_exception_type(_Retryable), wait=wait, reraise=True,
                            stop=stop_after_delay(self.deadline) | stop_after_attempt(10))
        try:
            for attempt in retrying:
                with attempt:
                    body = self._once(request_url, host, params=None)
        except _Retryable as exc:
            raise FetchError(f"{host}: gave up after {time.monotonic() - started:.0f} s ({exc})") from None
        return request_url, body

    def _once(self, url: str, host: str, params: dict[str, Any] | None) -> bytes:
        pause = self.interval - (time.monotonic() - self._last)
        if self.interval and pause > 0:
            time.sleep(pause)
        try:
            response = self.client.get(url, params=params)
            body = response.read()
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise FetchError(f"cannot reach {host} ({_reason(exc)})") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ReadTimeout, httpx.WriteError) as exc:
            self._last = time.monotonic()
            raise _Retryable(f"connection dropped or body truncated: {_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{host}: {_reason(exc)}") from None
        if not response.extensions.get("from_cache"):
            self.requests += 1
            self._last = time.monotonic()
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and "Content-Encoding" not in response.headers and int(length) != len(body):
            raise _Retryable(f"truncated body ({len(body)} of {length} bytes)")
        if response.status_code in RETRY_STATUS:
            raise _Retryable(f"HTTP {response.status_code}", _retry_after(response.headers.get("Retry-After")))
        if not 200 <= response.status_code < 300:
            raise FetchError(f"{host}: HTTP {response.status_code} for {url} ({_snippet(body)})",
                             response.status_code, body)
        return body


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _snippet(body: bytes) -> str:
    text = " ".join(body[:300].decode("utf-8", "replace").split())
    return text[:120] or "empty body"
