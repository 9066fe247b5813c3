"""Notes as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/), out and in.

Out: an ``AnnotationCollection`` whose first (and only) ``AnnotationPage`` holds every
annotation. Each is an ``Annotation`` with a ``TextualBody`` for the note (purpose
``commenting``) and one per tag (purpose ``tagging``), a target whose ``source`` is the
article's URL (else a ``file:`` URI of the article; ``urn:byline:article:<id>`` when the
article is not in the library) with a ``TextQuoteSelector`` and a ``TextPositionSelector``
(offsets in Byline's text of the article), ``created`` and ``modified``. What the model has
no term for is in Byline's namespace (:data:`BYLINE_NAMESPACE`, prefix ``byline:``, added
to the ``@context`` after the Web Annotation context): ``byline:speaker`` (who said a
quote), ``byline:kind``, ``byline:colour``, ``byline:articleId``, ``byline:contentHash``.

In: Byline's own export comes back exactly (ids, times and all); annotations made by other
tools (no ``byline:articleId``) are :class:`~tui.core.notes.formats.parsed.Foreign`, to be
matched to an article by their target's source and anchored by their quote.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, unquote

from tui.core.library.article import Article
from tui.core.notes.annotations import Annotation, parse_utc, utc_iso
from tui.core.notes.formats.matching import stable_id
from tui.core.notes.formats.parsed import BadImport, Foreign, Parsed
from tui.core.notes.formats.urls import article_uri, article_urn

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BYLINE_NAMESPACE = "https://byline.invalid/ns#"
"""Byline's terms (``.invalid`` is reserved: the IRI names them, it is not a page to fetch)."""
_ANNOTATION_URN = "urn:byline:annotation:"
_TYPES = ("AnnotationCollection", "AnnotationPage", "Annotation")


def export_w3c(annotations: Iterable[Annotation], articles_by_id: Mapping[str, Article]) -> str:
    """The annotations as one JSON-LD ``AnnotationCollection`` (its ids derived from the
    annotations', so the same notes export the same document)."""
    items = [to_w3c(annotation, articles_by_id.get(annotation.article_id)) for annotation in annotations]
    name = uuid.uuid5(uuid.NAMESPACE_URL, BYLINE_NAMESPACE + "collection/" + ",".join(item["id"] for item in items))
    collection: dict[str, Any] = {
        "@context": [CONTEXT, {"byline": BYLINE_NAMESPACE}],
        "id": name.urn,
        "type": "AnnotationCollection",
        "label": "Byline notes",
        "total": len(items),
    }
    if items:
        page = uuid.uuid5(name, "page1")
        collection["first"] = {"id": page.urn, "type": "AnnotationPage", "startIndex": 0, "items": items}
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"


def to_w3c(annotation: Annotation, article: Article | None) -> dict[str, Any]:
    """One annotation as a Web Annotation (without ``@context``: it is the collection's)."""
    selector = annotation.selector
    text_quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": selector.exact}
    text_quote |= {name: value for name, value in (("prefix", selector.prefix), ("suffix", selector.suffix)) if value}
    bodies = [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags]
    if annotation.note:
        bodies.insert(
            0, {"type": "TextualBody", "value": annotation.note, "format": "text/plain", "purpose": "commenting"}
        )
    item: dict[str, Any] = {
        "id": annotation_iri(annotation.id),
        "type": "Annotation",
        "motivation": "commenting" if annotation.note else "highlighting",
    }
    for name, value in (("created", annotation.created), ("modified", annotation.updated)):
        moment = parse_utc(value)  # xsd:dateTime in UTC; a time that is not one is left out
        if moment is not None:
            item[name] = utc_iso(moment)
    if bodies:
        item["body"] = bodies
    item["target"] = {
        "source": article_uri(article) if article else article_urn(annotation.article_id),
        "selector": [text_quote, {"type": "TextPositionSelector", "start": selector.start, "end": selector.end}],
    }
    item |= {
        "byline:articleId": annotation.article_id,
        "byline:contentHash": annotation.content_hash,
        "byline:kind": annotation.kind,
        "byline:colour": annotation.colour,
    }
    if annotation.speaker is not None:
        item["byline:speaker"] = annotation.speaker
    return item


