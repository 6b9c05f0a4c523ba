#!/usr/bin/env python3
"""Generates the event-validation benchmark inputs (deterministic, seed 42):
  events.jsonl  N realistic shopper events of the six types, ~10% with a typical fault
  schema.json   a JSON Schema (draft 2020-12) equivalent to docs/events.md for the peers (ajv,
                Python jsonschema): same mandatory/recommended fields, types, https URLs,
                ISO 4217 list (read from src/core/currency.cpp), unknown top-level fields.
Usage: generate_corpus.py OUT_DIR [N]"""
import json
import pathlib
import random
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
out_dir = pathlib.Path(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(42)

CURRENCIES = re.findall(r'\{"([A-Z]{3})", \d\}', (ROOT / "src/core/currency.cpp").read_text())
NOUNS = ["Rain jacket", "Wool socks", "Linen shirt", "Leather boots", "Cap", "Sneakers",
         "Denim jeans", "Silk scarf", "Down vest", "Städ-set «Classic»", "Trench coat"]
CATS = ["Women > Shoes", "Men > Jackets", "Kids > Outdoor", "Herr > Skjortor > Linne",
        "Accessories > Hats", "Sale"]
TERMS = ["black jacket", "boots size 42", "linen", "gore-tex", "レインコート", "vinterjacka"]
CATALOG = []
for i in range(300):
    group = f"SKU-{1000 + i}"
    CATALOG.append({"group": group, "name": f"{rng.choice(NOUNS)} {i}",
                    "price": round(rng.uniform(5, 400), 2),
                    "currency": rng.choice(["SEK", "EUR", "NOK", "DKK", "GBP"]),
                    "variants": [f"{group}-{s}" for s in ("S", "M", "L")]})


def product(kind):
    item = rng.choice(CATALOG)
    sku = item["group"] if kind == "view" else rng.choice(item["variants"])
    p = {"id": sku, "name": item["name"], "price": item["price"], "currency": item["currency"],
         "brand": "Nordic Wear", "category": rng.choice(CATS),
         "location": f"https://shop.example/p/{item['group'].lower()}",
         "image": f"https://cdn.example/img/{sku.lower()}.jpg"}
    if kind != "view":
        p["quantity"] = rng.randint(1, 3)
    if kind in ("add", "remove"):
        p["basketQuantity"] = rng.randint(0 if kind == "remove" else 1, 4)
    return p


def event():
    r = rng.random()
    if r < 0.40:
        return {"type": "ecommerce:detail", "products": [product("view")]}
    if r < 0.55:
        return {"type": "ecommerce:add", "products": [product("add")]}
    if r < 0.60:
        return {"type": "ecommerce:remove", "products": [product("remove")]}
    if r < 0.70:
        products = [product("purchase") for _ in range(rng.randint(1, 4))]
        for p in products:
            p["currency"] = "SEK"
        subtotal = round(sum(p["price"] * p["quantity"] for p in products), 2)
        tax = round(subtotal * 0.25, 2)
        return {"type": "ecommerce:purchase", "products": products,
                "purchase": {"id": f"A-{rng.randint(10000, 99999)}", "currency": "SEK",
                             "subtotal": subtotal, "tax": tax, "shipping": 0,
                             "total": round(subtotal + tax, 2)}}
    if r < 0.85:
        return {"type": "event", "action": "category-view", "value": rng.choice(CATS),
                "location": "https://shop.example/c/" + str(rng.randint(1, 50))}
    return {"type": "event", "action": "search", "value": rng.choice(TERMS),
            "location": "https://shop.example/search?q=" + str(rng.randint(1, 500))}


def break_event(e):
    """One of the known tracking faults (R-EVT-2), or broken JSON text."""
    fault = rng.randrange(9)
    p = e.get("products", [{}])[0] if e.get("products") else None
    if fault == 0 and p is not None and "price" in p:
        p["price"] = str(p["price"])
    elif fault == 1 and p is not None:
        p["image"] = p.get("image", "").replace("https:", "http:")
    elif fault == 2 and p is not None:
        p.pop("price", None)
    elif fault == 3 and "purchase" in e:
        e["purchase"]["subtotal"] = 0
    elif fault == 4 and "purchase" in e:
        e["purchase"]["currency"] = "sek"
    elif fault == 5 and p is not None and "quantity" in p:
        p["quantity"] = str(p["quantity"])
    elif fault == 6 and e.get("type") == "event":
        e.pop("type")
    elif fault == 7 and "value" in e:
        e["value"] = ""
    else:
        return json.dumps(e, ensure_ascii=False, separators=(",", ":"))[:-7]  # truncated JSON
    return json.dumps(e, ensure_ascii=False, separators=(",", ":"))


out_dir.mkdir(parents=True, exist_ok=True)
with open(out_dir / "events.jsonl", "w", encoding="utf-8") as f:
    for _ in range(count):
        e = event()
        if rng.random() < 0.10:
            f.write(break_event(e) + "\n")
        else:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")

https = {"type": "string", "pattern": "^[hH][tT][tT][pP][sS]://[^/?#\\s][^\\s]*$"}
money = {"type": "number", "minimum": 0}
currency = {"type": "string", "enum": CURRENCIES}
text = {"type": "string"}
sku = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}


