"""Provenance notes: every kind in English and German, and the rules at the borders.

Lines are written the way wire copy prints them (AP, Reuters, AFP, UPI, Bloomberg, Getty,
The Conversation, Tribune Content Agency, dpa, KNA, epd); each test names the border it holds.
"""

from __future__ import annotations

import time

import pytest

from cleanse import clean
from cleanse.config import CleanConfig
from cleanse.provenance import find_notes, mark_kept
from cleanse.records import NoteKind

TEXT = CleanConfig(input_format="text")
Found = list[tuple[str, tuple[str, ...], tuple[str, ...]]]


def notes(*lines: str) -> Found:
    return [(n.kind.value, n.agencies, n.persons) for n in find_notes(lines)]


def kinds(*lines: str) -> list[str]:
    return [n.kind.value for n in find_notes(lines)]


ENGLISH: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("By JOSH BOAK AP Economics Writer", "byline", ("Associated Press",), ("Josh Boak",)),
    ("By Jane Doe, Reuters", "byline", ("Reuters",), ("Jane Doe",)),
    ("By Jane Doe | Bloomberg", "byline", ("Bloomberg",), ("Jane Doe",)),
    ("BY JANE DOE, UPI", "byline", ("UPI",), ("Jane Doe",)),
    ("By Jane Doe, Chicago Tribune", "byline", ("Chicago Tribune",), ("Jane Doe",)),
    ("Associated Press writers Jane Doe in London and John Roe in Paris contributed to this "
     "report.", "contributor", ("Associated Press",), ("Jane Doe", "John Roe")),
    ("(Reporting by Jane Doe in London; Additional reporting by John Roe; Editing by Mark Poe)",
     "contributor", (), ("Jane Doe", "John Roe", "Mark Poe")),
    ("Bloomberg's Jane Doe contributed to this report.", "contributor", ("Bloomberg",),
     ("Jane Doe",)),
    ("Information from The Associated Press was used in this report.", "contributor",
     ("Associated Press",), ()),
    ("NEW YORK (UPI) -- Stocks closed higher on Wall Street on Thursday.", "dateline_agency",
     ("UPI",), ()),
    ("TOKYO (Bloomberg) -- The yen weakened past 115 per dollar.", "dateline_agency",
     ("Bloomberg",), ()),
    ("PARIS (AFP) - France will lift most Covid rules next month, the government said.",
     "dateline_agency", ("AFP",), ()),
    ("Firefighters work at the scene. (AP Photo/Ted S. Warren)", "photo_credit",
     ("Associated Press",), ("Ted S. Warren",)),
    ("The skyline at dusk. Photo: Spencer Platt/Getty Images", "photo_credit",
     ("Getty Images",), ("Spencer Platt",)),
    ("Traders work on the floor. REUTERS/Brendan McDermid", "photo_credit", ("Reuters",),
     ("Brendan McDermid",)),
    ("A rocket lifts off. (Photo by Jane Doe / AFP)", "photo_credit", ("AFP",), ("Jane Doe",)),
    ("Copyright 2022 The Associated Press. All rights reserved. This material may not be "
     "published, broadcast, rewritten or redistributed.", "copyright", ("Associated Press",), ()),
    ("Copyright 2022 United Press International, Inc. All Rights Reserved.", "copyright",
     ("UPI",), ()),
    ("This article is republished from The Conversation under a Creative Commons license. "
     "Read the original article.", "syndication", ("The Conversation",), ()),
    ("Distributed by Tribune Content Agency, LLC.", "syndication", ("Tribune Content Agency",),
     ()),
    ("(c)2022 Bloomberg L.P.", "copyright", ("Bloomberg",), ()),
    ("Source: Reuters", "source_credit", ("Reuters",), ()),
    ("Correction: An earlier version of this story misstated the date of the vote.",
     "correction", (), ()),
    ("An earlier version of this article misidentified the mayor's party.", "correction", (), ()),
]

