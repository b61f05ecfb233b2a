"""How often `vanity --spell` puts a real vanity number's own spelling first.

    python benchmarks/vanity_eval.py            # top-1 and top-3 rates on the list below
    python benchmarks/vanity_eval.py -v         # and each number's best three spellings

The list: toll-free numbers that businesses and services really advertised, each
with the public page it was found on (newspaper archives, company pages, blogs),
gathered before the scorer was tuned. Each number is dialled from its advertised
letters (letters past the tenth digit are not dialled, as on the ads), spelled by
numsearch, and counted as a hit when a spelling puts the advertised letters and
digits on the number (word breaks aside: GOT-JUNK and GOTJUNK are the same ad).

Kept: spellings numsearch means to find, i.e. English words (two-letter words inside
phrases), brand names and first names of its bundled lists, digits (a lone 2 or 4 as
TO or FOR), a last word cut after 6+ letters, and a known phrase losing its last
letter. EXCLUDED lists what was found but is out of that scope, and why;
`--all` scores those too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from numsearch import keypad, number_layout, vanity, words

ORLANDO_1986 = "http://articles.orlandosentinel.com/1986-01-26/business/0190320116_1_dial-the-number-toll-free-numbers-american-telephone"
BALTIMORE_1993 = "http://articles.baltimoresun.com/1993-06-04/features/1993155071_1_vanity-numbers-800-number-regular-numbers"
ADAGE = "https://adage.com/article/news/1-8-mindshare-numbers-game-vanity-numbers-give-marketing-edge/86282/"
BLOG_2010 = "http://e-manadventures.blogspot.com/2010/07/1-800-whats-number.html"
LEXICON_2007 = "http://lordsoflexicon.blogspot.com/2007/05/before-dot-com-there-was-1-800.html"
SAN_DIEGO_1993 = (
    "https://sandiegoreader.com/news/1993/aug/26/straight-mystery-800-numbers/?page=all"
)
HILTON_2013 = "http://jonihilton.blogspot.com/2013/09/what-does-your-phone-number-spell.html"

# (as advertised, where it was found)
NUMBERS: list[tuple[str, str]] = [
    ("1-800-FLOWERS", ORLANDO_1986),
    ("1-800-GIFT-HAM", ORLANDO_1986),
    ("1-800-241-FORD", ORLANDO_1986),
    ("1-800-CAR-RENT", ORLANDO_1986),
    ("1-800-FLORIDA", ORLANDO_1986),
    ("1-800-COLLECT", "http://dialabc.com/words"),
    ("1-800-THE-CARD", BALTIMORE_1993),
    ("1-800-CASH-NOW", BALTIMORE_1993),
    ("1-800-LITURGY", BALTIMORE_1993),
    ("1-800-CALL-ATT", BLOG_2010),
    ("1-800-PET-MEDS", BLOG_2010),
    ("1-800-VERIZON", BLOG_2010),
    ("1-800-MICROSOFT", ADAGE),
    ("1-800-2-SO-EASY", ADAGE),
    ("1-800-2-DINERS", ADAGE),
    ("1-800-9-MONTHS", ADAGE),
    ("1-800-DO-LUNCH", ADAGE),
    ("1-800-IBM-CALL", ADAGE),
    ("1-866-LOGISTIC", "https://www.strategicsourceror.com/2021/11/vanity-numbers-value-or-not.html"),
    ("1-800-HURT-911", "https://www.lawyer-advertising-blog.com/category/vanity-phone-numbers/page/2"),
    ("1-800-HOME-CARE", HILTON_2013),
    ("1-800-NEST-EGG", HILTON_2013),
    ("1-800-JETBLUE", "http://mobile2.jetblue.com/travel/special-assistance/complaint-resolution/"),
    ("1-800-GO-FEDEX", "https://studylib.net/doc/18316751/fedex-express-and-fedex-ground-claim-form-instructions-and"),
    ("1-800-MATTRESS", "https://andrewtobias.com/dial-a-mattress/"),  # advertised 800-MATTRES
    ("1-877-CARS-654", "https://jalopnik.com/florist-inundated-with-gm-cash-for-clunkers-calls-5341553"),
    ("1-800-GOT-JUNK", "https://www.entrepreneur.com/article/325906"),
    ("1-800-CONTACTS", "https://wikimd.com/wiki/1-800_Contacts"),
    ("1-800-DENTIST", "http://articles.mcall.com/1993-04-11/news/2923775_1_dentist-referral-patients"),
    ("1-800-STAMP-24", "https://cao.scotfaulkner.com/arcade/pomore.htm"),
    ("1-800-FURNISH", LEXICON_2007),
    ("1-800-THE-BANK", LEXICON_2007),
    ("1-800-WEATHER", LEXICON_2007),
    ("1-800-FOR-CAST", LEXICON_2007),  # written 1800-FORCAST: a fishing supply shop
    ("1-800-871-DUST", SAN_DIEGO_1993),
    ("1-800-443-TERM", SAN_DIEGO_1993),
    ("1-800-826-AMPS", "https://latimes.com/archives/la-xpm-1989-02-09-vw-3245-story.html"),
    ("1-800-ASK-GARY", "https://www.avvo.com/legal-guides/ugc/lawyer-and-1-800-referral-service-advertising"),
    ("1-800-PIT-BULL", "https://www.overlawyered.com/tag/chasing-clients/page/34/"),
    # The number from apple.com's AppleCare page data (+1-800-692-7753); the spelling is
    # the one the marketers' list in numsearch's vanity issue gives.
    ("1-800-MY-APPLE", "https://url.tool.renenyffenegger.ch/?url=http%3A%2F%2Fwww.apple.com%2Fsupport%2Fproducts%2F"),
]  # fmt: skip

# Found, but not what numsearch sets out to spell: (as advertised, where, why).
EXCLUDED: list[tuple[str, str, str]] = [
    ("1-800-MARLBORO", BALTIMORE_1993, "a brand none of the bundled name lists has"),
    ("1-800-GO-UHAUL", "https://www.recordnet.com/story/news/1994/04/01/800-brokers-dialing-into-irritaion/50879866007/",
     "a brand none of the bundled name lists has"),
    ("1-800-CALL-ADT", BLOG_2010, "a brand none of the bundled name lists has"),
    ("1-800-SEND-FTD", ADAGE, "a brand none of the bundled name lists has"),
    ("1-800-FORBES-5", ADAGE, "a brand none of the bundled name lists has"),
    ("1-800-XFINITY", "https://www.manualshelf.com/manual/technicolor-connected-home-usa/dci401com2/user-manual-part-1-english/page-6.html",
     "a brand none of the bundled name lists has"),
    ("1-800-241-TRAVEL", ADAGE, "cut after 4 letters (TRAV-EL); numsearch cuts after 6+"),
    ("1-800-347-WATER", ADAGE, "cut after 4 letters (WATE-R); numsearch cuts after 6+"),
    ("1-800-85-NO-DEBT", "https://www.mantecabulletin.com/opinion/local-columns/need-a-lawyer-to-strike-it-rich-call-luv-2sue/",
     "cut after 3 letters (DEB-T); numsearch cuts a word after 6+, a phrase by one letter"),
    ("1-800-USA-RAIL", "http://trainweb.org/amtrak/abt_ride.html",
     "an abbreviation (USA) none of the bundled lists has"),
    ("1-800-BLUE-CROSS", ADAGE,
     "cut after 3 letters (CRO-SS); numsearch cuts a word after 6+, a phrase by one letter"),
    ("1-800-GET-RESULTS", ADAGE,
     "cut after 4 letters; numsearch cuts a word after 6+, a phrase by one letter"),
    ("1-800-NEW-WHEELS", "http://www.adeptel.com/vanity.asp",
     "cut after 4 letters; numsearch cuts a word after 6+, a phrase by one letter"),
    ("1-877-KARS-4-KIDS", BLOG_2010, "a misspelling (KARS)"),
    ("1-800-NASAFCU", BLOG_2010, "an acronym, not a word"),
    ("1-800-24-HR-DUI", "https://www.mantecabulletin.com/opinion/local-columns/need-a-lawyer-to-strike-it-rich-call-luv-2sue/",
     "abbreviations, not words"),
]  # fmt: skip


def expected(advertised: str) -> str:
    """The advertised text over the national number: 1-800-MATTRESS -> 800MATTRES."""
    body = keypad.strip_separators(advertised).upper().removeprefix("1")
    return body[:10]


def evaluate(entries: list[str], index: words.WordIndex, verbose: bool) -> tuple[int, int]:
    """(top-1 hits, top-3 hits) over `entries`, printing the misses (or all with verbose)."""
    top1 = top3 = 0
    for advertised in entries:
        shape = number_layout.layout(advertised)
        spellings = vanity.spell(shape, index, limit=3)
        wanted = expected(advertised)
        found = [expected(s.text) for s in spellings]
        top1 += bool(found[:1] == [wanted])
        top3 += wanted in found
        if verbose or wanted not in found[:1]:
            mark = "ok " if found[:1] == [wanted] else "top3" if wanted in found else "MISS"
            shown = ", ".join(f"{s.text} {s.score:.2f}" for s in spellings) or "(nothing)"
            print(f"  {mark:4} {advertised:20} {shown}")
    return top1, top3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show every number")
    parser.add_argument("--all", action="store_true", help="also score the EXCLUDED numbers")
    args = parser.parse_args()
    index = words.word_index()
    groups = [("vanity numbers", [advertised for advertised, _ in NUMBERS])]
    if args.all:
        groups.append(("excluded numbers", [advertised for advertised, _, _ in EXCLUDED]))
        groups.append(("all gathered", groups[0][1] + groups[1][1]))
    for name, entries in groups:
        print(f"{name}:")
        top1, top3 = evaluate(entries, index, args.verbose)
        count = len(entries)
        print(f"{count} {name}: top-1 {top1}/{count} = {top1 / count:.0%}, "
              f"top-3 {top3}/{count} = {top3 / count:.0%}")  # fmt: skip


if __name__ == "__main__":
    main()
