"""Extreme but well-formed rows against a running silo: times from year 1 to 9999 and at the edges of
the stored range, values near the largest double, ids of thousands of characters, deep
properties; then every pipe with wide windows, every bucket size and reference dates at both
ends, the grain lookups and the segment rollups. Prints every answer of 500 or more (or none).
Decisions 101 and 102 came from it.

    python3 tests/fuzz/extreme_values.py http://127.0.0.1:7070 TOKEN
"""
import urllib.request, urllib.parse, json, sys
H = sys.argv[1]; T = sys.argv[2]
def call(method, path, body=None, headers=None):
    req = urllib.request.Request(H + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r: return r.status, r.read()[:300]
    except urllib.error.HTTPError as e: return e.code, e.read()[:300]
    except Exception as e: return -1, str(e).encode()
times = ["0001-01-01 00:00:00", -62135596800, "1970-01-01 00:00:00", "1970-01-01 00:00:00.001", "9999-12-31 23:59:59", "9999-12-31 23:59:59.999", "2000-02-29 12:00:00", 0, 1, 99999999999, 253402300799]
vals = [0, -1, 1e308, -1e308, 5e-324, 1.7976931348623157e308]
rows = []
i = 0
for t in times:
    for v in vals:
        for u in ["x1", "x2", "ü€😀" * 50, "a" * 3000]:
            i += 1
            rows.append(json.dumps({"event_id": f"ex{i}", "user_id": u, "event_type": ["page_view", "click", "purchase", "view", "like", "share"][i % 6], "timestamp": t,
              "session_id": ["", "s1", "ü"][i % 3], "duration": v, "event_value": v, "content_id": ["", "c1", "c" * 2000][i % 3], "recommendation_id": ["", "r1"][i % 2],
              "country": ["", "US", "ü"][i % 3], "page": "/" + "p" * (i % 5), "properties": {"k": "v" * (i % 7), "n": [1, {"a": None}]}}))
s, b = call("POST", f"/v0/events?name=user_events&wait=true&token={T}", "\n".join(rows).encode())
print("events", s, b[:120])
cust = [json.dumps({"customer_id": u, "name": "n", "email": "e", "age": a, "gender": "g", "location": "l", "signup_date": t, "lifetime_value": v, "customer_segment": "s"}) for u in ["x1", "x2"] for a in [0, -2147483648, 2147483647] for t in ["0001-01-01 00:00:00", "1970-01-01 00:00:00", "9999-12-31 23:59:59"] for v in [1e308, -1e308]]
print("customers", call("POST", f"/v0/events?name=customers&token={T}", "\n".join(cust).encode()))
segs = [json.dumps({"user_id": "x1", "segment_id": "sx", "segment_name": "n", "created_at": t, "updated_at": t, "active": 1}) for t in ["1970-01-01 00:00:00", "9999-12-31 23:59:59"]]
print("segments", call("POST", f"/v0/events?name=user_segments&token={T}", "\n".join(segs).encode()))
mets = [json.dumps({"segment_id": "sx", "metric_name": "m", "metric_value": v, "time_period": t, "granularity": g}) for v in [1e308, -1e308] for t in ["1970-01-01 00:00:00", "9999-12-31 23:59:59"] for g in ["daily", "weekly", "monthly", "hourly"]]
print("metrics", call("POST", f"/v0/events?name=metric_aggregations&token={T}", "\n".join(mets).encode()))
pipes = """active_users content_engagement create_user_segment customer_engagement_analysis customer_segment_lookup customer_segments_summary event_frequency_by_segment event_funnel_analysis event_metrics geographic_distribution recommendation_performance segment_comparison segment_metrics session_analysis session_metrics user_activity_metrics user_behavior_timeline user_content_affinity user_engagement_time_series user_event_timeline user_events_by_segment user_recommendations user_retention_analysis user_session_stats""".split()
extra = ["", "start_date=0001-01-01&end_date=0001-02-01", "start_date=1970-01-01&end_date=9999-12-31 23:59:59", "start_date=9999-12-31&end_date=9999-12-31 23:59:59", "start_date=1970-01-01&end_date=1970-01-02"]
params = "user_id=x1&customer_id=x1&segment_id=sx&segment_ids=sx&segment_name=ex&event_type=page_view&event_steps=page_view,click,purchase"
bad = []
for p in pipes:
    for e in extra:
        for g in ["", "&time_bucket=hour", "&time_bucket=week", "&time_bucket=month", "&granularity=weekly", "&granularity=monthly", "&time_granularity=hour", "&max_weeks=520", "&window_seconds=2147483647", "&reference_date=9999-12-31 23:59:59", "&reference_date=1970-01-01"]:
            for fmt in ["json", "csv"]:
                q = params + "&" + e + g + f"&token={T}"
                q = urllib.parse.quote(q, safe="=&")
                s, b = call("GET", f"/v0/pipes/{p}.{fmt}?{q}")
                if s >= 500 or s < 0: bad.append((s, p, e, g, fmt, b[:160]))
for path in ["/v0/users/x1/profile", "/v0/content/c1", "/v0/recommendations/r1", "/v0/segments/sx/live"]:
    s, b = call("GET", path + f"?token={T}")
    if s >= 500 or s < 0: bad.append((s, path, b[:160]))
for path in ["/v0/segments/rollups", "/v0/segments/sx/rollups?from=1970-01-01", "/v0/segments/sx/rollups"]:
    s, b = call("POST", path + ("&" if "?" in path else "?") + f"token={T}")
    if s >= 500 or s < 0: bad.append((s, "POST", path, b[:160]))
print("bad", len(bad))
for x in bad[:40]: print(x)