def annotation_iri(annotation_id: str) -> str:
    """An annotation's IRI: ``urn:uuid:…`` for Byline's uuid ids, else a Byline URN."""
    try:
        as_uuid = uuid.UUID(hex=annotation_id)
    except ValueError:
        as_uuid = None
    if as_uuid is not None and as_uuid.hex == annotation_id:
        return as_uuid.urn
    return _ANNOTATION_URN + quote(annotation_id, safe="")


def annotation_id(iri: str) -> str:
    """The Byline id :func:`annotation_iri` made ``iri`` from (for another IRI, an id of its own)."""
    if iri.startswith(_ANNOTATION_URN):
        return unquote(iri.removeprefix(_ANNOTATION_URN))
    if iri.startswith("urn:uuid:"):
        try:
            return uuid.UUID(iri.removeprefix("urn:uuid:")).hex
        except ValueError:
            pass
    return stable_id(iri)


# --- in -----------------------------------------------------------------------------------


def looks_like_w3c(data: Any) -> bool:
    """Whether parsed JSON is a Web Annotation document (or an array of annotations)."""
    if isinstance(data, list):
        first = next((item for item in data if isinstance(item, dict)), None)
        return first is not None and _is_type(first, "Annotation")
    return isinstance(data, dict) and any(_is_type(data, name) for name in _TYPES)


def parse_w3c(data: Any) -> Parsed:
    """The annotations of a Web Annotation document: Byline's own restored as they were,
    others' as :class:`Foreign`. A record that cannot be read is reported, the others kept.

    Raises :class:`BadImport` for a document that holds no annotations in a known shape."""
    annotations: list[Annotation] = []
    foreign: list[Foreign] = []
    errors: list[str] = []
    for number, item in enumerate(_items(data), 1):
        try:
            if not isinstance(item, dict) or not _is_type(item, "Annotation"):
                raise ValueError("not an object of type Annotation")
            if "byline:articleId" in item:
                annotations.append(Annotation.from_dict(_byline_record(item)))
            else:
                foreign.append(_foreign(item))
        except ValueError as exc:
            errors.append(f"annotation {number}: {exc}")
    return Parsed(tuple(annotations), tuple(foreign), tuple(errors))


