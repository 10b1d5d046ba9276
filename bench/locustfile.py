"""The load of issue #9: people at work on the application at once, for locust.

Three kinds of simulated users, in equal numbers:
- a unit head who opens the dashboard of their sub-branch (R-RPT) again and again;
- an integration client that reads the account-manager list of the API with its own token;
- an account manager who submits work journals (R-JNL-1): opens the journal page of a day,
  then submits that day's journal. Each simulated manager is a different account manager
  and submits each day once, today first and then the days before (a journal may be
  written for today or an earlier day, once), so no submission is ever refused.

Every request that does not answer as the person expects counts as a failure: a page that
is not 200, a login or a submission that does not redirect (a refused form answers 200), an
API list that is not 200 JSON (a throttled client's 429 included).

Run by bench/load_harness.py (`locust --headless -f bench/locustfile.py …`), which passes
the logins in environment variables: LOAD_PASSWORD, LOAD_HEAD, LOAD_ACCOUNT_MANAGERS and
LOAD_API_TOKENS (comma-separated). Plain Python: it imports nothing of the application.
"""

import itertools
import os
import re
from datetime import date, timedelta

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The journal form's hidden day, and the day picker's latest day (the server's today).
FORM_DAY = re.compile(r'type="hidden" name="day" value="(\d{4}-\d{2}-\d{2})"')
SECTIONS = {
    "credit_marketing": "走访两家小微企业，介绍经营贷产品。",
    "ebanking_marketing": "为三位客户开通手机银行。",
    "results": "新增存款50万元。",
}

DASHBOARD = "/performance/dashboard/"
API_LIST = "/api/v1/managers/"
JOURNAL = "/journals/"


def _logins(variable: str) -> list[str]:
    return [value for value in os.environ.get(variable, "").split(",") if value]


ACCOUNT_MANAGERS = iter(_logins("LOAD_ACCOUNT_MANAGERS"))
API_TOKENS = itertools.cycle(_logins("LOAD_API_TOKENS") or [""])


def _csrf_token(response) -> str | None:
    found = CSRF_INPUT.search(response.text or "")
    return found.group(1) if found else None


class Person(FastHttpUser):
    """Someone who logs in with the login page, as a browser does."""

    abstract = True
    wait_time = between(0.5, 1.5)  # a person reads the page before the next click

    def log_in(self, username: str) -> None:
        with self.client.get("/login/", name="GET /login/", catch_response=True) as page:
            token = _csrf_token(page)
            if page.status_code != 200 or token is None:
                page.failure(f"login page answered {page.status_code} without a form")
                return
        form = {
            "username": username,
            "password": os.environ["LOAD_PASSWORD"],
            "csrfmiddlewaretoken": token,
            "next": "",
        }
        with self.client.post(
            "/login/", data=form, name="POST /login/", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login of {username} answered {answer.status_code}, not 302")


class UnitHead(Person):
    def on_start(self) -> None:
        self.log_in(os.environ["LOAD_HEAD"])

    @task
    def dashboard(self) -> None:
        with self.client.get(DASHBOARD, name=f"GET {DASHBOARD}", catch_response=True) as page:
            if page.status_code != 200 or 'data-testid="attention"' not in (page.text or ""):
                page.failure(f"dashboard answered {page.status_code} without its tiles")


class IntegrationClient(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.token = next(API_TOKENS)

    @task
    def account_manager_list(self) -> None:
        headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        with self.client.get(
            API_LIST, headers=headers, name=f"GET {API_LIST}", catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"API list answered {answer.status_code}")
            elif not answer.json().get("results"):
                answer.failure("API list answered no account managers")


class AccountManager(Person):
    def on_start(self) -> None:
        self.username = next(ACCOUNT_MANAGERS)  # StopIteration: more managers than logins
        self.log_in(self.username)
        self.today: date | None = None
        self.days_back = 0

    @task
    def submit_journal(self) -> None:
        query = "" if self.today is None else f"?day={self.today - timedelta(self.days_back)}"
        with self.client.get(
            JOURNAL + query, name=f"GET {JOURNAL}?day=", catch_response=True
        ) as page:
            token, day = _csrf_token(page), FORM_DAY.search(page.text or "")
            if page.status_code != 200 or token is None or day is None:
                page.failure(f"journal page answered {page.status_code} without a form")
                return
        if self.today is None:
            self.today = date.fromisoformat(day.group(1))  # the server's today
        form = {"csrfmiddlewaretoken": token, "day": day.group(1), "action": "submit", **SECTIONS}
        with self.client.post(
            f"{JOURNAL}?day={day.group(1)}",
            data=form,
            name=f"POST {JOURNAL} (submit)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                refused = re.findall(
                    r'data-testid="(?:form-error|error-\w+)">([^<]+)<', answer.text
                )
                answer.failure(f"submission answered {answer.status_code}: {refused}")
        self.days_back += 1
