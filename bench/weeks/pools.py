"""Word pools the generator draws from: people, companies, places, topics, web pages.

Pools are large and names are combined (first x last, prefix x suffix x industry) so that no seed's
firm is keyed to a short fixed list.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


FIRST_NAMES = _words("""
Aaliyah Aaron Abigail Adaeze Adam Adrian Aisha Alejandro Alex Alexis Alice Alicia Amara Amir Amy Ana Andre
Andrea Angela Anika Ann Anthony Arjun Ashley Aubrey Ava Barbara Beatriz Ben Bianca Blake Brandon Brenda Brian
Brooke Caleb Cameron Camila Carla Carlos Carmen Carol Caroline Casey Catherine Cecilia Chloe Chris Christina
Claire Colin Connor Courtney Craig Dale Dana Daniel Danielle Darius David Deborah Deepa Denise Derek Desmond
Devin Diana Diego Dmitri Dominic Donna Douglas Dylan Elena Eli Elijah Elizabeth Ellen Emeka Emily Emma Eric
Erin Esther Ethan Eugene Evan Farah Felix Fiona Francesca Frank Gabriel Gabriela Gavin Gemma George Grace
Graham Grant Greg Hana Hannah Harold Heather Hector Helen Henry Hiroshi Hugo Ian Imani Irene Isaac Isabel
Ivan Jack Jacob Jada Jake Jamal James Jamie Jane Janet Jasmine Jason Javier Jay Jean Jeff Jenna Jennifer
Jeremy Jessica Jin Joan Joel John Jordan Jorge Jose Joseph Joshua Joy Juan Julia Julian Justin Kaitlyn
Kamal Karen Karim Kate Kathleen Keisha Keith Kelly Kenji Kevin Kim Kira Kyle Lakshmi Laura Lauren Leah Lena
Leo Leon Liam Lily Linda Lisa Logan Lorenzo Lucas Lucia Luis Luke Lydia Madison Malik Marcus Margaret Maria
Mariana Marisol Mark Marta Martin Mary Mateo Matthew Maya Megan Mei Melissa Meredith Michael Michelle Miguel
Mike Min Miriam Mohammed Monica Nadia Naomi Natalie Nathan Neil Nicole Nikhil Nina Noah Nora Olga Oliver
Olivia Omar Oscar Owen Pablo Pamela Patricia Patrick Paul Paula Peter Philip Priya Quinn Rachel Rafael Rahul
Raj Ramon Raquel Rebecca Renee Ricardo Richard Rita Rob Robert Robin Roger Rosa Ross Ruth Ryan Sabrina Sam
Samantha Samir Sandra Sara Scott Sean Sergio Shannon Sharon Shawn Simone Sofia Sonia Stacy Stephanie Stephen
Steven Sunil Susan Tamara Tanya Tara Teresa Terrence Theo Thomas Tiffany Tim Tina Todd Tom Tomas Tracy
Trevor Tyler Uma Valerie Vanessa Victor Victoria Vikram Vincent Wade Walter Wei Wendy Will Xavier Yara Yuki
Yusuf Zach Zainab Zoe
""")

LAST_NAMES = _words("""
Abbott Abernathy Acosta Adeyemi Agarwal Aguilar Ahmed Albright Alvarado Amato Andersen Aoki Archer Arias
Ashworth Avila Babcock Baker Baldwin Banerjee Barnes Barrett Bauer Beckett Bell Benitez Bennett Bergstrom
Bishop Blackwell Blake Bolton Bose Bowen Boyd Bradford Brandt Brennan Briggs Brooks Bryant Buchanan Burke
Byrne Calderon Caldwell Callahan Campbell Cardenas Carlson Carter Castillo Castro Chandler Chang Chatterjee
Chen Cho Choi Clarke Cobb Coleman Collins Conway Cordova Costa Crawford Cruz Cunningham Dalton Daniels Das
Davenport Delgado Dempsey Desai Diaz Dixon Donnelly Donovan Doyle Drummond Duarte Dubois Duffy Duncan Dunn
Eastwood Edwards Ellison Emerson Espinoza Estrada Evans Farrell Ferguson Fernandez Finch Fischer Fitzgerald
Fleming Flores Foley Forbes Foster Fowler Franco Fraser Fuentes Gallagher Garcia Gardner Garrison Gibson
Gill Gomez Gonzalez Goodwin Gordon Graves Greene Gupta Gutierrez Haas Hale Halloran Hamilton Hammond Hansen
Harmon Harper Hartley Hashemi Hawkins Hayes Henderson Hendricks Herrera Hoffman Holland Holt Horvath Huang
Hughes Hussain Ibarra Ingram Iyer Jackson Jaramillo Jensen Jimenez Johansson Kaplan Kaur Keane Keller
Kennedy Khan Kim Kinsella Kirby Klein Knight Kowalski Kramer Kumar Lachance Lambert Lang Larsen Lawson Le
Leblanc Lee Lehmann Leonard Levy Lindqvist Lowe Lucero Lynch Macias Mahoney Malik Mann Marquez Marsh Mathis
McBride McCarthy McKenna Medina Mehta Mendez Mercer Meyer Miller Mitchell Molina Montgomery Moran Morales
Moreno Morrison Mueller Murphy Murray Nakamura Navarro Nelson Ng Nguyen Nichols Novak Nowak Nunez OBrien
Ochoa Odom Okafor Okonkwo Oliveira Olsen Ortega Osei Owens Pace Padilla Palmer Park Parrish Patel Pearson
Pena Perez Perkins Petrov Pham Phillips Pierce Porter Powell Prescott Price Quinn Quintero Rahman Ramirez
Ramos Randall Rao Reddy Reese Reyes Rhodes Richter Rios Rivera Roberts Robles Rojas Romero Rosen Ross Rowe
Russo Ryan Salazar Sanchez Santos Sato Sauer Schmidt Schneider Schultz Serrano Shah Shapiro Sharma Shaw
Sheridan Silva Simmons Singh Sloane Soto Spencer Stafford Stein Stewart Strickland Sullivan Sutton Suzuki
Tanaka Tate Thornton Torres Tran Tucker Turner Vance Varga Vasquez Vega Velasquez Volkov Wagner Walsh Ward
Warner Watanabe Weaver Webb Weiss Whitfield Wilder Winters Wolfe Wong Wright Yamamoto Yang Yates Young
Zamora Zhang Zhou Zimmerman
""")

NAME_PREFIXES = _words("""
Alder Amber Anchor Apex Arbor Ash Aspen Atlas Aurora Bay Beacon Bear Birch Black Blue Bluff Boulder Bramble
Bright Brook Cairn Canyon Cardinal Cascade Cedar Century Channel Clear Cliff Cobalt Compass Copper Coral
Cove Crane Crest Crown Crystal Cypress Delta Drift Eagle East Echo Elm Ember Falcon Fern Field Fir Flint
Fox Frontier Gable Garnet Gate Glen Golden Granite Grove Gull Harbor Haven Hawk Hazel Heath Heron High
Hollow Horizon Indigo Iron Ivy Juniper Keel Kestrel Lake Lantern Larch Laurel Ledge Linden Lodge Lumen
Maple Marble Marsh Meadow Mesa Mill Mint North Oak Ocean Onyx Orchard Osprey Pacific Palisade Pebble Pine
Pinnacle Plover Prairie Quarry Quartz Rail Raven Red Reed Ridge River Rock Rowan Sage Salt Sandstone Shore
Sierra Silver Slate Sparrow Spring Spruce Stone Summit Sun Swift Tall Teal Thistle Tide Timber Trail True
Tundra Twin Union Valley Vantage Vista Walnut West Willow Wind Wren Yarrow
""")

NAME_SUFFIXES = _words("""
bank bridge brook crest dale field ford gate haven hill holm land light line mark mere mont point port
ridge rock shire side stead stone vale view water well wick wood works worth
""")

INDUSTRIES = _words("""
Analytics Apparel Automation Bakeries Bio Brewing Builders Capital Ceramics Chemicals Coatings Components
Construction Dental Devices Diagnostics Dynamics Electric Energy Engineering Fabrication Farms Fitness Foods
Freight Furniture Genomics Glass Health Holdings Hospitality Imaging Industries Instruments Labs Logistics
Machining Marine Materials Media Medical Metals Mobility Motors Networks Optics Outfitters Packaging
Pharma Plastics Polymers Power Precision Properties Robotics Semiconductor Sensors Software Solar Storage
Systems Technologies Textiles Therapeutics Tools Transit Vision Wireless
""")

ENTITY_TYPES = ("Inc.", "LLC", "Corp.", "Co.", "Holdings, Inc.", "L.P.", "Group, Inc.", "Partners LLC")

INSURER_FORMS = (
    "{w} Mutual Insurance Company",
    "{w} Casualty Company",
    "{w} Indemnity Company",
    "{w} Specialty Insurance Co.",
    "{w} Fire & Casualty Ins. Co.",
    "{w} Assurance Company",
    "{w} National Insurance Company",
    "{w} Property & Casualty",
)

STREETS = _words("""
Main Elm Oak Maple Church Court Market Washington Franklin Jefferson Lincoln Madison State Water High
Union Center Lafayette Grove Chestnut Walnut Pearl Front Broad Liberty Park River Lake Hill Spring
""")

# (state, [(court display, city, courthouse address)]) for away events near the firm.
COURTHOUSES = {
    "CT": (
        ("Hartford Superior Court", "95 Washington St, Hartford, CT 06106"),
        ("New Haven Superior Court", "235 Church St, New Haven, CT 06510"),
        ("U.S. District Court, D. Conn.", "450 Main St, Hartford, CT 06103"),
        ("Stamford Superior Court", "123 Hoyt St, Stamford, CT 06905"),
    ),
    "NY": (
        ("Daniel Patrick Moynihan U.S. Courthouse", "500 Pearl St, New York, NY 10007"),
        ("New York County Supreme Court", "60 Centre St, New York, NY 10007"),
        ("Kings County Supreme Court", "360 Adams St, Brooklyn, NY 11201"),
    ),
    "IL": (
        ("Dirksen U.S. Courthouse", "219 S Dearborn St, Chicago, IL 60604"),
        ("Richard J. Daley Center", "50 W Washington St, Chicago, IL 60602"),
        ("DuPage County Courthouse", "505 N County Farm Rd, Wheaton, IL 60187"),
    ),
    "MA": (
        ("John Joseph Moakley U.S. Courthouse", "1 Courthouse Way, Boston, MA 02210"),
        ("Suffolk County Courthouse", "3 Pemberton Square, Boston, MA 02108"),
    ),
    "TX": (
        ("Bob Casey U.S. Courthouse", "515 Rusk St, Houston, TX 77002"),
        ("Harris County Civil Courthouse", "201 Caroline St, Houston, TX 77002"),
    ),
    "GA": (
        ("Richard B. Russell Federal Building", "75 Ted Turner Dr SW, Atlanta, GA 30303"),
        ("Fulton County Courthouse", "136 Pryor St SW, Atlanta, GA 30303"),
    ),
}

DEFENSE_DOCS = _lines("""
Answer and Affirmative Defenses
Request for Production - First Set
Request for Production - Second Set
Interrogatories - First Set
Responses to Interrogatories
Objections to Request for Admission
Motion to Compel
Opposition to Motion to Compel
Motion for Summary Judgment
Memorandum of Law in Support of Summary Judgment
Rule 26(a)(1) Initial Disclosures
Deposition Outline
Deposition Notice
Subpoena Duces Tecum
Expert Disclosure
Mediation Statement
Initial Case Evaluation Report
Status Report to Carrier
Pre-Trial Report
Motion in Limine
Proposed Scheduling Order
Protective Order - Stipulated
Letter to Opposing Counsel re Deficiencies
Litigation Budget
Settlement Evaluation
""")

COVERAGE_DOCS = _lines("""
Coverage Opinion
Reservation of Rights Letter
Declination Letter
Policy Analysis Memo
Coverage Position Letter
Declaratory Judgment Complaint
Tender Response
""")

DEFENSE_PDFS = _lines("""
Medical Records
Police Report
Incident Report
Claim File Notes
Recorded Statement Transcript
Expert Report
Deposition Transcript
Employment File
Photographs
Repair Estimate
Surveillance Report
Complaint
Amended Complaint
Certified Policy
""")

DEFENSE_TOPICS = _lines("""
spoliation of evidence adverse inference
premises liability notice of defect
comparative negligence apportionment
collateral source rule reduction
independent medical examination scope
duty to defend allegations complaint
late notice prejudice insurer
bad faith failure to settle within limits
respondeat superior scope of employment
negligent entrustment vehicle owner
res ipsa loquitur control instrumentality
expert testimony Daubert reliability
statute of limitations personal injury tolling
loss of consortium derivative claim
proportionate share joint tortfeasor
work product privilege claim file
recreational use immunity statute
snow and ice storm in progress doctrine
mode of operation rule self service
motion to compel discovery proportionality
additional insured endorsement vendor
contractual indemnification anti indemnity statute
pollution exclusion carbon monoxide
occurrence definition faulty workmanship
""")

IP_TOPICS = _lines("""
obviousness motivation to combine teaching away
written description support negative limitation
means plus function corresponding structure
Alice step two inventive concept
enablement full scope genus claims
inherent anticipation prior art
double patenting terminal disclaimer
restriction requirement election of species
prosecution history estoppel amendment
claim construction ordinary meaning specification
functional claiming software
secondary considerations commercial success nexus
trademark likelihood of confusion DuPont factors
descriptiveness acquired distinctiveness
freedom to operate design around
inter partes review estoppel
after final consideration pilot
continuation priority claim chain
""")

AREA_TOPICS = {
    "Employment": _lines("""
