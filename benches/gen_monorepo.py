#!/usr/bin/env python3
"""Generate a synthetic Go + Vue 3/TypeScript monorepo for benchmarking seam.

Standard library only (Python 3.11). Deterministic: the same --seed and sizes
give byte-identical trees (every file draws from its own RNG seeded with the
seed and the file's path, so nothing depends on hash order or timing).

    python3 benches/gen_monorepo.py --out benches/out/tree-1x --scale 1
    python3 benches/gen_monorepo.py --out /tmp/big --go-files 5000 --web-files 2000

Shape of the tree (see benches/README.md for details):

    go.mod                      module example.com/shop, go 1.22
    cmd/server/                 gin server: r.Group(routes.APIPrefix) + wiring files
    cmd/legacy/                 net/http ServeMux (Go 1.22 "GET /x/{id}" patterns)
    cmd/admin/                  echo server
    cmd/gateway/                chi router
    cmd/partner/                gorilla/mux router
    internal/routes/prefix.go   const APIPrefix = "/api/v1"
    internal/<domain>/          dto.go handler.go routes.go service.go repository.go + filler
    pkg/<util>/                 shared filler packages
    web/                        Vue 3 + TS app (vite, axios instance, fetch, SFCs)

Next to the tree, <out>.manifest.json records the counts, every registered
route, every client call and the deliberately broken calls (wrong path, wrong
method) and JSON field mismatches, with file and line, so a benchmark can
check that findings exist where they should.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, field

MODULE = "example.com/shop"
API_PREFIX = "/api/v1"
BASE_GO_FILES = 1500
BASE_WEB_FILES = 600
GO_FILES_PER_DOMAIN = 15

# --------------------------------------------------------------------------
# word lists
# --------------------------------------------------------------------------

AREAS = [
    "account", "auth", "billing", "invoicing", "payments", "orders", "cart", "checkout",
    "catalog", "inventory", "warehouse", "shipping", "delivery", "returns", "refunds",
    "reviews", "coupons", "promotions", "campaigns", "newsletter", "notifications",
    "messaging", "chat", "support", "helpdesk", "content", "blog", "media", "assets",
    "uploads", "search", "recommendations", "analytics", "reporting", "dashboard", "audit",
    "compliance", "tax", "currency", "pricing", "subscriptions", "licensing", "tenants",
    "organizations", "teams", "members", "roles", "permissions", "policies", "settings",
    "preferences", "profiles", "addresses", "locations", "stores", "vendors", "suppliers",
    "partners", "affiliates", "loyalty", "rewards", "giftcards", "wishlist", "bundles",
    "variants", "attributes", "categories", "collections", "feeds", "events", "webhooks",
    "integrations", "exports", "imports", "jobs", "scheduling", "calendar", "booking",
    "reservations", "appointments", "surveys", "feedback", "experiments", "features",
    "releases", "deployments", "monitoring", "alerting", "incidents", "oncall", "billingops",
    "payroll", "hiring", "training", "learning", "documents", "storage", "sharing",
    "identity", "sessions", "devices", "geo", "fleet", "routing", "dispatch", "maintenance",
]
SUFFIXES = ["", "admin", "sync", "ops", "public", "batch", "history", "stats", "config",
            "internal", "portal", "bridge", "engine", "hub", "desk", "lab"]

NOUNS = [
    "Item", "Entry", "Record", "Product", "Order", "Invoice", "Payment", "Customer", "Address",
    "Note", "Comment", "Attachment", "Rule", "Schedule", "Report", "Batch", "Channel",
    "Template", "Webhook", "Token", "Session", "Device", "Region", "Zone", "Rate", "Quota",
    "Metric", "Alert", "Incident", "Task", "Job", "Step", "Stage", "Pipeline", "Snapshot",
    "Version", "Release", "Segment", "Audience", "Contact", "Lead", "Deal", "Quote",
    "Contract", "Document", "Folder", "Image", "Video", "Playlist", "Track", "Venue", "Seat",
    "Ticket", "Slot", "Shift", "Employee", "Department", "Position", "Candidate", "Interview",
    "Offer", "Course", "Lesson", "Quiz", "Question", "Answer", "Badge", "Goal", "Plan",
    "Feature", "Flag", "Setting", "Label", "Category", "Tag", "Coupon", "Shipment", "Parcel",
    "Carrier", "Vehicle", "Driver", "Route", "Stop", "Warehouse", "Bin", "Supplier", "Vendor",
]

FRAMEWORKS = [("gin", 50), ("nethttp", 20), ("echo", 10), ("chi", 10), ("gorilla", 10)]

SERVER_DIR = {"gin": "server", "nethttp": "legacy", "echo": "admin", "chi": "gateway", "gorilla": "partner"}

PKG_UTILS = ["logging", "config", "database", "cache", "queue", "mailer", "storage", "metrics",
             "tracing", "httpx", "validate", "pagination", "timeutil", "idgen", "crypto", "retry"]

FILLER_NAMES = ["model", "validate", "mapper", "cache", "events", "errors", "metrics", "worker",
                "query", "export", "importer", "policy", "notify", "audit", "search", "filter",
                "sort", "pager", "convert", "options", "scheduler", "cleanup", "index", "state"]

WORDS = ["alpha", "bravo", "delta", "echo", "gamma", "kappa", "lambda", "omega", "sigma", "theta",
         "north", "south", "east", "west", "amber", "cobalt", "coral", "ivory", "jade", "onyx"]


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def kebab(s: str) -> str:
    out = []
    for i, ch in enumerate(s):
        if ch.isupper() and i:
            out.append("-")
        out.append(ch.lower())
    return "".join(out)


def snake(s: str) -> str:
    out = []
    for i, ch in enumerate(s):
        if ch.isupper() and i and not s[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


# --------------------------------------------------------------------------
# model of the generated application
# --------------------------------------------------------------------------

@dataclass
class Field:
    go: str            # Go field name
    json: str          # wire name ("-" = not serialized)
    go_type: str
    ts_type: str
    omitempty: bool = False
    tagged: bool = True

    def ts_optional(self) -> bool:
        return self.omitempty


# (go name, camel json, go type, ts type, omitempty)
FIELD_POOL = [
    ("Name", "name", "string", "string", False),
    ("Title", "title", "string", "string", False),
    ("Description", "description", "string", "string", True),
    ("Status", "status", "string", "string", False),
    ("Price", "price", "float64", "number", False),
    ("Quantity", "quantity", "int", "number", False),
    ("Position", "position", "int32", "number", False),
    ("Active", "active", "bool", "boolean", False),
    ("Archived", "archived", "bool", "boolean", True),
    ("Tags", "tags", "[]string", "string[]", False),
    ("Metadata", "metadata", "map[string]string", "Record<string, string>", True),
    ("UpdatedAt", "updatedAt", "*time.Time", "string | null", True),
    ("OwnerID", "ownerId", "*int64", "number | null", False),
    ("ExternalRef", "externalRef", "*string", "string | null", True),
    ("Score", "score", "float32", "number", False),
    ("Revision", "revision", "uint32", "number", False),
    ("Locale", "locale", "string", "string", False),
    ("Currency", "currency", "string", "string", False),
    ("Email", "email", "string", "string", True),
    ("URL", "url", "string", "string", True),
    ("Weight", "weight", "float64", "number", True),
    ("Priority", "priority", "int", "number", False),
    ("Notes", "notes", "[]string", "string[]", True),
    ("Counts", "counts", "map[string]int", "Record<string, number>", False),
    ("Checksum", "checksum", "[]byte", "string", True),
    ("DueAt", "dueAt", "*time.Time", "string | null", True),
    ("Code", "code", "string", "string", False),
    ("Color", "color", "string", "string", True),
]


@dataclass
class Endpoint:
    kind: str          # list get create update delete archive history bulk export
    method: str
    sub: list          # path segments below the resource; "{id}" is the parameter
    go_handler: str    # exported (gin/echo/gorilla) or unexported (nethttp/chi) method name
    req_type: str | None
    resp_type: str | None
    resp_kind: str     # json | text | csv | none


@dataclass
class Resource:
    name: str          # Product
    plural: str        # Products
    slug: str          # products
    id_type: str       # int64 | string
    fields: list
    meta_fields: list
    line_fields: list
    endpoints: list = field(default_factory=list)
    client_fns: dict = field(default_factory=dict)  # client function name -> "axios" | "fetch"
    base: list = field(default_factory=list)   # path segments under the API prefix
    with_frontend: bool = True


@dataclass
class Domain:
    index: int
    pkg: str           # Go package name
    slug: str          # URL slug
    framework: str
    json_style: str    # camel | snake
    resources: list
    gin_style: str = "groups"   # groups | flat
    filler: int = 0
    web_components: int = 0
    frontend: bool = True
    client_style: str = "axios"  # axios | fetch | mixed


def id_ts(res: Resource) -> str:
    return "number" if res.id_type == "int64" else "string"


def wire(name: str, style: str) -> str:
    return snake(name) if style == "snake" and name != "-" else name


def build_domains(n_domains: int, seed: int) -> list[Domain]:
    rng = random.Random(f"{seed}/domains")
    domains = []
    used_roots: set[str] = set()   # membership tests only; never iterated
    used_pkgs: set[str] = set()
    total_fw = sum(w for _, w in FRAMEWORKS)
    for i in range(n_domains):
        area = AREAS[i % len(AREAS)]
        k = i // len(AREAS)
        suffix = SUFFIXES[k % len(SUFFIXES)]
        extra = k // len(SUFFIXES)
        pkg = area + suffix + (str(extra + 1) if extra else "")
        slug = area + ("-" + suffix if suffix else "") + (f"-{extra + 1}" if extra else "")
        while pkg in used_pkgs:          # e.g. billing+ops vs billingops
            pkg, slug = pkg + "x", slug + "-x"
        used_pkgs.add(pkg)
        # framework: weighted but deterministic
        r = rng.randrange(total_fw)
        for fw, w in FRAMEWORKS:
            if r < w:
                break
            r -= w
        json_style = "snake" if rng.random() < 0.2 else "camel"
        n_res = 1 if rng.random() < 0.35 else rng.choice([2, 2, 3])
        nouns = rng.sample(NOUNS, n_res)
        resources = []
        for noun in nouns:
            resources.append(make_resource(rng, noun, json_style))
        d = Domain(i, pkg, slug, fw, json_style, resources)
        d.gin_style = "flat" if rng.random() < 0.25 else "groups"
        d.client_style = rng.choices(["axios", "fetch", "mixed"], [70, 15, 15])[0]
        # route layout: a single-resource domain may sit at the root (/api/v1/<slug>)
        for res in resources:
            if n_res == 1 and slug not in used_roots and rng.random() < 0.5:
                res.base = [slug]
                used_roots.add(slug)
            else:
                res.base = [slug, res.slug]
            res.endpoints = make_endpoints(rng, res, fw)
        domains.append(d)
    return domains


def make_resource(rng: random.Random, noun: str, style: str) -> Resource:
    pl = plural(noun)
    id_type = "string" if rng.random() < 0.2 else "int64"
    fields = [Field("ID", wire("id", style), id_type, "number" if id_type == "int64" else "string")]
    pool = rng.sample(FIELD_POOL, rng.randint(6, 13))
    for go, js, gt, tt, omit in pool:
        fields.append(Field(go, wire(js, style), gt, tt, omit))
    fields.append(Field("CreatedAt", wire("createdAt", style), "time.Time", "string"))
    if rng.random() < 0.3:
        # untagged field: encoding/json emits the Go name
        fields.append(Field("Revision2", "Revision2", "int", "number", tagged=False))
    meta = [Field("Source", wire("source", style), "string", "string"),
            Field("Labels", wire("labels", style), "[]string", "string[]", True),
            Field("Version", wire("version", style), "int", "number")]
    lines = [Field("SKU", wire("sku", style), "string", "string"),
             Field("Amount", wire("amount", style), "int64", "number"),
             Field("Comment", wire("comment", style), "*string", "string | null", True)]
    return Resource(noun, pl, kebab(pl), id_type, fields, meta, lines)


def make_endpoints(rng: random.Random, res: Resource, fw: str) -> list[Endpoint]:
    n, p = res.name, res.plural
    upd = "PUT" if rng.random() < 0.6 else "PATCH"
    eps = [
        Endpoint("list", "GET", [], "List", None, f"List{p}Response", "json"),
        Endpoint("get", "GET", ["{id}"], "Get", None, n, "json"),
        Endpoint("create", "POST", [], "Create", f"Create{n}Request", n, "json"),
        Endpoint("update", upd, ["{id}"], "Update", f"Update{n}Request", n, "json"),
        Endpoint("delete", "DELETE", ["{id}"], "Delete", None, None, "none"),
    ]
    if rng.random() < 0.4:
        eps.append(Endpoint("archive", "POST", ["{id}", "archive"], "Archive", f"Archive{n}Request", n, "json"))
    if rng.random() < 0.35:
        eps.append(Endpoint("history", "GET", ["{id}", "history"], "History", None, f"{n}HistoryEntry[]", "json"))
    if rng.random() < 0.2:
        eps.append(Endpoint("bulk", "POST", ["bulk-delete"], "BulkDelete", f"BulkDelete{p}Request", None, "text"))
    if rng.random() < 0.2:
        eps.append(Endpoint("export", "GET", ["export"], "Export", None, None, "csv"))
    if fw in ("nethttp", "chi"):
        for e in eps:
            e.go_handler = lower_first(e.go_handler)
            if e.go_handler in ("delete",):
                e.go_handler = "remove"
    return eps


def full_segments(res: Resource, ep: Endpoint) -> list:
    return res.base + ep.sub


def route_path(segs: list, fw: str) -> str:
    out = []
    for s in segs:
        if s.startswith("{"):
            out.append(":" + s[1:-1] if fw in ("gin", "echo") else s)
        else:
            out.append(s)
    return "/" + "/".join(out) if out else ""


# --------------------------------------------------------------------------
# Go: shared helpers
# --------------------------------------------------------------------------

def go_file(pkg: str, imports: list[str], body: str, header: str = "") -> str:
    std = sorted({i for i in imports if "." not in i.split("/")[0]})
    ext = sorted({i for i in imports if "." in i.split("/")[0] and not i.startswith(MODULE)})
    own = sorted({i for i in imports if i.startswith(MODULE)})
    out = []
    if header:
        out.append(header)
    out.append(f"package {pkg}\n")
    groups = [g for g in (std, ext, own) if g]
    if groups:
        if sum(len(g) for g in groups) == 1:
            out.append(f'import "{groups[0][0]}"\n')
        else:
            out.append("import (")
            for gi, g in enumerate(groups):
                if gi:
                    out.append("")
                for imp in g:
                    if " " in imp:
                        alias, path = imp.split(" ", 1)
                        out.append(f'\t{alias} "{path}"')
                    else:
                        out.append(f'\t"{imp}"')
            out.append(")\n")
    out.append(body.rstrip("\n") + "\n")
    return "\n".join(out)


def go_struct(name: str, fields: list, doc: str, extra_tag=None) -> str:
    lines = [f"// {name} {doc}", f"type {name} struct {{"]
    w = max(len(f.go) for f in fields)
    tw = max(len(f.go_type) for f in fields)
    for f in fields:
        if f.tagged:
            tag = f.json + (",omitempty" if f.omitempty else "")
            extra = extra_tag(f) if extra_tag else ""
            lines.append(f'\t{f.go.ljust(w)} {f.go_type.ljust(tw)} `json:"{tag}"{extra}`')
        else:
            lines.append(f"\t{f.go.ljust(w)} {f.go_type}")
    lines.append("}\n")
    return "\n".join(lines)


def dto_go(d: Domain) -> str:
    parts = []
    imports = ["time"]
    for res in d.resources:
        n = res.name
        parts.append(go_struct(f"{n}Meta", res.meta_fields, f"carries provenance data of a {n.lower()}."))
        parts.append(go_struct(f"{n}Line", res.line_fields, f"is one line of a {n.lower()}."))
        flds = list(res.fields) + [
            Field("Meta", wire("meta", d.json_style), f"{n}Meta", f"{n}Meta"),
            Field("Lines", wire("lines", d.json_style), f"[]{n}Line", f"{n}Line[]", True),
            Field("PasswordHash", "-", "string", "", False),
        ]
        parts.append(go_struct(n, flds, f"is the wire representation of a {n.lower()}."))
        editable = [f for f in res.fields if f.go not in ("ID", "CreatedAt", "UpdatedAt", "Revision2") and f.tagged]
        req = editable[: max(2, len(editable) // 2 + 1)]
        binding = (lambda f: ' binding:"required"' if f.go in ("Name", "Title", "Code") else "") \
            if d.framework == "gin" else None
        parts.append(go_struct(f"Create{n}Request", req, f"is the body of POST /{'/'.join(res.base)}.", binding))
        upd = [Field(f.go, f.json, f.go_type if f.go_type.startswith(("*", "[]", "map")) else "*" + f.go_type,
                     f.ts_type, True) for f in req]
        parts.append(go_struct(f"Update{n}Request", upd, "holds the fields a client may change; nil means unchanged."))
        parts.append(go_struct(f"List{res.plural}Response", [
            Field("Items", wire("items", d.json_style), f"[]{n}", f"{n}[]"),
            Field("Total", wire("total", d.json_style), "int", "number"),
            Field("NextCursor", wire("nextCursor", d.json_style), "*string", "string | null", True),
        ], f"is one page of {res.plural.lower()}."))
        kinds = {e.kind for e in res.endpoints}
        if "archive" in kinds:
            parts.append(go_struct(f"Archive{n}Request", [
                Field("Reason", wire("reason", d.json_style), "string", "string"),
                Field("NotifyOwner", wire("notifyOwner", d.json_style), "bool", "boolean", True)],
                "explains why an item is archived."))
        if "history" in kinds:
            parts.append(go_struct(f"{n}HistoryEntry", [
                Field("At", wire("at", d.json_style), "time.Time", "string"),
                Field("Actor", wire("actor", d.json_style), "string", "string"),
                Field("Action", wire("action", d.json_style), "string", "string"),
                Field("Diff", wire("diff", d.json_style), "map[string]string", "Record<string, string>", True)],
                "is one audit record."))
        if "bulk" in kinds:
            parts.append(go_struct(f"BulkDelete{res.plural}Request", [
                Field("IDs", wire("ids", d.json_style), f"[]{res.id_type}", f"{id_ts(res)}[]")],
                "lists the items to delete."))
    return go_file(d.pkg, imports, "\n".join(parts),
                   f"// Code in this file defines the JSON wire types of the {d.slug} API.\n")


def parse_id_go(res: Resource, expr: str, fail: list[str], indent="\t") -> list[str]:
    if res.id_type == "int64":
        return [f"{indent}id, err := strconv.ParseInt({expr}, 10, 64)",
                f"{indent}if err != nil {{"] + [indent + "\t" + x for x in fail] + [f"{indent}}}"]
    return [f"{indent}id := {expr}",
            f'{indent}if id == "" {{'] + [indent + "\t" + x for x in fail] + [f"{indent}}}"]


# --------------------------------------------------------------------------
# Go handlers per framework
# --------------------------------------------------------------------------

def handler_go(d: Domain) -> str:
    fw = d.framework
    imports = {"net/http", "errors", "log/slog"}
    out = []
    for res in d.resources:
        n = res.name
        out.append(f"// {n}Handler serves the {res.slug} endpoints of the {d.slug} API.\n"
                   f"type {n}Handler struct {{\n\tsvc    *{n}Service\n\tlogger *slog.Logger\n}}\n\n"
                   f"// New{n}Handler returns a handler backed by svc.\n"
                   f"func New{n}Handler(svc *{n}Service) *{n}Handler {{\n"
                   f"\treturn &{n}Handler{{svc: svc, logger: slog.Default().With(\"handler\", \"{res.slug}\")}}\n}}\n")
        for ep in res.endpoints:
            body, imps = {
                "gin": gin_method, "echo": echo_method, "nethttp": std_method,
                "chi": std_method, "gorilla": std_method,
            }[fw](d, res, ep)
            imports.update(imps)
            out.append(body)
    if fw in ("nethttp", "chi", "gorilla"):
        imports.add("encoding/json")
        out.append("func writeJSON(w http.ResponseWriter, status int, v any) {\n"
                   "\tw.Header().Set(\"Content-Type\", \"application/json\")\n"
                   "\tw.WriteHeader(status)\n"
                   "\tif err := json.NewEncoder(w).Encode(v); err != nil {\n"
                   "\t\tslog.Error(\"encode response\", \"err\", err)\n\t}\n}\n")
        out.append("func writeError(w http.ResponseWriter, err error) {\n"
                   "\tswitch {\n\tcase errors.Is(err, ErrNotFound):\n"
                   "\t\thttp.Error(w, \"not found\", http.StatusNotFound)\n"
                   "\tcase errors.Is(err, ErrConflict):\n"
                   "\t\thttp.Error(w, err.Error(), http.StatusConflict)\n"
                   "\tdefault:\n\t\thttp.Error(w, \"internal error\", http.StatusInternalServerError)\n\t}\n}\n")
    return go_file(d.pkg, sorted(imports), "\n".join(out))


def svc_call(ep: Endpoint) -> str:
    return {"list": "List", "get": "Get", "create": "Create", "update": "Update", "delete": "Delete",
            "archive": "Archive", "history": "History", "bulk": "BulkDelete", "export": "Export"}[ep.kind]


def gin_method(d: Domain, res: Resource, ep: Endpoint):
    imps = {"github.com/gin-gonic/gin"}
    n = res.name
    L = [f"// {ep.go_handler} handles {ep.method} {API_PREFIX}{route_path(full_segments(res, ep), 'gin')}.",
         f"func (h *{n}Handler) {ep.go_handler}(c *gin.Context) {{"]
    ctx = "c.Request.Context()"
    if "{id}" in ep.sub:
        if res.id_type == "int64":
            imps.add("strconv")
        L += parse_id_go(res, 'c.Param("id")', ['c.String(http.StatusBadRequest, "invalid id")', "return"])
    if ep.req_type:
        L += [f"\tvar req {ep.req_type}",
              "\tif err := c.ShouldBindJSON(&req); err != nil {",
              "\t\tc.String(http.StatusBadRequest, err.Error())", "\t\treturn", "\t}"]
    if ep.kind == "list":
        imps.add("strconv")
        L += ['\tpage, _ := strconv.Atoi(c.DefaultQuery("page", "1"))',
              '\tsize, _ := strconv.Atoi(c.DefaultQuery("size", "20"))',
              f"\titems, total, err := h.svc.List({ctx}, c.Query(\"q\"), page, size)",
              "\tif err != nil {", '\t\th.logger.Error("list failed", "err", err)',
              '\t\tc.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})', "\t\treturn", "\t}",
              f"\tc.JSON(http.StatusOK, {ep.resp_type}{{Items: items, Total: total}})"]
    elif ep.kind == "export":
        L += [f"\tdata, err := h.svc.Export({ctx})", "\tif err != nil {",
              "\t\tc.String(http.StatusInternalServerError, err.Error())", "\t\treturn", "\t}",
              f'\tc.Header("Content-Disposition", "attachment; filename={res.slug}.csv")',
              '\tc.Data(http.StatusOK, "text/csv", data)']
    elif ep.kind == "bulk":
        L += [f"\tn, err := h.svc.BulkDelete({ctx}, req.IDs)", "\tif err != nil {",
              "\t\tc.String(http.StatusInternalServerError, err.Error())", "\t\treturn", "\t}",
              '\tc.String(http.StatusOK, "deleted %d", n)']
    elif ep.kind == "delete":
        L += [f"\tif err := h.svc.Delete({ctx}, id); err != nil {{",
              "\t\tif errors.Is(err, ErrNotFound) {", "\t\t\tc.Status(http.StatusNotFound)", "\t\t\treturn", "\t\t}",
              "\t\tc.String(http.StatusInternalServerError, err.Error())", "\t\treturn", "\t}",
              "\tc.Status(http.StatusNoContent)"]
    else:
        args = {"get": "id", "create": "req", "update": "id, req", "archive": "id, req.Reason",
                "history": "id"}[ep.kind]
        L += [f"\tout, err := h.svc.{svc_call(ep)}({ctx}, {args})", "\tif err != nil {",
              "\t\tif errors.Is(err, ErrNotFound) {",
              '\t\t\tc.JSON(http.StatusNotFound, gin.H{"error": "not found"})', "\t\t\treturn", "\t\t}",
              f'\t\th.logger.Error("{ep.kind} failed", "err", err)',
              "\t\tc.String(http.StatusInternalServerError, err.Error())", "\t\treturn", "\t}",
              f"\tc.JSON(http.Status{'Created' if ep.kind == 'create' else 'OK'}, out)"]
    L.append("}\n")
    return "\n".join(L), imps


def echo_method(d: Domain, res: Resource, ep: Endpoint):
    imps = {"github.com/labstack/echo/v4"}
    n = res.name
    L = [f"// {ep.go_handler} handles {ep.method} {API_PREFIX}{route_path(full_segments(res, ep), 'echo')}.",
         f"func (h *{n}Handler) {ep.go_handler}(c echo.Context) error {{"]
    ctx = "c.Request().Context()"
    if "{id}" in ep.sub:
        if res.id_type == "int64":
            imps.add("strconv")
        L += parse_id_go(res, 'c.Param("id")', ['return c.String(http.StatusBadRequest, "invalid id")'])
    if ep.req_type:
        L += [f"\tvar req {ep.req_type}", "\tif err := c.Bind(&req); err != nil {",
              "\t\treturn c.String(http.StatusBadRequest, err.Error())", "\t}"]
    if ep.kind == "list":
        imps.add("strconv")
        L += ['\tpage, _ := strconv.Atoi(c.QueryParam("page"))',
              f"\titems, total, err := h.svc.List({ctx}, c.QueryParam(\"q\"), page, 20)",
              "\tif err != nil {", "\t\treturn echo.NewHTTPError(http.StatusInternalServerError, err.Error())", "\t}",
              f"\treturn c.JSON(http.StatusOK, {ep.resp_type}{{Items: items, Total: total}})"]
    elif ep.kind == "export":
        L += [f"\tdata, err := h.svc.Export({ctx})", "\tif err != nil {", "\t\treturn err", "\t}",
              '\treturn c.Blob(http.StatusOK, "text/csv", data)']
    elif ep.kind == "bulk":
        imps.add("fmt")
        L += [f"\tn, err := h.svc.BulkDelete({ctx}, req.IDs)", "\tif err != nil {", "\t\treturn err", "\t}",
              '\treturn c.String(http.StatusOK, fmt.Sprintf("deleted %d", n))']
    elif ep.kind == "delete":
        L += [f"\tif err := h.svc.Delete({ctx}, id); err != nil {{",
              "\t\tif errors.Is(err, ErrNotFound) {", "\t\t\treturn echo.ErrNotFound", "\t\t}", "\t\treturn err", "\t}",
              "\treturn c.NoContent(http.StatusNoContent)"]
    else:
        args = {"get": "id", "create": "req", "update": "id, req", "archive": "id, req.Reason",
                "history": "id"}[ep.kind]
        L += [f"\tout, err := h.svc.{svc_call(ep)}({ctx}, {args})", "\tif err != nil {",
              "\t\tif errors.Is(err, ErrNotFound) {", "\t\t\treturn echo.NewHTTPError(http.StatusNotFound, \"not found\")",
              "\t\t}", f'\t\th.logger.Error("{ep.kind} failed", "err", err)', "\t\treturn err", "\t}",
              f"\treturn c.JSON(http.Status{'Created' if ep.kind == 'create' else 'OK'}, out)"]
    L.append("}\n")
    return "\n".join(L), imps


def std_method(d: Domain, res: Resource, ep: Endpoint):
    imps = set()
    n = res.name
    fw = d.framework
    L = [f"// {ep.go_handler} handles {ep.method} {API_PREFIX}{route_path(full_segments(res, ep), fw)}.",
         f"func (h *{n}Handler) {ep.go_handler}(w http.ResponseWriter, r *http.Request) {{"]
    if "{id}" in ep.sub:
        if fw == "nethttp":
            expr = 'r.PathValue("id")'
        elif fw == "chi":
            expr = 'chi.URLParam(r, "id")'
            imps.add("github.com/go-chi/chi/v5")
        else:
            expr = 'mux.Vars(r)["id"]'
            imps.add("github.com/gorilla/mux")
        if res.id_type == "int64":
            imps.add("strconv")
        L += parse_id_go(res, expr, ['http.Error(w, "invalid id", http.StatusBadRequest)', "return"])
    if ep.req_type:
        imps.add("encoding/json")
        L += [f"\tvar req {ep.req_type}",
              "\tif err := json.NewDecoder(r.Body).Decode(&req); err != nil {",
              "\t\thttp.Error(w, err.Error(), http.StatusBadRequest)", "\t\treturn", "\t}"]
    if ep.kind == "list":
        imps.update({"strconv", "encoding/json"})
        L += ['\tq := r.URL.Query()', '\tpage, _ := strconv.Atoi(q.Get("page"))',
              "\titems, total, err := h.svc.List(r.Context(), q.Get(\"q\"), page, 20)",
              "\tif err != nil {", "\t\twriteError(w, err)", "\t\treturn", "\t}",
              '\tw.Header().Set("Content-Type", "application/json")',
              f"\tjson.NewEncoder(w).Encode({ep.resp_type}{{Items: items, Total: total}})"]
    elif ep.kind == "export":
        L += ["\tdata, err := h.svc.Export(r.Context())", "\tif err != nil {", "\t\twriteError(w, err)", "\t\treturn", "\t}",
              '\tw.Header().Set("Content-Type", "text/csv")', "\tw.Write(data)"]
    elif ep.kind == "bulk":
        imps.add("fmt")
        L += ["\tn, err := h.svc.BulkDelete(r.Context(), req.IDs)", "\tif err != nil {", "\t\twriteError(w, err)",
              "\t\treturn", "\t}", '\tw.Header().Set("Content-Type", "text/plain; charset=utf-8")',
              '\tfmt.Fprintf(w, "deleted %d", n)']
    elif ep.kind == "delete":
        L += ["\tif err := h.svc.Delete(r.Context(), id); err != nil {", "\t\twriteError(w, err)", "\t\treturn", "\t}",
              "\tw.WriteHeader(http.StatusNoContent)"]
    else:
        args = {"get": "id", "create": "req", "update": "id, req", "archive": "id, req.Reason",
                "history": "id"}[ep.kind]
        L += [f"\tout, err := h.svc.{svc_call(ep)}(r.Context(), {args})", "\tif err != nil {",
              f'\t\th.logger.Warn("{ep.kind} failed", "err", err)', "\t\twriteError(w, err)", "\t\treturn", "\t}"]
        if ep.kind == "create" or (d.index % 2 == 0):
            L.append(f"\twriteJSON(w, http.Status{'Created' if ep.kind == 'create' else 'OK'}, out)")
        else:
            imps.add("encoding/json")
            L += ['\tw.Header().Set("Content-Type", "application/json")', "\tjson.NewEncoder(w).Encode(out)"]
    L.append("}\n")
    return "\n".join(L), imps


def routes_go(d: Domain) -> str:
    fw = d.framework
    params = ", ".join(f"{lower_first(r.plural)} *{r.name}Handler" for r in d.resources)
    hv = {r.name: lower_first(r.plural) for r in d.resources}
    L = []
    if fw == "gin":
        imps = ["github.com/gin-gonic/gin"]
        L.append(f"// RegisterRoutes mounts the {d.slug} endpoints on g (the API group built in cmd/server).")
        L.append(f"func RegisterRoutes(g *gin.RouterGroup, {params}) {{")
        if d.gin_style == "flat":
            for res in d.resources:
                for ep in res.endpoints:
                    L.append(f'\tg.{ep.method}("{route_path(full_segments(res, ep), fw)}", {hv[res.name]}.{ep.go_handler})')
        else:
            shared = [r for r in d.resources if len(r.base) == 2]
            if shared:
                L.append(f'\tgrp := g.Group("/{d.slug}")')
            for res in d.resources:
                var = lower_first(res.name) + "Routes"
                if len(res.base) == 2:
                    L.append(f'\t{var} := grp.Group("/{res.slug}")')
                else:
                    L.append(f'\t{var} := g.Group("/{res.base[0]}")')
                L.append("\t{")
                for ep in res.endpoints:
                    L.append(f'\t\t{var}.{ep.method}("{route_path(ep.sub, fw)}", {hv[res.name]}.{ep.go_handler})')
                L.append("\t}")
        L.append("}\n")
    elif fw == "echo":
        imps = ["github.com/labstack/echo/v4"]
        L.append(f"// RegisterRoutes mounts the {d.slug} endpoints on g.")
        L.append(f"func RegisterRoutes(g *echo.Group, {params}) {{")
        for res in d.resources:
            var = lower_first(res.name) + "Routes"
            L.append(f'\t{var} := g.Group("/{"/".join(res.base)}")')
            for ep in res.endpoints:
                L.append(f'\t{var}.{ep.method}("{route_path(ep.sub, fw)}", {hv[res.name]}.{ep.go_handler})')
        L.append("}\n")
    elif fw == "nethttp":
        imps = ["net/http"]
        L.append(f"// RegisterRoutes adds the {d.slug} endpoints to mux. Paths are relative to the API")
        L.append("// prefix, which cmd/legacy strips before dispatching (Go 1.22 method patterns).")
        L.append(f"func RegisterRoutes(mux *http.ServeMux, {params}) {{")
        for res in d.resources:
            for ep in res.endpoints:
                L.append(f'\tmux.HandleFunc("{ep.method} {route_path(full_segments(res, ep), fw)}", {hv[res.name]}.{ep.go_handler})')
        L.append("}\n")
    elif fw == "chi":
        imps = ["github.com/go-chi/chi/v5"]
        meth = {"GET": "Get", "POST": "Post", "PUT": "Put", "PATCH": "Patch", "DELETE": "Delete"}
        L.append(f"// Mount attaches the {d.slug} endpoints to r.")
        L.append(f"func Mount(r chi.Router, {params}) {{")
        roots: dict = {}
        for res in d.resources:
            roots.setdefault(res.base[0], []).append(res)
        for root, rs in roots.items():
            L.append(f'\tr.Route("/{root}", func(r chi.Router) {{')
            for res in rs:
                ind = "\t\t"
                if len(res.base) == 2:
                    L.append(f'{ind}r.Route("/{res.slug}", func(r chi.Router) {{')
                    ind += "\t"
                top = [e for e in res.endpoints if not e.sub or e.sub[0] != "{id}"]
                byid = [e for e in res.endpoints if e.sub and e.sub[0] == "{id}"]
                for ep in top:
                    p = "/" + "/".join(ep.sub) if ep.sub else "/"
                    L.append(f'{ind}r.{meth[ep.method]}("{p}", {hv[res.name]}.{ep.go_handler})')
                L.append(f'{ind}r.Route("/{{id}}", func(r chi.Router) {{')
                for ep in byid:
                    p = "/" + "/".join(ep.sub[1:]) if len(ep.sub) > 1 else "/"
                    L.append(f'{ind}\tr.{meth[ep.method]}("{p}", {hv[res.name]}.{ep.go_handler})')
                L.append(f"{ind}}})")
                if len(res.base) == 2:
                    L.append("\t\t})")
            L.append("\t})")
        L.append("}\n")
    else:  # gorilla
        imps = ["net/http", "github.com/gorilla/mux"]
        L.append(f"// RegisterRoutes adds the {d.slug} endpoints to the API subrouter r.")
        L.append(f"func RegisterRoutes(r *mux.Router, {params}) {{")
        for res in d.resources:
            var = lower_first(res.name) + "Routes"
            L.append(f'\t{var} := r.PathPrefix("/{"/".join(res.base)}").Subrouter()')
            for i, ep in enumerate(res.endpoints):
                m = f"http.Method{ep.method.capitalize()}" if i % 2 else f'"{ep.method}"'
                L.append(f'\t{var}.HandleFunc("{route_path(ep.sub, "gorilla")}", {hv[res.name]}.{ep.go_handler}).Methods({m})')
        L.append("}\n")
    return go_file(d.pkg, imps, "\n".join(L))


def service_go(d: Domain) -> str:
    imps = {"context", "errors", "fmt", "time"}
    L = ["// ErrNotFound is returned when the requested item does not exist.",
         'var ErrNotFound = errors.New("not found")', "",
         "// ErrConflict is returned when an update races with another writer.",
         'var ErrConflict = errors.New("conflict")', ""]
    for res in d.resources:
        n, idt = res.name, res.id_type
        L += [f"// {n}Service holds the business rules for {res.plural.lower()}.",
              f"type {n}Service struct {{", f"\trepo  *{n}Repository", "\tclock func() time.Time", "}", "",
              f"// New{n}Service returns a service over repo.",
              f"func New{n}Service(repo *{n}Repository) *{n}Service {{",
              f"\treturn &{n}Service{{repo: repo, clock: time.Now}}", "}", "",
              f"func (s *{n}Service) List(ctx context.Context, q string, page, size int) ([]{n}, int, error) {{",
              "\tif page < 1 {", "\t\tpage = 1", "\t}", "\tif size <= 0 || size > 100 {", "\t\tsize = 20", "\t}",
              "\treturn s.repo.Find(ctx, q, (page-1)*size, size)", "}", "",
              f"func (s *{n}Service) Get(ctx context.Context, id {idt}) (*{n}, error) {{",
              "\titem, err := s.repo.ByID(ctx, id)", "\tif err != nil {",
              f'\t\treturn nil, fmt.Errorf("get {n.lower()} %v: %w", id, err)', "\t}", "\treturn item, nil", "}", "",
              f"func (s *{n}Service) Create(ctx context.Context, req Create{n}Request) (*{n}, error) {{",
              f"\titem := &{n}{{CreatedAt: s.clock()}}"]
        for f in res.fields[1:4]:
            if f.go not in ("CreatedAt",) and f.tagged:
                L.append(f"\t_ = req // {f.go} is copied by the mapper")
                break
        L += ["\tif err := s.repo.Insert(ctx, item); err != nil {", "\t\treturn nil, err", "\t}", "\treturn item, nil", "}", "",
              f"func (s *{n}Service) Update(ctx context.Context, id {idt}, req Update{n}Request) (*{n}, error) {{",
              "\titem, err := s.repo.ByID(ctx, id)", "\tif err != nil {", "\t\treturn nil, err", "\t}",
              "\tnow := s.clock()", "\titem.CreatedAt = item.CreatedAt.UTC()", "\t_ = now",
              "\tif err := s.repo.Save(ctx, item); err != nil {", "\t\tif errors.Is(err, ErrConflict) {",
              f'\t\t\treturn nil, fmt.Errorf("update {n.lower()} %v: %w", id, err)', "\t\t}", "\t\treturn nil, err", "\t}",
              "\treturn item, nil", "}", "",
              f"func (s *{n}Service) Delete(ctx context.Context, id {idt}) error {{",
              "\treturn s.repo.Remove(ctx, id)", "}", ""]
        kinds = {e.kind for e in res.endpoints}
        if "archive" in kinds:
            L += [f"func (s *{n}Service) Archive(ctx context.Context, id {idt}, reason string) (*{n}, error) {{",
                  '\tif reason == "" {', '\t\treturn nil, errors.New("a reason is required")', "\t}",
                  "\treturn s.Get(ctx, id)", "}", ""]
        if "history" in kinds:
            L += [f"func (s *{n}Service) History(ctx context.Context, id {idt}) ([]{n}HistoryEntry, error) {{",
                  f"\treturn []{n}HistoryEntry{{{{At: s.clock(), Actor: \"system\", Action: \"read\"}}}}, nil", "}", ""]
        if "bulk" in kinds:
            L += [f"func (s *{n}Service) BulkDelete(ctx context.Context, ids []{idt}) (int, error) {{",
                  "\tn := 0", "\tfor _, id := range ids {", "\t\tif err := s.repo.Remove(ctx, id); err != nil {",
                  "\t\t\treturn n, err", "\t\t}", "\t\tn++", "\t}", "\treturn n, nil", "}", ""]
        if "export" in kinds:
            imps.update({"bytes", "encoding/csv"})
            L += [f"func (s *{n}Service) Export(ctx context.Context) ([]byte, error) {{",
                  "\titems, _, err := s.repo.Find(ctx, \"\", 0, 10000)", "\tif err != nil {", "\t\treturn nil, err", "\t}",
                  "\tvar buf bytes.Buffer", "\tw := csv.NewWriter(&buf)",
                  "\tfor _, it := range items {", "\t\t_ = w.Write([]string{fmt.Sprint(it.ID), it.CreatedAt.Format(time.RFC3339)})",
                  "\t}", "\tw.Flush()", "\treturn buf.Bytes(), w.Error()", "}", ""]
    return go_file(d.pkg, sorted(imps), "\n".join(L))


def repository_go(d: Domain) -> str:
    imps = {"context", "database/sql", "errors", "fmt"}
    L = []
    for res in d.resources:
        n, idt = res.name, res.id_type
        table = snake(res.plural)
        cols = [snake(f.go) for f in res.fields if f.go_type in ("string", "int", "int64", "bool", "float64", "int32")]
        L += [f"// {n}Repository persists {res.plural.lower()} in the {table} table.",
              f"type {n}Repository struct {{", "\tdb *sql.DB", "}", "",
              f"func New{n}Repository(db *sql.DB) *{n}Repository {{", f"\treturn &{n}Repository{{db: db}}", "}", "",
              f"const select{res.plural}SQL = `SELECT {', '.join(cols)} FROM {table}`", "",
              f"func (r *{n}Repository) Find(ctx context.Context, q string, offset, limit int) ([]{n}, int, error) {{",
              f'\trows, err := r.db.QueryContext(ctx, select{res.plural}SQL+" WHERE name ILIKE $1 ORDER BY id LIMIT $2 OFFSET $3", "%"+q+"%", limit, offset)',
              "\tif err != nil {", f'\t\treturn nil, 0, fmt.Errorf("query {table}: %w", err)', "\t}", "\tdefer rows.Close()",
              f"\tvar out []{n}", "\tfor rows.Next() {", f"\t\tvar it {n}",
              "\t\tif err := rows.Scan(" + ", ".join(f"&it.{f.go}" for f in res.fields
                                                    if snake(f.go) in cols) + "); err != nil {",
              "\t\t\treturn nil, 0, err", "\t\t}", "\t\tout = append(out, it)", "\t}",
              "\tvar total int",
              f'\tif err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM {table}").Scan(&total); err != nil {{',
              "\t\treturn nil, 0, err", "\t}", "\treturn out, total, rows.Err()", "}", "",
              f"func (r *{n}Repository) ByID(ctx context.Context, id {idt}) (*{n}, error) {{",
              f"\tvar it {n}",
              f'\terr := r.db.QueryRowContext(ctx, select{res.plural}SQL+" WHERE id = $1", id).Scan(&it.ID)',
              "\tif errors.Is(err, sql.ErrNoRows) {", "\t\treturn nil, ErrNotFound", "\t}",
              "\treturn &it, err", "}", "",
              f"func (r *{n}Repository) Insert(ctx context.Context, it *{n}) error {{",
              f'\t_, err := r.db.ExecContext(ctx, "INSERT INTO {table} (created_at) VALUES ($1)", it.CreatedAt)',
              "\treturn err", "}", "",
              f"func (r *{n}Repository) Save(ctx context.Context, it *{n}) error {{",
              f'\tres, err := r.db.ExecContext(ctx, "UPDATE {table} SET created_at = $2 WHERE id = $1", it.ID, it.CreatedAt)',
              "\tif err != nil {", "\t\treturn err", "\t}",
              "\tif n, _ := res.RowsAffected(); n == 0 {", "\t\treturn ErrConflict", "\t}", "\treturn nil", "}", "",
              f"func (r *{n}Repository) Remove(ctx context.Context, id {idt}) error {{",
              f'\t_, err := r.db.ExecContext(ctx, "DELETE FROM {table} WHERE id = $1", id)', "\treturn err", "}", ""]
    return go_file(d.pkg, sorted(imps), "\n".join(L))


# --------------------------------------------------------------------------
# Go filler: realistic, syntactically valid code of 100-400 lines
# --------------------------------------------------------------------------

def ident(rng, prefix=""):
    w = rng.choice(WORDS)
    return (prefix + w.capitalize()) if prefix else w


def filler_go(rng: random.Random, pkg: str, kind: str, type_names: list[str], is_test: bool) -> str:
    target = rng.randint(100, 400)
    imports = set()
    chunks = []
    lines = 0
    T = rng.choice(type_names) if type_names else "Item"
    k = 0
    if is_test:
        imports.add("testing")
    while lines < target:
        k += 1
        fn = rng.choice(TEST_TEMPLATES if is_test else FILLER_TEMPLATES)
        code, imps = fn(rng, T, f"{kind.capitalize()}{k}")
        imports.update(imps)
        chunks.append(code)
        lines += code.count("\n") + 1
    header = f"// Package {pkg}: {kind} helpers.\n" if not is_test else ""
    return go_file(pkg, sorted(imports), "\n".join(chunks), header)


def t_validate(rng, T, tag):
    fields = rng.sample(["Name", "Code", "Email", "Title", "Currency", "Locale", "Status"], 4)
    L = [f"// validate{tag} checks the user-supplied fields of a {T.lower()}.",
         f"func validate{tag}(name string, fields map[string]string) error {{", "\tvar problems []string"]
    for f in fields:
        L += [f'\tif v := strings.TrimSpace(fields["{f.lower()}"]); v == "" {{',
              f'\t\tproblems = append(problems, "{f.lower()} is required")',
              f"\t}} else if len(v) > {rng.choice([32, 64, 128, 255])} {{",
              f'\t\tproblems = append(problems, fmt.Sprintf("{f.lower()} too long (%d)", len(v)))', "\t}"]
    L += ["\tif len(problems) > 0 {", f'\t\treturn fmt.Errorf("invalid %s: %s", name, strings.Join(problems, "; "))',
          "\t}", "\treturn nil", "}\n"]
    return "\n".join(L), {"fmt", "strings"}


def t_cache(rng, T, tag):
    ttl = rng.choice([30, 60, 300, 900])
    L = [f"type cache{tag}Entry struct {{", "\tvalue   any", "\texpires time.Time", "}", "",
         f"// Cache{tag} is a small TTL cache guarded by a RWMutex.",
         f"type Cache{tag} struct {{", "\tmu      sync.RWMutex", f"\tentries map[string]cache{tag}Entry", "\tttl     time.Duration",
         "\thits    uint64", "\tmisses  uint64", "}", "",
         f"func NewCache{tag}() *Cache{tag} {{",
         f"\treturn &Cache{tag}{{entries: make(map[string]cache{tag}Entry), ttl: {ttl} * time.Second}}", "}", "",
         f"func (c *Cache{tag}) Get(key string) (any, bool) {{", "\tc.mu.RLock()", "\te, ok := c.entries[key]", "\tc.mu.RUnlock()",
         "\tif !ok || time.Now().After(e.expires) {", "\t\tatomic.AddUint64(&c.misses, 1)", "\t\treturn nil, false", "\t}",
         "\tatomic.AddUint64(&c.hits, 1)", "\treturn e.value, true", "}", "",
         f"func (c *Cache{tag}) Set(key string, v any) {{", "\tc.mu.Lock()", "\tdefer c.mu.Unlock()",
         f"\tc.entries[key] = cache{tag}Entry{{value: v, expires: time.Now().Add(c.ttl)}}", "}", "",
         f"func (c *Cache{tag}) Sweep(now time.Time) int {{", "\tc.mu.Lock()", "\tdefer c.mu.Unlock()", "\tremoved := 0",
         "\tfor k, e := range c.entries {", "\t\tif now.After(e.expires) {", "\t\t\tdelete(c.entries, k)", "\t\t\tremoved++",
         "\t\t}", "\t}", "\treturn removed", "}\n"]
    return "\n".join(L), {"sync", "sync/atomic", "time"}


def t_query(rng, T, tag):
    table = snake(T) + "s"
    cols = rng.sample(["id", "name", "status", "created_at", "owner_id", "price", "code", "position"], 4)
    L = [f"// load{tag} reads {table} rows matching the filter.",
         f"func load{tag}(ctx context.Context, db *sql.DB, status string, limit int) ([]map[string]any, error) {{",
         f'\tconst q = `SELECT {", ".join(cols)}', f"\t\tFROM {table}", "\t\tWHERE status = $1 AND deleted_at IS NULL",
         f"\t\tORDER BY {cols[0]} DESC", "\t\tLIMIT $2`", "\trows, err := db.QueryContext(ctx, q, status, limit)",
         "\tif err != nil {", f'\t\treturn nil, fmt.Errorf("load {table}: %w", err)', "\t}", "\tdefer rows.Close()",
         "\tvar out []map[string]any", "\tfor rows.Next() {"]
    L += [f"\t\tvar {c.replace('_', '')} any" for c in cols]
    L += ["\t\tif err := rows.Scan(" + ", ".join("&" + c.replace("_", "") for c in cols) + "); err != nil {",
          "\t\t\treturn nil, err", "\t\t}", "\t\tout = append(out, map[string]any{"]
    L += [f'\t\t\t"{c}": {c.replace("_", "")},' for c in cols]
    L += ["\t\t})", "\t}", "\tif err := rows.Err(); err != nil {", "\t\treturn nil, err", "\t}", "\treturn out, nil", "}\n"]
    return "\n".join(L), {"context", "database/sql", "fmt"}


def t_switch(rng, T, tag):
    states = rng.sample(["draft", "pending", "active", "paused", "archived", "failed", "done", "cancelled", "review"], 5)
    L = [f"// {tag}State is the lifecycle state of a {T.lower()}.", f"type {tag}State int", "", "const ("]
    L += [f"\t{tag}{s.capitalize()}{' ' + tag + 'State = iota' if i == 0 else ''}" for i, s in enumerate(states)]
    L += [")", "", f"func (s {tag}State) String() string {{", "\tswitch s {"]
    for s in states:
        L += [f"\tcase {tag}{s.capitalize()}:", f'\t\treturn "{s}"']
    L += ["\tdefault:", f'\t\treturn "{tag.lower()}(" + strconv.Itoa(int(s)) + ")"', "\t}", "}", "",
          f"func parse{tag}State(v string) ({tag}State, bool) {{",
          f"\tfor s := {tag}{states[0].capitalize()}; s <= {tag}{states[-1].capitalize()}; s++ {{",
          "\t\tif s.String() == v {", "\t\t\treturn s, true", "\t\t}", "\t}", "\treturn 0, false", "}\n"]
    return "\n".join(L), {"strconv"}


def t_worker(rng, T, tag):
    n = rng.choice([2, 4, 8])
    L = [f"// run{tag} fans jobs out to {n} workers and collects the first error.",
         f"func run{tag}(ctx context.Context, jobs []string, do func(context.Context, string) error) error {{",
         "\tctx, cancel := context.WithCancel(ctx)", "\tdefer cancel()", "\tch := make(chan string)",
         "\terrs := make(chan error, 1)", "\tvar wg sync.WaitGroup", f"\tfor i := 0; i < {n}; i++ {{", "\t\twg.Add(1)",
         "\t\tgo func() {", "\t\t\tdefer wg.Done()", "\t\t\tfor job := range ch {",
         "\t\t\t\tif err := do(ctx, job); err != nil {", "\t\t\t\t\tselect {", "\t\t\t\t\tcase errs <- err:",
         "\t\t\t\t\t\tcancel()", "\t\t\t\t\tdefault:", "\t\t\t\t\t}", "\t\t\t\t}", "\t\t\t}", "\t\t}()", "\t}",
         "\tfor _, j := range jobs {", "\t\tselect {", "\t\tcase ch <- j:", "\t\tcase <-ctx.Done():", "\t\t\tbreak", "\t\t}",
         "\t}", "\tclose(ch)", "\twg.Wait()", "\tselect {", "\tcase err := <-errs:", "\t\treturn err", "\tdefault:",
         "\t\treturn nil", "\t}", "}\n"]
    return "\n".join(L), {"context", "sync"}


def t_retry(rng, T, tag):
    L = [f"// retry{tag} calls fn until it succeeds, backing off exponentially.",
         f"func retry{tag}(ctx context.Context, attempts int, fn func() error) error {{",
         f"\tdelay := {rng.choice([50, 100, 250])} * time.Millisecond", "\tvar last error",
         "\tfor i := 0; i < attempts; i++ {", "\t\tif last = fn(); last == nil {", "\t\t\treturn nil", "\t\t}",
         "\t\tvar perm *permanent" + tag + "Error", "\t\tif errors.As(last, &perm) {", "\t\t\treturn perm.err", "\t\t}",
         "\t\tselect {", "\t\tcase <-time.After(delay):", "\t\tcase <-ctx.Done():", "\t\t\treturn ctx.Err()", "\t\t}",
         "\t\tdelay *= 2", "\t}", f'\treturn fmt.Errorf("after %d attempts: %w", attempts, last)', "}", "",
         f"type permanent{tag}Error struct{{ err error }}", "",
         f"func (e *permanent{tag}Error) Error() string {{ return \"permanent: \" + e.err.Error() }}", "",
         f"func (e *permanent{tag}Error) Unwrap() error {{ return e.err }}\n"]
    return "\n".join(L), {"context", "errors", "fmt", "time"}


def t_csv(rng, T, tag):
    cols = rng.sample(["id", "name", "status", "created", "owner", "amount", "currency", "region"], 5)
    L = [f"// format{tag} renders rows as CSV with a header line.",
         f"func format{tag}(rows []map[string]string) string {{", "\tvar b strings.Builder",
         f'\tb.WriteString("{",".join(cols)}\\n")', "\tfor _, r := range rows {"]
    for i, c in enumerate(cols):
        L.append(f'\t\tb.WriteString(escape{tag}(r["{c}"]))')
        L.append("\t\tb.WriteByte('\\n')" if i == len(cols) - 1 else "\t\tb.WriteByte(',')")
    L += ["\t}", "\treturn b.String()", "}", "",
          f"func escape{tag}(s string) string {{", '\tif !strings.ContainsAny(s, ",\\"\\n") {', "\t\treturn s", "\t}",
          '\treturn `"` + strings.ReplaceAll(s, `"`, `""`) + `"`', "}\n"]
    return "\n".join(L), {"strings"}


def t_sort(rng, T, tag):
    L = [f"type {lower_first(tag)}Row struct {{", "\tKey      string", "\tWeight   float64", "\tPriority int",
         "\tSeen     time.Time", "}", "",
         f"// rank{tag} orders rows by priority, then weight, then recency, and drops stale ones.",
         f"func rank{tag}(rows []{lower_first(tag)}Row, cutoff time.Time) []{lower_first(tag)}Row {{",
         "\tkept := rows[:0]", "\tfor _, r := range rows {", "\t\tif r.Seen.Before(cutoff) {", "\t\t\tcontinue", "\t\t}",
         "\t\tkept = append(kept, r)", "\t}", "\tsort.SliceStable(kept, func(i, j int) bool {",
         "\t\ta, b := kept[i], kept[j]", "\t\tif a.Priority != b.Priority {", "\t\t\treturn a.Priority > b.Priority", "\t\t}",
         "\t\tif a.Weight != b.Weight {", "\t\t\treturn a.Weight > b.Weight", "\t\t}", "\t\treturn a.Seen.After(b.Seen)",
         "\t})", "\treturn kept", "}\n"]
    return "\n".join(L), {"sort", "time"}


def t_options(rng, T, tag):
    opts = rng.sample(["Timeout", "Retries", "BatchSize", "Region", "DryRun", "Verbose", "Workers"], 4)
    typ = {"Timeout": "time.Duration", "Retries": "int", "BatchSize": "int", "Region": "string",
           "DryRun": "bool", "Verbose": "bool", "Workers": "int"}
    dflt = {"Timeout": "30 * time.Second", "Retries": "3", "BatchSize": "500", "Region": '"eu-west-1"',
            "DryRun": "false", "Verbose": "false", "Workers": "4"}
    L = [f"// {tag}Options configures a {T.lower()} job.", f"type {tag}Options struct {{"]
    L += [f"\t{o} {typ[o]}" for o in opts]
    L += ["}", "", f"// {tag}Option mutates {tag}Options.", f"type {tag}Option func(*{tag}Options)", ""]
    for o in opts:
        L += [f"func With{tag}{o}(v {typ[o]}) {tag}Option {{", f"\treturn func(o *{tag}Options) {{ o.{o} = v }}", "}", ""]
    L += [f"func new{tag}Options(opts ...{tag}Option) {tag}Options {{", f"\to := {tag}Options{{"]
    L += [f"\t\t{o}: {dflt[o]}," for o in opts]
    L += ["\t}", "\tfor _, fn := range opts {", "\t\tfn(&o)", "\t}", "\treturn o", "}\n"]
    return "\n".join(L), {"time"}


def t_mapper(rng, T, tag):
    flds = rng.sample(["Name", "Status", "Code", "Owner", "Region", "Note", "Kind", "Label"], 5)
    L = [f"type {lower_first(tag)}Model struct {{"] + [f"\t{f} sql.NullString" for f in flds] + ["}", "",
         f"type {tag}View struct {{"] + [f'\t{f} string `json:"{lower_first(f)},omitempty"`' for f in flds] + ["}", "",
         f"func to{tag}View(m {lower_first(tag)}Model) {tag}View {{", f"\treturn {tag}View{{"]
    L += [f"\t\t{f}: nullString{tag}(m.{f})," for f in flds]
    L += ["\t}", "}", "", f"func nullString{tag}(s sql.NullString) string {{", "\tif !s.Valid {", '\t\treturn ""', "\t}",
          "\treturn s.String", "}\n"]
    return "\n".join(L), {"database/sql"}


def t_http_client(rng, T, tag):
    path = "/" + rng.choice(["v1", "v2"]) + "/" + snake(T) + "s"
    L = [f"// fetch{tag} calls an upstream service and decodes its JSON answer.",
         f"func fetch{tag}(ctx context.Context, client *http.Client, base string, out any) error {{",
         f'\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"{path}", nil)',
         "\tif err != nil {", "\t\treturn err", "\t}", '\treq.Header.Set("Accept", "application/json")',
         "\tresp, err := client.Do(req)", "\tif err != nil {", "\t\treturn err", "\t}", "\tdefer resp.Body.Close()",
         "\tif resp.StatusCode != http.StatusOK {", "\t\tbody, _ := io.ReadAll(io.LimitReader(resp.Body, 512))",
         f'\t\treturn fmt.Errorf("upstream {path}: %s: %s", resp.Status, body)', "\t}",
         "\treturn json.NewDecoder(resp.Body).Decode(out)", "}\n"]
    return "\n".join(L), {"context", "encoding/json", "fmt", "io", "net/http"}


FILLER_TEMPLATES = [t_validate, t_cache, t_query, t_switch, t_worker, t_retry, t_csv, t_sort, t_options,
                    t_mapper, t_http_client]


def t_table_test(rng, T, tag):
    L = [f"func Test{tag}(t *testing.T) {{", "\ttests := []struct {", "\t\tname string", "\t\tin   string",
         "\t\twant string", "\t}{"]
    for i in range(rng.randint(3, 8)):
        w = rng.choice(WORDS)
        L.append(f'\t\t{{name: "case{i}", in: "{w}", want: "{w.upper()}"}},')
    L += ["\t}", "\tfor _, tt := range tests {", "\t\tt.Run(tt.name, func(t *testing.T) {",
          "\t\t\tif got := strings.ToUpper(tt.in); got != tt.want {",
          '\t\t\t\tt.Fatalf("got %q, want %q", got, tt.want)', "\t\t\t}", "\t\t})", "\t}", "}\n"]
    return "\n".join(L), {"strings", "testing"}


def t_httptest(rng, T, tag):
    L = [f"func Test{tag}Handler(t *testing.T) {{", "\tmux := http.NewServeMux()",
         '\tmux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {',
         '\t\tw.Write([]byte("ok"))', "\t})", '\treq := httptest.NewRequest(http.MethodGet, "/healthz", nil)',
         "\trec := httptest.NewRecorder()", "\tmux.ServeHTTP(rec, req)", "\tif rec.Code != http.StatusOK {",
         '\t\tt.Fatalf("status %d", rec.Code)', "\t}", "}\n"]
    return "\n".join(L), {"net/http", "net/http/httptest", "testing"}


TEST_TEMPLATES = [t_table_test, t_table_test, t_httptest]


# --------------------------------------------------------------------------
# Go: cmd/ wiring
# --------------------------------------------------------------------------

def ctor_expr(d: Domain, res: Resource) -> str:
    p = d.pkg
    return f"{p}.New{res.name}Handler({p}.New{res.name}Service({p}.New{res.name}Repository(db)))"


def wiring_files(domains: list[Domain]) -> dict[str, str]:
    files = {}
    by_fw: dict = {fw: [] for fw, _ in FRAMEWORKS}
    for d in domains:
        by_fw[d.framework].append(d)
    param = {"gin": ("api *gin.RouterGroup", "github.com/gin-gonic/gin"),
             "echo": ("api *echo.Group", "github.com/labstack/echo/v4"),
             "nethttp": ("mux *http.ServeMux", "net/http"),
             "chi": ("r chi.Router", "github.com/go-chi/chi/v5"),
             "gorilla": ("api *mux.Router", "github.com/gorilla/mux")}
    for fw, ds in by_fw.items():
        cmd = SERVER_DIR[fw]
        parts = [ds[i:i + 50] for i in range(0, len(ds), 50)]
        for pi, part in enumerate(parts):
            L = [f"// registerPart{pi + 1:02d} wires {len(part)} domain packages.",
                 f"func registerPart{pi + 1:02d}({param[fw][0]}, db *sql.DB) {{"]
            for d in part:
                target = {"gin": "api", "echo": "api", "nethttp": "mux", "chi": "r", "gorilla": "api"}[fw]
                fn = "Mount" if fw == "chi" else "RegisterRoutes"
                L.append(f"\t{d.pkg}.{fn}({target},")
                for r in d.resources:
                    L.append(f"\t\t{ctor_expr(d, r)},")
                L.append("\t)")
            L.append("}\n")
            imps = ["database/sql", param[fw][1]] + [f"{MODULE}/internal/{d.pkg}" for d in part]
            files[f"cmd/{cmd}/wire_{pi + 1:02d}.go"] = go_file("main", imps, "\n".join(L),
                                                               "// Code generated by wiregen; DO NOT EDIT.\n")
        files[f"cmd/{cmd}/main.go"] = main_go(fw, len(parts))
    return files


def main_go(fw: str, nparts: int) -> str:
    def calls_for(t, indent="\t"):
        return "\n".join(f"{indent}registerPart{i + 1:02d}({t}, db)" for i in range(nparts))
    common = ["database/sql", "log", "os", f"{MODULE}/internal/routes"]
    dbopen = ('\tdb, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))\n\tif err != nil {\n'
              '\t\tlog.Fatalf("open db: %v", err)\n\t}\n\tdefer db.Close()\n')
    if fw == "gin":
        imps = common + ["time", "github.com/gin-gonic/gin", "github.com/gin-contrib/cors"]
        body = ("func main() {\n" + dbopen +
                "\tr := gin.Default()\n\tr.Use(cors.New(cors.Config{\n"
                '\t\tAllowOrigins:     []string{"http://localhost:5173"},\n'
                '\t\tAllowMethods:     []string{"GET", "POST", "PUT", "PATCH", "DELETE"},\n'
                '\t\tAllowHeaders:     []string{"Origin", "Content-Type", "Authorization"},\n'
                "\t\tAllowCredentials: true,\n\t\tMaxAge:           12 * time.Hour,\n\t}))\n"
                '\tr.GET("/healthz", func(c *gin.Context) { c.String(200, "ok") })\n'
                "\tapi := r.Group(routes.APIPrefix)\n" + calls_for("api") + "\n"
                '\tif err := r.Run(":8080"); err != nil {\n\t\tlog.Fatal(err)\n\t}\n}\n')
    elif fw == "nethttp":
        imps = common + ["net/http", "time"]
        body = ("func main() {\n" + dbopen + "\tmux := http.NewServeMux()\n" + calls_for("mux") + "\n"
                "\troot := http.NewServeMux()\n"
                "\troot.Handle(routes.APIPrefix+\"/\", http.StripPrefix(routes.APIPrefix, mux))\n"
                "\tsrv := &http.Server{Addr: \":8081\", Handler: root, ReadHeaderTimeout: 5 * time.Second}\n"
                "\tlog.Fatal(srv.ListenAndServe())\n}\n")
    elif fw == "echo":
        imps = common + ["github.com/labstack/echo/v4", "github.com/labstack/echo/v4/middleware"]
        body = ("func main() {\n" + dbopen + "\te := echo.New()\n\te.Use(middleware.Logger())\n"
                "\te.Use(middleware.CORSWithConfig(middleware.CORSConfig{\n"
                '\t\tAllowOrigins: []string{"http://localhost:5173"},\n'
                '\t\tAllowHeaders: []string{echo.HeaderOrigin, echo.HeaderContentType},\n\t}))\n'
                "\tapi := e.Group(routes.APIPrefix)\n" + calls_for("api") + "\n"
                '\te.Logger.Fatal(e.Start(":8082"))\n}\n')
    elif fw == "chi":
        imps = common + ["net/http", "github.com/go-chi/chi/v5", "github.com/go-chi/chi/v5/middleware"]
        body = ("func main() {\n" + dbopen + "\tr := chi.NewRouter()\n\tr.Use(middleware.RequestID)\n"
                "\tr.Use(middleware.Recoverer)\n\tr.Route(routes.APIPrefix, func(r chi.Router) {\n"
                + calls_for("r", "\t\t") + "\n\t})\n"
                '\tlog.Fatal(http.ListenAndServe(":8083", r))\n}\n')
    else:
        imps = common + ["net/http", "github.com/gorilla/mux", "github.com/rs/cors"]
        body = ("func main() {\n" + dbopen + "\tr := mux.NewRouter()\n"
                "\tapi := r.PathPrefix(routes.APIPrefix).Subrouter()\n" + calls_for("api") + "\n"
                "\tc := cors.New(cors.Options{\n"
                '\t\tAllowedOrigins: []string{"http://localhost:5173"},\n'
                '\t\tAllowedHeaders: []string{"Content-Type", "X-Partner-Key"},\n\t})\n'
                '\tlog.Fatal(http.ListenAndServe(":8084", c.Handler(r)))\n}\n')
    return go_file("main", imps, body, f"// Command {SERVER_DIR[fw]} serves the {fw} part of the shop API.\n")


# --------------------------------------------------------------------------
# frontend
# --------------------------------------------------------------------------

@dataclass
class Call:
    file: str
    line: int
    method: str
    url: str          # full URL template as the browser sees it, ${...} for params
    client: str       # axios | fetch
    domain: str
    route: str | None  # matched route (method path) or None for deliberate mismatch
    mismatch: str | None = None


def ts_interface(name: str, fields: list, export=True, rename: dict | None = None) -> list[str]:
    L = [f"{'export ' if export else ''}interface {name} {{"]
    for f in fields:
        if f.json == "-":
            continue
        key = (rename or {}).get(f.json, f.json)
        q = "?" if f.ts_optional() else ""
        L.append(f"  {key}{q}: {f.ts_type}")
    L.append("}")
    return L


def types_ts(d: Domain, rng: random.Random, path: str, wire_bugs: list, rate: float) -> str:
    L = [f"// Wire types of the {d.slug} API (mirrors internal/{d.pkg}/dto.go).", ""]
    for res in d.resources:
        n = res.name
        L += [f"export type {n}Id = {id_ts(res)}", ""]
        L += ts_interface(f"{n}Meta", res.meta_fields) + [""]
        L += ts_interface(f"{n}Line", res.line_fields) + [""]
        flds = list(res.fields) + [Field("Meta", wire("meta", d.json_style), "", f"{n}Meta"),
                                   Field("Lines", wire("lines", d.json_style), "", f"{n}Line[]", True)]
        rename = {}
        cand = [f for f in res.fields if f.tagged and f.json not in ("id",) and f.json != snake(f.json)]
        if cand and rng.random() < rate:
            victim = rng.choice(cand)
            rename[victim.json] = snake(victim.json)
        start = len(L) + 1
        L += ts_interface(n, flds, rename=rename) + [""]
        for k, v in rename.items():
            line = start + 1 + [f.json for f in flds if f.json != "-"].index(k)
            wire_bugs.append({"kind": "wire-field-name", "file": path, "line": line, "ts_field": v,
                              "go_json": k, "go_type": f"internal/{d.pkg}.{n}", "expected_rule_family": "WIRE"})
        editable = [f for f in res.fields if f.go not in ("ID", "CreatedAt", "UpdatedAt", "Revision2") and f.tagged]
        req = editable[: max(2, len(editable) // 2 + 1)]
        L += ts_interface(f"Create{n}Request", req) + [""]
        L += ts_interface(f"Update{n}Request", [Field(f.go, f.json, "", f.ts_type, True) for f in req]) + [""]
        L += ts_interface(f"List{res.plural}Response", [
            Field("Items", wire("items", d.json_style), "", f"{n}[]"),
            Field("Total", wire("total", d.json_style), "", "number"),
            Field("NextCursor", wire("nextCursor", d.json_style), "", "string | null", True)]) + [""]
        kinds = {e.kind for e in res.endpoints}
        if "archive" in kinds:
            L += ts_interface(f"Archive{n}Request", [Field("R", wire("reason", d.json_style), "", "string"),
                                                      Field("N", wire("notifyOwner", d.json_style), "", "boolean", True)]) + [""]
        if "history" in kinds:
            L += ts_interface(f"{n}HistoryEntry", [Field("A", wire("at", d.json_style), "", "string"),
                                                    Field("B", wire("actor", d.json_style), "", "string"),
                                                    Field("C", wire("action", d.json_style), "", "string"),
                                                    Field("D", wire("diff", d.json_style), "", "Record<string, string>", True)]) + [""]
        if "bulk" in kinds:
            L += ts_interface(f"BulkDelete{res.plural}Request", [Field("I", wire("ids", d.json_style), "", f"{id_ts(res)}[]")]) + [""]
    return "\n".join(L)


def client_name(res: Resource, ep: Endpoint) -> str:
    n, p = res.name, res.plural
    return {"list": f"list{p}", "get": f"get{n}", "create": f"create{n}", "update": f"update{n}",
            "delete": f"delete{n}", "archive": f"archive{n}", "history": f"get{n}History",
            "bulk": f"bulkDelete{p}", "export": f"export{p}"}[ep.kind]


def url_template(segs: list, id_expr="id") -> str:
    return "/" + "/".join("${" + id_expr + "}" if s == "{id}" else s for s in segs)


class RouteTable:
    def __init__(self):
        self.routes = []   # (method, [segments])

    def add(self, method, segs):
        self.routes.append((method, segs))

    @staticmethod
    def seg_match(client_seg, route_seg):
        return route_seg.startswith("{") or client_seg.startswith("${") or client_seg == route_seg

    def paths_matching(self, segs):
        out = []
        for m, r in self.routes:
            if len(r) == len(segs) and all(self.seg_match(c, s) for c, s in zip(segs, r)):
                out.append(m)
        return out


def mutate(rng: random.Random, res: Resource, ep: Endpoint, table: RouteTable):
    """Return (method, segments, kind) for a deliberately broken call, or None."""
    segs = ["api", "v1"] + full_segments(res, ep)
    csegs = [("${id}" if s == "{id}" else s) for s in segs]
    options = []
    # wrong method: one the route does not serve
    served = table.paths_matching(csegs)
    for m in ["PATCH", "PUT", "POST", "DELETE", "GET"]:
        if m not in served and m != ep.method:
            options.append(("wrong-method", m, csegs))
            break
    # wrong path: singular resource segment, or an extra segment
    last_lit = max(i for i, s in enumerate(csegs) if not s.startswith("$"))
    sing = list(csegs)
    if sing[last_lit].endswith("s"):
        sing[last_lit] = sing[last_lit][:-1]
        options.append(("wrong-path", ep.method, sing))
    extra = csegs + ["details"]
    options.append(("wrong-path", ep.method, extra))
    rng.shuffle(options)
    for kind, m, s in options:
        if m not in table.paths_matching(s):
            return m, s, kind
    return None


def api_ts(d: Domain, rng: random.Random, path: str, table: RouteTable, calls: list, rate: float) -> str:
    L = []
    uses_axios = d.client_style in ("axios", "mixed")
    uses_fetch = d.client_style in ("fetch", "mixed")
    if uses_axios:
        L.append("import http from './http'")
    imps = []
    for res in d.resources:
        kinds = {e.kind for e in res.endpoints}
        imps += [res.name, f"{res.name}Id", f"Create{res.name}Request", f"Update{res.name}Request",
                 f"List{res.plural}Response"]
        if "archive" in kinds:
            imps.append(f"Archive{res.name}Request")
        if "history" in kinds:
            imps.append(f"{res.name}HistoryEntry")
        if "bulk" in kinds:
            imps.append(f"BulkDelete{res.plural}Request")
    L += ["import type {"] + [f"  {i}," for i in imps] + [f"}} from '@/types/{d.pkg}'"]
    if uses_fetch:
        L += ["", "const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' }", "",
              "async function check(res: Response): Promise<Response> {",
              "  if (!res.ok) {", "    const text = await res.text()",
              "    throw new Error(`${res.status} ${res.statusText}: ${text}`)", "  }", "  return res", "}"]
    L.append("")
    for res in d.resources:
        n, idt = res.name, f"{res.name}Id"
        for ep in res.endpoints:
            if rng.random() < 0.1 and ep.kind not in ("list", "get", "create"):
                continue  # a route the frontend never calls
            name = client_name(res, ep)
            broken = mutate(rng, res, ep, table) if rng.random() < rate else None
            if broken:
                method, segs, mkind = broken
            else:
                method, segs, mkind = ep.method, ["api", "v1"] + [("${id}" if s == "{id}" else s)
                                                                  for s in full_segments(res, ep)], None
            full = "/" + "/".join(segs)
            rel = full[len(API_PREFIX):]
            style = "fetch" if d.client_style == "fetch" or (d.client_style == "mixed" and rng.random() < 0.5) else "axios"
            res.client_fns[name] = style
            q = "`" if "${" in full else "'"
            has_id = "{id}" in ep.sub
            body = ep.req_type
            doc = f"/** {ep.method} {API_PREFIX}{route_path(full_segments(res, ep), 'chi')} */"
            L.append(doc)
            call_line = None
            if style == "axios":
                m = method.lower()
                arrow = rng.random() < 0.5
                args = ", ".join(([f"id: {idt}"] if has_id else []) + ([f"body: {body}"] if body else []))
                if ep.kind == "list":
                    args = "params: { q?: string; page?: number; size?: number } = {}"
                resp = ep.resp_type or "void"
                if ep.kind == "export":
                    expr = f"http.{m}({q}{rel}{q}, {{ responseType: 'blob' }})"
                    resp = "Blob"
                elif ep.kind == "list":
                    expr = f"http.{m}<{resp}>({q}{rel}{q}, {{ params }})"
                elif body and m in ("post", "put", "patch"):
                    expr = f"http.{m}<{resp}>({q}{rel}{q}, body)"
                elif body:
                    expr = f"http.{m}<{resp}>({q}{rel}{q}, {{ data: body }})"
                else:
                    expr = f"http.{m}<{resp}>({q}{rel}{q})"
                if ep.kind == "export":
                    L.append(f"export async function {name}({args}): Promise<Blob> {{")
                    call_line = len(L) + 1
                    L += [f"  const {{ data }} = await {expr.replace('http.' + m + '(', 'http.' + m + '<Blob>(')}",
                          "  return data", "}"]
                elif arrow:
                    call_line = len(L) + 1
                    L.append(f"export const {name} = ({args}) => {expr}")
                elif ep.kind in ("update", "get") and rng.random() < 0.5:
                    L.append(f"export async function {name}({args}): Promise<{resp}> {{")
                    call_line = len(L) + 1
                    L += [f"  const {{ data }} = await {expr}", "  return data", "}"]
                else:
                    L.append(f"export function {name}({args}) {{")
                    call_line = len(L) + 1
                    L += [f"  return {expr}", "}"]
            else:
                args = ", ".join(([f"id: {idt}"] if has_id else []) + ([f"body: {body}"] if body else []))
                if ep.kind == "list":
                    args = "q = '', page = 1"
                    url = f"`{full}?q=${{encodeURIComponent(q)}}&page=${{page}}`"
                else:
                    url = f"{q}{full}{q}"
                ret = {"json": ep.resp_type, "text": "string", "csv": "Blob", "none": "void"}[ep.resp_kind]
                L.append(f"export async function {name}({args}): Promise<{ret}> {{")
                opts = []
                if method != "GET":
                    opts.append(f"method: '{method}'")
                if body:
                    opts += ["headers: JSON_HEADERS", "body: JSON.stringify(body)"]
                elif ep.resp_kind == "json":
                    opts.append("headers: { Accept: 'application/json' }")
                call_line = len(L) + 1
                if opts:
                    L.append(f"  const res = await fetch({url}, {{ " + ", ".join(opts) + " })")
                else:
                    L.append(f"  const res = await fetch({url})")
                L.append("  await check(res)")
                L.append({"json": "  return res.json()", "text": "  return res.text()", "csv": "  return res.blob()",
                          "none": "  return"}[ep.resp_kind])
                L.append("}")
            L.append("")
            calls.append(Call(path, call_line, method, full, style, d.slug,
                              None if mkind else f"{ep.method} {API_PREFIX}{route_path(full_segments(res, ep), 'chi')}",
                              mkind))
    return "\n".join(L)


TEMPLATE_KINDS = ["ListView", "DetailView", "Form", "Card", "Filters", "composable", "Table", "Dialog"]


def vue_component(d: Domain, res: Resource, kind: str, rng: random.Random, path: str,
                  table: RouteTable, calls: list) -> str:
    n, p = res.name, res.plural
    shown = [f for f in res.fields if f.tagged and f.json != "-"][: rng.randint(4, 9)]
    if kind == "composable":
        return composable_ts(d, res)
    L = []
    # ------------------------------------------------------------ template
    T = ["<template>"]
    if kind in ("ListView", "Table"):
        T += [f'  <section class="{kebab(n)}-list">', '    <header class="toolbar">', f"      <h1>{p}</h1>",
              '      <input v-model="query" type="search" placeholder="Search…" @keyup.enter="reload" />',
              '      <button type="button" class="primary" :disabled="loading" @click="reload">Refresh</button>',
              "    </header>", '    <p v-if="error" class="error">{{ error }}</p>',
              '    <table v-else class="data-table">', "      <thead>", "        <tr>"]
        T += [f"          <th>{f.go}</th>" for f in shown]
        T += ["          <th></th>", "        </tr>", "      </thead>", "      <tbody>",
              f'        <tr v-for="item in items" :key="item.{shown[0].json}" @click="select(item)">']
        for f in shown:
            if f.ts_type == "boolean":
                T.append(f"          <td><span :class=\"{{ on: item.{f.json} }}\">{{{{ item.{f.json} ? 'yes' : 'no' }}}}</span></td>")
            elif f.ts_type.endswith("[]"):
                T.append(f"          <td>{{{{ (item.{f.json} ?? []).join(', ') }}}}</td>")
            else:
                T.append(f"          <td>{{{{ item.{f.json} }}}}</td>")
        T += ['          <td><button type="button" @click.stop="remove(item)">Delete</button></td>', "        </tr>",
              '        <tr v-if="!items.length && !loading">',
              f'          <td :colspan="{len(shown) + 1}" class="empty">No {p.lower()} yet.</td>', "        </tr>",
              "      </tbody>", "    </table>",
              '    <footer class="pager">', '      <button :disabled="page <= 1" @click="page--; reload()">Previous</button>',
              "      <span>Page {{ page }} of {{ Math.max(1, Math.ceil(total / 20)) }}</span>",
              '      <button :disabled="page * 20 >= total" @click="page++; reload()">Next</button>', "    </footer>",
              "  </section>"]
    elif kind in ("Form", "Dialog"):
        T += [f'  <form class="{kebab(n)}-form" @submit.prevent="submit">']
        if kind == "Dialog":
            T = ["<template>", '  <dialog :open="open" class="modal">', f'    <form class="{kebab(n)}-form" @submit.prevent="submit">']
        for f in shown[1:]:
            if f.ts_type == "boolean":
                T += ['    <label class="check">', f'      <input v-model="form.{f.json}" type="checkbox" />',
                      f"      {f.go}", "    </label>"]
            elif f.ts_type == "number":
                T += ["    <label>", f"      {f.go}", f'      <input v-model.number="form.{f.json}" type="number" />',
                      "    </label>"]
            elif f.ts_type == "string":
                T += ["    <label>", f"      {f.go}", f'      <input v-model.trim="form.{f.json}" type="text" />',
                      "    </label>"]
        T += ['    <p v-if="error" class="error">{{ error }}</p>', '    <div class="actions">',
              "      <button type=\"button\" @click=\"emit('cancel')\">Cancel</button>",
              '      <button type="submit" class="primary" :disabled="saving">Save</button>', "    </div>",
              "  </form>" if kind == "Form" else "    </form>"]
        if kind == "Dialog":
            T.append("  </dialog>")
    else:  # DetailView, Card, Filters
        T += [f'  <article class="{kebab(n)}-{kind.lower()}" v-if="item">', f"    <h2>{{{{ item.{shown[0].json} }}}}</h2>",
              "    <dl>"]
        for f in shown[1:]:
            T += [f"      <dt>{f.go}</dt>", f"      <dd>{{{{ item.{f.json} ?? '—' }}}}</dd>"]
        T += ["    </dl>", '    <div class="actions">', "      <button type=\"button\" @click=\"emit('edit', item)\">Edit</button>",
              "    </div>", "  </article>", '  <p v-else class="loading">Loading…</p>']
    T.append("</template>")
    root_cls = f"{kebab(n)}-{kebab(kind)}"
    extra_t, extra_s = extra_blocks(rng, res, shown)
    T = ["<template>", f'  <div class="{root_cls}">'] + ["  " + x for x in T[1:-1]] + extra_t + ["  </div>", "</template>"]
    # ------------------------------------------------------------ script
    api = f"@/api/{d.pkg}"
    get_ep = next(e for e in res.endpoints if e.kind == "get")
    S = ['<script setup lang="ts">']
    inline_idx = 0
    if kind in ("ListView", "Table"):
        has_del = f"delete{n}" in res.client_fns
        S += ["import { ref, onMounted, watch } from 'vue'",
              f"import {{ list{p}{', delete' + n if has_del else ''} }} from '{api}'",
              f"import type {{ {n} }} from '@/types/{d.pkg}'", "",
              "const props = defineProps<{ initialQuery?: string; pageSize?: number }>()",
              f"const emit = defineEmits<{{ (e: 'select', item: {n}): void }}>()", "",
              f"const items = ref<{n}[]>([])", "const total = ref(0)", "const page = ref(1)",
              "const query = ref(props.initialQuery ?? '')", "const loading = ref(false)",
              "const error = ref<string | null>(null)", "", "async function reload() {", "  loading.value = true",
              "  error.value = null", "  try {"]
        if res.client_fns[f"list{p}"] == "fetch":
            S += [f"    const data = await list{p}(query.value, page.value)"]
        else:
            S += [f"    const {{ data }} = await list{p}({{ q: query.value, page: page.value, size: props.pageSize ?? 20 }})"]
        total_key = wire("total", d.json_style)
        items_key = wire("items", d.json_style)
        S += [f"    items.value = data.{items_key}", f"    total.value = data.{total_key}",
              "  } catch (e) {", "    error.value = e instanceof Error ? e.message : String(e)", "  } finally {",
              "    loading.value = false", "  }", "}", "",
              f"function select(item: {n}) {{", "  emit('select', item)", "}", "",
              f"async function remove(item: {n}) {{", f"  if (!confirm('Delete this {n.lower()}?')) return"]
        if has_del:
            S += [f"  await delete{n}(item.{wire('id', d.json_style)})"]
        S += ["  await reload()", "}", "", "watch(query, () => {", "  page.value = 1", "})", "", "onMounted(reload)"]
    elif kind in ("Form", "Dialog"):
        create_ep = next(e for e in res.endpoints if e.kind == "create")
        S += ["import { reactive, ref } from 'vue'", f"import {{ create{n} }} from '{api}'",
              f"import type {{ Create{n}Request, {n} }} from '@/types/{d.pkg}'", ""]
        if kind == "Dialog":
            S += ["const open = defineModel<boolean>('open', { default: false })"]
        S += ["const props = defineProps<{ preset?: Partial<Create" + n + "Request> }>()",
              f"const emit = defineEmits<{{ (e: 'saved', item: {n}): void; (e: 'cancel'): void }}>()", "",
              f"const form = reactive<Partial<Create{n}Request>>({{ ...props.preset }})",
              "const saving = ref(false)", "const error = ref<string | null>(null)", "",
              "async function submit() {", "  saving.value = true", "  error.value = null", "  try {"]
        if res.client_fns[f"create{n}"] == "fetch":
            S.append(f"    const item = await create{n}(form as Create{n}Request)")
        else:
            S.append(f"    const {{ data: item }} = await create{n}(form as Create{n}Request)")
        S += ["    emit('saved', item)"]
        if kind == "Dialog":
            S.append("    open.value = false")
        S += ["  } catch (e) {", "    error.value = e instanceof Error ? e.message : String(e)", "  } finally {",
              "    saving.value = false", "  }", "}"]
    else:
        S += ["import { ref, onMounted, computed } from 'vue'"]
        inline = rng.random() < 0.25 and d.client_style != "fetch"
        if inline:
            S.append("import http from '@/api/http'")
        else:
            S.append(f"import {{ get{n} }} from '{api}'")
        S += [f"import type {{ {n}, {n}Id }} from '@/types/{d.pkg}'", "",
              f"const props = defineProps<{{ id: {n}Id; compact?: boolean }}>()",
              f"const emit = defineEmits<{{ (e: 'edit', item: {n}): void }}>()", "",
              f"const item = ref<{n} | null>(null)",
              f"const title = computed(() => (item.value ? String(item.value.{shown[0].json}) : '…'))", "",
              "onMounted(async () => {"]
        if inline:
            segs = full_segments(res, get_ep)
            url = url_template(segs, "props.id")
            S.append(f"  const {{ data }} = await http.get<{n}>(`{url}`)")
            inline_idx = len(S)
            S.append("  item.value = data")
        elif res.client_fns[f"get{n}"] == "fetch":
            S.append(f"  item.value = await get{n}(props.id)")
        else:
            S.append(f"  item.value = (await get{n}(props.id)).data")
        S += ["})", "", "defineExpose({ title })"]
    S += extra_s
    S.append("</script>")
    # ------------------------------------------------------------ style
    St = ["<style scoped>", f".{root_cls} {{", "  display: grid;", f"  gap: {rng.choice([4, 8, 12, 16])}px;",
          "}", ".actions {", "  display: flex;", "  justify-content: flex-end;", "  gap: 8px;", "}", ".error {",
          "  color: #b00020;", "}"] + extra_css(rng) + ["</style>"]
    text = "\n".join(T) + "\n\n" + "\n".join(S) + "\n\n" + "\n".join(St) + "\n"
    if inline_idx:
        line = len(T) + 1 + inline_idx
        calls.append(Call(path, line, "GET", API_PREFIX + url_template(full_segments(res, get_ep), "props.id"),
                          "axios", d.slug, f"GET {API_PREFIX}{route_path(full_segments(res, get_ep), 'chi')}"))
    return text


LOREM = ("the quick review of every change keeps the team aligned on what ships next while support "
         "tracks open questions from customers and partners across regions before the weekly release").split()


def sentence(rng: random.Random, lo=6, hi=16) -> str:
    w = [rng.choice(LOREM) for _ in range(rng.randint(lo, hi))]
    return " ".join(w).capitalize() + "."


def extra_blocks(rng: random.Random, res: Resource, shown: list):
    """Extra markup (and the script it needs) so SFCs have realistic sizes."""
    T, S = [], [""]
    kinds = rng.sample(["stats", "tabs", "help", "badges", "timeline", "table"], rng.randint(1, 4))
    for k in kinds:
        if k == "stats":
            T += ['    <div class="stats">']
            for i in range(rng.randint(3, 6)):
                T += ['      <div class="stat">', f"        <span class=\"label\">{rng.choice(LOREM).capitalize()}</span>",
                      f'        <strong class="value">{{{{ stats[{i}] ?? 0 }}}}</strong>', "      </div>"]
            T += ["    </div>"]
            S += ["const stats = ref<number[]>([])"]
        elif k == "tabs":
            tabs = rng.sample(["overview", "activity", "settings", "history", "access", "billing", "notes"], 4)
            T += ['    <nav class="tabs" role="tablist">',
                  '      <button v-for="tab in tabs" :key="tab" type="button" role="tab"',
                  '        :class="{ active: tab === activeTab }" @click="activeTab = tab">{{ tab }}</button>',
                  "    </nav>"]
            for t in tabs:
                T += [f'    <section v-show="activeTab === \'{t}\'" class="tab-panel">', f"      <h3>{t.capitalize()}</h3>",
                      f"      <p>{sentence(rng)}</p>", "    </section>"]
            S += [f"const tabs = {json.dumps(tabs)} as const".replace('"', "'"),
                  "const activeTab = ref<(typeof tabs)[number]>(tabs[0])"]
        elif k == "help":
            T += ['    <aside class="help">', "      <h4>Need help?</h4>"]
            for _ in range(rng.randint(1, 3)):
                T += [f"      <p>{sentence(rng, 10, 24)}</p>"]
            T += ["      <ul>"] + [f"        <li>{sentence(rng, 3, 8)}</li>" for _ in range(rng.randint(2, 5))] + ["      </ul>",
                                                                                                              "    </aside>"]
        elif k == "badges":
            T += ['    <ul class="badges">', '      <li v-for="b in badges" :key="b.key" :class="[\'badge\', b.tone]">',
                  "        {{ b.label }}", "      </li>", "    </ul>"]
            S += ["const badges = ref<{ key: string; label: string; tone: 'ok' | 'warn' | 'info' }[]>([", ] + \
                 [f"  {{ key: '{w}', label: '{w.capitalize()}', tone: '{rng.choice(['ok', 'warn', 'info'])}' }},"
                  for w in rng.sample(WORDS, 3)] + ["])"]
        elif k == "timeline":
            T += ['    <ol class="timeline">', '      <li v-for="(ev, i) in events" :key="i">',
                  "        <time :datetime=\"ev.at\">{{ new Date(ev.at).toLocaleDateString() }}</time>",
                  "        <span>{{ ev.text }}</span>", "      </li>", "    </ol>"]
            S += ["const events = ref<{ at: string; text: string }[]>([])"]
        else:
            T += ['    <table class="summary">', "      <tbody>"]
            for f in shown[:rng.randint(2, len(shown))]:
                T += ["        <tr>", f"          <th scope=\"row\">{f.go}</th>",
                      f"          <td>{sentence(rng, 2, 6)}</td>", "        </tr>"]
            T += ["      </tbody>", "    </table>"]
    return T, S if len(S) > 1 else []


CSS_PROPS = [("margin", ["0", "4px 0", "8px 0 16px", "auto"]), ("padding", ["4px 8px", "8px", "12px 16px", "0"]),
             ("color", ["#222", "#555", "var(--fg)", "#0a58ca"]), ("font-size", ["12px", "0.875rem", "1rem", "1.25rem"]),
             ("border", ["1px solid #ddd", "none", "1px dashed #ccc"]), ("border-radius", ["4px", "6px", "999px"]),
             ("background", ["#fff", "#f7f7f9", "transparent", "var(--bg-muted)"]), ("font-weight", ["400", "600"]),
             ("display", ["flex", "grid", "block", "inline-flex"]), ("gap", ["4px", "8px", "12px"])]
CSS_SEL = [".stats", ".stat", ".label", ".value", ".tabs", ".tabs button", ".tabs .active", ".tab-panel", ".help",
           ".help ul", ".badges", ".badge.ok", ".badge.warn", ".timeline", ".timeline time", ".summary th",
           ".summary td", "table", "th", "td", "button.primary", "input", "label", "dl", "dt", "dd", ".pager"]


def extra_css(rng: random.Random) -> list:
    out = []
    for sel in rng.sample(CSS_SEL, rng.randint(4, 12)):
        out.append(f"{sel} {{")
        for prop, vals in rng.sample(CSS_PROPS, rng.randint(1, 4)):
            out.append(f"  {prop}: {rng.choice(vals)};")
        out.append("}")
    return out


def composable_ts(d: Domain, res: Resource) -> str:
    n, p = res.name, res.plural
    fetch = res.client_fns[f"get{n}"] == "fetch"
    L = ["import { ref, shallowRef } from 'vue'", f"import {{ get{n} }} from '@/api/{d.pkg}'",
         f"import type {{ {n}, {n}Id }} from '@/types/{d.pkg}'", "",
         f"const cache = new Map<{n}Id, {n}>()", "",
         f"/** Loads a {n.lower()} once and shares it between components. */",
         f"export function use{n}(id: {n}Id) {{", f"  const item = shallowRef<{n} | null>(cache.get(id) ?? null)",
         "  const loading = ref(false)", "  const error = ref<unknown>(null)", "",
         "  async function load(force = false) {", "    if (item.value && !force) return", "    loading.value = true",
         "    try {",
         f"      const value = {'await get' + n + '(id)' if fetch else '(await get' + n + '(id)).data'}",
         "      cache.set(id, value)", "      item.value = value", "    } catch (e) {", "      error.value = e",
         "    } finally {", "      loading.value = false", "    }", "  }", "",
         "  return { item, loading, error, load }", "}", ""]
    return "\n".join(L)


SHARED_WEB = {
    "web/src/api/http.ts": """import axios from 'axios'
