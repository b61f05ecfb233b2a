"""How often `vanity --spell` puts a real vanity number's own spelling first, and whether
it orders plainly better and worse spellings of a number the right way round.

    python benchmarks/vanity_eval.py            # every figure: tuning set, test half, pairs
    python benchmarks/vanity_eval.py -v         # and each number's best three spellings
    python benchmarks/vanity_eval.py --all      # also the EXCLUDED numbers
    python benchmarks/vanity_eval.py --fresh F  # also a list kept outside the project
                                                # (lines "number | spelling | source")

The lists: numbers that businesses, agencies and charities really advertised, each with
the public page it was found on (newspaper archives, company and agency pages, blogs).
Each number is dialled from its advertised letters (letters past the tenth digit are not
dialled, as on the ads), spelled by numsearch, and counted as a hit when a spelling puts
the advertised letters and digits on the number (word breaks aside: GOT-JUNK and GOTJUNK
are the same ad).

NUMBERS (the first 40, and four that EXCLUDED held before issue #23) and EXCLUDED are
the tuning set the scorer was built with.
NEW_NUMBERS were gathered for issue #23 and committed, with SPLIT_SEED, before the
scorer changed: `test_half()` draws half of them at random with that seed, once, and the
rest join the tuning set. The test half is only ever measured, never tuned on.

Kept: spellings numsearch means to find, i.e. English words (two-letter words inside
phrases), brand names, first names, acronyms and abbreviations of its bundled lists,
digits (a lone 2 or 4 as TO or FOR), a last word cut after 6+ letters, and a known phrase
losing its last letter. EXCLUDED lists what was found but is out of that scope, and why;
`--all` scores those too.

PAIRS are (number, a plainly better ad, a plainly worse one) of the kinds issue #23 names
(444-HELP before GIG-HELP, USA-RAIL before TRAP-245, GO-UHAUL before IN-THAT-5,
PET-MEDS before SET-ODES); none uses a number of the test half. A pair is in the right
order when the better one comes before the worse one among a number's best 50.
"""

from __future__ import annotations

import argparse
import random
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
    # Excluded until issue #23 (no bundled list had the brand or acronym, or the cut was
    # of a name of two words); tuning numbers like the 40 above.
    ("1-800-GO-UHAUL", "https://www.recordnet.com/story/news/1994/04/01/800-brokers-dialing-into-irritaion/50879866007/"),
    ("1-800-XFINITY", "https://www.manualshelf.com/manual/technicolor-connected-home-usa/dci401com2/user-manual-part-1-english/page-6.html"),
    ("1-800-USA-RAIL", "http://trainweb.org/amtrak/abt_ride.html"),
    ("1-800-BLUE-CROSS", ADAGE),
]  # fmt: skip

# Found, but not what numsearch sets out to spell: (as advertised, where, why).
EXCLUDED: list[tuple[str, str, str]] = [
    ("1-800-MARLBORO", BALTIMORE_1993, "a brand none of the bundled name lists has"),
    ("1-800-CALL-ADT", BLOG_2010, "a brand none of the bundled name lists has"),
    ("1-800-SEND-FTD", ADAGE, "a brand none of the bundled name lists has"),
    ("1-800-FORBES-5", ADAGE, "a brand none of the bundled name lists has"),
    ("1-800-241-TRAVEL", ADAGE, "cut after 4 letters (TRAV-EL); numsearch cuts after 6+"),
    ("1-800-347-WATER", ADAGE, "cut after 4 letters (WATE-R); numsearch cuts after 6+"),
    ("1-800-85-NO-DEBT", "https://www.mantecabulletin.com/opinion/local-columns/need-a-lawyer-to-strike-it-rich-call-luv-2sue/",
     "cut after 3 letters (DEB-T); numsearch cuts a word after 6+, a phrase by one letter"),
    ("1-800-GET-RESULTS", ADAGE,
     "cut after 4 letters; numsearch cuts a word after 6+, a phrase by one letter (a name more)"),
    ("1-800-NEW-WHEELS", "http://www.adeptel.com/vanity.asp",
     "cut after 4 letters; numsearch cuts a word after 6+, a phrase by one letter (a name more)"),
    ("1-877-KARS-4-KIDS", BLOG_2010, "a misspelling (KARS)"),
    ("1-800-NASAFCU", BLOG_2010, "an acronym (FCU) none of the bundled lists has"),
    ("1-800-24-HR-DUI", "https://www.mantecabulletin.com/opinion/local-columns/need-a-lawyer-to-strike-it-rich-call-luv-2sue/",
     "a two-letter abbreviation (HR); numsearch's acronyms have 3 to 5 letters"),
    ("1-800-FL-AYUDA", "http://oysterradio.blogspot.com/2018/03/florida-department-of-agriculture-and.html",
     "Spanish (AYUDA); numsearch spells English"),
]  # fmt: skip

