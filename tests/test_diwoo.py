"""DiWoo metadata and the sitemap, validated offline against the KOOP schema (0.9.8).

How the schema is made to work offline: ``tests/data/diwoo/`` holds the two DiWoo XSDs unchanged,
``sitemap-diwoo.xsd`` (urlset/url/loc + diwoo:Document, written for these tests) and
``mdto-stub.xsd``. ``diwoo-metadata.xsd`` imports the MDTO schema by its URL on
nationaalarchief.nl; the parser below has ``no_network=True`` and an lxml resolver that answers
that one URL with the local stub, so validation never leaves the machine (and fails loudly if the
schema ever imports another URL).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from lxml import etree

from redact.errors import UsageError
from redact.publication import diwoo
from redact.publication.diwoo import DIWOO_NS, SITEMAP_NS, write_diwoo
from redact.publication.model import (
    DEELS_OPENBAAR,
    NIET_OPENBAAR,
    OPENBAAR,
    REEDS_OPENBAAR,
    Publication,
    PublicationSettings,
    PublishedDocument,
)

SCHEMAS = Path(__file__).parent / "data" / "diwoo"
MDTO_URL = "https://www.nationaalarchief.nl/mdto/"
NS = {"d": DIWOO_NS, "s": SITEMAP_NS}
SCRIPT = "<script>alert('x')</script>"


class _OfflineResolver(etree.Resolver):  # type: ignore[misc]
    """Local files only; the MDTO import goes to the stub."""

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        if url.startswith(MDTO_URL):
            return self.resolve_filename(str(SCHEMAS / "mdto-stub.xsd"), context)
        if "://" in url:
            raise AssertionError(f"the schema wants {url}: vendor it in {SCHEMAS}")
        return None


def diwoo_schema(name: str) -> etree.XMLSchema:
    """An XSD of ``tests/data/diwoo`` loaded offline: ``diwoo-metadata.xsd`` for a record,
    ``sitemap-diwoo.xsd`` for a sitemap (other tests may use it too)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineResolver())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


@pytest.fixture(scope="module")
def record_schema() -> etree.XMLSchema:
    return diwoo_schema("diwoo-metadata.xsd")


@pytest.fixture(scope="module")
def sitemap_schema() -> etree.XMLSchema:
    return diwoo_schema("sitemap-diwoo.xsd")


def _doc(number: str, judgement: str, **fields: object) -> PublishedDocument:
    published = judgement in (OPENBAAR, DEELS_OPENBAAR)
    values: dict[str, object] = dict(
        number=number, file_name=f"{number}.pdf" if published else None,
        description=f"Brief van [5.1.2e] over de bouwvergunning ({number})", file_type="pdf",
        date="2024-03-0" + number[-1], judgement=judgement, suspended=False, grounds=(),
        explanation="", public_link=None, family_id=None, thread_id=None, related_id=None,
        sha256=(number * 16) if published else None, pages=3)
    values.update(fields)
    return PublishedDocument(**values)  # type: ignore[arg-type]


def sample_publication() -> Publication:
    """A small request by hand: every judgement, an e-mail with an attachment, a 5.2 passage,
    a withheld page, a deferred document, and a description carrying markup."""
    settings = PublicationSettings(
        publisher_uri="https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
        publisher_label="Gemeente Amsterdam",
        request_title="Woo-besluit over de bouwvergunning Havenstraat",
        matter="WOO-2024-017", case_number="Z/24/000123",
        base_url="https://open.example.nl/woo/2024-017/")
    documents = (
        _doc("0001", OPENBAAR, file_type="e-mail", family_id="0001", thread_id="0001",
             description="E-mail over de aanvraag " + SCRIPT),
        _doc("0002", DEELS_OPENBAAR, family_id="0001", thread_id="0001", grounds=("5.1.2e", "5.1.1e"),
             redactions=MappingProxyType({"5.1.2e": 3, "5.1.1e": 1}),
             description="Bijlage: aanvraagformulier van [5.1.2e]"),
        _doc("0003", NIET_OPENBAAR, grounds=("5.1.2e",), explanation="Medisch dossier van een derde."),
        _doc("0004", REEDS_OPENBAAR, public_link="https://open.example.nl/raadsbesluit-2023-12"),
        _doc("0005", DEELS_OPENBAAR, grounds=("5.2", "5.1.2d"), pages=4,
             redactions=MappingProxyType({"5.2": 1}), withheld_pages=MappingProxyType({3: "5.1.2d"}),
             explanation="Persoonlijke beleidsopvatting in intern beraad; pagina 3 toezichtsrapport."),
        # opgeschort: publish writes no file for it (yet)
        _doc("0006", DEELS_OPENBAAR, suspended=True, grounds=("5.1.2e",), file_name=None, sha256=None,
             redactions=MappingProxyType({"5.1.2e": 2})),
    )
    return Publication(settings=settings, documents=documents, created_at="2024-05-01T10:15:00+00:00")


def _assert_valid(schema: etree.XMLSchema, path: Path) -> None:
    tree = etree.parse(str(path))
    assert schema.validate(tree), f"{path.name}: {schema.error_log}"


