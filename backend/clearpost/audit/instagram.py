"""Instagram: Accounts Centre > "Your information and permissions" > "Download your information",
as JSON, gives a zip with `your_instagram_activity/content/posts_1.json` (older exports:
`content/posts_1.json`) and `your_instagram_activity/comments/post_comments_1.json` and
`reels_comments.json`.

A post is `{"media": [{"uri", "creation_timestamp", "title"}, ...]}`; a post of several photos
also has its own `title` and `creation_timestamp`. A comment is `{"string_map_data":
{"Comment": {"value"}, "Media Owner": {"value"}, "Time": {"timestamp"}}}`. The export has no
link to a post: the id given is Instagram's media id, from the media file's name.

Instagram writes UTF-8 as Latin-1 escapes: "café" arrives as "cafÃ©" (`\\u00c3\\u00a9`);
`repair_mojibake` undoes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from clearpost.audit.jsonstream import ArrayError, iter_array
from clearpost.audit.records import Export, Problem, Record
from clearpost.errors import InputError

PLATFORM = "instagram"
POSTS = ("your_instagram_activity/content/posts_1.json", "content/posts_1.json")
COMMENTS = ("your_instagram_activity/comments/post_comments_1.json", "your_instagram_activity/comments/reels_comments.json",
            "comments/post_comments_1.json", "comments/reels_comments.json")
_POST_GLOB = ("your_instagram_activity/content/posts_*.json", "content/posts_*.json")
_COMMENT_GLOB = ("your_instagram_activity/comments/post_comments_*.json", "comments/post_comments_*.json")


def repair_mojibake(text: str) -> str:
    """UTF-8 bytes that were read as Latin-1 and escaped ("cafÃ©" -> "café", "ð\\x9f\\x98\\x80" -> "😀").
    Text that is not such mojibake (a real "é", or characters beyond Latin-1) is left as it is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def detect(export: Export) -> list[str]:
    found = set(export.find(*POSTS, *COMMENTS))
    for pattern in (*_POST_GLOB, *_COMMENT_GLOB):
        found.update(export.find_glob(pattern))
    if not found and len(export.names) == 1 and (export.names[0].startswith(("posts_", "post_comments_")) or export.names[0] == "reels_comments.json"):
        found = set(export.names)
    return sorted(found)


def read(export: Export, files: list[str]) -> Iterator[Record | Problem]:
    for name in files:
        label = export.label(name)
        is_comment = "comments" in name.rsplit("/", 1)[-1]
        with export.open_text(name) as stream:
            try:
                for index, line, item in iter_array(stream):
                    where = f"record {index} (line {line})"
                    if isinstance(item, json.JSONDecodeError):
                        yield Problem(label, where, f"not valid JSON ({item.msg}); skipped")
                        continue
                    yield (_comment if is_comment else _post)(item, name, label, where)
            except ArrayError as exc:
                raise InputError(f"{label}: {exc}: expected Instagram's JSON export (a list of posts or comments)") from None


def _date(value: Any) -> datetime | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value, UTC)
    return None


def _media_id(uri: Any) -> str | None:
    """The media id in a file name such as `media/posts/202305/345678901_..._n_17990123456789012.jpg`."""
    if not isinstance(uri, str) or not uri:
        return None
    stem = uri.rsplit("/", 1)[-1].split(".", 1)[0]
    last = stem.rsplit("_", 1)[-1]
    return last if last.isdigit() and len(last) >= 15 else (stem or None)


def _post(item: Any, name: str, label: str, where: str) -> Record | Problem:
    if not isinstance(item, dict) or not isinstance(item.get("media"), list) or not item["media"]:
        return Problem(label, where, "not a post (no media list); skipped")
    first = item["media"][0] if isinstance(item["media"][0], dict) else {}
    title = item.get("title", first.get("title", ""))
    date = _date(item.get("creation_timestamp", first.get("creation_timestamp")))
    media_id = _media_id(first.get("uri"))
    if not isinstance(title, str):
        return Problem(label, where, "title is not text; skipped")
    if date is None:
        return Problem(label, where, "no creation_timestamp; skipped")
    post_id = media_id or _fallback_id(date, title)
    return Record(PLATFORM, post_id, None, date, repair_mojibake(title), "post", name)


def _comment(item: Any, name: str, label: str, where: str) -> Record | Problem:
    data = item.get("string_map_data") if isinstance(item, dict) else None
    if not isinstance(data, dict):
        return Problem(label, where, "not a comment (no string_map_data); skipped")
    value = (data.get("Comment") or {}).get("value") if isinstance(data.get("Comment"), dict) else None
    date = _date((data.get("Time") or {}).get("timestamp") if isinstance(data.get("Time"), dict) else None)
    if not isinstance(value, str):
        return Problem(label, where, "no Comment value; skipped")
    if date is None:
        return Problem(label, where, "no Time timestamp; skipped")
    media = item.get("media_list_data")
    media_id = _media_id(media[0].get("uri")) if isinstance(media, list) and media and isinstance(media[0], dict) else None
    return Record(PLATFORM, media_id or _fallback_id(date, value), None, date, repair_mojibake(value), "comment", name)


def _fallback_id(date: datetime, text: str) -> str:
    """The export gives no id: a stable one from the time and text (the text itself never leaves)."""
    return "t" + hashlib.sha256(f"{date.isoformat()}\x00{text}".encode()).hexdigest()[:16]