# Gathered for issue #23 (agency and charity hotlines, insurers, retailers, banks, airlines,
# carriers, a transit agency), committed with SPLIT_SEED before the scorer changed.
NEW_NUMBERS: list[tuple[str, str]] = [
    ("1-800-273-TALK", "https://wiki.ard-site.net/index.php/National_Suicide_Prevention_Lifeline"),
    ("1-800-SUICIDE", "http://www.suicidepreventionlifeline.org/About/FAQ"),
    ("1-800-799-4TTY", "http://www.suicidepreventionlifeline.org/About/FAQ"),
    ("1-800-RED-CROSS", "https://www.riverbender.com/news/details/blood-needs-do-not-diminish-during-covid19-pandemic-several-drives-set-41627.cfm"),
    ("1-800-GIVE-LIFE", "http://maxibabe.blogspot.com/2009/09/blood-donations-are-needed.html"),
    ("1-800-MEDICARE", "https://wiserwomen.org/caregiver-home/caregiver-medicare-parent/"),
    ("1-800-CDC-INFO", "https://iiab.me/modules/en-cdc/www.cdc.gov/cdc-info/about.html"),
    ("1-800-THE-LOST", "https://identakid.com/what-to-do/"),
    ("1-800-799-SAFE", "https://en.wikipedia.org/wiki/National_Domestic_Violence_Hotline"),
    ("1-800-I-FLY-SWA", "http://southwestairlinesonlinereservations.org/faqs.html"),
    ("1-800-RUNAWAY", "http://piglix.com/piglix/National_Runaway_Switchboard"),
    ("1-800-4-CANCER", "https://www.sfltimes.com/health/know-free-cancer-help-line"),
    ("1-800-ACS-2345", "https://indiancountrytoday.com/archive/american-cancer-society-provides-information-day-or-night-over-the-phone"),
    ("1-866-RING-RING", "https://en.wikipedia.org/wiki/Phoneword"),
    ("1-514-AUTOBUS", "https://en.wikipedia.org/wiki/Phoneword"),
    ("1-514-STM-INFO", "https://en.wikipedia.org/wiki/Phoneword"),
    ("1-800-ALLSTATE", "https://allstategoodhandsnews.com/on-the-road/323-how-to-file-an-auto-claim.html?r=catimg"),
    ("1-877-ID-THEFT", "http://www.eriefcu.org/security-alerts-notices/security-faqs/"),
    ("1-877-FTC-HELP", "http://www.infofaq.com/fraud/credit-card/helping-victims.html"),
    ("1-800-621-FEMA", "http://rncnyc2004.blogspot.com/2005/09/how-to-register-for-fema-assistance-by.html"),
    ("1-800-AT-WELLS", "https://en.ihoctot.com/post/wells-fargo-fraud-department-customer-service-number"),
    ("1-855-411-CFPB", "https://citizen.complainthub.org/t/complete-grievance-complaint-guide-how-to-escalate-issues-with-wells-fargo/29010"),
    ("1-800-4-FED-AID", "http://financialaid.giantific.com/Student_Financial_Aid_for_College.html"),
    ("1-800-4-PGRANT", "https://fsapartners.ed.gov/knowledge-center/library/electronic-announcements/2006-08-25/summary-labor-day-federal-holiday-processing-and-customer-service-hours"),
    ("1-800-4-A-CHILD", "http://thekidstrust.org/abuse-information/finding-help/"),
    ("1-800-2-A-CHILD", "https://winenfood.com/the-official-number-for-the-child-abuse-hotline"),
    ("1-800-25-ABUSE", "https://counseling.info/journal/child-abuse/child-abuse-hotlines-phone-numbers/"),
    ("1-800-HIT-HOME", "https://counseling.info/journal/child-abuse/child-abuse-hotlines-phone-numbers/"),
    ("1-800-O-CANADA", "http://www.servicecanada.gc.ca/eng/about/reports/corp/oss.shtml"),
    ("1-800-PROGRESSIVE", "https://search.sks.com/progressive-insurance-claims-phone-number"),
    ("1-888-MP-HOTLINE", "https://webarchive.library.unt.edu/eot2008/20090508190638/http://www.fsis.usda.gov/Food_Safety_Education/USDA_Meat_&_Poultry_Hotline/index.asp"),
    ("1-800-HOME-DEPOT", "https://thd.co/2isCYRD"),
    ("1-844-4-FCC-ASL", "https://studylib.net/doc/7193895/informal-complaint-form"),
    ("1-800-424-LEAD", "http://inspectapedia.com/hazmat/Lead_Help_Telephones.php"),
    ("1-800-440-LEAD", "http://www.portal.state.pa.us/portal/server.pt/community/lead_poisoning_prevention___control/14175/lead_information_line/558054"),
    ("1-800-35-NIOSH", "http://www.dol.gov/elaws/osha/lead/Federal.asp"),
    ("1-800-PRINCESS", "https://kabachok.online/ras/sluchay/18136.html"),
    ("1-800-423-USAF", "https://sites.google.com/trusd.net/riolindahighschoolcounseling/rlhs-career-center/join-the-military"),
    ("1-800-MARINES", "https://sites.google.com/trusd.net/riolindahighschoolcounseling/rlhs-career-center/join-the-military"),
    ("1-800-USA-NAVY", "https://sites.google.com/trusd.net/riolindahighschoolcounseling/rlhs-career-center/join-the-military"),
]  # fmt: skip
SPLIT_SEED = 23