def test_records_and_sitemap_are_valid(tmp_path: Path, record_schema: etree.XMLSchema,
                                       sitemap_schema: etree.XMLSchema) -> None:
    written = write_diwoo(sample_publication(), tmp_path)
    # openbaar and deels openbaar get one; niet/reeds openbaar and the deferred one do not
    assert [p.name for p in written] == ["0001.diwoo.xml", "0002.diwoo.xml", "0005.diwoo.xml",
                                         "sitemap.xml"]
    for record in written[:-1]:
        _assert_valid(record_schema, record)
    _assert_valid(sitemap_schema, tmp_path / "sitemap.xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_sitemap_holds_locations_and_required_fields(tmp_path: Path) -> None:
    write_diwoo(sample_publication(), tmp_path)
    tree = etree.parse(str(tmp_path / "sitemap.xml"))
    assert tree.xpath("/s:urlset/s:url/s:loc/text()", namespaces=NS) == [
        "https://open.example.nl/woo/2024-017/documenten/0001.pdf",
        "https://open.example.nl/woo/2024-017/documenten/0002.pdf",
        "https://open.example.nl/woo/2024-017/documenten/0005.pdf"]
    second = tree.xpath("/s:urlset/s:url[2]/d:Document/d:DiWoo", namespaces=NS)[0]

    def one(path: str) -> etree._Element:
        found = second.xpath(path, namespaces=NS)
        assert len(found) == 1, path
        return found[0]

    publisher = one("d:publisher")
    assert (publisher.text, publisher.get("resource")) == (
        "Gemeente Amsterdam", "https://identifier.overheid.nl/tooi/id/gemeente/gm0363")
    assert one("d:titelcollectie/d:officieleTitel").text == "Bijlage: aanvraagformulier van [5.1.2e]"
    category = one("d:classificatiecollectie/d:informatiecategorieen/d:informatiecategorie")
    assert (category.text, category.get("resource")) == (
        "Woo-verzoeken en -besluiten", "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532")
    assert one("d:documenthandelingen/d:documenthandeling/d:soortHandeling").text == "ontvangst"
    assert one("d:documenthandelingen/d:documenthandeling/d:atTime").text == "2024-05-01T10:15:00+00:00"
    assert one("d:language").get("resource").endswith("/language/NLD")
    assert one("d:format").get("resource").endswith("/file-type/PDF")
    assert one("d:identifiers/d:identifier").text == "WOO-2024-017/0002"
    assert one("d:creatiedatum").text == "2024-03-02"
    assert "5.1.2e, 5.1.1e" in one("d:omschrijvingen/d:omschrijving").text
    # the e-mail points at its published attachment
    email = tree.xpath("/s:urlset/s:url[1]/d:Document/d:DiWoo", namespaces=NS)[0]
    relation = email.xpath("d:documentrelaties/d:documentrelatie", namespaces=NS)
    assert len(relation) == 1
    assert relation[0].xpath("d:role/text()", namespaces=NS) == ["heeft bijlage"]
    assert relation[0].xpath("d:relation/@resource", namespaces=NS) == [
        "https://open.example.nl/woo/2024-017/documenten/0002.pdf"]


def test_a_deferred_document_gets_no_record_even_with_a_file(tmp_path: Path) -> None:
    publication = sample_publication()
    deferred = replace(publication.documents[1], suspended=True)
    written = write_diwoo(replace(publication, documents=(deferred,)), tmp_path)
    assert [p.name for p in written] == ["sitemap.xml"]
    assert etree.parse(str(tmp_path / "sitemap.xml")).xpath("//s:url", namespaces=NS) == []


def test_markup_in_a_description_is_text_not_xml(tmp_path: Path) -> None:
    write_diwoo(sample_publication(), tmp_path)
    raw = (tmp_path / "0001.diwoo.xml").read_text("utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    title = etree.parse(str(tmp_path / "0001.diwoo.xml")).xpath("//d:officieleTitel/text()", namespaces=NS)
    assert title == ["E-mail over de aanvraag " + SCRIPT]


def test_control_characters_do_not_break_the_xml(tmp_path: Path, record_schema: etree.XMLSchema) -> None:
    publication = sample_publication()
    odd = replace(publication.documents[0], description="Nota\x0bover\x00de aanvraag")
    publication = replace(publication, documents=(odd,))
    write_diwoo(publication, tmp_path)
    _assert_valid(record_schema, tmp_path / "0001.diwoo.xml")


def test_relative_locations_without_a_base_url(tmp_path: Path, sitemap_schema: etree.XMLSchema) -> None:
    publication = sample_publication()
    publication = replace(publication, settings=replace(publication.settings, base_url=""))
    write_diwoo(publication, tmp_path)
    _assert_valid(sitemap_schema, tmp_path / "sitemap.xml")
    locs = etree.parse(str(tmp_path / "sitemap.xml")).xpath("//s:loc/text()", namespaces=NS)
    assert locs == ["documenten/0001.pdf", "documenten/0002.pdf", "documenten/0005.pdf"]


def test_past_the_limit_an_index_over_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           sitemap_schema: etree.XMLSchema) -> None:
    monkeypatch.setattr(diwoo, "SITEMAP_LIMIT", 2)
    written = write_diwoo(sample_publication(), tmp_path)
    assert [p.name for p in written][-3:] == ["sitemap.xml", "sitemap-0001.xml", "sitemap-0002.xml"]
    for name in ("sitemap.xml", "sitemap-0001.xml", "sitemap-0002.xml"):
        _assert_valid(sitemap_schema, tmp_path / name)
    index = etree.parse(str(tmp_path / "sitemap.xml"))
    assert index.xpath("//s:sitemap/s:loc/text()", namespaces=NS) == [
        "https://open.example.nl/woo/2024-017/sitemap-0001.xml",
        "https://open.example.nl/woo/2024-017/sitemap-0002.xml"]


# The schema check is real: a value outside the TOOI lists fails validation.
@pytest.mark.parametrize(("xpath", "attribute", "value"), [
    ("//d:publisher", "resource", "https://identifier.overheid.nl/tooi/id/gemeente/gm9999"),
    ("//d:informatiecategorie", "resource", "https://identifier.overheid.nl/tooi/def/thes/kern/c_00000000"),
    ("//d:soortHandeling", "resource", "https://identifier.overheid.nl/tooi/def/thes/kern/c_641ecd77"),
    ("//d:language", "resource", "http://publications.europa.eu/resource/authority/language/XXX"),
    ("//d:atTime", None, "1 mei 2024"),
])
def test_a_value_outside_the_lists_fails_validation(tmp_path: Path, record_schema: etree.XMLSchema,
                                                    xpath: str, attribute: str | None, value: str) -> None:
    write_diwoo(sample_publication(), tmp_path)
    tree = etree.parse(str(tmp_path / "0002.diwoo.xml"))
    assert record_schema.validate(tree)
    element = tree.xpath(xpath, namespaces=NS)[0]
    if attribute:
        element.set(attribute, value)
    else:
        element.text = value
    assert not record_schema.validate(tree)


def test_a_missing_required_field_fails_validation(tmp_path: Path, record_schema: etree.XMLSchema) -> None:
    write_diwoo(sample_publication(), tmp_path)
    tree = etree.parse(str(tmp_path / "0002.diwoo.xml"))
    publisher = tree.xpath("//d:publisher", namespaces=NS)[0]
    publisher.getparent().remove(publisher)
    assert not record_schema.validate(tree)


@pytest.mark.parametrize(("field", "value"), [
    ("publisher_uri", "https://example.nl/gemeente"),
    ("information_category", "https://identifier.overheid.nl/tooi/def/thes/kern/c_00000000"),
    ("handling", "publicatie"),
    ("language", "xx-XX"),
])
def test_settings_outside_the_lists_are_refused_before_writing(tmp_path: Path, field: str,
                                                               value: str) -> None:
    publication = sample_publication()
    publication = replace(publication, settings=replace(publication.settings, **{field: value}))
    with pytest.raises(UsageError):
        write_diwoo(publication, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_every_listed_value_is_in_the_schema() -> None:
    """The labels diwoo.py carries match the TOOI lists of the vendored schema."""
    lists = etree.parse(str(SCHEMAS / "diwoo-metadata-lijsten.xsd"))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema",
          "dita": "http://dita.oasis-open.org/architecture/2005/"}

    def labels(list_name: str) -> dict[str, str]:
        found = lists.xpath(f"//xs:simpleType[@name='{list_name}']//xs:enumeration", namespaces=xs)
        return {e.get("value"): e.xpath("string(xs:annotation/xs:documentation/dita:p[1])", namespaces=xs)
                for e in found}

    assert dict(diwoo.INFORMATION_CATEGORIES) == labels("informatiecategorielijst")
    assert dict(diwoo.HANDLINGS) == labels("soorthandelinglijst")
    languages = labels("taallijst")
    assert all(languages[uri] == label for uri, label in diwoo.LANGUAGES.values())
    assert labels("formatlijst")[diwoo.PDF_FORMAT[0]] == diwoo.PDF_FORMAT[1]
    assert labels("documentrelatielijst")[diwoo.HAS_ATTACHMENT[0]] == diwoo.HAS_ATTACHMENT[1]
    # the model's defaults are list values
    defaults = PublicationSettings("u", "l", "t", "m", "c")
    assert defaults.information_category in diwoo.INFORMATION_CATEGORIES
    assert defaults.handling in diwoo.HANDLINGS


def test_vendored_schema_is_unchanged() -> None:
    """The KOOP 0.9.8 files as copied from ../shared/woo-standards (their SHA-256 then)."""
    expected = {
        "diwoo-metadata.xsd": "0a332f65c98f5bb2b4fb64c52c2f72867966a6e5bf1a5a5ea3870716fc6ea212",
        "diwoo-metadata-lijsten.xsd": "c17fd0daa9eb37c44c774ac73271679a8fc2189805823dcfba6a86c2fd42b308",
    }
    for name, digest in expected.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, name
