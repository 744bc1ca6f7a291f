"""Second synthetic-week generator (see README.md): firms, their desktops, and ground truth."""