def product_schema(required):
    return {"type": "object",
            "required": ["id", "name", "currency", "location", "image"] + required,
            "properties": {"id": sku, "name": text, "price": money, "currency": currency,
                           "quantity": {"type": "integer", "minimum": 1},
                           "basketQuantity": {"type": "integer", "minimum": 0},
                           "brand": text, "category": text, "variant": text,
                           "location": https, "image": https}}


def products(required):
    return {"type": "array", "minItems": 1, "items": product_schema(required)}


page = {"required": ["value", "location"],
        "properties": {"value": {"type": "string", "minLength": 1, "maxLength": 500,
                                 "pattern": "\\S",
                                 "not": {"pattern": "^\\s*([uU][nN][dD][eE][fF][iI][nN][eE][dD]|[nN][uU][lL][lL]|[nN][aA][nN]|\\[[oO][bB][jJ][eE][cC][tT] [oO][bB][jJ][eE][cC][tT]\\])\\s*$|\\{\\{|\\$\\{"}},
                       "location": https}}
schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["type"],
    "properties": {"type": {"enum": ["ecommerce:detail", "ecommerce:purchase", "ecommerce:add",
                                     "ecommerce:remove", "event"]},
                   "products": True, "purchase": True, "action": True, "value": True,
                   "location": True},
    "additionalProperties": False,
    "allOf": [
        {"if": {"properties": {"type": {"const": "ecommerce:detail"}}},
         "then": {"required": ["products"], "properties": {"products": products(["price"])}}},
        {"if": {"properties": {"type": {"const": "ecommerce:add"}}},
         "then": {"required": ["products"],
                  "properties": {"products": products(["price", "quantity", "basketQuantity"])}}},
        {"if": {"properties": {"type": {"const": "ecommerce:remove"}}},
         "then": {"required": ["products"],
                  "properties": {"products": products(["price", "quantity", "basketQuantity"])}}},
        {"if": {"properties": {"type": {"const": "ecommerce:purchase"}}},
         "then": {"required": ["products", "purchase"],
                  "properties": {"products": products(["price", "quantity"]),
                                 "purchase": {"type": "object",
                                              "required": ["id", "currency", "subtotal"],
                                              "properties": {
                                                  "id": sku, "currency": currency,
                                                  "subtotal": {"type": "number",
                                                               "exclusiveMinimum": 0},
                                                  "total": money, "tax": money,
                                                  "shipping": money, "discount": money,
                                                  "coupon": text}}}}},
        {"if": {"properties": {"type": {"const": "event"}}},
         "then": {"required": ["action"],
                  "properties": {"action": {"enum": ["category-view", "search"]}}}},
        {"if": {"required": ["action"], "properties": {"type": {"const": "event"}}},
         "then": page},
    ],
}
(out_dir / "schema.json").write_text(json.dumps(schema, indent=1))
print(f"wrote {count} events and schema.json to {out_dir}")
