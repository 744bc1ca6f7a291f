"""Web pages as the browser's tab title and URL: research services, court and patent-office portals,
document-management workspaces, the firm's own tools and personal sites."""

from __future__ import annotations

import random
from urllib.parse import quote, quote_plus

from . import pools
from .model import Page

RESEARCH_SITES = ("westlaw", "lexis", "bloomberg", "scholar", "fastcase")


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def research_search(site: str, query: str, rng: random.Random, client_id: str = "") -> Page:
    tail = f" | Client ID: {client_id}" if client_id else ""
    if site == "westlaw":
        return Page(
            f"{query} - Search Results - Westlaw Precision{tail}",
            f"https://1.next.westlaw.com/Search/Results.html?query={quote_plus(query)}&jurisdiction=ALLCASES",
        )
    if site == "lexis":
        return Page(
            f"Lexis+ | Search Results: {query}{tail}",
            f"https://plus.lexis.com/search/?pdsearchterms={quote(query)}&pdstartin=hlct%3A1%3A1",
        )
    if site == "bloomberg":
        return Page(
            f"{query} - Search Results | Bloomberg Law"
            + (f" | Client/Matter: {client_id}" if client_id else ""),
            f"https://www.bloomberglaw.com/search/results/{_hex(rng, 24)}",
        )
    if site == "fastcase":
        return Page(
            f"Search Results - {query} | vLex Fastcase", f"https://app.vlex.com/search?q={quote_plus(query)}"
        )
    return Page(
        f"{query} - Google Scholar",
        f"https://scholar.google.com/scholar?hl=en&as_sdt=4,7&q={quote_plus(query)}",
    )


def case_name(rng: random.Random) -> str:
    a = rng.choice(pools.LAST_NAMES)
    b = rng.choice(pools.NAME_PREFIXES) + rng.choice(pools.NAME_SUFFIXES)
    form = rng.randrange(4)
    if form == 0:
        return f"{a} v. {b} {rng.choice(pools.INDUSTRIES)} {rng.choice(pools.ENTITY_TYPES)}"
    if form == 1:
        return f"{a} v. {rng.choice(pools.LAST_NAMES)}"
    if form == 2:
        return f"In re {b.capitalize()} {rng.choice(pools.INDUSTRIES)} Litig."
    return f"{b.capitalize()} Ins. Co. v. {a}"


def research_case(site: str, case: str, rng: random.Random) -> Page:
    if site == "westlaw":
        return Page(
            f"{case} | Westlaw Precision",
            f"https://1.next.westlaw.com/Document/I{_hex(rng, 32)}/View/FullText.html",
        )
    if site == "lexis":
        return Page(
            f"{case} | Lexis+",
            f"https://plus.lexis.com/document/?pdmfid=1530671&crid={_hex(rng, 8)}-{_hex(rng, 4)}",
        )
    if site == "bloomberg":
        return Page(
            f"{case}, Court Opinion | Bloomberg Law",
            f"https://www.bloomberglaw.com/document/X{_hex(rng, 20).upper()}",
        )
    if site == "fastcase":
        return Page(f"{case} | vLex Fastcase", f"https://app.vlex.com/vid/{rng.randint(10**8, 10**9)}")
    return Page(
        f"{case} - Google Scholar",
        f"https://scholar.google.com/scholar_case?case={rng.randint(10**17, 10**18)}",
    )


# --- DMS and practice management --------------------------------------------------------------------------


def imanage_workspace(ws_id: int, label: str, tenant: str) -> Page:
    return Page(
        f"{label} - iManage Work",
        f"https://{tenant}.imanage.work/work/web/r/libraries/ACTIVE/workspaces/ACTIVE!{ws_id}",
    )


def imanage_recent(tenant: str) -> Page:
    return Page(
        "Recent Documents - iManage Work", f"https://{tenant}.imanage.work/work/web/r/recent-documents"
    )


def netdocs_workspace(ws: str, label: str) -> Page:
    return Page(f"{label} | NetDocuments", f"https://vault.netvoyage.com/neWeb2/workspace/{ws}/docs")


def netdocs_recent() -> Page:
    return Page("Home | NetDocuments", "https://vault.netvoyage.com/neWeb2/home")


def clio_matter(matter_id: int, label: str) -> Page:
    return Page(f"{label} - Clio", f"https://app.clio.com/nc/#/matters/{matter_id}/dashboard")


def clio_documents(matter_id: int, label: str) -> Page:
    return Page(f"{label} - Documents - Clio", f"https://app.clio.com/nc/#/matters/{matter_id}/documents")


# --- courts and agencies ----------------------------------------------------------------------------------


def ecf_docket(district: str, case_id: int) -> Page:
    return Page(
        f"{district.upper()} CM/ECF NextGen - Docket Report",
        f"https://ecf.{district}.uscourts.gov/cgi-bin/DktRpt.pl?{case_id}",
    )


def ecf_document(district: str, rng: random.Random) -> Page:
    return Page(
        "show_temp.pl",
        f"https://ecf.{district}.uscourts.gov/cgi-bin/show_temp.pl?file={rng.randint(10**6, 10**7)}"
        f"-0--{rng.randint(1000, 99999)}.pdf&type=application/pdf",
    )


def ecf_filing(district: str, rng: random.Random) -> Page:
    return Page(
        f"{district.upper()} CM/ECF NextGen - Civil Events",
        f"https://ecf.{district}.uscourts.gov/cgi-bin/DisplayMenu.pl?CivilEvents&id="
        f"{rng.randint(10**5, 10**6)}",
    )


