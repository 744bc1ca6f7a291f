"""The tray icon, its menu, notifications, single-instance lock and start-at-login."""

from ledgerwatch.tray.icon import Tray, TrayActions, TrayState, draw_state, menu_entries

__all__ = ["Tray", "TrayActions", "TrayState", "draw_state", "menu_entries"]