GERMAN: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("Von Anna Beispiel und Max Mustermann", "byline", (), ("Anna Beispiel", "Max Mustermann")),
    ("Von: det/dpa", "byline", ("dpa",), ()),
    ("Mit Material von dpa und AFP", "contributor", ("dpa", "AFP"), ()),
    ("Mitarbeit: Antonio Gutierrez", "contributor", (), ("Antonio Gutierrez",)),
    ("Frankfurt/Main (dpa/lhe) - Die Börse schloss am Freitag fester.", "dateline_agency",
     ("dpa",), ()),
    ("Bonn (KNA) Die katholische Kirche hat eine neue Studie vorgelegt.", "dateline_agency",
     ("KNA",), ()),
    ("Der Zug steht still. Foto: Max Mustermann/dpa", "photo_credit", ("dpa",),
     ("Max Mustermann",)),
    ("Foto: picture alliance/dpa | Erika Muster", "photo_credit", ("picture alliance", "dpa"),
     ("Erika Muster",)),
    ("© epd-bild/Jens Schulze", "photo_credit", ("epd",), ("Jens Schulze",)),
    ("© 2022 dpa. Alle Rechte vorbehalten.", "copyright", ("dpa",), ()),
    ("Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.", "copyright", (),
     ()),
    ("Dieser Artikel erschien zuerst bei netzpolitik.org.", "syndication", ("netzpolitik.org",),
     ()),
    ("Quelle: dpa-AFX", "source_credit", ("dpa-AFX",), ()),
    ("(KNA)", "source_credit", ("KNA",), ()),
    ("Korrektur: In einer früheren Version hieß es, die Sitzung finde am Montag statt.",
     "correction", (), ()),
]


