"""One adapter per provider; provider JSON and URLs live only here (and in the fakes)."""
