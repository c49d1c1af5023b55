"""A generated corpus for the batch tests: invented events, each told by several outlets, plus wire copies.

Everything here is invented for the tests. The text is built from per-event facts and per-outlet phrasings, so the
outlets of one event share names, places and numbers while wording and order differ.
"""

from __future__ import annotations

import html
import io
import json
import os
import random
import signal
from dataclasses import dataclass
from datetime import date, timedelta

OUTLETS = ("Harbor Ledger", "Valley Courier", "Metro Dispatch", "Northern Star Times", "Coastline Post",
           "Riverside Herald", "Capital Wire", "Summit Daily")


@dataclass(frozen=True)
class Event:
    key: str
    headline: str
    place: str
    official: str
    role: str
    critic: str
    critic_role: str
    number: int
    unit: str
    day: date
    facts: tuple[str, ...]
    claim: str
    denial: str


def _events() -> list[Event]:
    d0 = date(2026, 3, 2)
    rows = [
        ("ferry", "Ferry runs aground near Port Alder", "Port Alder", "Mara Kessling", "harbor master",
         "Tobias Renn", "union organiser", 212, "passengers", 0,
         ("The ferry Saltmere Dawn struck a sandbar at dawn.", "Coast guard boats towed the vessel back to the pier.",
          "No serious injuries were reported among the crew."),
         "the channel markers had been moved without notice", "the markers were inspected in January"),
        ("mine", "Flooding halts work at Greyhollow copper mine", "Greyhollow", "Ilse Varnow", "mine director",
         "Ruben Okafor", "regional geologist", 340, "miners", 1,
         ("Water entered the lower galleries after a pump failed.", "All shifts were cancelled for the week.",
          "Engineers are pumping out the flooded tunnels."),
         "the pumps had not been serviced for two years", "maintenance records show monthly checks"),
        ("vote", "Brenmoor council rejects tram extension", "Brenmoor", "Odile Fanshaw", "council leader",
         "Kasim Drury", "transport campaigner", 27, "councillors", 2,
         ("The tram line would have reached the eastern suburbs.", "The plan had been debated for three years.",
          "Business groups had backed the extension."),
         "the cost estimate was inflated to kill the project", "the estimate came from independent auditors"),
        ("quake", "Earthquake shakes Tamsin Valley villages", "Tamsin Valley", "Petra Lindqvist", "seismology chief",
         "Aurelio Batiste", "village mayor", 5, "magnitude", 3,
         ("Chimneys collapsed in three villages.", "Schools were closed while engineers checked buildings.",
          "Aftershocks continued through the night."),
         "warnings about old buildings were ignored", "every school passed inspection last year"),
        ("merger", "Corvane Foods agrees to buy Pellwick Dairies", "Corvane", "Hester Quayle", "chief executive",
         "Nilufar Essex", "competition lawyer", 410, "million dollars", 4,
         ("Pellwick Dairies runs eleven farms in the north.", "Shareholders still have to approve the deal.",
          "The combined company will keep both brands."),
         "the deal will push up milk prices", "prices will stay frozen for two years"),
        ("strike", "Dockworkers at Fennick Bay walk out", "Fennick Bay", "Gareth Moult", "port authority chair",
         "Yara Lestrange", "dockworkers union leader", 1800, "workers", 5,
         ("Container ships queued outside the harbour.", "The walkout is the first at the port in a decade.",
          "Talks are set to resume on Friday."),
         "the port cut safety staff to save money", "safety staffing has increased this year"),
        ("bridge", "Old Wendle bridge closed after cracks found", "Wendle", "Corinna Abt", "roads engineer",
         "Samir Holloway", "shop owners spokesman", 63, "years old", 7,
         ("Inspectors found cracks in two support piers.", "Traffic is being diverted through the ring road.",
          "A temporary footbridge will open next month."),
         "the council knew about the cracks for months", "the cracks appeared only in the latest survey"),
        ("festival", "Lantern festival draws record crowds to Ossery", "Ossery", "Delphine Marsh", "festival director",
         "Arlo Pennick", "residents association chair", 95000, "visitors", 8,
         ("Floating lanterns lit the river for three nights.", "Extra trains ran from the capital.",
          "Street vendors reported their best weekend in years."),
         "the crowds left the old town covered in litter", "cleaning crews cleared every street by morning"),
        ("hospital", "Nurses at Quillon General report staff shortage", "Quillon", "Benedikt Strand",
         "hospital manager", "Ama Serwaa", "nursing union steward", 140, "vacant posts", 9,
         ("Wards have closed beds for lack of night staff.", "Agency nurses are covering weekend shifts.",
          "A recruitment drive starts in the spring."),
         "patients waited eleven hours in the emergency room", "average waits fell to four hours"),
        ("wildfire", "Wildfire spreads across Marrow Ridge", "Marrow Ridge", "Lucan Ferreira", "fire chief",
         "Ingrid Salo", "forestry professor", 2600, "hectares", 10,
         ("Strong winds pushed the flames toward two farms.", "Helicopters dropped water through the afternoon.",
          "Residents of four hamlets were told to leave."),
         "controlled burns were cancelled to save money", "the burns were postponed because of drought"),
        ("launch", "Halvard Aerospace launches weather satellite", "Halvard", "Sigrun Oakes", "mission director",
         "Teodor Vance", "space policy analyst", 780, "kilograms", 11,
         ("The satellite reached orbit eight minutes after launch.", "It will map storms over the ocean.",
          "The rocket booster landed on a barge."),
         "the satellite duplicates an existing one", "no other satellite covers the southern ocean"),
        ("library", "Fire damages Linden Cross library archive", "Linden Cross", "Rosalind Eyre", "chief librarian",
         "Matthias Crane", "local historian", 12000, "volumes", 12,
         ("Smoke reached the basement where maps are stored.", "Volunteers helped carry boxes to safety.",
          "The reading room will stay closed for a month."),
         "the sprinklers had been switched off", "the sprinklers worked as designed"),
        ("election", "Voters in Draysford pick new mayor", "Draysford", "Anouk Bellamy", "mayor elect",
         "Crispin Dole", "outgoing deputy", 61, "percent turnout", 14,
         ("Counting finished shortly after midnight.", "The winner promised to reopen the central market.",
          "Two recounts were requested in the northern wards."),
         "ballots in the northern wards were mishandled", "observers found no problems with the count"),
        ("drought", "Reservoir at Kelmscott falls to record low", "Kelmscott", "Vera Ashdown", "water board chief",
         "Lorcan Ibsen", "farmers cooperative head", 18, "percent capacity", 15,
         ("A hosepipe ban starts on Monday.", "Farmers have been asked to cut irrigation.",
          "The old village church has reappeared above the water."),
         "the water board sold water to a bottling plant", "no water was sold to any plant"),
        ("museum", "Stolen painting returned to Orlen museum", "Orlen", "Fabienne Roux", "museum curator",
         "Dmitri Halloran", "art insurer", 3, "million euros", 16,
         ("The portrait was found in a storage unit.", "Police arrested two men in connection with the theft.",
          "The painting goes back on display next week."),
         "the museum ignored warnings about its alarms", "the alarm system was replaced last summer"),
        ("train", "Night train derails outside Caddow", "Caddow", "Hamish Treloar", "rail safety inspector",
         "Oona Fairweather", "passengers group chair", 88, "passengers", 17,
         ("Two carriages left the track on a curve.", "Buses replaced trains on the line for three days.",
          "Investigators recovered the data recorder."),
         "the track had been reported as worn", "the track was renewed in the autumn"),
        ("zoo", "Snow leopard cubs born at Penhallow zoo", "Penhallow", "Marisol Keane", "head keeper",
         "Idris Wolcott", "conservation scientist", 2, "cubs", 19,
         ("The cubs were born to a mother brought from abroad.", "Visitors will see them in early summer.",
          "The breeding programme began six years ago."),
         "captive breeding does little for wild leopards", "cubs from the programme were released last year"),
        ("school", "Thornbury school roof collapses overnight", "Thornbury", "Ewan Castellan", "head teacher",
         "Priya Marchetti", "parents council chair", 430, "pupils", 21,
         ("The collapse happened when the building was empty.", "Lessons moved to the sports hall.",
          "Surveyors blamed water damage in the beams."),
         "repairs were delayed for budget reasons", "the roof repairs were scheduled for the summer"),
    ]
    return [Event(k, h, p, o, r, c, cr, n, u, d0 + timedelta(days=dd), f, cl, dn)
            for k, h, p, o, r, c, cr, n, u, dd, f, cl, dn in rows]


