"""Journey: log in on the Chinese login page, see the navigation of one's role, switch to
English, log out."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def log_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_unit_head_logs_in_sees_role_navigation_switches_language_and_logs_out(
    page, live_server, bank
):
    log_in(page, live_server.url, "head_a", "wrong-password")
    expect(page.get_by_test_id("login-error")).to_be_visible()
    expect(page.locator("h1")).to_have_text("登录")

    log_in(page, live_server.url, "head_a")
    nav = page.get_by_test_id("nav")
    expect(nav).to_contain_text("客户经理")
    expect(nav).to_contain_text("机构")
    expect(nav).not_to_contain_text("系统管理")
    expect(page.get_by_test_id("who")).to_contain_text("城东支行")

    nav.get_by_role("link", name="客户经理", exact=True).click()
    expect(page.get_by_test_id("manager-table")).to_contain_text("甲经理")
    expect(page.get_by_test_id("manager-table")).not_to_contain_text("乙经理")

    page.select_option("#language-select", "en")
    expect(page.get_by_test_id("nav")).to_contain_text("Account managers")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.click("text=Log out")
    expect(page).to_have_url(f"{live_server.url}/login/")


def test_account_manager_on_a_phone_sees_only_their_profile(phone_page, live_server, bank):
    log_in(phone_page, live_server.url, "am_a")
    phone_page.click(".navbar-toggler")
    phone_page.get_by_role("link", name="我的档案").click()
    expect(phone_page.get_by_test_id("manager-facts")).to_contain_text("城东支行")
    phone_page.goto(f"{live_server.url}/managers/{bank.am_b.pk}/")
    expect(phone_page.locator("body")).not_to_contain_text("乙经理")