import { useSession } from '@/stores/session'

/** The one axios instance every API module uses. */
const http = axios.create({
  baseURL: '/api/v1',
  timeout: 15_000,
  headers: { Accept: 'application/json' },
})

http.interceptors.request.use((config) => {
  const session = useSession()
  if (session.token) {
    config.headers.Authorization = `Bearer ${session.token}`
  }
  return config
})

http.interceptors.response.use(
  (res) => res,
  (err) => {
    if (err.response?.status === 401) {
      useSession().logout()
    }
    return Promise.reject(err)
  },
)

export default http
""",
    "web/src/main.ts": """import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'

createApp(App).use(router).mount('#app')
""",
    "web/src/router/index.ts": """import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

// Every views/<domain>/<Name>View.vue becomes a lazily loaded route.
const views = import.meta.glob('../views/**/*View.vue')

const routes: RouteRecordRaw[] = Object.entries(views).map(([file, load]) => {
  const path = file
    .replace('../views', '')
    .replace(/View\\.vue$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
  return { path, component: load }
})

routes.push({ path: '/', redirect: '/dashboard' })

export const router = createRouter({ history: createWebHistory(), routes })
""",
    "web/src/stores/session.ts": """import { reactive } from 'vue'

interface SessionState {
  token: string | null
  user: { id: number; name: string } | null
}

const state = reactive<SessionState>({ token: localStorage.getItem('token'), user: null })

export function useSession() {
  return {
    get token() {
      return state.token
    },
    get user() {
      return state.user
    },
    login(token: string) {
      state.token = token
      localStorage.setItem('token', token)
    },
    logout() {
      state.token = null
      state.user = null
      localStorage.removeItem('token')
    },
  }
}
""",
    "web/src/composables/useAsync.ts": """import { ref, type Ref } from 'vue'

export function useAsync<T>(fn: () => Promise<T>): { data: Ref<T | null>; error: Ref<unknown>; run: () => Promise<void> } {
  const data = ref<T | null>(null) as Ref<T | null>
  const error = ref<unknown>(null)
  async function run() {
    error.value = null
    try {
      data.value = await fn()
    } catch (e) {
      error.value = e
    }
  }
  return { data, error, run }
}
""",
    "web/src/utils/format.ts": """export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleString()
}

