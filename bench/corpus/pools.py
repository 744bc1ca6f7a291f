"""Name pools the new firms draw from, so that no person, client or firm is a fixed, memorisable name.

Every pool is large and combined with others (first x last names, word x industry x suffix for
companies), so two seeds almost never share a client, a contact or an opposing party.
"""

from __future__ import annotations

import random


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    """
Aaliyah Aaron Abigail Adrian Aiden Aisha Alan Alejandro Alexis Alicia Amara Amir Ana Andre Andrea Angela
Anika Anthony Arjun Ashley Audrey Ava Barbara Beatriz Benjamin Bianca Brandon Brenda Brian Brooke Caleb
Camila Carla Carlos Carmen Caroline Cassandra Catherine Chen Chloe Christopher Claire Colin Connor Craig
Cynthia Daniel Danielle Darius David Deborah Deepa Denise Derek Diana Diego Dominic Dylan Eduardo Elena
Elijah Elise Elizabeth Emeka Emily Emma Eric Erin Esther Ethan Eva Fatima Felipe Fiona Francesca Gabriel
Gavin Gloria Grace Grant Gregory Hannah Harper Hassan Heather Hector Helen Henry Hiroshi Ian Imani Irene
Isaac Isabel Ivan Jacob Jamal Janet Jasmine Javier Jeffrey Jenna Jeremy Jessica Joanna Jonah Jordan Jorge
Joseph Joyce Juan Julia Julian Justin Kara Karen Katherine Kavya Keith Kelly Kenji Kevin Kim Kwame Lara
Laura Lauren Leah Leila Leon Liam Lila Linda Lucas Lucia Luis Maya Malik Marcus Margaret Maria Marisol
Mark Martin Mateo Matthew Megan Melissa Miguel Mina Miriam Mohamed Monica Nadia Naomi Natalie Nathan
Neil Nicole Nikhil Nina Noah Nora Olivia Omar Owen Pablo Paige Patrick Paula Peter Priya Rachel Rafael
Rahul Raymond Rebecca Ricardo Robert Rosa Ruth Ryan Samantha Samuel Sandra Sara Sean Sergio Shannon
Simone Sofia Sonia Stephen Steven Susan Tamara Tanya Teresa Thomas Tiffany Timothy Tomas Trevor Valerie
Vanessa Victor Vikram Vivian Walter Wei Wendy William Xavier Yasmin Yusuf Zachary Zoe
"""
)

LAST = _words(
    """
Abbott Acosta Adeyemi Agarwal Ahmed Albrecht Alvarado Anand Andersen Aoki Arroyo Ashford Atwood Baptiste
Barlow Barrera Bauer Beckett Bellamy Benitez Bergstrom Bhatt Bishop Blackwell Boateng Bond Bowen Brennan
Briggs Brody Bui Burke Caldwell Calloway Campos Cardenas Carrington Castillo Chandra Chavez Cho Chowdhury
Clement Coleman Conti Corbett Costa Crane Cruz Cunningham Dalton Das Davenport Delgado Desai Dixon Donnelly
Dorsey Duarte Dunbar Easton Ellison Endo Espinoza Falk Farrow Fenwick Ferreira Finch Fischer Fitzgerald
Flores Forsythe Foster Franco Fujita Gallagher Galvez Garrison Gill Goldberg Gomez Gould Graves Guerrero
Gupta Haddad Hale Halloran Hargrove Harlow Hawkins Hayes Hendricks Herrera Hoang Holt Horvath Hughes Ibarra
Iqbal Jacobs Jain Jensen Jimenez Joshi Kapoor Kaufman Keane Keller Kendrick Khalil Kim Kowalski Krause
Lacroix Lambert Larkin Lawson Leblanc Lindholm Lopez Lowell Lund Madsen Maguire Malhotra Marchetti Marsh
Mathis McAllister McBride Medina Mendez Mercer Molina Morales Moreau Mulligan Murakami Nakamura Navarro
Nguyen Nielsen Novak Nwosu Oakes Obi Ochoa Odom Okafor Okoro Olsen Ortiz Osei Pace Padilla Park Parrish
Pearce Pellegrino Petrov Pham Pierce Poole Prescott Quinn Ramos Rasmussen Reyes Rhodes Rios Rocha
Romero Rossi Ruiz Russo Salazar Sandoval Santos Sato Schmidt Schroeder Serrano Shah Sheridan Silva Sinclair
Singh Sloane Soto Stavros Stone Strickland Sullivan Sutton Suzuki Tan Tate Thornton Torres Tran Trujillo
Underwood Valdez Vance Varga Vasquez Vega Villanueva Vogel Wade Walsh Warner Watanabe Weber Whitaker
Whitfield Wilder Winslow Wolfe Wu Yamamoto Yates Yilmaz Young Zamora Zhang Zimmerman
"""
)