_FRAMES = ("{}", "According to officials, {}", "Witnesses said that {}", "Local reports said {}",
           "It was confirmed later that {}", "Sources close to the matter said {}")
_FILLER = (
    "The situation drew attention from across the region.",
    "Neighbours gathered in the main square to share what they knew.",
    "Radio stations interrupted their programmes to report the news.",
    "Several families said they had never seen anything like it.",
    "Questions remain about how the authorities prepared for this.",
    "Messages of support arrived from neighbouring towns.",
    "Some shops stayed closed for the rest of the day.",
    "Photographs of the scene circulated widely online.",
    "A public meeting has been called for the coming days.",
    "Local volunteers offered food and shelter where needed.",
    "Opposition members demanded a full explanation.",
    "Analysts said the episode could have lasting consequences.",
)


def _framed(sentence: str, rng: random.Random) -> str:
    frame = rng.choice(_FRAMES)
    if frame == "{}":
        return sentence
    return frame.format(sentence[0].lower() + sentence[1:])


def _article(ev: Event, outlet: str, rng: random.Random) -> dict[str, object]:
    """One outlet's article about the event: shared facts in its own order and wording."""
    leads = (
        f"{ev.headline} on {ev.day:%A}, officials in {ev.place} said.",
        f"Officials in {ev.place} confirmed on {ev.day:%A} that the news had spread quickly: {ev.headline.lower()}.",
        f"Residents of {ev.place} woke up to the news: {ev.headline.lower()}.",
    )
    number = ev.number if rng.random() > 0.15 else ev.number + rng.choice((1, 2, 10))
    body = [rng.choice(leads)]
    facts = list(ev.facts)
    rng.shuffle(facts)
    body.extend(_framed(f, rng) for f in facts[: rng.randint(2, 3)])
    body.extend(rng.sample(_FILLER, 3))
    body.append(f"The figure given by the authorities was {number} {ev.unit}.")
    cue = rng.choice(("said", "told reporters", "said in a statement"))
    body.append(f"\u201cWe are doing everything we can for the people of {ev.place},\u201d {ev.official}, "
                f"the {ev.role}, {cue}.")
    body.append(f"{ev.critic}, a {ev.critic_role}, claimed that {ev.claim}, but offered no evidence.")
    body.append(f"{ev.official.split()[-1]} denied it, saying {ev.denial}.")
    if rng.random() > 0.5:
        body.append(f"More updates on the situation in {ev.place} are expected next week.")
    head, rest = body[:1], body[1:]
    rng.shuffle(rest)
    body = head + rest
    return {
        "title": rng.choice((ev.headline, f"{ev.headline} - {outlet}", f"{ev.place}: {ev.headline}")),
        "outlet": outlet,
        "published": (ev.day + timedelta(days=rng.randint(0, 1))).isoformat(),
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{ev.key}-{rng.randint(1000, 9999)}",
        "text": "\n\n".join(body),
    }


