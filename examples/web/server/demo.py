"""The demo merchant created on the first start: two stores in two time zones, four experts."""

from __future__ import annotations

from typing import Any

from .host import Host

INVITE = "DEMO026"
HOURS = "Mo-Sa 09:00-21:00; Su 11:00-18:00"
STORES = [
    {"store": "ams", "name": "Amsterdam Centraal", "public_name": "Amsterdam",
     "timezone": "Europe/Amsterdam", "lat": 52.379, "lon": 4.9, "osm_hours": HOURS},
    {"store": "nyc", "name": "New York Fifth Avenue", "public_name": "New York",
     "timezone": "America/New_York", "lat": 40.76, "lon": -73.975, "osm_hours": HOURS},
]
EXPERTS = [("lisa", "Lisa de Vries", "ams"), ("omar", "Omar Haddad", "ams"),
           ("jane", "Jane Miller", "nyc"), ("raj", "Raj Patel", "nyc")]


def demo_commands() -> list[dict[str, Any]]:
    """The commands that create the demo merchant (without `at`)."""
    commands: list[dict[str, Any]] = [
        {"cmd": "configure", "invite_code": INVITE, "reporting_timezone": "Europe/Amsterdam",
         "contact_channels": ["email", "sms"]}]
    commands += [{"cmd": "add_store", **store} for store in STORES]
    for ident, name, store in EXPERTS:
        commands.append({"cmd": "register_expert", "expert": ident, "name": name,
                         "email": f"{ident}@demo.example", "invite_code": INVITE})
        commands.append({"cmd": "approve_expert", "expert": ident, "store": store})
    return commands


def create_demo(host: Host) -> None:
    """Runs the demo commands at the server's time (no access check: the server does it)."""
    for command in demo_commands():
        host.execute(command)