# company names: a distinctive word + an industry word + a legal suffix
CO_WORD = _words(
    """
Acadia Alder Alpine Amber Anchor Apex Arbor Ardent Aspen Atlas Aurora Basalt Bayside Beacon Birch Bluewater
Boulder Brightwater Briar Brookline Cairn Canyon Cardinal Cascade Cedar Centennial Charter Chestnut Cinder
Clearwater Cobalt Comet Compass Copper Cormorant Crescent Crestline Cypress Delta Driftwood Eastgate Elm
Ember Evergreen Fairhaven Falcon Fieldstone Firefly Flint Foxglove Garnet Glacier Granite Greystone Harbor
Harvest Hawthorne Heron Highland Hollis Horizon Indigo Ironwood Juniper Keystone Kestrel Lakeshore Lantern
Larch Linden Lodestar Magnolia Mariner Meadow Meridian Mesa Millbrook Monarch Northgate Oakmont Onyx Orchard
Osprey Palisade Pebble Pinnacle Pioneer Prairie Quarry Quill Ravenwood Redstone Ridgeway Riverbend Rockport
Saddle Sagebrush Sandpiper Sentinel Sequoia Shoreline Silverleaf Skyline Sparrow Spruce Stonebridge
Summit Sunridge Tamarack Thistle Tidewater Timber Topaz Trillium Tundra Vantage Verdant Vista Westbrook
Whitecap Willow Windward Wren Yarrow Zephyr
"""
)

CO_INDUSTRY = _words(
    """
Logistics Freight Foods Dental Health Biologics Robotics Materials Analytics Semiconductor Energy Solar
Builders Construction Properties Realty Hospitality Brewing Apparel Outfitters Pharmacy Clinics Devices
Networks Software Systems Labs Instruments Packaging Plastics Metals Fabrication Transit Motors Marine
Aviation Farms Orchards Dairy Bakery Markets Grocers Restaurants Staffing Security Cleaning Landscaping
Plumbing Electric Roofing Flooring Furniture Storage Trucking Environmental Optics Wireless Medical
"""
)

CO_SUFFIX = ["Inc.", "LLC", "Corp.", "Co.", "Group, Inc.", "Holdings LLC", "Partners LP", "Industries, Inc."]

INSURER_KIND = [
    "Mutual Insurance Company",
    "Casualty Company",
    "Insurance Company",
    "Fire & Casualty Co.",
    "Indemnity Company",
    "Assurance Company",
    "Property & Casualty Insurance Co.",
    "Specialty Insurance Company",
]

STREETS = _words(
    """
Main Elm Church Pearl State Asylum Trumbull Chapel Court Market Grand Water Front Broad Summer Orange Temple
Washington Lafayette Franklin Jefferson Madison Monroe Jackson Lincoln Prospect Chestnut Walnut Spruce
"""
)

STREET_KIND = ["Street", "Avenue", "Boulevard", "Plaza", "Square", "Place"]

PERSONAL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "comcast.net", "hotmail.com"]


def person(rng: random.Random, used: set[str]) -> tuple[str, str]:
    """A first and last name no other person of this firm's world has."""
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if last not in used and first not in used:
            used.add(last)
            used.add(first)
            return first, last


def company(rng: random.Random, used: set[str], industries: list[str] | None = None) -> tuple[str, str]:
    """(legal name, short name): e.g. ("Cobalt Freight Group, Inc.", "Cobalt Freight")."""
    while True:
        word = rng.choice(CO_WORD)
        if word in used:
            continue
        used.add(word)
        ind = rng.choice(industries or CO_INDUSTRY)
        short = f"{word} {ind}"
        return f"{short} {rng.choice(CO_SUFFIX)}", short


def insurer(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        word = rng.choice(CO_WORD)
        if word in used:
            continue
        used.add(word)
        kind = rng.choice(INSURER_KIND)
        short = f"{word} {kind.split()[0]}" if kind.split()[0] in ("Mutual", "Casualty") else word
        return f"{word} {kind}", short


def domain_of(name: str, tld: str = "com") -> str:
    """An e-mail domain from a company's short name: "Cobalt Freight" -> cobaltfreight.com."""
    core = "".join(ch for ch in name.lower() if ch.isalnum())
    return f"{core}.{tld}"


def address(rng: random.Random, city: str, state: str, zipcode: str) -> str:
    return (
        f"{rng.randint(10, 990)} {rng.choice(STREETS)} {rng.choice(STREET_KIND)}, {city}, {state} {zipcode}"
    )


def email(first: str, last: str, domain: str, rng: random.Random) -> str:
    style = rng.choice(["{f}.{l}", "{fi}{l}", "{f}{l}", "{f}", "{l}.{f}", "{fi}.{l}"])
    local = style.format(f=first.lower(), l=last.lower(), fi=first[0].lower())
    return f"{local}@{domain}"