def quote_and_position(target: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A target's ``TextQuoteSelector`` and ``TextPositionSelector`` (empty when absent);
    its ``selector`` may be one object or a list of alternatives."""
    selectors = target.get("selector", ()) if isinstance(target, dict) else ()
    selectors = [selectors] if isinstance(selectors, dict) else selectors if isinstance(selectors, list) else []
    found: dict[str, dict[str, Any]] = {}
    for selector in selectors:
        if isinstance(selector, dict) and isinstance(selector.get("type"), str):
            found.setdefault(selector["type"], selector)
    return found.get("TextQuoteSelector", {}), found.get("TextPositionSelector", {})


def quoted(targets: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
    """The first target with a ``TextQuoteSelector`` (else the first target), and its quote
    as :class:`Foreign` has it: ``exact``, ``prefix``, ``suffix`` and ``start`` (the
    ``TextPositionSelector``'s, when it is a whole number of at least 0).

    Raises ``ValueError`` when a quote's text is not a string."""
    target = next((t for t in targets if quote_and_position(t)[0]), targets[0] if targets else {})
    text_quote, position = quote_and_position(target)
    fields: dict[str, Any] = {}
    for name in ("exact", "prefix", "suffix"):
        fields[name] = text_quote.get(name, "")
        if not isinstance(fields[name], str):
            raise ValueError(f"the selector's {name!r} is not a string")
    start = position.get("start")
    fields["start"] = start if isinstance(start, int) and not isinstance(start, bool) and start >= 0 else None
    return target, fields


def _is_type(data: Mapping[str, Any], name: str) -> bool:
    kind = data.get("type")
    return kind == name or (isinstance(kind, list) and name in kind)


def _items(data: Any) -> list[Any]:
    """The annotations a document holds: a collection's pages (embedded ones), a page's
    items, one annotation, or an array of them. Raises :class:`BadImport` otherwise."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict) or not any(_is_type(data, name) for name in _TYPES):
        raise BadImport(
            "not a W3C Web Annotation document (expected an AnnotationCollection, an AnnotationPage, "
            "an Annotation or an array of annotations)"
        )
    if _is_type(data, "Annotation"):
        return [data]
    page: Any = data.get("first") if _is_type(data, "AnnotationCollection") and "items" not in data else data
    items: list[Any] = []
    while page is not None:
        if not isinstance(page, dict):
            raise BadImport(f"the annotations are on a page that is not in the file ({page!r})")
        if not isinstance(page.get("items", []), list):
            raise BadImport("a page's 'items' is not a list")
        items += page.get("items", [])
        page = page.get("next")
    return items


def _bodies(item: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The note (the commenting body, or ``bodyValue``) and the tags (tagging bodies)."""
    body = item.get("body", [])
    bodies = [body] if isinstance(body, dict) else body if isinstance(body, list) else []
    notes: list[str] = [item["bodyValue"]] if isinstance(item.get("bodyValue"), str) else []
    tags: list[str] = []
    for entry in bodies:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str):
            continue
        purpose = entry.get("purpose")
        if purpose == "tagging" or (isinstance(purpose, list) and "tagging" in purpose):
            tags.append(entry["value"])
        else:
            notes.append(entry["value"])
    return "\n\n".join(notes), tags


def _byline_record(item: Mapping[str, Any]) -> dict[str, Any]:
    """An annotation Byline exported, as the record :meth:`Annotation.from_dict` reads."""
    text_quote, position = quote_and_position(item.get("target"))
    note, tags = _bodies(item)
    iri = item.get("id")
    created = item.get("created")
    return {
        "id": annotation_id(iri) if isinstance(iri, str) else iri,
        "article_id": item.get("byline:articleId"),
        "content_hash": item.get("byline:contentHash", ""),
        "selector": {
            "exact": text_quote.get("exact"),
            "prefix": text_quote.get("prefix", ""),
            "suffix": text_quote.get("suffix", ""),
            "start": position.get("start"),
            "end": position.get("end"),
        },
        "kind": item.get("byline:kind", "highlight"),
        "colour": item.get("byline:colour", "yellow"),
        "note": note,
        "tags": tags,
        "speaker": item.get("byline:speaker"),
        "created": created,
        "updated": item.get("modified", created),
    }


def _foreign(item: Mapping[str, Any]) -> Foreign:
    """An annotation another tool made, as it came: its page, quote, note and tags."""
    raw = item.get("target")
    targets = raw if isinstance(raw, list) else [raw]
    sources = [source for source in map(_source, targets) if source]
    if not sources:
        raise ValueError("its target names no page (no 'source')")
    target, quote_fields = quoted(targets)
    note, tags = _bodies(item)
    uri = _source(target) or sources[0]
    return Foreign(
        uri=uri,
        **quote_fields,
        note=note,
        tags=tuple(tags),
        created=_string(item.get("created")),
        updated=_string(item.get("modified")),
        key=_string(item.get("id")) or "",
        sources=tuple(source for source in sources if source != uri),
    )


def _source(target: Any) -> str | None:
    """The page a target names: the target itself when it is an IRI, else its ``source``."""
    if isinstance(target, str):
        return target
    source = target.get("source") if isinstance(target, dict) else None
    if isinstance(source, dict):
        source = source.get("id")
    return source if isinstance(source, str) and source else None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None