def generate(rng_seed: int = 7, outlets_per_event: tuple[int, int] = (7, 8),
             copies_per_event: int = 3) -> list[dict[str, object]]:
    """Records of the whole corpus, in a fixed shuffled order."""
    rng = random.Random(rng_seed)
    records: list[dict[str, object]] = []
    for ev in _events():
        chosen = rng.sample(OUTLETS, rng.randint(*outlets_per_event))
        arts = [_article(ev, o, rng) for o in chosen]
        records.extend(arts)
        for i in range(copies_per_event):  # wire copies: the same text re-published with one line added
            src = dict(arts[i % len(arts)])
            src["outlet"] = f"{src['outlet']} via Partner {i + 1}"
            src["url"] = str(src["url"]) + f"?partner={i + 1}"
            src["text"] = str(src["text"]) + "\n\nReaders in the region followed the developments closely."
            records.append(src)
    records.append(dict(records[3]))  # an exact repeat: same id, kept once
    rng.shuffle(records)
    return records


def html_page(rec: dict[str, object]) -> bytes:
    """The record as a small article web page with the usual metadata."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in str(rec["text"]).split("\n\n"))
    page = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(str(rec['title']))}</title>"
            f"<meta property=\"og:site_name\" content=\"{html.escape(str(rec['outlet']))}\">"
            f"<meta property=\"article:published_time\" content=\"{rec['published']}\"></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
            f"<h1>{html.escape(str(rec['title']))}</h1>{paras}</article><footer>All rights reserved.</footer>"
            "</body></html>")
    return page.encode("utf-8")


def write_warc(path: str, records: list[dict[str, object]]) -> None:
    """A gzipped WARC crawl: a request and an HTML response per page, and one non-HTML response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, rec in enumerate(records):
            uri = str(rec["url"])
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html_page(rec)),
                                                          http_headers=headers))
            if i == 2:
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri + ".png", "response",
                                                              payload=io.BytesIO(b"\x89PNG...."),
                                                              http_headers=img))