def ct_case_detail(docket_dashed: str, docket_compact: str) -> Page:
    return Page(
        f"Case Detail - {docket_dashed}",
        f"https://civilinquiry.jud.ct.gov/CaseDetail/PublicCaseDetail.aspx?DocketNo={docket_compact}",
    )


def ct_efile(rng: random.Random) -> Page:
    return Page(
        "E-Services - Connecticut Judicial Branch",
        f"https://eservices.jud.ct.gov/Efiling/EfileDocument.aspx?Token={_hex(rng, 16)}",
    )


def nyscef(docket_id: str) -> Page:
    return Page(
        "NYSCEF - Document List",
        f"https://iapps.courts.state.ny.us/nyscef/DocumentList?docketId={docket_id}&display=all",
    )


def efile_il(rng: random.Random) -> Page:
    return Page(
        "Filings - Odyssey eFileIL",
        "https://illinois.tylertech.cloud/OfsWeb/FileAndServeModule/Envelope/AddOrEdit?envelopeId="
        f"{rng.randint(10**7, 10**8)}",
    )


def eeoc_portal(charge_variant: str, rng: random.Random) -> Page:
    return Page(
        f"EEOC Respondent Portal - {charge_variant}",
        f"https://publicportal.eeoc.gov/Portal/Respondent/Charge/{_hex(rng, 8)}-{_hex(rng, 4)}",
    )


def uscis_status(receipt: str) -> Page:
    return Page(
        "Case Status Online - USCIS",
        f"https://egov.uscis.gov/casestatus/mycasestatus.do?appReceiptNum={receipt}",
    )


def patent_center(app_no: str, section: str = "ifw") -> Page:
    return Page(
        "Patent Center | USPTO", f"https://patentcenter.uspto.gov/applications/{app_no}/{section}/docs"
    )


def patent_center_home() -> Page:
    return Page("Patent Center | USPTO", "https://patentcenter.uspto.gov/")


def google_patent(compact: str, title: str) -> Page:
    return Page(f"{compact} - {title} - Google Patents", f"https://patents.google.com/patent/{compact}/en")


def tsdr(serial: str) -> Page:
    return Page(
        "Trademark Status & Document Retrieval (TSDR)",
        f"https://tsdr.uspto.gov/#caseNumber={serial}&caseType=SERIAL_NO",
    )


# --- firm tools -------------------------------------------------------------------------------------------


def ebilling(system: str, client: str, rng: random.Random) -> Page:
    if system == "legaltracker":
        return Page(
            f"{client} - Invoices - Legal Tracker",
            f"https://www.legaltracker.com/invoice/list?companyId={rng.randint(1000, 99999)}",
        )
    if system == "counsellink":
        return Page(
            f"CounselLink - {client} - Invoice Detail",
            f"https://www.counsellink.net/clink/invoice/{rng.randint(10**6, 10**7)}",
        )
    return Page(
        f"T360 - {client} - Submitted Invoices",
        f"https://www.tymetrix360.com/tmx/invoices?client={rng.randint(100, 9999)}",
    )


def timekeeping(system: str, firm_slug: str) -> Page:
    if system == "intapp":
        return Page("My Time - Intapp Time", f"https://{firm_slug}.intapptime.com/time/timesheet")
    if system == "itimekeep":
        return Page("iTimekeep - Time Entries", "https://itimekeep.bellefieldsystems.com/time")
    if system == "clio":
        return Page("Activities - Clio", "https://app.clio.com/nc/#/activities")
    return Page("Time Entry - Aderant", f"https://{firm_slug}.aderant.cloud/expert/time")


def conflicts(party: str, firm_slug: str) -> Page:
    return Page(
        f"Conflicts Search - {party} - Intapp Open", f"https://{firm_slug}.intapp.com/open/conflicts/search"
    )


def intranet(firm: str, domain: str, rng: random.Random) -> Page:
    pages = (
        "Home",
        "Forms & Precedents",
        "CLE Tracker",
        "Office Directory",
        "IT Help Desk",
        "Library Resources",
    )
    name = rng.choice(pages)
    return Page(
        f"{name} - {firm} Intranet",
        f"https://intranet.{domain}/{name.lower().replace(' ', '-').replace('&', 'and')}",
    )


def hr_page(rng: random.Random, firm_slug: str) -> Page:
    return rng.choice(
        (
            Page("Workday - Benefits and Pay", f"https://wd5.myworkday.com/{firm_slug}/d/home.htmld"),
            Page("MyADP - Pay Statements", "https://my.adp.com/#/pay/pay-statements"),
            Page("Expense Report - Concur", "https://us2.concursolutions.com/nui/expense"),
            Page("Bar Dues & CLE - State Bar Member Portal", "https://members.statebar.example/portal"),
        )
    )


def personal(rng: random.Random) -> tuple[Page, bool]:
    """A personal page and whether it plays sound."""
    if rng.random() < 0.2:
        video = rng.choice(pools.YOUTUBE_VIDEOS)
        return Page(f"{video} - YouTube", f"https://www.youtube.com/watch?v={_hex(rng, 11)}"), True
    url, title = rng.choice(pools.PERSONAL_SITES)
    return Page(title, url), False


def private(rng: random.Random) -> Page:
    url, title = rng.choice(pools.INCOGNITO_PAGES)
    return Page(title, url)
