"""Odd inputs against a running silo: every pipe with every parameter set to values a client
might send by mistake, POST bodies in several content types, the Events API and bulk loads of
every data source with broken bodies, and the grain endpoints. Prints every answer of 500 or more
(or no answer at all); a silo should have none. Not part of the test suite (it makes some 60,000
calls); NoInputMakesA500Tests keeps a short version of the pipe part in CI.

    python3 tests/fuzz/odd_inputs.py http://127.0.0.1:7070 TOKEN
"""
import urllib.request, urllib.parse, json, sys, gzip, itertools, random
H = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:7070"
T = sys.argv[2] if len(sys.argv) > 2 else "tok"
pipes = """active_users content_engagement create_user_segment customer_engagement_analysis customer_segment_lookup customer_segments_summary event_frequency_by_segment event_funnel_analysis event_metrics geographic_distribution recommendation_performance segment_comparison segment_metrics session_analysis session_metrics user_activity_metrics user_behavior_timeline user_content_affinity user_engagement_time_series user_event_timeline user_events_by_segment user_recommendations user_retention_analysis user_session_stats""".split()
params = """start_date end_date limit user_id event_type event_types event_steps country platform device content_id recommendation_id segment_id segment_ids window_seconds time_bucket time_granularity granularity max_weeks min_event_count time_period_days reference_date segment_name customer_id location min_age max_age metric_name date_from date_to page offset""".split()
values = ["", " ", "-1", "0", "1", "2147483648", "99999999999999999999", "-99999999999999999999", "1e308", "-1e308", "NaN", "Infinity", "abc", "2024-13-45", "2024-02-30", "2024-01-01T25:00:00", "2024-01-01 10:00:00", "9999-12-31 23:59:59", "0001-01-01", "-62135596800", "253402300800000", "1e11", "99999999999", "\x00", "ü€😀", "x"*20000, "a,b,,c", ",", ",,,", "[]", "null", "true", "1.5", "0x10", "+5", " 5 ", "5 ", "hour", "day", "week", "month", "minute", "year", "daily", "weekly", "%", "'; DROP TABLE x; --", "page_view,click", "page_view"*200]
bad = []
def call(method, path, body=None, headers=None):
    req = urllib.request.Request(H + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()[:300]
    except urllib.error.HTTPError as e:
        return e.code, e.read()[:300]
    except Exception as e:
        return -1, str(e).encode()
n = 0
random.seed(1)
for p in pipes:
    for name in params:
        for v in values:
            q = urllib.parse.urlencode({name: v, "token": T})
            if p in ("user_event_timeline", "customer_segment_lookup", "segment_metrics") and name not in ("user_id", "customer_id", "segment_id"):
                q += "&user_id=u1&customer_id=c1&segment_id=s1"
            if p == "create_user_segment" and name not in ("segment_name", "event_type"):
                q += "&segment_name=fz&event_type=view"
            for fmt in ["json"] if random.random() < 0.8 else ["json", "csv", "ndjson"]:
                s, b = call("GET", f"/v0/pipes/{p}.{fmt}?{q}")
                n += 1
                if s >= 500 or s < 0:
                    bad.append((s, p, name, v[:40], b[:200]))
print("pipe calls", n, "bad", len(bad))
for x in bad[:40]: print(x)
# POST bodies
bodies = [b"{", b"[]", b"null", b"1", b'{"limit": {"a": 1}}', b'{"limit": [1,2]}', b'{"limit": 1e400}', b'{"user_id": null}', b"[" * 5000, b'{"a":' * 2000, b"\xff\xfe", b'{"limit": "5"}', b'{"limit": true}', b'{"steps": [["a"]]}']
for p in pipes[:24]:
    for body in bodies:
        for ct in ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "multipart/form-data", "text/plain"]:
            s, b = call("POST", f"/v0/pipes/{p}.json?token={T}", body, {"Content-Type": ct})
            if s >= 500 or s < 0:
                bad.append((s, "POST", p, ct, body[:30], b[:200]))
