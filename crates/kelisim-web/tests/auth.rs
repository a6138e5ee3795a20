//! Sign-in, the second factor, sessions, CSRF and the sign-in rate limit (SPEC §4).

mod common;

use common::{apps, apps_with, Client};
use kelisim_store::users;
use kelisim_web::WebConfig;

fn add_user(app: &common::TestApp, login: &'static str, role: &'static str, region: Option<&'static str>) {
    let s = app.store.clone();
    app.block_on(async move {
        users::create(&s, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
    });
}

#[test]
fn spec_4_login_rate_limiting_refuses_after_repeated_failures() {
    for app in apps_with("auth_rate", || WebConfig { secure_cookies: false, login_attempts_per_login: 3, ..Default::default() }) {
        add_user(&app, "analyst", "analyst", None);
        let mut c = Client::new(&app.base);
        for _ in 0..3 {
            let r = c.sign_in("analyst", "wrong-password", None);
            assert_eq!(r.status, 401);
            assert!(r.body.contains("Логин немесе құпиясөз қате"), "the reason is shown in Kazakh");
        }
        let r = c.sign_in("analyst", "password-123456", None);
        assert_eq!(r.status, 429, "even the right password is refused while throttled");
        assert!(!c.cookies.contains_key("kelisim_session"));
        let m = Client::new(&app.base).get("/metrics");
        assert!(m.body.contains("kelisim_logins_throttled_total 1"));
    }
}

#[test]
fn forms_without_the_csrf_token_are_refused() {
    for app in apps("auth_csrf") {
        add_user(&app, "secretariat", "regional_admin", Some("750000000"));
        let mut c = Client::new(&app.base);
        assert_eq!(c.sign_in("secretariat", "password-123456", None).status, 303);
        let body = [("org_type", "house_of_friendship"), ("region", "750000000"), ("name_kk", "Д"), ("name_ru", "Д"), ("status", "active")];
        let r = c.post_form("/registry/new", &body);
        assert_eq!(r.status, 400, "no token");
        let mut with_wrong = body.to_vec();
        with_wrong.push(("csrf", "0000"));
        assert_eq!(c.post_form("/registry/new", &with_wrong).status, 400, "wrong token");
        let csrf = Client::csrf_of(&c.get("/registry/new").body);
        let mut ok = body.to_vec();
        ok.push(("csrf", &csrf));
        assert_eq!(c.post_form("/registry/new", &ok).status, 303, "right token");
        // JSON writes with the session cookie need X-CSRF-Token; GETs do not.
        let org = serde_json::json!({"org_type": "house_of_friendship", "region": "750000000", "name_kk": "Е", "name_ru": "Е"});
        assert_eq!(c.json("POST", "/api/v1/organisations", &org).status, 400);
        let r = c.send("POST", "/api/v1/organisations", Some("application/json"), org.to_string().as_bytes(), &[("X-CSRF-Token", &csrf)]);
        assert_eq!(r.status, 201, "{}", r.body);
    }
}

#[test]
fn spec_4_admins_must_enrol_a_second_factor_before_anything_else() {
    for app in apps("auth_totp") {
        add_user(&app, "chief", "admin", None);
        let mut c = Client::new(&app.base);
        let r = c.sign_in("chief", "password-123456", None);
        assert_eq!(r.header("location"), Some("/account/totp"));
        // Password alone gives no admin rights.
        assert_eq!(c.get("/people").status, 303, "back to sign-in");
        let page = c.get("/account/totp");
        let secret = page.body.split("id=\"totp-secret\">").nth(1).unwrap().split('<').next().unwrap().to_string();
        let csrf = Client::csrf_of(&page.body);
        assert_eq!(c.post_form("/account/totp", &[("code", "000000"), ("csrf", &csrf)]).status, 422);
        let code = kelisim_web::totp::current_code(&secret, "chief").unwrap();
        assert_eq!(c.post_form("/account/totp", &[("code", &code), ("csrf", &csrf)]).status, 303);
        assert_eq!(c.get("/people").status, 200, "enrolled and verified");
        // Next time: password, then the code.
        let csrf = Client::csrf_of(&c.get("/").body);
        c.post_form("/logout", &[("csrf", &csrf)]);
        assert_eq!(c.get("/people").status, 303);
        let mut fresh = Client::new(&app.base);
        let r = fresh.sign_in("chief", "password-123456", Some(&secret));
        assert_eq!(r.status, 303);
        assert_eq!(fresh.get("/people").status, 200);
        let mut wrong = Client::new(&app.base);
        let page = wrong.get("/login");
        let csrf = Client::csrf_of(&page.body);
        wrong.post_form("/login", &[("login", "chief"), ("password", "password-123456"), ("csrf", &csrf)]);
        let csrf = Client::csrf_of(&wrong.get("/login/totp").body);
        assert_eq!(wrong.post_form("/login/totp", &[("code", "123456"), ("csrf", &csrf)]).status, 401);
        assert_eq!(wrong.get("/people").status, 303);
    }
}

#[test]
fn disabled_users_and_revoked_tokens_are_refused() {
    for app in apps("auth_disable") {
        add_user(&app, "watcher", "analyst", None);
        let s = app.store.clone();
        let token = app.block_on(async move { users::create_api_token(&s, "setup", "watcher").await.unwrap() });
        let mut c = Client::with_token(&app.base, &token);
        assert_eq!(c.get("/api/v1/organisations").status, 200);
        let mut browser = Client::new(&app.base);
        assert_eq!(browser.sign_in("watcher", "password-123456", None).status, 303);
        let s = app.store.clone();
        app.block_on(async move { users::set_disabled(&s, "setup", "watcher", true).await.unwrap() });
        assert_eq!(c.get("/api/v1/organisations").status, 401);
        assert!(!browser.get("/").body.contains("watcher"), "session ended");
        assert_eq!(Client::new(&app.base).sign_in("watcher", "password-123456", None).status, 401);
    }
}

#[test]
fn session_cookie_is_http_only_and_secure_when_configured() {
    for app in apps_with("auth_cookie", || WebConfig { secure_cookies: true, ..Default::default() }) {
        add_user(&app, "reader", "analyst", None);
        let mut c = Client::new(&app.base);
        let page = c.get("/login");
        let csrf = Client::csrf_of(&page.body);
        let r = c.post_form("/login", &[("login", "reader"), ("password", "password-123456"), ("csrf", &csrf)]);
        let cookie = r.headers.get("set-cookie").unwrap().iter().find(|c| c.starts_with("kelisim_session=")).unwrap().clone();
        assert!(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Lax"), "{cookie}");
    }
}

#[test]
fn a_refused_upload_does_not_break_the_clients_next_request_on_its_connection() {
    for app in apps("auth_refused_body") {
        // A caller without a session posts a large report: refused before
        // any handler wants its body. The client gets the refusal (not a
        // broken pipe while still sending), and its next requests go through
        // on the same pooled connection (not into one the server dropped).
        let mut c = Client::new(&app.base);
        let upload = serde_json::json!({"due_on": "2026-05-01", "region": "750000000", "text": "x".repeat(3_000_000)});
        for _ in 0..3 {
            let r = c.json("POST", "/api/v1/plan-items/1/reports", &upload);
            assert_eq!((r.status, r.header("connection")), (401, None));
            assert_eq!(c.json("POST", "/api/v1/plan-items/1/reports", &serde_json::json!({"due_on": "2026-05-01"})).status, 401);
            assert_eq!(c.get("/healthz").status, 200);
        }
    }
}