@pytest.mark.parametrize(("line", "kind", "agencies", "persons"), ENGLISH + GERMAN,
                         ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_each_kind_in_english_and_german(line: str, kind: str, agencies: tuple[str, ...],
                                         persons: tuple[str, ...]) -> None:
    assert notes(line) == [(kind, agencies, persons)]


def test_examples_cover_every_kind_in_both_languages() -> None:
    every = {k.value for k in NoteKind} - {"reprint_of"}
    assert {case[1] for case in ENGLISH} == every
    assert {case[1] for case in GERMAN} == every


@pytest.mark.parametrize("line", [
    "Reuters reported that the talks had stalled, citing two sources.",
    "The minister told AFP on Tuesday that no decision had been taken.",
    "Laut dpa wurde der Flughafen am Abend geschlossen.",
    "Normally, about 25 bodies a week are interred, according to the Associated Press.",
    "Reuters: \"Kim Jong Un is fine\"",
])
def test_attribution_inside_the_story_is_not_a_note(line: str) -> None:
    assert notes(line) == []


@pytest.mark.parametrize("line", [
    "Arrestan al rapero A$AP Rocky por un tiroteo en Los Ángeles",
    "Cardoso CS, Vieira AM, Oliveira AP. DRESS syndrome: a case report.",
    "Umweltbehörde EPA untersucht Auswirkung von verbleitem Treibstoff",
    "Bloomberg is essentially tied in national polls with Buttigieg.",
    "By Michael Bloomberg",
    "Retiro AFP 2022: Comisión de Trabajo aprueba dictamen",
    "Readiness Code, PID, SID",
])
def test_look_alikes_are_not_agency_notes(line: str) -> None:
    assert [n for n in find_notes([line]) if n.agencies] == []


def test_a_government_body_under_a_photo_is_a_photo_credit() -> None:
    assert notes("Smoke over the plant. (EPA via AP)") == [
        ("photo_credit", ("EPA", "Associated Press"), ())]


@pytest.mark.parametrize("line", [
    "UPDATED: Jan. 13, 2022 at 4:56 p.m.",
    "PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 8, 2023 at 6:00 p.m.",
    "11.01.2022, 09:50 Uhr / Aktualisiert am 21.01.2022, 11:39 Uhr",
    "Report a correction or typo",
    "Corrections policy",
    "All content is licensed under a Creative Commons Attribution 4.0 International License.",
    "Soweit nicht anders gekennzeichnet, stehen unsere Texte unter einer Creative Commons Lizenz.",
    "© 2022 Daily Ledger",
    "© Copyright 2022 The Hudson Valley Courier. All rights reserved.",
    "© 2020 ABC News Internet Ventures. All rights reserved.",
    "Share on Facebook Share on Twitter Email",
    "Quelle: Deutsche Rentenversicherung",
    "Source: CDC, Chicago Department of Public Health",
    "Bitcoin-Futures-Börsen, Rangliste nach Open Interest. Quelle: Coinglass",
])
def test_timestamps_furniture_and_data_sources_are_not_notes(line: str) -> None:
    assert notes(line) == []


def test_copyright_sign_on_an_image_is_a_photo_credit() -> None:
    assert kinds("Mikaela Shiffrin. © AFP / JEFF PACHOUD") == ["photo_credit"]
    assert kinds("© picture alliance/dpa") == ["photo_credit"]
    assert kinds("© 2012 APA/AP") == ["copyright"]


def test_a_line_with_two_credits_gives_two_notes() -> None:
    tribune = ("©2022 The Kansas City Star. Visit kansascity.com. Distributed by Tribune "
               "Content Agency, LLC.")
    assert notes(tribune) == [("copyright", ("The Kansas City Star",), ()),
                              ("syndication", ("Tribune Content Agency",), ())]
    gallery = "Demonstrators march. (AP Photo/Jane Doe) Police stand guard. (AP Photo/John Roe)"
    assert [n[2] for n in notes(gallery)] == [("Jane Doe",), ("John Roe",)]


def test_matching_ignores_case() -> None:
    assert notes("BY JANE DOE ASSOCIATED PRESS") == [
        ("byline", ("Associated Press",), ("Jane Doe",))]
    assert notes("THE ASSOCIATED PRESS CONTRIBUTED TO THIS REPORT.") == [
        ("contributor", ("Associated Press",), ())]


def test_credits_glued_to_a_caption_are_found() -> None:
    assert notes("dpa/Erika Muster Im Oktober steigt das Rabattniveau wieder an.") == [
        ("photo_credit", ("dpa",), ("Erika Muster",))]
    assert notes("Im Oktober steigt das Rabattniveau. Foto: Erika Muster/dpa") == [
        ("photo_credit", ("dpa",), ("Erika Muster",))]


def test_via_lists_both_provider_and_agency() -> None:
    assert notes("(Photo by Jane Doe/Anadolu Agency via Getty Images)") == [
        ("photo_credit", ("Anadolu", "Getty Images"), ("Jane Doe",))]


def test_each_note_says_whether_its_line_stayed() -> None:
    page = ("WASHINGTON (AP) — The Senate voted on Thursday to pass the bill after a long debate "
            "over its cost.\n\nThe vote was 68 to 32, with several Republicans joining Democrats "
            "in support of the measure.\n\nThe Associated Press contributed to this report.\n")
    doc = clean(page, config=TEXT)
    kept = {n.kind.value: n.kept for n in doc.provenance}
    assert kept == {"dateline_agency": True, "contributor": False}
    assert "contributed to this report" not in doc.text


def test_mark_kept_orders_by_kind_then_kept() -> None:
    found = find_notes(["The Associated Press contributed to this report.", "By Jane Doe"])
    assert [n.kind.value for n in mark_kept(found, [])] == ["byline", "contributor"]


def test_find_notes_is_cheap_on_ordinary_text() -> None:
    prose = ("The council met on Monday and voted to extend the library's opening hours, a move "
             "officials said would cost about $2 million a year.")
    started = time.perf_counter()
    assert find_notes([prose] * 5000) == ()
    assert time.perf_counter() - started < 1.0


def test_benchmark_skips_cleanly_without_shared_data(tmp_path: object,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "provenance.py"
    spec = importlib.util.spec_from_file_location("bench_provenance", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--bench", str(tmp_path), "--json", str(Path(str(tmp_path)) / "x.json")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_a_dateline_opening_a_very_long_paragraph_is_still_read() -> None:
    # A dumper that joins a story into one line: only line-start rules reach past the length
    # where a line stops being a credit line, and they must still fire there.
    from cleanse.provenance import MAX_NOTE_LINE_CHARS

    line = "WASHINGTON (AP) — " + "The storm hit the coast and cut power to many homes. " * 40
    assert len(line) > MAX_NOTE_LINE_CHARS
    notes = find_notes([line])
    assert [(n.kind, n.agencies) for n in notes] == [(NoteKind.DATELINE_AGENCY, ("Associated Press",))]


@pytest.mark.parametrize("opening", [
    "This article was originally published on The Conversation. Read the original article. ",
    "Correction: An earlier version misstated the date of the vote. ",
    "An earlier version of this article gave the wrong date. ",
    "Copyright 2024 The Associated Press. All rights reserved. ",
])
def test_a_very_long_paragraph_never_leaves_the_body_as_a_credit_line(opening: str) -> None:
    from cleanse.provenance import MAX_NOTE_LINE_CHARS

    story = opening + "The storm hit the coast and cut power to many homes, officials said. " * 25
    assert len(story) > MAX_NOTE_LINE_CHARS
    page = "Storm hits coast\n\n" + story + "\n\n" + "Crews worked through the night. " * 3
    doc = clean(page, config=CleanConfig(input_format="text"))
    assert story.strip() in doc.text