print("after POST bodies bad", len(bad))
for x in bad[:60]: print(x)
# ingest
ingest_bodies = [b"", b" ", b"\n\n", b"{", b"[", b"[1,2]", b"[{}]", b"[{\"user_id\":\"a\"}, 5]", b"null", b"\xef\xbb\xbf{\"user_id\":\"u\",\"event_type\":\"v\",\"timestamp\":1714557600}",
  b"\xff\xfe\x00", b'{"user_id":"u","event_type":"v","timestamp":1e400}', b'{"user_id":"u","event_type":"v","timestamp":-1e18}', b'{"user_id":"u","event_type":"v","timestamp":"9999-99-99"}',
  b'{"user_id":"u","event_type":"v","timestamp":1714557600,"duration":1e400}', b'{"user_id":"u","event_type":"v","timestamp":1714557600,"properties":' + b'{"a":' * 3000 + b'1' + b'}' * 3000 + b'}',
  b'{"user_id":"\\u00a0","event_type":"v","timestamp":1714557600}', b'{"user_id":"u","event_type":"v","timestamp":1714557600,"event_value":"NaN"}', b'{"user_id":"u","event_type":"v","timestamp":1714557600}' * 3,
  b'\x1f\x8b\x08\x00garbage', b'{"user_id":"u","event_type":"v","timestamp":253402300800}', b'{"user_id":"u","event_type":"v","timestamp":-62135596801}', b'{"user_id":"u","event_type":"v","timestamp":true}',
  b'{"customer_id":"c","signup_date":"0000-01-01","age":99999999999}', b'{"segment_id":"s","user_id":"u","active":2}']
srcs = ["user_events", "customer_events", "customers", "user_segments", "metric_aggregations", "nope", ""]
for src in srcs:
    for body in ingest_bodies:
        for headers in [{}, {"Content-Encoding": "gzip"}]:
            s, b = call("POST", f"/v0/events?name={src}&token={T}", body, headers)
            if s >= 500 or s < 0:
                bad.append((s, "events", src, headers, body[:30], b[:200]))
            for ct in ["text/csv", "application/x-ndjson", "multipart/form-data; boundary=zz", "multipart/form-data"]:
                s, b = call("POST", f"/v0/datasources?name={src}&mode=append&token={T}", body, dict(headers, **{"Content-Type": ct}))
                if s >= 500 or s < 0:
                    bad.append((s, "bulk", src, ct, headers, body[:30], b[:200]))
csvs = [b"user_id,event_type,timestamp\n", b"user_id\n", b'user_id,event_type,timestamp\n"unterminated,v,1\n', b"a,b,c\n1,2,3\n", b"\n\n\n", b"user_id,event_type,timestamp\n\xff,v,1714557600\n", b"user_id,user_id,event_type,timestamp\nu,u2,v,1714557600\n", b"user_id,event_type,timestamp\n" + b"x" * 5000000 + b",v,1\n"]
for body in csvs:
    s, b = call("POST", f"/v0/datasources?name=user_events&mode=append&format=csv&token={T}", body, {"Content-Type": "text/csv"})
    if s >= 500 or s < 0:
        bad.append((s, "csv", body[:30], b[:200]))
for path in ["/v0/users/%20/profile", "/v0/users/%C2%A0/profile", "/v0/content/%20", "/v0/recommendations/%09", "/v0/segments/%20/live", "/v0/datasources/%20", "/v0/datasources/_quarantine", "/v0/datasources/user_events_quarantine?limit=abc", "/v0/admin/stats", "/v0/pipes/.json", "/v0/pipes/%20.json"]:
    s, b = call("GET", path + ("&" if "?" in path else "?") + f"token={T}")
    if s >= 500 or s < 0:
        bad.append((s, "GET", path, b[:200]))
for path in ["/v0/segments/%20/evaluate", "/v0/segments/%20/rollups", "/v0/segments/rollups", "/v0/segments/x/rollups?from=abc"]:
    s, b = call("POST", path + ("&" if "?" in path else "?") + f"token={T}")
    if s >= 500 or s < 0:
        bad.append((s, "POST", path, b[:200]))
print("after ingest and grains bad", len(bad))
for x in bad[:80]: print(x)
