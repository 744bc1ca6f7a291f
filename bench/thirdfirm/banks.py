"""Name and content banks shared by the firm packs (stdlib only, no I/O)."""

FIRST = [
    "Dana", "Michael", "Priya", "Jordan", "Elena", "Marcus", "Siobhán", "Wei", "Tomás", "Aisha",
    "Rebecca", "Darnell", "Yuki", "Olivia", "Rafael", "Hannah", "Kwame", "Sofía", "Grant", "Leah",
    "Nikolai", "Chloé", "Andre", "Meredith", "Hyun-woo", "Fatima", "Brendan", "Zoë", "Luis", "Ingrid",
    "Samuel", "Renée", "Tariq", "Caroline", "Mateo", "Anjali", "Peter", "Noor", "Colin", "Beatriz",
    "Jamal", "Kristin", "Émile", "Tanya", "Owen", "Mei", "Victor", "Gabrielle", "Desmond", "Laura",
]
LAST = [
    "Okafor", "Lindqvist", "Brennan", "Castillo", "Whitfield", "Nakamura", "Ferreira", "Goldberg",
    "Haddad", "Kowalski", "Montgomery", "Ng", "O'Connor", "Patel", "Quintero", "Rasmussen", "Sato",
    "Thibodeaux", "Underwood", "Vasquez", "Weinstein", "Yilmaz", "Zhang", "Abernathy", "Byrne",
    "Cardenas", "Delacroix", "Eriksen", "Fitzgerald", "Gutiérrez", "Holloway", "Ibáñez", "Jovanović",
    "Kaplan", "Lefebvre", "McAllister", "Novak", "Osei", "Pérez", "Reyes", "Schultz", "Tran",
    "Valdés", "Whitaker", "Hernández", "Nguyễn", "Müller", "Sørensen", "Dubois", "Garza",
]
CO_A = [
    "Harborview", "Kestrel", "Bluestem", "Ironbridge", "Northgate", "Cascadia", "Redwater", "Summit Ridge",
    "Meridian", "Tallgrass", "Halcyon", "Granite Peak", "Silverline", "Brightwater", "Oakhurst",
    "Lakeshore", "Crescent", "Pinebrook", "Alder & Finch", "Vantage", "Copperleaf", "Westbrook",
    "Stonebridge", "Driftwood", "Blackthorn", "Everly", "Marlowe", "Quarry Hill", "Sable", "Tidewater",
]
CO_B = [
    "Logistics", "Biotherapeutics", "Capital Partners", "Manufacturing", "Health Systems", "Software",
    "Foods", "Energy", "Realty", "Insurance Company", "Analytics", "Hospitality Group", "Devices",
    "Construction", "Media", "Pharmaceuticals", "Semiconductor", "Outfitters", "Aerospace", "Robotics",
]
CO_SUFFIX = ["Inc.", "LLC", "Corp.", "L.P.", "Holdings, Inc.", "Co.", "Group LLC", "S.A."]
LAWFIRM_SUFFIX = ["LLP", "LLP", "P.C.", "PLLC", "& Partners LLP"]

STREETS = [
    "N. Lincoln Ave", "W. Belmont Ave", "Maple St", "Lakeview Dr", "S. Wabash Ave", "Cedar Ln",
    "E. Grand Ave", "Oak Park Ave", "Sheridan Rd", "Ridge Blvd", "Hawthorne Ct", "Prairie Ave",
    "Rue Dauphine", "Willow Creek Rd", "Harbor Pointe Dr", "Magnolia Way",
]

NEWS = [
    ("The New York Times - Breaking News, US News, World News and Videos", "https://www.nytimes.com/"),
    ("ESPN - Serving Sports Fans. Anytime. Anywhere.", "https://www.espn.com/"),
    ("Weather Forecast and Conditions - The Weather Channel | weather.com", "https://weather.com/"),
    ("Amazon.com : running shoes women", "https://www.amazon.com/s?k=running+shoes+women"),
    ("Your Orders - Amazon.com", "https://www.amazon.com/gp/css/order-history"),
    ("Chase Online - My Accounts", "https://secure.chase.com/web/auth/dashboard#/dashboard/overview"),
    ("Zillow: Real Estate, Apartments, Mortgages & Home Values", "https://www.zillow.com/"),
    ("Above the Law", "https://abovethelaw.com/"),
    ("Wordle — The New York Times", "https://www.nytimes.com/games/wordle/index.html"),
    ("r/Lawyertalk", "https://www.reddit.com/r/Lawyertalk/"),
    ("Reuters | Breaking International News & Views", "https://www.reuters.com/"),
    ("YouTube", "https://www.youtube.com/"),
    ("Southwest Airlines | Book Flights", "https://www.southwest.com/"),
    ("ParentSquare", "https://www.parentsquare.com/feeds"),
    ("Venmo", "https://account.venmo.com/"),
    ("Bon Appétit – Recipes, Cooking, Entertaining", "https://www.bonappetit.com/"),
    ("The Athletic – Sports News, Scores and Analysis", "https://www.nytimes.com/athletic/"),
    ("Etsy - Shop for handmade, vintage, custom, and unique gifts", "https://www.etsy.com/"),
]
INCOGNITO = [
    ("Indeed: Job Search", "https://www.indeed.com/jobs?q=in-house+counsel"),
    ("Lateral associate openings - Major, Lindsey & Africa", "https://www.mlaglobal.com/en/search-jobs"),
    ("Symptoms of strep throat - Mayo Clinic", "https://www.mayoclinic.org/diseases-conditions/strep-throat/symptoms-causes/syc-20350338"),
    ("Gift ideas for anniversary - Google Search", "https://www.google.com/search?q=gift+ideas+for+anniversary"),
]