def test_half() -> list[str]:
    """Half of NEW_NUMBERS, drawn at random with SPLIT_SEED: measured, never tuned on."""
    advertised = sorted(number for number, _ in NEW_NUMBERS)
    return sorted(random.Random(SPLIT_SEED).sample(advertised, len(advertised) // 2))


def tuning_set() -> list[str]:
    """NUMBERS (the scorer was built with them) and the rest of NEW_NUMBERS."""
    held_out = set(test_half())
    return [n for n, _ in NUMBERS] + [n for n, _ in NEW_NUMBERS if n not in held_out]


# (number, a plainly better ad, a plainly worse one): digits better left digits, acronyms,
# brands, phrases against chains of weak words. No number of the test half is used.
PAIRS: list[tuple[str, str, str]] = [
    ("+18004444357", "1-800-444-HELP", "1-800-GIG-HELP"),
    ("+18004444357", "1-800-444-HELP", "1-800-HIGH-DJS"),
    ("+15106439499", "1-510-MID-9499", "1-510-MID-WHY-9"),
    ("+15106439499", "1-510-MID-9499", "1-510-6-HE-WHY-9"),
    ("1-800-424-LEAD", "1-800-424-LEAD", "1-800-GAG-LEAD"),
    ("1-800-424-LEAD", "1-800-424-LEAD", "1-800-HAIL-DAD"),
    ("1-800-799-SAFE", "1-800-799-SAFE", "1-800-PYX-SAFE"),
    ("1-800-799-SAFE", "1-800-799-SAFE", "1-800-799-7-BED"),
    ("1-800-443-TERM", "1-800-443-TERM", "1-800-HID-TERM"),
    ("1-800-273-TALK", "1-800-273-TALK", "1-800-2-SET-ALL"),
    ("1-800-273-TALK", "1-800-273-TALK", "1-800-BSD-TALK"),
    ("1-800-STAMP-24", "1-800-STAMP-24", "1-800-SUB-6724"),
    ("1-800-HURT-911", "1-800-HURT-911", "1-800-GUS-8911"),
    ("1-800-9-MONTHS", "1-800-9-MONTHS", "1-800-WON-OTIS"),
    ("1-800-CALL-ATT", "1-800-CALL-ATT", "1-800-CALL-CUT"),
    ("1-800-IBM-CALL", "1-800-IBM-CALL", "1-800-HAM-CALL"),
    ("1-800-USA-RAIL", "1-800-USA-RAIL", "1-800-TRAP-245"),
    ("1-800-USA-RAIL", "1-800-USA-RAIL", "1-800-TRAP-AIL"),
    ("1-800-621-FEMA", "1-800-621-FEMA", "1-800-621-3-DOC"),
    ("1-877-ID-THEFT", "1-877-ID-THEFT", "1-877-HE-THEFT"),
    ("1-877-ID-THEFT", "1-877-ID-THEFT", "1-877-GET-HEFT"),
    ("1-844-4-FCC-ASL", "1-844-4-FCC-ASL", "1-844-4-DAB-ASK"),
    ("1-877-FTC-HELP", "1-877-FTC-HELP", "1-877-DUB-HELP"),
    ("1-877-FTC-HELP", "1-877-FTC-HELP", "1-877-ETCH-DJS"),
    ("1-800-423-USAF", "1-800-423-USAF", "1-800-ICE-UP-23"),
    ("1-800-ACS-2345", "1-800-ACS-2345", "1-800-CAR-2-DHL"),
    ("1-800-ACS-2345", "1-800-ACS-2345", "1-800-BARB-DHL"),
    ("1-800-GO-UHAUL", "1-800-GO-UHAUL", "1-800-IN-THAT-5"),
    ("1-800-GO-UHAUL", "1-800-GO-UHAUL", "1-800-GOT-HAT-5"),
    ("1-800-CALL-ADT", "1-800-CALL-ADT", "1-800-BALL-BET"),
    ("1-800-SEND-FTD", "1-800-SEND-FTD", "1-800-PEN-FEUD"),
    ("1-800-SEND-FTD", "1-800-SEND-FTD", "1-800-SEND-DUD"),
    ("1-800-XFINITY", "1-800-XFINITY", "1-800-93-GO-GUY"),
    ("1-800-MARLBORO", "1-800-MARLBORO", "1-800-MASK-COP"),
    ("1-800-ALLSTATE", "1-800-ALLSTATE", "1-800-ALL-SUB-8"),
    ("1-800-ALLSTATE", "1-800-ALLSTATE", "1-800-ALL-PUB-8"),
    ("1-800-FORBES-5", "1-800-FORBES-5", "1-800-FOR-ADS-5"),
    ("1-800-JETBLUE", "1-800-JETBLUE", "1-800-LET-CLUE"),
    ("1-800-MEDICARE", "1-800-MEDICARE", "1-800-OFF-4-CAR"),
    ("1-800-826-AMPS", "1-800-826-AMPS", "1-800-TAM-BOSS"),
    ("1-800-PET-MEDS", "1-800-PET-MEDS", "1-800-SET-ODES"),
    ("1-800-PET-MEDS", "1-800-PET-MEDS", "1-800-SET-ME-37"),
    ("1-800-THE-CARD", "1-800-THE-CARD", "1-800-TIE-CASE"),
    ("1-800-HIT-HOME", "1-800-HIT-HOME", "1-800-GIT-GOOD"),
    ("1-800-RUNAWAY", "1-800-RUNAWAY", "1-800-SUM-AWAY"),
    ("1-800-GIVE-LIFE", "1-800-GIVE-LIFE", "1-800-GIVE-LID"),
    ("1-800-RED-CROSS", "1-800-RED-CROSS", "1-800-SEE-2-POP"),
    ("1-800-NEST-EGG", "1-800-NEST-EGG", "1-800-OF-SUE-44"),
    ("1-800-CASH-NOW", "1-800-CASH-NOW", "1-800-CAR-4-NOW"),
    ("1-800-GOT-JUNK", "1-800-GOT-JUNK", "1-800-GNU-JUNK"),
]


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


def pair_in_order(number: str, better: str, worse: str, index: words.WordIndex) -> bool:
    """Whether `better` comes before `worse` among the number's best 50 spellings (a worse
    one not offered at all is after any offered one)."""
    found = [expected(s.text) for s in vanity.spell(number_layout.layout(number), index, limit=50)]
    if expected(better) not in found:
        return False
    position = found.index(expected(better))
    return expected(worse) not in found or position < found.index(expected(worse))


def evaluate_pairs(index: words.WordIndex, verbose: bool) -> int:
    """How many PAIRS come out in the right order, printing the others (or all)."""
    right = 0
    for number, better, worse in PAIRS:
        ok = pair_in_order(number, better, worse, index)
        right += ok
        if verbose or not ok:
            print(f"  {'ok ' if ok else 'WRONG':5} {better} before {worse}")
    return right


def read_fresh(path: Path) -> list[str]:
    """The advertised spellings of a list kept outside the project: `number | spelling |
    source` a line, # comments skipped."""
    lines = [line.split("|") for line in path.read_text().splitlines()]
    return [parts[1].strip() for parts in lines if len(parts) > 1 and not parts[0].startswith("#")]


def report(name: str, entries: list[str], index: words.WordIndex, verbose: bool) -> None:
    print(f"{name}:")
    top1, top3 = evaluate(entries, index, verbose)
    count = len(entries)
    print(f"{count} {name}: top-1 {top1}/{count} = {top1 / count:.0%}, "
          f"top-3 {top3}/{count} = {top3 / count:.0%}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show every number")
    parser.add_argument("--all", action="store_true", help="also score the EXCLUDED numbers")
    parser.add_argument("--fresh", type=Path, help="also score a list kept outside the project")
    args = parser.parse_args()
    index = words.word_index()
    report("the first 40 (tuning)", [n for n, _ in NUMBERS[:40]], index, args.verbose)
    report("tuning set", tuning_set(), index, args.verbose)
    report("test half", test_half(), index, args.verbose)
    if args.all:
        excluded = [advertised for advertised, _, _ in EXCLUDED]
        report("excluded numbers", excluded, index, args.verbose)
    if args.fresh:
        report("fresh list", read_fresh(args.fresh), index, args.verbose)
    print("preference pairs:")
    right = evaluate_pairs(index, args.verbose)
    print(f"{len(PAIRS)} pairs: {right} in the right order = {right / len(PAIRS):.0%}")


if __name__ == "__main__":
    main()