def write_corpus(root: str, jsonl_files: int = 2, txt_files: int = 12, warc_pages: int = 20,
                 records: list[dict[str, object]] | None = None) -> list[str]:
    """Writes the corpus as loose .txt files, JSONL files and a WARC crawl; returns the inputs to give a batch.

    The .txt files carry no date, so the caller passes theirs through ``Settings.published`` (see ``txt_dates``).
    """
    records = generate() if records is None else records
    os.makedirs(root, exist_ok=True)
    txt_dir = os.path.join(root, "loose")
    os.makedirs(txt_dir, exist_ok=True)
    singles, pages, rest = records[:txt_files], records[txt_files:txt_files + warc_pages], records[
        txt_files + warc_pages:]
    dates = {}
    for i, rec in enumerate(singles):
        name = f"{i:03d}.txt"
        with open(os.path.join(txt_dir, name), "w", encoding="utf-8") as fh:
            fh.write(f"{rec['title']}\n\n{rec['text']}\n")
        dates[name] = str(rec["published"])
    with open(os.path.join(root, "dates.json"), "w", encoding="utf-8") as fh:
        json.dump(dates, fh)
    paths = [txt_dir] if singles else []
    if pages:
        write_warc(os.path.join(root, "crawl.warc.gz"), pages)
        paths.append(os.path.join(root, "crawl.warc.gz"))
    per = -(-len(rest) // jsonl_files)
    for j in range(jsonl_files):
        path = os.path.join(root, f"crawl-{j}.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for rec in rest[j * per:(j + 1) * per]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def txt_dates(root: str) -> dict[str, str]:
    """The publication dates of the loose .txt files, by file name, for ``Settings.published``."""
    with open(os.path.join(root, "dates.json"), encoding="utf-8") as fh:
        return dict(json.load(fh))


class KillOnce:
    """Wraps a stage function: the first call anywhere kills its own worker process (a marker file says it did)."""

    def __init__(self, marker: str, inner: object) -> None:
        self.marker = marker
        self.inner = inner

    def __call__(self, *args: object) -> object:
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return self.inner(*args)  # type: ignore[operator]
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable: the process was killed")
