"""Registry of firm packs."""
from firm_commlit import PACK as COMMLIT
from firm_estates import PACK as ESTATES
from firm_family import PACK as FAMILY
from firm_ip import PACK as IP

FIRMS = {p.key: p for p in [COMMLIT, ESTATES, FAMILY, IP]}
