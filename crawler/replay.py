"""A recorded crawl: a folder whose ``index.json`` maps each requested URL to a response.

Format (as ``../shared/corpus/replay/index.json``)::

    {"responses": [{"url": "...", "status": 200, "content_type": "application/json",
                    "file": "body.json", "headers": {"Retry-After": "1"}}, ...]}

``headers`` is optional. A URL listed several times is answered by its entries in order (a 500
then a 200 records a retry), the last one repeating. URLs are compared canonicalized
(``w3lib.url.canonicalize_url``: query arguments sorted), without the *optional* query
parameters: those a spider added after the recording was made (Greenhouse's
``pay_transparency``, setting ``MLJOBS_REPLAY_OPTIONAL_PARAMS``), so an older recording still
answers the newer request; and without API keys (``crawler.redaction.SECRET_PARAMETERS``: a
recording made with keys in its URLs answers the keyless requests of ``crawler.apikeys``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from w3lib.url import canonicalize_url, url_query_cleaner

from crawler.redaction import SECRET_PARAMETERS


@dataclass(frozen=True)
class RecordedResponse:
    url: str
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Recording:
    """The responses of a recorded folder, served in recorded order per URL.

    Raises ``FileNotFoundError`` when ``index.json`` or a body file is missing and
    ``ValueError`` when the index is malformed, naming the entry. ``optional_params``: query
    parameters left out when URLs are compared.
    """

    def __init__(self, folder: str | Path, optional_params: Iterable[str] = ()):
        self.folder = Path(folder)
        self.optional_params = tuple(optional_params)
        index_path = self.folder / "index.json"
        try:
            index = json.loads(index_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{index_path}: not valid JSON ({exc})") from exc
        entries = index.get("responses") if isinstance(index, dict) else None
        if not isinstance(entries, list):
            raise ValueError(f"{index_path}: expected an object with a 'responses' list")
        self._responses: dict[str, list[RecordedResponse]] = {}
        self._served: dict[str, int] = {}
        for n, entry in enumerate(entries):
            try:
                url, body_file = entry["url"], entry["file"]
                response = RecordedResponse(
                    url=url,
                    status=int(entry.get("status", 200)),
                    content_type=entry.get("content_type", "application/octet-stream"),
                    body=(self.folder / body_file).read_bytes(),
                    headers={str(k): str(v) for k, v in (entry.get("headers") or {}).items()},
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{index_path}: response #{n} is malformed ({exc!r})") from exc
            self._responses.setdefault(self.key(url), []).append(response)

    def key(self, url: str) -> str:
        """``url`` as recordings compare it: canonicalized, without the optional parameters
        and the API keys."""
        params = (*self.optional_params, *SECRET_PARAMETERS)
        url = url_query_cleaner(url, params, remove=True, unique=False, keep_fragments=True)
        return canonicalize_url(url)

    def __contains__(self, url: str) -> bool:
        return self.key(url) in self._responses

    def next_response(self, url: str) -> RecordedResponse | None:
        """The next recorded response for ``url`` (the last one repeats), or ``None``."""
        key = self.key(url)
        recorded = self._responses.get(key)
        if not recorded:
            return None
        n = self._served.get(key, 0)
        self._served[key] = n + 1
        return recorded[min(n, len(recorded) - 1)]