at will employment implied contract handbook
OWBPA release 21 day consideration period
FMLA interference retaliation
ADA reasonable accommodation interactive process
Title VII retaliation causation temporal proximity
non compete enforceability reasonableness
FLSA exempt classification duties test
hostile work environment severe or pervasive
EEOC position statement requirements
separation agreement general release unknown claims
arbitration agreement class waiver
remote work policy expense reimbursement
"""),
    "Immigration": _lines("""
H-1B specialty occupation degree
H-1B wage level prevailing wage
PERM recruitment requirements
RFE specialty occupation response
"""),
    "Family": _lines("""
equitable distribution marital property
child support guidelines deviation
spousal maintenance duration
custody best interest factors relocation
pendente lite alimony
"""),
    "Real Estate": _lines("""
quiet title adverse possession
title insurance exception survey
purchase and sale agreement contingency
mortgage contingency deadline
"""),
    "Corporate": _lines("""
annual report filing late penalty
board written consent without meeting
registered agent change filing
officer certificate incumbency
"""),
}

PERSONAL_SITES = (
    ("https://www.nytimes.com/", "The New York Times - Breaking News, US News, World News and Videos"),
    ("https://www.espn.com/nba/", "NBA Scores, Stats and Highlights - ESPN"),
    ("https://www.espn.com/nfl/", "NFL on ESPN - Scores, Stats and Highlights"),
    ("https://www.amazon.com/gp/cart/view.html", "Amazon.com Shopping Cart"),
    ("https://www.zillow.com/homes/for_sale/", "Real Estate & Homes For Sale - Zillow"),
    ("https://www.reddit.com/r/AskReddit/", "AskReddit"),
    ("https://www.weather.com/weather/today", "Weather Forecast and Conditions - The Weather Channel"),
    ("https://www.cnn.com/", "CNN: Breaking News, Latest News and Videos"),
    ("https://www.bbc.com/news", "Home - BBC News"),
    ("https://www.theatlantic.com/", "The Atlantic"),
    ("https://www.wsj.com/", "The Wall Street Journal - Breaking News"),
    ("https://www.opentable.com/", "OpenTable - Restaurant Reservations"),
    ("https://www.airbnb.com/s/homes", "Airbnb | Vacation rentals, cabins, beach houses"),
    ("https://www.delta.com/flight-search/book-a-flight", "Book a Flight | Delta Air Lines"),
    ("https://www.wayfair.com/furniture", "Furniture | Wayfair"),
    ("https://www.target.com/", "Target : Expect More. Pay Less."),
    ("https://www.chase.com/personal/banking", "Personal Banking | Chase"),
    ("https://www.linkedin.com/feed/", "Feed | LinkedIn"),
    ("https://www.facebook.com/", "Facebook"),
    ("https://www.instagram.com/", "Instagram"),
    ("https://www.rottentomatoes.com/", "Rotten Tomatoes: Movies | TV Shows"),
    ("https://www.allrecipes.com/", "Allrecipes | Recipes, How-Tos, Videos and More"),
    ("https://www.strava.com/dashboard", "Dashboard | Strava"),
    ("https://www.etsy.com/", "Etsy - Shop for handmade, vintage, custom, and unique gifts"),
    ("https://news.ycombinator.com/", "Hacker News"),
    ("https://www.imdb.com/chart/top/", "IMDb Top 250 Movies"),
    ("https://www.ticketmaster.com/", "Ticketmaster"),
    ("https://www.nba.com/games", "NBA Games and Scores | NBA.com"),
    ("https://www.homedepot.com/", "The Home Depot"),
    ("https://www.nextdoor.com/news_feed/", "Nextdoor"),
)

YOUTUBE_VIDEOS = _lines("""
Lo-fi beats to study to
How to fix a leaky faucet in 5 minutes
Top 10 plays of the week
Best of 90s rock playlist
Piano for focus - 3 hours
The history of the Roman Empire in 20 minutes
Marathon training tips for beginners
Full game highlights
""")

SONGS = _lines("""
Fleetwood Mac - Dreams
Miles Davis - So What
Radiohead - Everything In Its Right Place
Norah Jones - Don't Know Why
Bill Evans Trio - Waltz for Debby
Tame Impala - The Less I Know The Better
Nina Simone - Feeling Good
Bon Iver - Holocene
Khruangbin - Maria Tambien
Max Richter - On the Nature of Daylight
Hania Rani - Eden
The National - Bloodbuzz Ohio
""")

INCOGNITO_PAGES = (
    ("https://www.indeed.com/jobs?q=attorney", "Attorney Jobs, Employment | Indeed"),
    ("https://www.glassdoor.com/Salaries/", "Salaries | Glassdoor"),
    ("https://www.webmd.com/", "WebMD - Better information. Better health."),
    ("https://www.match.com/", "Match.com"),
    ("https://www.draftkings.com/", "DraftKings"),
)

COLLEAGUE_ROLES = ("paralegal", "associate", "partner", "legal assistant", "docketing clerk")