export function formatMoney(amount: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount)
}
""",
    "web/src/env.d.ts": """/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
""",
    "web/vite.config.ts": """import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: true },
    },
  },
})
""",
    "web/src/App.vue": """<template>
  <div class="layout">
    <AppHeader />
    <main>
      <RouterView />
    </main>
  </div>
</template>

<script setup lang="ts">
import { RouterView } from 'vue-router'
import AppHeader from '@/components/AppHeader.vue'
</script>

<style>
.layout {
  display: grid;
  grid-template-rows: auto 1fr;
  min-height: 100vh;
}
</style>
""",
    "web/src/components/AppHeader.vue": """<template>
  <header class="app-header">
    <RouterLink to="/">Shop admin</RouterLink>
    <nav>
      <slot />
    </nav>
    <span v-if="session.user" class="user">{{ session.user.name }}</span>
    <button v-if="session.token" type="button" @click="session.logout()">Sign out</button>
  </header>
</template>

<script setup lang="ts">
import { RouterLink } from 'vue-router'
import { useSession } from '@/stores/session'

const session = useSession()
</script>

<style scoped>
.app-header {
  display: flex;
  align-items: center;
  gap: 16px;
  padding: 8px 16px;
}
</style>
""",
}

PACKAGE_JSON = """{
  "name": "shop-web",
  "private": true,
  "version": "0.0.0",
  "type": "module",
  "scripts": {
    "dev": "vite",
    "build": "vue-tsc --noEmit && vite build",
    "preview": "vite preview"
  },
  "dependencies": {
    "axios": "^1.7.2",
    "vue": "^3.4.27",
    "vue-router": "^4.3.2"
  },
  "devDependencies": {
    "@vitejs/plugin-vue": "^5.0.4",
    "typescript": "~5.4.5",
    "vite": "^5.2.11",
    "vue-tsc": "^2.0.19"
  }
}
"""

TSCONFIG = """{
  "compilerOptions": {
    "target": "ES2020",
    "module": "ESNext",
    "moduleResolution": "bundler",
    "strict": true,
    "jsx": "preserve",
    "resolveJsonModule": true,
    "isolatedModules": true,
    "noEmit": true,
    "baseUrl": ".",
    "paths": { "@/*": ["src/*"] }
  },
  "include": ["src/**/*.ts", "src/**/*.vue"]
}
"""


# --------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------

def plan(go_files: int, web_files: int, seed: int):
    n_domains = max(3, go_files // GO_FILES_PER_DOMAIN)
    domains = build_domains(n_domains, seed)
    # Go budget
    by_fw: dict = {}
    for d in domains:
        by_fw[d.framework] = by_fw.get(d.framework, 0) + 1
    n_wire = sum(1 + math.ceil(c / 50) for c in by_fw.values())   # main.go + wire files
    fixed_go = n_wire + 1                                         # internal/routes/prefix.go
    core = 5 * n_domains
    filler = go_files - fixed_go - core
    if filler < 0:
        raise SystemExit(f"--go-files {go_files} is too small for {n_domains} domains (need >= {fixed_go + core})")
    n_pkg_files = min(filler, len(PKG_UTILS) * 3) if filler > n_domains * 4 else 0
    dom_filler = filler - n_pkg_files
    for i, d in enumerate(domains):
        d.filler = dom_filler // n_domains + (1 if i < dom_filler % n_domains else 0)
    # web budget
    fixed_web = len(SHARED_WEB)
    budget = web_files - fixed_web
    if budget < 3:
        raise SystemExit(f"--web-files {web_files} is too small (need >= {fixed_web + 3})")
    n_front = min(n_domains, budget // 3)
    # spread the frontend-covered domains evenly over the list
    chosen = {int(i * n_domains / n_front) for i in range(n_front)}
    comps = budget - 2 * n_front
    k = 0
    for i, d in enumerate(domains):
        d.frontend = i in chosen
        if d.frontend:
            d.web_components = comps // n_front + (1 if k < comps % n_front else 0)
            k += 1
    return domains, n_pkg_files


def generate(out: str, go_files: int, web_files: int, seed: int, rate: float) -> dict:
    domains, n_pkg_files = plan(go_files, web_files, seed)
    files: dict[str, str] = {}

    def rng_for(path: str) -> random.Random:
        return random.Random(f"{seed}/{path}")

    files["go.mod"] = (f"module {MODULE}\n\ngo 1.22\n\nrequire (\n"
                       "\tgithub.com/gin-contrib/cors v1.7.2\n\tgithub.com/gin-gonic/gin v1.10.0\n"
                       "\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/gorilla/mux v1.8.1\n"
                       "\tgithub.com/labstack/echo/v4 v4.12.0\n\tgithub.com/lib/pq v1.10.9\n"
                       "\tgithub.com/rs/cors v1.11.0\n)\n")
    files[".gitignore"] = "node_modules/\ndist/\n/bin/\n*.log\n"
    files["internal/routes/prefix.go"] = go_file("routes", [], (
        "// APIPrefix is the path under which every public endpoint is served.\n"
        f'const APIPrefix = "{API_PREFIX}"\n\n'
        "// HealthPath is served outside the API prefix.\n"
        'const HealthPath = "/healthz"\n'), "// Package routes holds the URL layout shared by all servers.\n")
    files.update(wiring_files(domains))

    table = RouteTable()
    routes = []
    for d in domains:
        for res in d.resources:
            for ep in res.endpoints:
                segs = ["api", "v1"] + full_segments(res, ep)
                table.add(ep.method, segs)
                routes.append({"method": ep.method, "path": "/" + "/".join(segs), "framework": d.framework,
                               "file": f"internal/{d.pkg}/routes.go"})

    for d in domains:
        base = f"internal/{d.pkg}"
        files[f"{base}/dto.go"] = dto_go(d)
        files[f"{base}/handler.go"] = handler_go(d)
        files[f"{base}/routes.go"] = routes_go(d)
        files[f"{base}/service.go"] = service_go(d)
        files[f"{base}/repository.go"] = repository_go(d)
        tnames = [r.name for r in d.resources]
        for j in range(d.filler):
            stem = FILLER_NAMES[j % len(FILLER_NAMES)]
            rnd = j // len(FILLER_NAMES)
            stem = stem + (f"_{rnd + 1}" if rnd else "")
            is_test = j % 7 == 6
            path = f"{base}/{stem}{'_test' if is_test else ''}.go"
            files[path] = filler_go(rng_for(path), d.pkg, stem.replace("_", ""), tnames, is_test)
    for j in range(n_pkg_files):
        pkg = PKG_UTILS[j % len(PKG_UTILS)]
        path = f"pkg/{pkg}/{pkg}{'' if j < len(PKG_UTILS) else '_' + str(j // len(PKG_UTILS) + 1)}.go"
        files[path] = filler_go(rng_for(path), pkg, pkg, ["Item", "Entry", "Record"], False)

    # frontend
    files["web/package.json"] = PACKAGE_JSON
    files["web/tsconfig.json"] = TSCONFIG
    files["web/index.html"] = ('<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n'
                               "    <title>Shop admin</title>\n  </head>\n  <body>\n    <div id=\"app\"></div>\n"
                               '    <script type="module" src="/src/main.ts"></script>\n  </body>\n</html>\n')
    files.update(SHARED_WEB)
    calls: list[Call] = []
    wire_bugs: list = []
    for d in domains:
        if not d.frontend:
            continue
        tpath = f"web/src/types/{d.pkg}.ts"
        files[tpath] = types_ts(d, rng_for(tpath), tpath, wire_bugs, rate)
        apath = f"web/src/api/{d.pkg}.ts"
        files[apath] = api_ts(d, rng_for(apath), apath, table, calls, rate)
        for c in range(d.web_components):
            res = d.resources[c % len(d.resources)]
            kind = TEMPLATE_KINDS[(c // len(d.resources)) % len(TEMPLATE_KINDS)]
            rnd = c // (len(d.resources) * len(TEMPLATE_KINDS))
            sfx = str(rnd + 1) if rnd else ""
            if kind == "composable":
                path = f"web/src/composables/{d.pkg}/use{res.name}{sfx}.ts"
            else:
                path = f"web/src/views/{d.pkg}/{res.name}{kind}{sfx}.vue"
            files[path] = vue_component(d, res, kind, rng_for(path), path, table, calls)

    # self-check: every recorded line holds what the manifest says it does
    for c in calls:
        text = files[c.file].split("\n")[c.line - 1]
        assert ("fetch(" in text or "http." in text), (c.file, c.line, text)
    for w in wire_bugs:
        text = files[w["file"]].split("\n")[w["line"] - 1]
        assert text.strip().startswith(w["ts_field"]), (w, text)

    # write
    if os.path.exists(out):
        shutil.rmtree(out)
    nbytes = {"go": 0, "vue": 0, "ts": 0, "other": 0}
    counts = {"go": 0, "vue": 0, "ts": 0, "other": 0}
    for rel in sorted(files):
        p = os.path.join(out, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        data = files[rel].encode()
        with open(p, "wb") as fh:
            fh.write(data)
        ext = rel.rsplit(".", 1)[-1]
        key = ext if ext in ("go", "vue", "ts") else "other"
        counts[key] += 1
        nbytes[key] += len(data)

    mismatches = [vars(c) for c in calls if c.mismatch]
    with open(os.path.abspath(__file__), "rb") as fh:
        gen_sha = hashlib.sha256(fh.read()).hexdigest()
    manifest = {
        "generator": "benches/gen_monorepo.py",
        "generator_sha256": gen_sha,
        "seed": seed,
        "requested": {"go_files": go_files, "web_files": web_files, "mismatch_rate": rate},
        "files": counts,
        "bytes": nbytes,
        "total_files": sum(counts.values()),
        "total_bytes": sum(nbytes.values()),
        "domains": len(domains),
        "frameworks": {fw: sum(1 for d in domains if d.framework == fw) for fw, _ in FRAMEWORKS},
        "routes": len(routes),
        "client_calls": len(calls),
        "client_calls_by_kind": {k: sum(1 for c in calls if c.client == k) for k in ("axios", "fetch")},
        "expected": {
            "route_mismatches": mismatches,
            "wire_mismatches": wire_bugs,
        },
        "route_list": routes,
        "call_list": [vars(c) for c in calls],
    }
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="directory to create (replaced if it exists)")
    ap.add_argument("--scale", type=int, default=1, help="size multiplier: 1, 4, 16 (default 1)")
    ap.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    ap.add_argument("--go-files", type=int, help=f"exact number of .go files (default {BASE_GO_FILES} x scale)")
    ap.add_argument("--web-files", type=int, help=f"exact number of .vue + .ts files (default {BASE_WEB_FILES} x scale)")
    ap.add_argument("--mismatch-rate", type=float, default=0.02,
                    help="fraction of client calls deliberately broken (default 0.02)")
    ap.add_argument("--manifest", help="where to write the manifest (default <out>.manifest.json)")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.scale < 1:
        ap.error("--scale must be >= 1")
    go_files = a.go_files if a.go_files is not None else BASE_GO_FILES * a.scale
    web_files = a.web_files if a.web_files is not None else BASE_WEB_FILES * a.scale
    t0 = time.perf_counter()
    out = a.out.rstrip("/")
    man = generate(out, go_files, web_files, a.seed, a.mismatch_rate)
    dt = time.perf_counter() - t0
    mpath = a.manifest or out + ".manifest.json"
    with open(mpath, "w") as fh:
        json.dump(man, fh, indent=1, sort_keys=False)
        fh.write("\n")
    if not a.quiet:
        f, b = man["files"], man["bytes"]
        print(f"{out}: {man['total_files']} files, {man['total_bytes'] / 1e6:.1f} MB "
              f"(go {f['go']} / {b['go'] / 1e6:.1f} MB, vue {f['vue']} / {b['vue'] / 1e6:.1f} MB, "
              f"ts {f['ts']} / {b['ts'] / 1e6:.1f} MB, other {f['other']}); "
              f"{man['domains']} domains, {man['routes']} routes, {man['client_calls']} client calls, "
              f"{len(man['expected']['route_mismatches'])} broken calls, "
              f"{len(man['expected']['wire_mismatches'])} field mismatches; {dt:.1f}s", file=sys.stderr)
        print(f"manifest: {mpath}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
