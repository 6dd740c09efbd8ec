"""NlPersonRecognizer: names from lexicons, structure and context; near misses stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_person import NlPersonRecognizer
from tests.recognizers.tables import THRESHOLD, found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlPersonRecognizer:
    return NlPersonRecognizer()


CASES = [
    # titles, salutations, initials, tussenvoegsels
    ("Aan de heer P. Fictief", 1, ["P. Fictief"]),
    ("Geachte mevrouw Van Dijk,", 1, ["Van Dijk"]),
    ("Ik sprak mevrouw van Dijk gisteren.", 1, ["van Dijk"]),
    ("Beste Jan,\nDank voor je bericht.", 1, ["Jan"]),
    ("Hoi Fatma,\nzie bijlage.", 1, ["Fatma"]),
    ("Volgens dhr. J.P.M. van der Berg is het klaar.", 1, ["J.P.M. van der Berg"]),
    ("Het verslag is van Jan van Dijk en Piet de Vries.", 2, ["Jan van Dijk", "Piet de Vries"]),
    ("We spraken met Jan Jansen-de Vries over de aanvraag.", 1, ["Jan Jansen-de Vries"]),
    ("Geachte heer Arts,", 1, ["Arts"]),
    # names that are also words need evidence
    ("Ik zag Piet Bos en mevrouw De Wit.", 2, ["Piet Bos", "De Wit"]),
    ("De koning en de Koning. Groen licht voor het bos.", 0, []),
    # non-Dutch names through lexicon, structure and context
    ("Gesprek met Ahmet Öztürk en Fatima El Amrani.", 2, ["Ahmet Öztürk", "Fatima El Amrani"]),
    ("Kun jij dit oppakken met Dorota Lewandowska?", 1, ["Dorota Lewandowska"]),
    ("Dit is besproken met mevrouw Kamińska.", 1, ["Kamińska"]),
    # e-mail headers, sign-offs, labels, initials used as names
    ("Van: Bos, Anna <a.bos@example.nl>\nOnderwerp: test", 1, ["Bos, Anna"]),  # one name, surname first
    ("Aan: Ministerie van Volksgezondheid\nOnderwerp: test", 0, []),
    ("Met vriendelijke groet,\n\nEmre Yilmaz\nBeleidsmedewerker", 1, ["Emre Yilmaz"]),
    ("Met vriendelijke groet,\nTeam Vergunningen", 0, []),
    ("Dat klopt. Groet, RF", 1, ["RF"]),
    ("Achternaam\tTimmerman\nVoornamen\tFedde", 2, ["Timmerman", "Fedde"]),
    ("Behandelaar\tD. Lutterveld\nPagina 1 van 1", 1, ["D. Lutterveld"]),
    ("A22-02: planning actualiseren | actiehouder: EK | gereed", 1, ["EK"]),
    ("Het LNAZ geeft aan dat het klopt. VWS licht toe.", 0, []),
    ("wethouder Yılmaz opent de vergadering.", 1, ["Yılmaz"]),
    # a lone first name ends a sentence after a preposition
    ("Zij past de tekst aan op basis van de opmerkingen van Fiene.", 1, ["Fiene"]),
    ("Zij reist morgen naar Paris. Het hotel heet Victoria.", 0, []),
    # scanned pages: a title, then initials, a dash or a name that OCR damaged
    ("Volgens dhr. ElKhatib (VWS) klopt dat.", 1, ["ElKhatib"]),
    ("Volgens dhr. El Khatib (VWS) klopt dat.", 1, ["El Khatib"]),
    ("mw. Fl. Mulder-Hendriks (Programmadirectie) licht toe.", 1, ["Fl. Mulder-Hendriks"]),
    ("mw. F.I. Mulder-Hendriks (Programmadirectie) licht toe.", 1, ["F.I. Mulder-Hendriks"]),
    ("Afgesproken wordt dat mevrouw - Muider-Hendriks dit meeneemt.", 1, ["Muider-Hendriks"]),
    ("Afgesproken wordt dat mevrouw Mulder-Hendriks dit meeneemt.", 1, ["Mulder-Hendriks"]),
    ("Aanwezig: mw. LE. Broekhoven (SZW), dhr. JP Brouwer", 2, ["LE. Broekhoven", "JP Brouwer"]),
    ("Aanwezig: mw. L.E. Broekhoven (SZW), dhr. J.P. Brouwer", 2, ["L.E. Broekhoven", "J.P. Brouwer"]),
    ("Aanwezig: mw. dr. ir. LE. Broekhoven, dhr. mr. Fl. Brouwer", 2, ["LE. Broekhoven", "Fl. Brouwer"]),
    ("Gesprek met de heer - van Dijk en mevrouw - De Wit.", 2, ["van Dijk", "De Wit"]),
    ("Afgesproken wordt dat mevrouw\n-\n\n  Muider-Hendriks dit meeneemt.", 1, ["Muider-Hendriks"]),
    ("Aanwezig: dhr: Mangel (VWS), mw.\n\nLE. Broekhoven", 2, ["Mangel", "LE. Broekhoven"]),
    ("De mw. De Vries-commissie adviseert. Mevrouw: Zie bijlage 2.", 0, []),
    ("De afkorting LE. staat hier los. Dhr. gaf aan dat dhr. - het niet weet.", 0, []),
    ("Gesproken met de heer\n-\n\nBesluit\nDe heer -- Jansen-commissie", 0, []),
    ("Geachte heer - Utrecht is een stad; dhr. ABC Consultancy; mw. NB. Bijlage", 0, []),
    # near misses: organisations, headings, article numbers, sentence starts, streets, places
    ("Op grond van artikel 5.1.2e Woo. De termijn is zes weken.", 0, []),
    ("Het college van burgemeester en wethouders van Den Haag.", 0, []),
    ("De Minister van Volksgezondheid, Welzijn en Sport.", 0, []),
    ("Directeur Publieke Gezondheid\nGGD Zeeland", 0, []),
    ("Medewerker Burgerzaken\nGemeente Utrecht", 0, []),
    ("Zaaknummer Z/23/012345, bedrag EUR 1.234,56, kenmerk 2024-3110834.", 0, []),
    ("Hij woont aan de Jan van Galenstraat 12 in Amsterdam.", 0, []),
    ("Wil je dat doen? Mark mijn woorden.", 0, []),
    ("Plan Van Aanpak en Raad van State.", 0, []),
    # 1. acronyms are no initials; initials need name evidence
    ("De inzet van AI vraagt om kennis. AI kan helpen, want AI is snel.", 0, []),
    ("Het OMT adviseert. De GGD licht toe, het RIVM meldt een stijging en HR geeft aan dat.", 0, []),
    ("Artificiële Intelligentie (AI) en ICT: XQ geeft aan dat de XQ-module werkt.", 0, []),
    ("Aanwezig: WvD (voorzitter), AK, RS\n\nAK meldt dat het klaar is.", 4, ["WvD", "AK", "RS", "AK"]),
    ("Aanwezig: Jan de Vlieger (JdV, voorzitter)\n- JdV opent de vergadering.", 3,
     ["Jan de Vlieger", "JdV", "JdV"]),
    ("Actiepunten\n- EvdB: offerte opvragen\n- V. Zengin en BT stemmen af.", 3, ["EvdB", "V. Zengin", "BT"]),
    ("Het verslag is opgesteld door LB. Gr, BŞ", 2, ["LB", "BŞ"]),
    # 4. names broken over a line, hyphenated at a line end
    ("Op 3 maart sprak ik uitgebreid met Jan\nJansen over de aanvraag.", 1, ["Jan\nJansen"]),
    ("Ik heb over de aanvraag contact gehad met Pieter\nde Vries van Wonen.", 1, ["Pieter\nde Vries"]),
    ("Het bezwaar van mevrouw Jansen-\nBakker is ontvangen.", 1, ["Jansen-\nBakker"]),
    ("Met vriendelijke groet,\n\nJan\nJansen\nBeleidsmedewerker", 1, ["Jan\nJansen"]),
    ("Naam:\tFatma\tYilmaz\nGeboortedatum:\tonbekend", 1, ["Fatma\tYilmaz"]),
    ("Het verzoek van mevrouw\u00a0J.\u00a0de\u00a0Boer is doorgestuurd.", 1, ["J.\u00a0de\u00a0Boer"]),
    # 5. names in prose: role nouns and compounds, verbs of saying, sentence ends
    ("Hoofdredacteur Anton Pelsmaeker van Omroep Gelderland is trots.", 1, ["Anton Pelsmaeker"]),
    ("Gemeente-woordvoerder Ilse Brouwer bevestigt het.", 1, ["Ilse Brouwer"]),
    ("Jeugdcoördinator Bilal Aksoy ziet dat. Duurzaamheidscoördinator Leila Boukhari ook.", 2,
     ["Bilal Aksoy", "Leila Boukhari"]),
    ("Schrijfster Priya Mahabier-Ramautar (32) presenteert haar roman.", 1, ["Priya Mahabier-Ramautar"]),
    ("Volgens Oldenkamp is het te klein, vertelt d'Ancona.", 2, ["Oldenkamp", "d'Ancona"]),
    ("Het was zwaar, aldus Kowalski. Het klopt, zegt Van der Wiel.", 2, ["Kowalski", "Van der Wiel"]),
    ("Rector Youssef Bennani van het Baudartius zegt dat.", 1, ["Youssef Bennani"]),
    ("Uitgevoerd door de heren Kuipers en Lamberink;", 2, ["Kuipers", "Lamberink"]),
    ("Iryna Sjevtsjenko (27) woont in Emmen. Brandsma (VVD) en Kalkman (D66) stemden tegen.", 3,
     ["Iryna Sjevtsjenko", "Brandsma", "Kalkman"]),
    ("Casus 1: Ülkü Şahin (geboren 3 maart 1961) meldt zich.", 1, ["Ülkü Şahin"]),
    ("Hüseyin Arslan (voorzitter) opende. Yohannes Tesfay  (projectleider renovatie) ook.", 2,
     ["Hüseyin Arslan", "Yohannes Tesfay"]),
    ("Getekend door Woonstad Rotterdam (verhuurder) en Heijmans (aannemer).", 0, []),
    # chat exports: a phone's format, senders in lower case, their given names in the messages
    ("03-02-24, 19:12 - Wilma Dekker: wie?\n03-02-24, 19:14 - ruud: ik, dank wilma", 3,
     ["Wilma Dekker", "ruud", "wilma"]),
    ("[14-03-2024 10:02] Jorien Bakker: @Thijmen pak jij dit?\n[14-03-2024 10:04] Thijmen Wolters: ja", 3,
     ["Jorien Bakker", "Thijmen", "Thijmen Wolters"]),
    ("01-03-24, 08:00 - Wijkteam Noord: Goedemorgen\n01-03-24, 08:01 - Wijkteam Noord: Tot later", 0, []),
    # tables: a name per cell, the next cell's function or name is not part of it
    ("3\t12-02\tM. Hendriks\tK. Osei\tdeels", 2, ["M. Hendriks", "K. Osei"]),
    ("Koster, B.\tMedewerker Archief\tAdviseur\nR.A. Kleinjan        Jeugdconsulent", 2,
     ["Koster, B.", "R.A. Kleinjan"]),
    ("Medewerker\tHuidige functie\tNieuwe functie", 0, []),
    ("Zoals Şerafeddin al aangaf, moet het dossier compleet zijn.", 1, ["Şerafeddin"]),
    ("Verslag: Beriye Tarhan\nMarieluise Steckel geeft aan dat het klopt.", 2,
     ["Beriye Tarhan", "Marieluise Steckel"]),
    # 5. particles, initials and hyphens inside the name: the whole name, not its tail
    ("Vrijwilliger P de Boer en jeugdvriendin Riek v.d. Berg vertellen.", 2, ["P de Boer", "Riek v.d. Berg"]),
    ("Hoefde Smit-van Leeuwen niet na te denken? Rami Al-Khatib wel.", 2,
     ["Smit-van Leeuwen", "Rami Al-Khatib"]),
    ("Ik sprak met van der Sluis en met Zoey Kok-van der Linden.", 2,
     ["van der Sluis", "Zoey Kok-van der Linden"]),
    ("Bestuurder Ellen Timmermans-de Kort en El Ahmadi.", 2, ["Ellen Timmermans-de Kort", "El Ahmadi"]),
    ("Van: Paulo Koch II <p@example.nl>\nAan: Bakker, Rutger <r@example.nl>", 2,
     ["Paulo Koch II", "Bakker, Rutger"]),
    ("Aanmelding van dhr. R.A. (Ricardo) Sabajo en mw. J. (Jet) van der Berg.", 2,
     ["R.A. (Ricardo) Sabajo", "J. (Jet) van der Berg"]),
    ("Kun jij dit oppakken met Konstanty Doruch? Of met Sylwia Skalik.", 2,
     ["Konstanty Doruch", "Sylwia Skalik"]),
    ("A20-01: cijfers aanleveren | actiehouder: Van der Klein | gereed: 1 mei", 1, ["Van der Klein"]),
    # a capital İ lowercases to two characters: offsets after it must not shift
    ("Aanwezig: İlker İnönü (voorzitter)\nA20-01: planning | actiehouder: CY | gereed", 2,
     ["İlker İnönü", "CY"]),
    # 5. surname first, as in lists
    ("Vries, J. de (Water Natuurlijk)\nVeen, R. van der (BBB)\nAarts, M.J.", 3,
     ["Vries, J. de", "Veen, R. van der", "Aarts, M.J."]),
    ("To: Ouali, S. (Salma) [s@example.nl]; Bourgondië, van, J. (Jonas)", 2,
     ["Ouali, S. (Salma)", "Bourgondië, van, J. (Jonas)"]),
    ("In Utrecht, A. de Vries en anderen; zie bijlage 3, A. en B.", 1, ["A. de Vries"]),
    ("To: la Fleche, B. de (Ben) [b@example.nl]\nVan: Josephine Bourgondië, van [mailto:j@example.nl]", 2,
     ["la Fleche, B. de (Ben)", "Josephine Bourgondië, van"]),
    # 6. things that look like names but are not people
    ("Hij schreef zich in bij de Kamer van Koophandel.", 0, []),
    ("Brand op industrieterrein De Vaart; in sporthal De Slagen; over Het Achterhuis.", 0, []),
    ("Bakkerij Van Damme en de leerlingen van het Etty Hillesum Lyceum.", 0, []),
    ("Volgens Kamerstukken II 2023/24 moet dat. Het plan, dat de naam Vitaal Platteland draagt.", 0, []),
    ("Hij kwam vanuit het Vlaamse Maldegem. Fietser (17) zwaargewond. Docent Nederlands gezocht.", 0, []),
    ("Groet,\n\nSent: donderdag 3 september 2020 10:53", 0, []),
    ("Behandelaar: Team Vergunningen\nVerslag Stuurgroep Woo-implementatie", 0, []),
    ("Daarvan komt 79 euro voor rekening van het Rijk. Bewoners van de Dorpsstraat krijgen post.", 0, []),
    # 7. Woo documents outside prose: signatures, forms, informal minutes, chats, text messages
    ("Groet,\nYvonne Brink\nbeleidsmedewerker Subsidies\n", 1, ["Yvonne Brink"]),  # a team, not a name
    ("Thi Hoa Pham | consulent Wmo | Sociaal Domein", 1, ["Thi Hoa Pham"]),
    ("Van:\t\tNoor Visscher, beleidsadviseur Maatschappelijke Opvang", 1, ["Noor Visscher"]),
    ("Ik sprak wethouder Kaya.\nJan Jansen\nwethouder Kaya\n", 3, ["Kaya", "Jan Jansen", "Kaya"]),
    ("Voornaam\t\tIlse\nTussenvoegsel\t\tvan der\nAchternaam\t\tZwaan", 3, ["Ilse", "van der", "Zwaan"]),
    ("Ontvangen door:  MdB       Datum: 21/3\nGecontroleerd door:  TvW / RK", 3, ["MdB", "TvW", "RK"]),
    ("aanw: Sietske, Bram (vz)\nafw: Ivo (ziek)", 3, ["Sietske", "Bram", "Ivo"]),
    ("Aanwezig: Okke Kramer – adviseur (OK)\n\nOK licht de planning toe.", 3, ["Okke Kramer", "OK", "OK"]),
    ("[14-02 09:31] Femke: ben er over 10 min\n[14-02 09:33] Jurre Boekhoudt: prima", 2,
     ["Femke", "Jurre Boekhoudt"]),
    ("Melding is doorgezet naar de politie. Gr Annemiek\n", 1, ["Annemiek"]),
    ("4\tÖzdemir,  Serkan\t\t12-06-1971\nNaam:  Dekker-van  den  Berg, H.J.", 2,
     ["Özdemir,  Serkan", "Dekker-van  den  Berg, H.J."]),  # OCR doubles the spaces
    ("De oudste zoon, Yonas Ghebre-\nmedhin, is ziek. Melding over het gezin\nTesfamariam.", 2,
     ["Yonas Ghebre-\nmedhin", "Tesfamariam"]),
    # 8. organisations, teams and facilities beside names in Woo documents
    ("Ik werk bij Albert Heijn; het stond in De Telegraaf.", 0, []),
    ("Namens Bouwbedrijf Keizer B.V. en Van Leeuwen Installatie B.V. sturen wij tekeningen.", 0, []),
    ("De leerlingen van CBS De Regenboog, zwembad De Vennen en garage Van der Wal.", 0, []),
    ("De GGD Gooi en Vechtstreek heeft getest. Woonstichting 't Volkshuys verhuurt.", 0, []),
    ("Van: Parkeren Oosterhout <parkeren@oosterhout.example.nl>", 0, []),
    ("Nr\tNaam\t\tGeb.datum\tKlantnummer", 0, []),
    # 9. a surname alone: only where the sentence or the minutes show a person
    ("Aanwezig: T. Wijers (vz)\n\nMollema: de sporthal staat klaar.", 2, ["T. Wijers", "Mollema"]),
    ("Verslag van de werkgroep.\nBron: eigen bewerking van CBS-cijfers.", 0, []),
    ("Hij is bijgepraat door Veldkamp, dus dat klopt. Wouters heeft al gebeld.", 2, ["Veldkamp", "Wouters"]),
    ("De gemeente Oosterveen is bereikbaar. De GGD Hollands Midden heeft capaciteit.", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_person(recognizer: NlPersonRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "PERSON")
    shown = [text[s:e] for s, e in got]
    assert len(got) == count, shown
    assert got == spans_of(text, expected), shown


def test_results_explain_themselves(recognizer: NlPersonRecognizer) -> None:
    text = "Aan de heer P. Fictief"
    (result,) = [r for r in recognizer.analyze(text, ["PERSON"], None) if r.score >= THRESHOLD]
    assert result.analysis_explanation.pattern_name == "title"
    assert "heer" in result.analysis_explanation.textual_explanation


def test_ocr_damage_explains_itself(recognizer: NlPersonRecognizer) -> None:
    text = "mw. Fl. Mulder-Hendriks (Programmadirectie) licht toe."
    (result,) = [r for r in recognizer.analyze(text, ["PERSON"], None) if r.score >= THRESHOLD]
    assert result.analysis_explanation.pattern_name == "title + OCR-damaged name"
    assert "initials 'Fl.'" in result.analysis_explanation.textual_explanation
