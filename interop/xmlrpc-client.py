#!/usr/bin/env python3
"""Python's own xmlrpc.client against Atrium's XML-RPC endpoint: calls with structs and
arrays both ways, and Moodle's faults (code derived from the error code, "| ERRORCODE: code").
Prints one line per check; exits 1 at the first failure.
Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD."""
import json
import os
import sys
import urllib.parse
import urllib.request
import xmlrpc.client

url = os.environ.get("ATRIUM_URL", "http://localhost:8080").rstrip("/")
password = os.environ["ATRIUM_ADMIN_PASSWORD"]


def check(ok, what):
    if not ok:
        print("FAILED " + what)
        sys.exit(1)
    print("ok " + what)


def fault(call):
    try:
        call()
    except xmlrpc.client.Fault as f:
        return f
    return None


query = urllib.parse.urlencode({"username": "admin", "password": password, "service": "moodle_mobile_app"})
with urllib.request.urlopen(url + "/login/token.php?" + query) as r:
    token = json.load(r)["token"]
check(len(token) == 32, "a token for moodle_mobile_app")

server = xmlrpc.client.ServerProxy(url + "/webservice/xmlrpc/server.php?wstoken=" + token)
info = server.core_webservice_get_site_info()
check(info["username"] == "admin" and info["userid"] == 2, "core_webservice_get_site_info: " + info["sitename"])
check(isinstance(info["functions"], list) and all("name" in f for f in info["functions"]),
      "site info's functions come as an array of structs")

users = server.core_user_get_users_by_field("username", ["admin", "nobody-here"])
check(len(users) == 1 and users[0]["username"] == "admin" and users[0]["id"] == 2,
      "core_user_get_users_by_field with an array parameter")

courses = server.core_course_get_courses({"ids": [1]})
check(len(courses) == 1 and courses[0]["id"] == 1, "core_course_get_courses with a struct parameter")

f = fault(lambda: server.core_user_get_users_by_field("bogus", ["admin"]))
check(f is not None and f.faultCode == 26045186 and f.faultString.endswith("| ERRORCODE: codingerror"),
      "a failed call is Moodle's fault: %s %s" % (f and f.faultCode, f and f.faultString))

f = fault(lambda: server.core_no_such_function())
check(f is not None and f.faultCode == 23604497 and f.faultString.endswith("| ERRORCODE: invalidrecord"),
      "an unknown function is invalidrecord")

bad = xmlrpc.client.ServerProxy(url + "/webservice/xmlrpc/server.php?wstoken=deadbeefdeadbeefdeadbeefdeadbeef")
f = fault(lambda: bad.core_webservice_get_site_info())
check(f is not None and f.faultCode == 89159464
      and f.faultString == "Invalid token - token not found | ERRORCODE: invalidtoken", "a bad token is invalidtoken")

print("xmlrpc-client.py: all checks passed")
