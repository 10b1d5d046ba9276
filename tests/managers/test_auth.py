"""Login in Chinese by default, English on request, no user enumeration, logout."""

from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_page_is_chinese_by_default(client, db):
    body = client.get(reverse("login")).content.decode()
    assert 'lang="zh-hans"' in body
    assert "登录" in body and "密码" in body


def test_login_page_switches_to_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    body = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in body and "Log in" in body and "Password" in body


def login_error(client, username, password) -> str:
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 200
    return " ".join(response.context["form"].non_field_errors())


def test_wrong_login_gives_one_generic_message(client, bank):
    unknown_user = login_error(client, "nobody-here", "whatever-pass")
    wrong_password = login_error(client, "head_a", "wrong-password")
    bank.hr.is_active = False
    bank.hr.save()
    inactive = login_error(client, "hr", PASSWORD)
    assert unknown_user == wrong_password == inactive
    assert unknown_user


def test_login_then_logout(client, bank):
    response = client.post(reverse("login"), {"username": "head_a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert "城东支行" in home
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_browser_language_does_not_override_chinese(client, db):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in body and "登录" in body


def test_api_errors_follow_the_chosen_language(client, db):
    assert "身份认证信息未提供" in client.get("/api/v1/managers/").json()["detail"]
